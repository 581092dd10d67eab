"""How sure the ranking is: the probability that each top candidate's fit is higher than the next one's, and
what would most reduce the uncertainty where two candidates cannot be told apart.

The model (an empirical-Bayes normal model, simulated by Monte Carlo):

1. An interviewer's rating of candidate *i* on competency *c* is the candidate's true level plus independent
   noise, ``y = θ_ic + e``, ``e ~ N(0, σ_i²)``. Ratings of different interviewers and competencies are
   independent; interviewers share no leniency (a lenient interviewer who rated only one candidate makes that
   candidate's fit look surer than it is).
2. ``σ_i²`` is the candidate's pooled rater variance (`scoring.pooled_rater_sd`: ``SS_i`` on ``df_i`` degrees
   of freedom) with a weak prior worth ``PRIOR_DF`` degrees of freedom at the round's pooled variance ``s0²``;
   its posterior is scaled inverse-χ² with ``ν = df_i + PRIOR_DF`` and scale ``(SS_i + PRIOR_DF·s0²)/ν``.
3. Candidates of the round are a sample of one population: ``θ_ic ~ N(μ_c, τ²)``, with ``μ_c`` the mean of
   the round's scores on the competency and ``τ²`` their variance less the average noise ``σ²/n``, pooled
   over the competencies (moment estimate; at least ``MIN_TAU2``; one per competency would be too loose with
   a dozen candidates and makes the probabilities overconfident in simulations). With ``n_ic`` ratings of
   mean ``m_ic`` the level's posterior is normal with precision ``1/τ² + n_ic/σ_i²`` and mean
   ``(μ_c/τ² + n_ic m_ic/σ_i²) / precision``. A competency nobody rated yet (``n_ic = 0``) keeps the
   population distribution: the fit of a candidate with gaps is the fit of the full profile, uncertain
   where it was not looked at.
4. Each draw of the levels gives a fit by the same formula as the page (`scoring.fit_matrix`); the probability
   that A is ahead of B is the share of draws in which A's fit is higher (ties count half).

Where the probability of an adjacent pair lies within `UNDECIDED`, the expected reduction of the variance of
their fit difference is computed for each action by the delta method, ``Var(F_A - F_B) ≈ Σ g_Ac² v_Ac +
Σ g_Bc² v_Bc``, with ``v`` the posterior variance of a level and ``g_c = 100 w_c / (Σw · (t_c - lo)) ·
P(θ_c < t_c)`` the expected slope of the fit (a level above its target adds nothing). One more rating of a
not-yet-rated competency turns ``v = τ²`` into ``τ²σ²/(τ²+σ²)``; an extra interviewer adds one rating of
every competency of that candidate.

References: Gelman et al. (2013), *Bayesian Data Analysis*, 3rd ed., §2.6 and §5.4 (normal model with
unknown variance; hierarchical normal model); Efron & Morris (1975), JASA 70, 311–319 (empirical Bayes).

    >>> certainty = ranking_certainty(results, top=5, seed=1)
    >>> certainty.ahead      # P(1st ahead of 2nd), P(2nd ahead of 3rd), ...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from assessment import scoring

from .scores import RoundResults

PRIOR_DF = 4.0  # the round's pooled rater variance counts as this many degrees of freedom of each candidate's
DEFAULT_RATER_VAR = 0.64  # σ² when nobody in the round was rated twice on anything (a rater SD of 0.8 points)
MIN_TAU2 = 0.05  # the least spread of true levels between candidates, so that no competency is taken as known
UNDECIDED = (0.35, 0.65)  # adjacent candidates within these probabilities cannot be told apart
DRAWS = 4000


@dataclass(frozen=True)
class Evidence:
    """What the model knows of some candidates, as arrays (candidates × competencies unless said)."""

    means: np.ndarray  # mean rating (consensus where recorded), NaN where not rated
    raters: np.ndarray  # number of ratings, 0 where not rated
    ss: np.ndarray  # (candidates,) sum of squared deviations of ratings from their competency mean
    dof: np.ndarray  # (candidates,) degrees of freedom of `ss`
    population_mean: np.ndarray  # (competencies,) μ_c
    population_var: np.ndarray  # (competencies,) τ² (pooled: the same for each)
    round_var: float  # s0², the round's pooled rater variance


@dataclass(frozen=True)
class Suggestion:
    """What would most reduce the uncertainty of one adjacent pair."""

    competency: str | None  # the best not-yet-rated competency to rate, None when all are rated
    competency_candidate: int | None  # whose competency
    competency_reduction: float  # expected share of Var(F_A - F_B) removed, 0-1
    interviewer_candidate: int  # who would gain most from one more interviewer
    interviewer_reduction: float


@dataclass(frozen=True)
class RankingCertainty:
    """The top candidates in order of fit, and how sure each step of that order is.

    ``ahead[k]`` is P(fit of ``candidates[k]`` > fit of ``candidates[k+1]``); ``suggestions[k]`` is set where
    that probability lies within `UNDECIDED`."""

    candidates: list[int]
    fit: list[float]
    ahead: list[float]
    suggestions: list[Suggestion | None]
    draws: int
    seed: int

    def undecided(self, k: int) -> bool:
        return UNDECIDED[0] <= self.ahead[k] <= UNDECIDED[1]


def evidence(means: np.ndarray, raters: np.ndarray, ss: np.ndarray, dof: np.ndarray) -> Evidence:
    """The model's inputs for every candidate of a round (see the module's text for the estimates)."""
    means, raters = np.asarray(means, float), np.nan_to_num(np.asarray(raters, float))
    raters = np.where(np.isnan(means), 0.0, raters)
    ss, dof = np.nan_to_num(np.asarray(ss, float)), np.nan_to_num(np.asarray(dof, float))
    round_var = float(ss.sum() / dof.sum()) if dof.sum() > 0 else DEFAULT_RATER_VAR
    noise = _sigma2(ss, dof, round_var)[:, None] / np.where(raters > 0, raters, np.nan)
    rated = raters > 0
    counts = rated.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mu = np.where(counts > 0, np.nansum(np.where(rated, means, 0.0), axis=0) / counts, np.nan)
        spread = np.nanvar(np.where(rated, means, np.nan), axis=0, ddof=1) if means.shape[0] > 1 \
            else np.full(means.shape[1], np.nan)
        tau2 = spread - np.nanmean(np.where(rated, noise, np.nan), axis=0)
    # One spread for every competency, pooled: a dozen candidates estimate a variance too loosely per competency
    pooled = np.nanmean(tau2[counts >= 3]) if (counts >= 3).any() else 2 * MIN_TAU2 + round_var
    tau2 = np.full(tau2.shape, pooled)
    mu = np.where(np.isnan(mu), np.nanmean(mu) if (counts > 0).any() else 3.0, mu)
    return Evidence(means, raters, ss, dof, mu, np.maximum(np.nan_to_num(tau2, nan=MIN_TAU2), MIN_TAU2), round_var)


def _sigma2(ss: np.ndarray, dof: np.ndarray, round_var: float) -> np.ndarray:
    """The posterior scale of each candidate's rater variance: ``(SS + ν0 s0²) / (df + ν0)``."""
    return (ss + PRIOR_DF * round_var) / (dof + PRIOR_DF)


