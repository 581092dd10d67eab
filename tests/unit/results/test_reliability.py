"""The reliability figures of a round: on the demo round, and on small rounds that give reasons, not errors."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment import i18n
from assessment.catalog import Catalog
from assessment.demo import INTERVIEWERS, ROUNDS
from assessment.psychometrics import DISAGREEMENT_THRESHOLD, interpret_alpha, interpret_icc
from assessment.results import RoundResults
from assessment.results import reliability as trust
from assessment.results.loader import load_round
from assessment.store import Store

ALPHA_BANDS = {"excellent", "good", "acceptable", "questionable", "poor", "unacceptable"}
ICC_BANDS = {"excellent", "good", "moderate", "poor"}


@pytest.fixture(scope="module")
def demo(demo_database) -> RoundResults:
    """The demo's key-account round: 12 candidates, 5 interviewed by two or three interviewers."""
    store = Store.open(f"sqlite:///{demo_database}", migrate=False)
    yield load_round(store, 1)
    store.engine.dispose()


@pytest.fixture(scope="module")
def reliability(demo) -> trust.RoundReliability:
    return trust.round_reliability(demo, "de")


def _demo_people_with_style(style: int) -> set[str]:
    """Names of the first demo round's candidates whose self-assessment has `style` (see demo._answer)."""
    _, people = ROUNDS["client_manager"]
    return {p.name for index, p in enumerate(people) if index % 7 == style and p.progress not in ("added", "invited")}


# -- the demo round -----------------------------------------------------------------------------------------------


def test_every_area_of_the_demo_has_an_alpha_with_its_band(reliability, demo):
    assert [a.area for a in reliability.areas] == [area.id for area in demo.catalog.areas]
    for area in reliability.areas:
        assert area.reason is None and area.alpha is not None, area
        assert area.band == interpret_alpha(area.alpha) and area.band in ALPHA_BANDS
        assert area.ci95[0] < area.alpha < area.ci95[1]
    assert reliability.areas[0].name == demo.catalog.areas[0].name.de  # names in the language asked for


def test_alpha_reflects_reverse_keyed_items_and_counts_complete_answers_only(reliability, demo):
    area = demo.catalog.areas[0]
    items = [(entry.key, entry.item.reverse) for entry in area.self_items]
    assert any(reverse for _, reverse in items), "the check needs a reverse-keyed item"
    wide = demo.answers.pivot(index="candidate", columns="item", values="value")[[k for k, _ in items]].dropna()
    for key, reverse in items:
        if reverse:
            wide[key] = 6 - wide[key]
    expected, _ = pg.cronbach_alpha(wide)
    assert reliability.areas[0].alpha == pytest.approx(expected)
    # the partial self-assessments (half the items) count for the first areas only
    assert [a.n_respondents for a in reliability.areas] == [10, 10, 10, 8, 8]


def test_interviewers_agreement_is_icc1_over_the_first_two_interviewers(reliability, demo):
    agreement = reliability.agreement
    assert agreement.reason is None
    assert 0 < agreement.single < agreement.panel < 1
    assert agreement.panel == pytest.approx(2 * agreement.single / (1 + agreement.single))  # Spearman-Brown, k = 2
    assert agreement.single_band == interpret_icc(agreement.single) and agreement.single_band in ICC_BANDS
    assert agreement.panel_band == interpret_icc(agreement.panel)
    assert agreement.single_ci95[0] < agreement.single < agreement.single_ci95[1]
    observed = demo.ratings.dropna(subset=["value"])
    per_cell = observed.groupby(["candidate", "competency"]).size()
    assert agreement.n_targets == (per_cell >= 2).sum() and agreement.n_single == (per_cell == 1).sum()
    assert agreement.n_candidates == 4  # the fifth finalist's second interview is a draft
    first_two = observed.sort_values("interview", kind="stable").groupby(["candidate", "competency"]).head(2)
    first_two = first_two.assign(slot=first_two.groupby(["candidate", "competency"]).cumcount(),
                                 target=first_two["candidate"].astype(str) + "/" + first_two["competency"])
    paired = first_two[first_two.groupby("target")["value"].transform("size") == 2]
    reference = pg.intraclass_corr(paired, "target", "slot", "value").set_index("Type")["ICC"]
    assert (agreement.single, agreement.panel) == pytest.approx((reference["ICC(1,1)"], reference["ICC(1,k)"]))


def test_the_lenient_demo_interviewer_is_flagged_lenient(reliability):
    lenient = {name for name, _, leniency in INTERVIEWERS if leniency > 0.5}
    assert lenient == {"Mark Ellis"}
    flagged = reliability.rater_effects.flagged()
    assert set(flagged.loc[flagged["flag"] == "lenient", "interviewer"]) == lenient
    assert flagged.loc[flagged["flag"] == "lenient", "measure"].iloc[0] > 0.75
    assert set(reliability.rater_effects.rows["interviewer"]) == {name for name, _, _ in INTERVIEWERS}


