"""How sure the ranking is: probabilities checked against simulated rounds whose true levels are known."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats

from assessment import scoring
from assessment.results import ranking

COMPETENCIES = [f"c{k}" for k in range(8)]


def layout(targets=4.0) -> scoring.Layout:
    count = len(COMPETENCIES)
    return scoring.Layout([], COMPETENCIES, np.zeros(0, int), np.zeros(0, bool), np.ones(count),
                          np.full(count, float(targets)), ["d"] * count, (1, 5), (1, 5))


def simulated_round(rng, candidates=12, noise=0.7, unrated=0.1):
    """True levels, and the ratings 2-3 interviewers would give: rounded, clipped to 1-5, some not observed.
    Returns (true fit, evidence)."""
    shape = (candidates, len(COMPETENCIES))
    theta = rng.normal(3.3, 0.7, shape)
    raters = rng.integers(2, 4, candidates)
    ratings = np.full((candidates, 3, len(COMPETENCIES)), np.nan)
    for i, count in enumerate(raters):
        observed = np.clip(np.rint(theta[i] + rng.normal(0, noise, (count, len(COMPETENCIES)))), 1, 5)
        observed[rng.random(observed.shape) < unrated] = np.nan
        ratings[i, :count] = observed
    n = (~np.isnan(ratings)).sum(axis=1).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a competency nobody observed: NaN, as wanted
        means = np.nanmean(ratings, axis=1)
    ss = np.nansum((ratings - means[:, None, :]) ** 2, axis=(1, 2))
    dof = np.clip(n - 1, 0, None).sum(axis=1)
    truth, _, _ = scoring.fit_matrix(np.clip(theta, 1, 5), layout().targets, layout().weights)
    return truth, ranking.evidence(means, n, ss, dof)


def top_pairs(rounds=400, top=5, seed=7):
    """(predicted P(A ahead of B), A truly ahead) for adjacent top candidates over simulated rounds."""
    rng = np.random.default_rng(seed)
    predicted, observed = [], []
    for _ in range(rounds):
        truth, ev = simulated_round(rng)
        fit, _, _ = scoring.fit_matrix(ev.means, layout().targets, layout().weights)
        rows = np.argsort(-fit, kind="stable")[:top]
        draws = ranking.fit_draws(ev, rows, layout(), 2000, rng)
        predicted.extend(ranking.ahead_probabilities(draws))
        observed.extend(truth[rows[:-1]] > truth[rows[1:]])
    return np.array(predicted), np.array(observed, dtype=float)


def calibration_table(predicted, observed, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(predicted, edges) - 1, 0, len(edges) - 2)
    rows = []
    for k in range(len(edges) - 1):
        chosen = index == k
        if chosen.any():
            rows.append((edges[k], edges[k + 1], predicted[chosen].mean(), observed[chosen].mean(),
                         int(chosen.sum())))
    return rows


def test_probabilities_are_calibrated_on_simulated_rounds():
    predicted, observed = top_pairs()
    rows = calibration_table(predicted, observed)
    print("\nbin          predicted  observed     n")
    for low, high, p, o, n in rows:
        print(f"{low:.1f}-{high:.1f}      {p:6.3f}    {o:6.3f}  {n:5d}")
    expected_error = sum(abs(p - o) * n for _, _, p, o, n in rows) / len(predicted)
    print(f"expected calibration error {expected_error:.3f}; Brier {np.mean((predicted - observed) ** 2):.3f}")
    assert expected_error < 0.05
    for _, _, p, o, n in rows:
        if n >= 40:  # within three binomial standard errors
            assert abs(p - o) <= 3 * np.sqrt(p * (1 - p) / n) + 0.02
    around_80 = (predicted >= 0.7) & (predicted < 0.9)
    assert abs(observed[around_80].mean() - predicted[around_80].mean()) < 0.07
    # and the probabilities carry information: better than always saying "the order shown is right" at 50 %
    assert np.mean((predicted - observed) ** 2) < np.mean((0.5 - observed) ** 2) - 0.03


def test_draws_are_deterministic_given_the_seed():
    _, ev = simulated_round(np.random.default_rng(3))
    rows = np.arange(4)
    first = ranking.fit_draws(ev, rows, layout(), 500, np.random.default_rng(5))
    again = ranking.fit_draws(ev, rows, layout(), 500, np.random.default_rng(5))
    other = ranking.fit_draws(ev, rows, layout(), 500, np.random.default_rng(6))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_clear_gap_gives_near_certainty_and_equal_evidence_a_coin_flip():
    means = np.array([[4.5] * 8, [2.0] * 8, [2.0] * 8])
    ev = ranking.evidence(means, np.full((3, 8), 3.0), np.array([4.0, 4.0, 4.0]), np.array([16.0, 16.0, 16.0]))
    p = ranking.ahead_probabilities(ranking.fit_draws(ev, np.arange(3), layout(), 4000,
                                                      np.random.default_rng(0)))
    assert p[0] > 0.99
    assert p[1] == pytest.approx(0.5, abs=0.03)


def test_suggestion_names_the_unrated_competency_and_quantifies_the_gain():
    means = np.full((6, 8), 3.0)
    means[:, 0] = [2.0, 4.0, 3.0, 3.5, 2.5, 3.0]
    raters = np.full((6, 8), 2.0)
    means[1, 5], raters[1, 5] = np.nan, 0  # candidate 1 was not rated on c5
    ev = ranking.evidence(means, raters, np.full(6, 3.0), np.full(6, 8.0))
    suggestion = ranking.suggest(ev, (0, 1), layout(), COMPETENCIES, [10, 11, 12, 13, 14, 15])
    assert (suggestion.competency, suggestion.competency_candidate) == ("c5", 11)
    # an extra interviewer rates c5 too, and every other competency once more
    assert 0 < suggestion.competency_reduction < suggestion.interviewer_reduction < 1


def test_extra_interviewer_goes_to_the_candidate_with_the_thinner_evidence():
    means = np.full((4, 8), 3.0)
    raters = np.array([[3.0] * 8, [1.0] * 8, [2.0] * 8, [2.0] * 8])
    ev = ranking.evidence(means, raters, np.full(4, 4.0), np.full(4, 8.0))
    suggestion = ranking.suggest(ev, (0, 1), layout(), COMPETENCIES, [10, 11, 12, 13])
    assert suggestion.competency is None and suggestion.competency_reduction == 0
    assert suggestion.interviewer_candidate == 11
    # by hand: one more rating moves a level's variance from v to 1/(1/v + 1/σ²); every level's mean is 3, so
    # the slope is g = Φ((4 - 3)/√v) times a constant, and the share removed is g1²(v1 - v1') / (g0²v0 + g1²v1)
    sigma2 = ranking._sigma2(np.array(4.0), np.array(8.0), ev.round_var)
    v0, v1 = 1 / (1 / ev.population_var[0] + 3 / sigma2), 1 / (1 / ev.population_var[0] + 1 / sigma2)
    g0, g1 = stats.norm.cdf(1 / np.sqrt(v0)), stats.norm.cdf(1 / np.sqrt(v1))
    after = 1 / (1 / v1 + 1 / sigma2)
    assert suggestion.interviewer_reduction == pytest.approx(g1**2 * (v1 - after) / (g0**2 * v0 + g1**2 * v1))


def test_evidence_without_any_repeated_rating_falls_back_to_the_default_rater_variance():
    ev = ranking.evidence(np.full((2, 8), 3.0), np.ones((2, 8)), np.zeros(2), np.zeros(2))
    assert ev.round_var == ranking.DEFAULT_RATER_VAR
    assert (ev.population_var >= ranking.MIN_TAU2).all()