def level_posterior(ev: Evidence, sigma2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Posterior mean and variance of every level given the rater variances `sigma2` (broadcast over rows)."""
    precision = 1.0 / ev.population_var + ev.raters / sigma2
    weighted = ev.population_mean / ev.population_var + ev.raters * np.nan_to_num(ev.means) / sigma2
    return weighted / precision, 1.0 / precision


def fit_draws(ev: Evidence, rows: np.ndarray, layout: scoring.Layout, draws: int,
              rng: np.random.Generator) -> np.ndarray:
    """(draws, len(rows)) fits of the candidates at `rows`, drawn from the model's posterior."""
    ss, dof = ev.ss[rows], ev.dof[rows]
    nu = dof + PRIOR_DF
    scale = _sigma2(ss, dof, ev.round_var)
    sigma2 = nu * scale / rng.chisquare(nu, size=(draws, len(rows)))  # scaled inverse-χ² draws
    sub = Evidence(ev.means[rows], ev.raters[rows], ss, dof, ev.population_mean, ev.population_var, ev.round_var)
    mean, var = level_posterior(sub, sigma2[:, :, None])
    levels = mean + np.sqrt(var) * rng.standard_normal(mean.shape)
    flat = levels.reshape(-1, levels.shape[-1])
    fit, _, _ = scoring.fit_matrix(flat, layout.targets, layout.weights, lowest=layout.scale[0])
    return fit.reshape(draws, len(rows))


def ahead_probabilities(fits: np.ndarray) -> np.ndarray:
    """P(column k > column k+1) from (draws, k) fit draws; ties count half."""
    first, second = fits[:, :-1], fits[:, 1:]
    return (first > second).mean(axis=0) + 0.5 * (first == second).mean(axis=0)


def suggest(ev: Evidence, pair: tuple[int, int], layout: scoring.Layout,
            competencies: list[str], ids: list[int]) -> Suggestion:
    """The not-yet-rated competency and the extra interviewer that most reduce Var(F_A - F_B) (module text)."""
    rows = np.array(pair)
    sigma2 = _sigma2(ev.ss[rows], ev.dof[rows], ev.round_var)[:, None]
    sub = Evidence(ev.means[rows], ev.raters[rows], ev.ss[rows], ev.dof[rows], ev.population_mean,
                   ev.population_var, ev.round_var)
    mean, var = level_posterior(sub, sigma2)
    lowest = layout.scale[0]
    slope = 100.0 * layout.weights / (layout.weights.sum() * (layout.targets - lowest))
    gain = (slope * stats.norm.cdf((layout.targets - mean) / np.sqrt(var))) ** 2
    total = float((gain * var).sum()) or 1.0
    after = 1.0 / (1.0 / var + 1.0 / sigma2)  # one more rating of every competency
    by_rating = gain * (var - after)
    unrated = np.where(sub.raters == 0, by_rating, -1.0)
    row, column = np.unravel_index(np.argmax(unrated), unrated.shape)
    has_unrated = unrated[row, column] >= 0
    per_candidate = by_rating.sum(axis=1)
    best = int(np.argmax(per_candidate))
    return Suggestion(competencies[column] if has_unrated else None, ids[pair[row]] if has_unrated else None,
                      float(unrated[row, column] / total) if has_unrated else 0.0,
                      ids[pair[best]], float(per_candidate[best] / total))


def ranking_certainty(results: RoundResults, top: int = 5, draws: int = DRAWS, seed: int = 0) -> RankingCertainty:
    """The round's `top` candidates by fit with P(each ahead of the next), deterministic given `seed`."""
    layout = scoring.Layout.of(results.catalog)
    interviewed = results.interviewed()
    basis, _ = scoring.with_consensus(results.interview_means, results.consensus)
    means = basis.reindex(index=interviewed, columns=layout.competencies)
    raters = scoring.wide(results.interview, "n", results.catalog).reindex(index=interviewed,
                                                                          columns=layout.competencies)
    table = results.interview.assign(ss=(results.interview["n"] - 1) * results.interview["sd"].fillna(0) ** 2,
                                     dof=results.interview["n"] - 1)
    pooled = table.groupby("candidate")[["ss", "dof"]].sum().reindex(interviewed).fillna(0)
    ev = evidence(means.to_numpy(float), raters.to_numpy(float), pooled["ss"].to_numpy(), pooled["dof"].to_numpy())
    order = results.fit["fit"].reindex(interviewed).to_numpy()
    rows = np.argsort(-np.nan_to_num(order, nan=-1.0), kind="stable")[:top]
    ids = [int(c) for c in interviewed]
    fits = fit_draws(ev, rows, layout, draws, np.random.default_rng(seed))
    ahead = ahead_probabilities(fits) if len(rows) > 1 else np.array([])
    suggestions = [suggest(ev, (int(rows[k]), int(rows[k + 1])), layout, layout.competencies, ids)
                   if UNDECIDED[0] <= p <= UNDECIDED[1] else None for k, p in enumerate(ahead)]
    return RankingCertainty([ids[r] for r in rows], [float(order[r]) for r in rows], [float(p) for p in ahead],
                            suggestions, draws, seed)