def test_the_demo_speeder_and_straight_liner_are_flagged(reliability):
    speeders, straight_liners = _demo_people_with_style(5), _demo_people_with_style(6)
    assert speeders == {"Дмитрий Волков"} and straight_liners == {"Sophie Becker"}
    flagged = reliability.response_quality.flagged()
    assert set(flagged.loc[flagged["flag"] == "speeding", "name"]) == speeders
    assert set(flagged.loc[flagged["flag"] == "straight_lining", "name"]) == straight_liners
    assert set(flagged["name"]) == speeders | straight_liners  # the careful ones are left alone
    assert flagged.set_index("flag").loc["speeding", "measure"] < 2  # seconds per statement


def test_the_agenda_goes_candidate_by_candidate_with_names(reliability, demo):
    agenda = reliability.agenda
    assert agenda.reason is None and len(agenda.rows) > 0
    rows = agenda.rows
    assert (rows["range"] >= DISAGREEMENT_THRESHOLD).all()
    blocks = [c for n, c in enumerate(rows["candidate"]) if n == 0 or c != rows["candidate"][n - 1]]
    assert len(blocks) == rows["candidate"].nunique()  # candidate by candidate
    assert rows["range"][0] == rows["range"].max()  # the widest gap opens the agenda
    for _, own in rows.groupby("candidate"):
        assert list(own["range"]) == sorted(own["range"], reverse=True)
    names = demo.candidates["name"]
    assert list(rows["name"]) == [names[c] for c in rows["candidate"]]
    assert list(rows["competency_name"]) == [demo.catalog.competency(c).name.de for c in rows["competency"]]
    assert "Mark Ellis" in set(rows["interviewers_at_max"].sum())


def test_every_band_reason_and_flag_has_a_text():
    keys = i18n.strings()
    wanted = [f"trust.alpha.{band}" for band in ALPHA_BANDS]
    wanted += [f"trust.icc.{form}.{band}" for form in ("single", "panel") for band in ICC_BANDS]
    wanted += [f"trust.reason.{reason}" for reason in trust.REASONS]
    for flag in (*trust.RATER_FLAGS, *trust.ANSWER_FLAGS):
        wanted += [f"trust.flag.{flag}", f"trust.flag.{flag}.reading"]
    assert [key for key in wanted if key not in keys] == []
    assert set(trust.FLAG_MEASURES) == {*trust.RATER_FLAGS, *trust.ANSWER_FLAGS}


# -- small synthetic rounds on the sample catalog (two areas: 5 and 2 statements, 3 competencies) --------------

COMPETENCIES = ["listening", "planning", "saying_no"]


def _round(store: Store, answers: dict[str, list[int]] | None = None,
           interviews: dict[str, dict[str, list[int]]] | None = None) -> RoundResults:
    """A round of the sample catalog: per candidate the 7 answers, and per candidate {interviewer: 3 ratings}."""
    round_ = store.create_round("Round", "sample_role")
    keys = [entry.key for entry in store.catalog_of_round(round_.id).self_items]
    names = list(dict.fromkeys([*(answers or {}), *(interviews or {})]))
    ids = {name: store.add_candidate(round_.id, name).id for name in names}
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    for name, values in (answers or {}).items():
        store.give_consent(ids[name])
        for n, (key, value) in enumerate(zip(keys, values, strict=True)):
            store.save_answer(ids[name], key, value, answered_at=start + timedelta(seconds=15 * n))
    for name, panel in (interviews or {}).items():
        for interviewer, ratings in panel.items():
            _interview(store, ids[name], interviewer, ratings)
    return load_round(store, round_.id)


def _interview(store: Store, candidate_id: int, interviewer: str, ratings: list[int]) -> None:
    interview = store.start_interview(candidate_id, interviewer)
    version = interview.version
    for competency, value in zip(COMPETENCIES, ratings, strict=True):
        version = store.save_rating(interview.id, version, competency, value)
    version = store.set_recommendation(interview.id, version, "yes")
    store.submit_interview(interview.id, version)


def test_an_empty_round_gives_reasons_not_errors(sqlite_store):
    result = trust.round_reliability(_round(sqlite_store))
    assert {a.reason for a in result.areas} == {"too_few_respondents"}
    assert all(a.alpha is None and a.band == "undefined" for a in result.areas)
    assert result.agreement.reason == "no_ratings" and result.agreement.single is None
    assert result.agreement.single_band == result.agreement.panel_band == "undefined"
    assert result.rater_effects.reason == "no_ratings" and result.rater_effects.flagged().empty
    assert result.response_quality.reason == "no_answers" and result.response_quality.flagged().empty
    assert result.agenda.reason == "no_ratings" and result.agenda.rows.empty


def test_a_round_with_one_interviewer_per_candidate(sqlite_store):
    results = _round(sqlite_store, answers={"Ann": [4, 2, 3, 4, 2, 2, 4], "Ben": [2, 4, 2, 2, 4, 4, 2]},
                     interviews={"Ann": {"Vera": [4, 3, 2]}, "Ben": {"Vera": [2, 3, 4]}})
    result = trust.round_reliability(results)
    assert [(a.reason, a.n_respondents) for a in result.areas] == [("too_few_respondents", 2)] * 2
    assert result.agreement.reason == "no_shared_candidates" and result.agreement.n_single == 6
    assert result.rater_effects.reason == "one_interviewer"
    assert result.response_quality.reason == "too_few_answers"  # 7 statements: too few to judge care
    assert len(result.response_quality.rows) == 2 and result.response_quality.flagged().empty
    assert result.agenda.reason == "no_shared_candidates"


