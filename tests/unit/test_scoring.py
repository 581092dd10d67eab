"""Scoring against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment import scoring
from assessment.catalog import load_catalog
from tests.conftest import FIXTURES


@pytest.fixture
def catalog(sample_catalogs):
    # listening (communication, target 4): s1, s2 reversed
    # planning (execution, target 3): s1, s2, s3 reversed
    # saying_no (assertiveness, target 5): s1 reversed, s2
    return load_catalog("sample_role").catalog


def answers(rows):
    return pd.DataFrame(rows, columns=["candidate", "item", "value"])


def test_self_scores_apply_reverse_keys_and_skip_missing(catalog):
    frame = answers([
        (1, "listening.s1", 5), (1, "listening.s2", 2),           # 5 and 6-2=4 -> 4.5
        (1, "planning.s1", 3), (1, "planning.s3", 5),             # 3 and 6-5=1 -> 2.0 (s2 missing)
        (2, "saying_no.s1", 1),                                   # 6-1=5 -> 5.0
    ])
    scores = scoring.self_scores(frame, catalog)
    assert scores.loc[1, "listening"] == 4.5
    assert scores.loc[1, "planning"] == 2.0
    assert math.isnan(scores.loc[1, "saying_no"])
    assert scores.loc[2, "saying_no"] == 5.0
    assert scores.loc[2, ["listening", "planning"]].isna().all()


def test_dimension_and_overall_scores(catalog):
    scores = pd.DataFrame({"listening": [4.0], "planning": [2.0], "saying_no": [np.nan]}, index=[1])
    dimensions = scoring.dimension_scores(scores, catalog)
    assert dimensions.loc[1, "communication"] == 4.0
    assert dimensions.loc[1, "execution"] == 2.0
    assert math.isnan(dimensions.loc[1, "assertiveness"])
    assert scoring.overall(scores, catalog).loc[1] == 3.0


def ratings(rows):
    return pd.DataFrame(rows, columns=["candidate", "interviewer", "competency", "value"]).astype({"value": float})


def test_interview_scores_mean_se_and_t_interval():
    table = scoring.interview_scores(ratings([
        (1, "a", "listening", 4), (1, "b", "listening", 2), (1, "c", "listening", 3),
        (1, "a", "planning", 5), (1, "b", "planning", np.nan),    # not observed is left out, not zero
    ])).set_index("competency")
    listening = table.loc["listening"]
    assert listening["mean"] == 3.0 and listening["n"] == 3
    assert listening["sd"] == pytest.approx(1.0)
    assert listening["se"] == pytest.approx(1 / math.sqrt(3))
    half = 4.302652729911275 / math.sqrt(3)  # t(0.975, 2) = 4.3027
    assert listening["ci_low"] == pytest.approx(max(1.0, 3 - half))  # clipped to the scale
    assert listening["ci_high"] == pytest.approx(min(5.0, 3 + half))
    planning = table.loc["planning"]
    assert planning["mean"] == 5.0 and planning["n"] == 1
    assert math.isnan(planning["ci_low"]) and math.isnan(planning["ci_high"])  # one interviewer: no interval


def test_fit_to_target_by_hand(catalog):
    # listening 3 of target 4 -> (3-1)/(4-1) = 2/3; planning 4 of 3 -> capped at 1; saying_no 3 of 5 -> 2/4
    scores = pd.DataFrame({"listening": [3.0], "planning": [4.0], "saying_no": [3.0]}, index=[7])
    fit = scoring.fit_to_target(scores, catalog)
    assert fit.loc[7, "fit"] == pytest.approx(100 * (2 / 3 + 1 + 0.5) / 3)
    assert math.isnan(fit.loc[7, "fit_low"])


def test_fit_interval_from_pooled_rater_spread(catalog):
    frame = ratings([
        (1, "a", "listening", 3), (1, "b", "listening", 3),
        (1, "a", "planning", 4), (1, "b", "planning", 4),
        (1, "a", "saying_no", 2), (1, "b", "saying_no", 4),
    ])
    table = scoring.interview_scores(frame)
    means = scoring.wide(table, "mean", catalog)
    fit = scoring.fit_to_target(means, catalog, table)
    # pooled sd² = (0 + 0 + 2) / 3, df = 3; se_c = sqrt(2/3)/sqrt(2) = sqrt(1/3)
    se = math.sqrt(1 / 3)
    t = 3.182446305284263  # t(0.975, 3)
    # listening (3 < 4) and saying_no (3 < 5) are below target -> slopes 1/3 and 1/4; planning 4 -  t·se < 3 -> 1/2
    half = 100 * math.sqrt((se / 3) ** 2 + (se / 2) ** 2 + (se / 4) ** 2) / 3 * t
    expected = 100 * (2 / 3 + 1 + 0.5) / 3
    assert fit.loc[1, "fit"] == pytest.approx(expected)
    assert fit.loc[1, "fit_low"] == pytest.approx(expected - half)
    assert fit.loc[1, "fit_high"] == pytest.approx(min(100, expected + half))


def test_one_interviewer_gives_no_fit_interval(catalog):
    table = scoring.interview_scores(ratings([(1, "a", "listening", 4), (1, "a", "planning", 3)]))
    fit = scoring.fit_to_target(scoring.wide(table, "mean", catalog), catalog, table)
    assert not math.isnan(fit.loc[1, "fit"])
    assert math.isnan(fit.loc[1, "fit_low"]) and math.isnan(fit.loc[1, "fit_high"])


def test_gaps_are_self_minus_interviewers():
    self_view = pd.DataFrame({"listening": [5.0, 2.0]}, index=[1, 2])
    interview = pd.DataFrame({"listening": [3.0]}, index=[1])
    gaps = scoring.gaps(self_view, interview)
    assert list(gaps.index) == [1] and gaps.loc[1, "listening"] == 2.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.sampled_from(
    ["listening.s1", "listening.s2", "planning.s1", "planning.s2", "planning.s3", "saying_no.s1", "saying_no.s2"]),
    st.integers(1, 5)), min_size=1, max_size=40, unique_by=lambda r: r[:2]))
def test_scores_stay_on_the_scale_and_fit_in_percent(rows):
    catalog = load_catalog("sample_role", FIXTURES / "catalogs").catalog
    scores = scoring.self_scores(answers(rows), catalog)
    values = scores.to_numpy()
    assert np.all((values[~np.isnan(values)] >= 1) & (values[~np.isnan(values)] <= 5))
    fit = scoring.fit_to_target(scores, catalog)["fit"].to_numpy()
    assert np.all((fit >= 0) & (fit <= 100))


def test_gaps_of_the_same_candidates_and_competencies_are_one_subtraction():
    self_view = pd.DataFrame({"listening": [5.0, np.nan], "planning": [2.0, 3.0]}, index=[1, 2])
    interview = pd.DataFrame({"listening": [3.0, 4.0], "planning": [np.nan, 1.0]}, index=[1, 2])
    gaps = scoring.gaps(self_view, interview)
    assert gaps.loc[1, "listening"] == 2.0 and gaps.loc[2, "planning"] == 2.0
    assert gaps.isna().to_numpy().tolist() == [[False, True], [True, False]]


def _grouped_by_pandas(ratings: pd.DataFrame) -> pd.DataFrame:
    """What `interview_scores` gives, computed the plain pandas way (the way it was computed before)."""
    rated = ratings.loc[ratings["value"].notna(), ["candidate", "competency", "value"]]
    table = (rated.groupby(["candidate", "competency"])["value"].agg(["mean", "std", "count"])
             .rename(columns={"std": "sd", "count": "n"}).reset_index())
    return table


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 4),
                          st.sampled_from(["listening", "planning", "saying_no", "retired"]),
                          st.one_of(st.none(), st.integers(1, 5))), max_size=60, unique_by=lambda r: r[:3]))
def test_interview_scores_group_as_pandas_does(rows):
    """The grouping by arrays (no `groupby` per call) gives what pandas' groupby and pivot give: the same groups
    in the same order, means, SDs and counts; per candidate the pooled SD; wide tables in the catalog's order,
    leaving out a competency the catalog no longer has."""
    catalog = load_catalog("sample_role", FIXTURES / "catalogs").catalog
    ratings = pd.DataFrame(rows, columns=["candidate", "interview", "competency", "value"]).astype(
        {"candidate": "int64", "competency": "str", "value": "float64"})
    table = scoring.interview_scores(ratings, scale=catalog.bounds())
    expected = _grouped_by_pandas(ratings)
    pd.testing.assert_frame_equal(table[["candidate", "competency", "mean", "sd", "n"]], expected,
                                  check_exact=False, rtol=1e-12, atol=1e-12)
    ordered = [c.id for c in catalog.competencies]
    for column in ("mean", "n"):
        wide = scoring.wide(table, column, catalog)
        reference = (table.pivot(index="candidate", columns="competency", values=column).reindex(columns=ordered)
                     .astype(float))
        pd.testing.assert_frame_equal(wide, reference, check_names=False)
        assert wide.index.name == "candidate" and wide.columns.name == "competency"
    pooled = scoring.pooled_rater_sd(table)
    dof = (table["n"] - 1).groupby(table["candidate"]).sum()
    squares = ((table["n"] - 1) * table["sd"].fillna(0) ** 2).groupby(table["candidate"]).sum()
    assert pooled["df"].tolist() == dof.tolist()
    np.testing.assert_allclose(pooled["sd"].to_numpy(), np.sqrt(squares / dof.where(dof > 0)).to_numpy(),
                               rtol=1e-12)
