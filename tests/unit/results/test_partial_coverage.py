"""Scores, fit and reliability when stages split the competencies: a competency nobody was asked to rate is
"not assessed" — missing by design, left out of every mean, never counted as zero nor as "not observed".
Every expected figure below is computed by hand in the comments."""

from __future__ import annotations

import math

import pytest

from assessment import scoring
from assessment.charts import comparison as charts
from assessment.results import round_reliability
from assessment.results.loader import load_round


def rate(store, candidate_id: int, name: str, staff_id: int, values: dict) -> None:
    interview = store.start_interview(candidate_id, name, staff_id=staff_id)
    version = interview.version
    for competency, value in values.items():
        version = store.save_rating(interview.id, version, competency, None if value == "n/o" else value,
                                    not_observed=value == "n/o", staff_id=staff_id)
    version = store.set_recommendation(interview.id, version, "yes", staff_id=staff_id)
    store.submit_interview(interview.id, version, staff_id=staff_id)


@pytest.fixture
def split_round(store):
    """sample_role (targets: listening 4, planning 3, saying_no 5; weights 1). Plan: all three. Stage "Client":
    listening, by Ivan and Kate. Stage "Delivery": planning, by Lena. saying_no: no stage, not assessed."""
    round_id = store.create_round("Split", "sample_role").id
    ann, ben = (c.id for c in store.add_candidates(round_id, [{"name": "Ann"}, {"name": "Ben"}]))
    people = {n: store.add_staff(f"{n.lower()}@example.com", n, "interviewer") for n in ("Ivan", "Kate", "Lena")}
    store.set_plan(round_id, ["listening", "planning", "saying_no"])
    store.add_stage(round_id, "Client", ["listening"], [people["Ivan"].id, people["Kate"].id])
    store.add_stage(round_id, "Delivery", ["planning"], [people["Lena"].id])
    rate(store, ann, "Ivan", people["Ivan"].id, {"listening": 4})
    rate(store, ann, "Kate", people["Kate"].id, {"listening": 2})
    rate(store, ann, "Lena", people["Lena"].id, {"planning": 3})
    rate(store, ben, "Ivan", people["Ivan"].id, {"listening": 5})
    rate(store, ben, "Kate", people["Kate"].id, {"listening": 5})
    rate(store, ben, "Lena", people["Lena"].id, {"planning": 2})
    return store, round_id, ann, ben


def test_means_and_fit_leave_the_not_assessed_competency_out(split_round):
    store, round_id, ann, ben = split_round
    results = load_round(store, round_id)
    assert results.not_assessed() == frozenset({"saying_no"})
    means = results.interview_means
    # Ann: listening (4 + 2) / 2 = 3, planning 3; Ben: listening 5, planning 2; saying_no missing for both.
    assert means.loc[ann, "listening"] == 3.0 and means.loc[ann, "planning"] == 3.0
    assert means.loc[ben, "listening"] == 5.0 and means.loc[ben, "planning"] == 2.0
    assert math.isnan(means.loc[ann, "saying_no"]) and math.isnan(means.loc[ben, "saying_no"])
    # Fit, lowest level 1: Ann listening (3-1)/(4-1) = 2/3, planning (3-1)/(3-1) = 1 → 100·(2/3 + 1)/2 = 83.33;
    # with saying_no counted as zero it would be 100·(2/3 + 1 + 0)/3 = 55.56.
    assert results.fit.loc[ann, "fit"] == pytest.approx(250 / 3)
    # Ben: listening min(1, (5-1)/3) = 1, planning (2-1)/2 = 0.5 → 100·1.5/2 = 75.
    assert results.fit.loc[ben, "fit"] == pytest.approx(75.0)
    # Overall (weights 1): Ann (3 + 3)/2 = 3, Ben (5 + 2)/2 = 3.5.
    overall = scoring.overall(means, results.catalog)
    assert overall[ann] == pytest.approx(3.0) and overall[ben] == pytest.approx(3.5)
    # Raters per cell: listening 2, planning 1, saying_no none at all (no row, not n = 0).
    table = results.interview.set_index(["candidate", "competency"])
    assert table.loc[(ann, "listening"), "n"] == 2 and table.loc[(ann, "planning"), "n"] == 1
    assert (ann, "saying_no") not in table.index
    # Pooled rater SD of Ann: only listening has a spread, s² = ((4-3)² + (2-3)²)/1 = 2, one degree of freedom.
    pooled = scoring.pooled_rater_sd(results.interview)
    assert pooled.loc[ann, "sd"] == pytest.approx(math.sqrt(2)) and pooled.loc[ann, "df"] == 1


def test_reliability_counts_only_cells_someone_rated(split_round):
    store, round_id, ann, ben = split_round
    results = load_round(store, round_id)
    reliability = round_reliability(results)
    # Cells rated twice: (Ann, listening) and (Ben, listening) → 2 targets; planning cells rated once → 2 single.
    # saying_no is in no cell at all: neither a target nor a single rating.
    assert reliability.agreement.n_targets == 2 and reliability.agreement.n_single == 2
    assert reliability.agreement.reason == "too_few_targets"
    # The debrief agenda: Ann's listening ratings 4 and 2 differ by 2 points; Ben's agree.
    agenda = reliability.agenda.rows
    assert list(zip(agenda["candidate"], agenda["competency"], strict=True)) == [(ann, "listening")]


def test_not_observed_stays_apart_from_not_assessed(store):
    """Ivan's stage asks listening and planning; he saw no planning ("not observed"). saying_no is in no stage."""
    round_id = store.create_round("Split", "sample_role").id
    carl = store.add_candidate(round_id, "Carl").id
    ivan = store.add_staff("ivan@example.com", "Ivan", "interviewer")
    store.set_plan(round_id, ["listening", "planning", "saying_no"])
    store.add_stage(round_id, "Client", ["listening", "planning"], [ivan.id])
    rate(store, carl, "Ivan", ivan.id, {"listening": 4, "planning": "n/o"})
    results = load_round(store, round_id)
    assert results.not_assessed() == frozenset({"saying_no"})
    figure = charts.competency_heatmap(results, "en")
    (row,) = figure.data[0].text
    assert list(row) == ["4.0", "", ""]  # listening; planning (not observed) and saying_no have no score
    (hover,) = figure.data[1].hovertext  # the grey cells of the gaps say why each is empty
    assert "not observed" in hover[1].lower() and "not assessed" in hover[2].lower()
    # Fit over listening alone: (4-1)/(4-1) = 1 → 100 %.
    assert results.fit.loc[carl, "fit"] == pytest.approx(100.0)


def test_the_heatmap_says_not_assessed_in_the_empty_column(split_round):
    store, round_id, ann, ben = split_round
    results = load_round(store, round_id)
    figure = charts.competency_heatmap(results, "de")
    cells = figure.data[0].text
    column = [c.id for c in results.catalog.competencies].index("saying_no")
    assert all("In dieser Runde nicht erhoben" in row[column] for row in figure.data[1].hovertext)
    assert {row[0] for row in cells} == {"3,0", "5,0"}  # listening, in German