def test_one_candidate_with_two_interviewers_is_too_little_for_an_icc(sqlite_store):
    results = _round(sqlite_store, interviews={"Ann": {"Vera": [4, 3, 2], "Walt": [2, 3, 4]}})
    result = trust.round_reliability(results)
    assert result.agreement.reason == "too_few_targets" and result.agreement.n_targets == 3
    assert result.rater_effects.reason == "too_few_ratings" and result.rater_effects.flagged().empty
    assert len(result.agenda.rows) == 2 and result.agenda.reason is None  # listening and saying_no: 2 apart


def test_agreeing_interviewers_and_identical_answers(sqlite_store):
    ratings = {"Ann": [5, 4, 2], "Ben": [2, 3, 1], "Cleo": [3, 5, 4]}
    results = _round(sqlite_store, answers={name: [3] * 7 for name in ratings},
                     interviews={name: {"Vera": r, "Walt": r} for name, r in ratings.items()})
    result = trust.round_reliability(results)
    assert result.agreement.single == pytest.approx(1) and result.agreement.single_band == "excellent"
    assert result.agreement.n_targets == 9 and result.agenda.rows.empty and result.agenda.reason is None
    assert {a.reason for a in result.areas} == {"no_variance"}  # everybody answered 3: nothing to measure


def test_identical_ratings_everywhere_cannot_be_measured(sqlite_store):
    results = _round(sqlite_store, interviews={name: {"Vera": [3, 3, 3], "Walt": [3, 3, 3]} for name in "ABC"})
    assert trust.round_reliability(results).agreement.reason == "no_variance"


def test_an_area_with_one_statement_has_no_alpha(sqlite_store):
    rng = np.random.default_rng(1)
    results = _round(sqlite_store, answers={f"P{n}": [int(v) for v in rng.integers(1, 6, 7)] for n in range(4)})
    data = results.catalog.model_dump()
    data["areas"][1]["competencies"][0]["self_items"] = data["areas"][1]["competencies"][0]["self_items"][:1]
    one_item = dataclasses.replace(results, catalog=Catalog.model_validate(data))
    people, backbone = trust.area_alphas(one_item)
    assert people.reason is None and people.n_respondents == 4
    assert (backbone.reason, backbone.n_items, backbone.alpha) == ("too_few_items", 1, None)


def test_flagged_rows_carry_the_figure_behind_each_flag():
    rows = pd.DataFrame({"interviewer": ["Vera", "Walt"], "leniency": [1.2, -0.9], "halo_ratio": [0.3, 1.0],
                         "midpoint_share": [0.2, 0.1], "flags": [["lenient", "halo"], []]})
    flagged = trust.Check(rows).flagged()
    assert flagged[["interviewer", "flag", "measure"]].to_dict("records") == [
        {"interviewer": "Vera", "flag": "lenient", "measure": 1.2},
        {"interviewer": "Vera", "flag": "halo", "measure": 0.3},
    ]


@st.composite
def small_rounds(draw):
    """Answers and submitted ratings of up to 4 candidates, 3 interviewers; any value 1-5, "not observed" too."""
    candidates, interviewers = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    value = st.one_of(st.none(), st.integers(1, 5))
    ratings = [(c, c * 10 + i, f"I{i}", competency, draw(value)) for c in range(candidates)
               for i in range(interviewers) if draw(st.booleans()) for competency in COMPETENCIES]
    answers = [(c, n, draw(st.integers(1, 5))) for c in range(candidates) for n in range(draw(st.integers(0, 7)))]
    return candidates, ratings, answers


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(small_rounds())
def test_small_rounds_never_raise(sqlite_store, drawn):
    candidates, ratings, answers = drawn
    empty = _round(sqlite_store)  # the sample catalog; the drawn frames replace its data
    keys = trust.questionnaire(empty.catalog)["item"]
    start = pd.Timestamp("2026-03-01")
    results = dataclasses.replace(
        empty,
        candidates=pd.DataFrame({"name": [f"C{c}" for c in range(candidates)]}),
        ratings=pd.DataFrame(ratings, columns=["candidate", "interview", "interviewer", "competency", "value"])
        .assign(value=lambda r: r["value"].astype(float), status="submitted"),
        answers=pd.DataFrame([(c, keys[n], v, start + pd.Timedelta(seconds=9 * n)) for c, n, v in answers],
                             columns=["candidate", "item", "value", "answered_at"]),
    )
    result = trust.round_reliability(results)
    reasons = [a.reason for a in result.areas] + [result.agreement.reason] + [
        check.reason for check in (result.rater_effects, result.response_quality, result.agenda)]
    assert set(reasons) - {None} <= set(trust.REASONS)
    for check in (result.rater_effects, result.response_quality):
        check.flagged()
