"""Reads a round from the store into `RoundResults`: the one module of `results` that touches the database.

    >>> results = load_round(Store.open(), round_id=1)      # read and scored now
    >>> results = round_results(Store.open(), round_id=1)   # the same, computed once per change of the round

Each table is one query (`Store.*_frame`). `round_results` keeps what it computed in `cache.ROUNDS`, keyed by
the round's stamp: a page view after no change costs one small read.
"""

from __future__ import annotations

import pandas as pd

from assessment import scoring
from assessment.store import Store

from .cache import ROUNDS
from .scores import PlanInfo, RoundInfo, RoundResults, StageInfo


def load_round(store: Store, round_id: int, hide_ratings_of: frozenset[int] = frozenset()) -> RoundResults:
    """The round's data from `store`, scored. Interviewers' ratings of the candidates in `hide_ratings_of`
    are left out, for a reader who still has to submit their own interview of them, and so are the committee's
    consensus and decision on them."""
    return without(read_round(store, round_id), hide_ratings_of)


def round_results(store: Store, round_id: int, hide_ratings_of: frozenset[int] = frozenset()) -> RoundResults:
    """`load_round`, computed once per change of the round's data and shared by every reader of this process.
    The round as everyone may see it is read once; a reader's hidden ratings are taken out of that copy."""
    stamp = store.round_stamp(round_id)
    whole = ROUNDS.get(("results", stamp, frozenset()), lambda: read_round(store, round_id, stamp))
    hidden = frozenset(int(c) for c in hide_ratings_of) & frozenset(whole.interviews["candidate"].tolist())
    if not hidden:  # nothing of what this reader may not see is in the round yet
        return whole
    return ROUNDS.get(("results", stamp, hidden), lambda: without(whole, hidden))


def read_round(store: Store, round_id: int, stamp: tuple | None = None) -> RoundResults:
    """Every submitted answer and interview of the round, with the debrief's consensus and decisions, scored."""
    round_ = store.get_round(round_id)
    catalog = store.catalog_of_round(round_id)
    candidates = store.candidates_frame(round_id).assign(items=len(catalog.self_items))
    candidates = candidates[list(CANDIDATE_COLUMNS)].set_index("candidate")
    info = RoundInfo(round_.id, round_.name, round_.status, round_.catalog_id, round_.catalog_version,
                     round_.catalog_hash, bool(round_.candidate_feedback))
    # A round's plan leaves competencies out: ratings of those (given before the plan narrowed) do not count.
    ratings = store.ratings_frame(round_id)
    ratings = ratings[ratings["competency"].isin([c.id for c in catalog.competencies])].reset_index(drop=True)
    return _scored(info, catalog, candidates, store.answers_frame(round_id), ratings,
                   store.interviews_frame(round_id), store.consensus_frame(round_id),
                   store.decisions_frame(round_id).set_index("candidate"), _plan(store, round_id),
                   None if stamp is None else (stamp, frozenset()))


def without(results: RoundResults, hidden: frozenset[int]) -> RoundResults:
    """`results` without the interviewers' ratings, the consensus and the decision of the candidates in `hidden`,
    scored again."""
    if not hidden:
        return results
    ratings = results.ratings[~results.ratings["candidate"].isin(hidden)].reset_index(drop=True)
    interviews = results.interviews[~results.interviews["candidate"].isin(hidden)].reset_index(drop=True)
    consensus = results.consensus[~results.consensus["candidate"].isin(hidden)].reset_index(drop=True)
    decisions = results.decisions[~results.decisions.index.isin(hidden)]
    key = None if results.key is None else (results.key[0], frozenset(hidden))
    return _scored(results.round, results.catalog, results.candidates, results.answers, ratings, interviews,
                   consensus, decisions, results.plan, key)


def _scored(info: RoundInfo, catalog, candidates: pd.DataFrame, answers: pd.DataFrame, ratings: pd.DataFrame,
            interviews: pd.DataFrame, consensus: pd.DataFrame, decisions: pd.DataFrame, plan: PlanInfo | None,
            key: tuple | None) -> RoundResults:
    self_scores = scoring.self_scores(answers, catalog).reindex(candidates.index)
    interview = scoring.interview_scores(ratings, scale=catalog.bounds())
    means = scoring.wide(interview, "mean", catalog).reindex(candidates.index)
    basis_scores, basis = scoring.with_consensus(means, consensus)
    fit = scoring.fit_to_target(basis_scores, catalog, interview).assign(basis=basis)
    return RoundResults(info, catalog, candidates, answers, ratings, interviews, self_scores, interview, means, fit,
                        scoring.fit_to_target(self_scores, catalog), scoring.gaps(self_scores, means),
                        consensus, decisions, key, plan)


def _plan(store: Store, round_id: int) -> PlanInfo | None:
    plan = store.plan_of(round_id)
    if plan is None:
        return None
    stages = tuple(StageInfo(s.name, tuple(s.competencies), tuple(p.name for p in s.interviewers))
                   for s in store.stages(round_id))
    return PlanInfo(tuple(plan.competencies), dict(plan.weights), dict(plan.targets), plan.rationale, stages)


CANDIDATE_COLUMNS = ("candidate", "name", "email", "language", "state", "answered", "items", "interviews",
                     "submitted_at")

__all__ = ["load_round", "read_round", "round_results", "without"]
