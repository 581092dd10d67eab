"""Reads a round from the store into `RoundResults`: the one module of `results` that touches the database.

    >>> results = load_round(Store.open(), round_id=1)
"""

from __future__ import annotations

import pandas as pd

from assessment import scoring
from assessment.store import Store

from .scores import PlanInfo, RoundInfo, RoundResults, StageInfo


def load_round(store: Store, round_id: int, hide_ratings_of: frozenset[int] = frozenset()) -> RoundResults:
    """The round's data from `store`, scored. Interviewers' ratings of the candidates in `hide_ratings_of`
    are left out, for a reader who still has to submit their own interview of them."""
    round_ = store.get_round(round_id)
    catalog = store.catalog_of_round(round_id)
    candidates = _candidates(store, round_id)
    answers = store.answers_frame(round_id)
    ratings = store.ratings_frame(round_id)
    ratings = ratings[~ratings["candidate"].isin(hide_ratings_of)].reset_index(drop=True)
    # A round's plan leaves competencies out: ratings of those (given before the plan narrowed) do not count.
    ratings = ratings[ratings["competency"].isin([c.id for c in catalog.competencies])].reset_index(drop=True)
    interviews = store.interviews_frame(round_id)
    interviews = interviews[~interviews["candidate"].isin(hide_ratings_of)].reset_index(drop=True)
    self_scores = scoring.self_scores(answers, catalog).reindex(candidates.index)
    interview = scoring.interview_scores(ratings, scale=catalog.bounds())
    means = scoring.wide(interview, "mean", catalog).reindex(candidates.index)
    fit = scoring.fit_to_target(means, catalog, interview)
    info = RoundInfo(round_.id, round_.name, round_.status, round_.catalog_id, round_.catalog_version,
                     round_.catalog_hash, bool(round_.candidate_feedback))
    return RoundResults(info, catalog, candidates, answers, ratings, interviews, self_scores,
                        interview, means, fit, scoring.fit_to_target(self_scores, catalog),
                        scoring.gaps(self_scores, means), _plan(store, round_id))


def _plan(store: Store, round_id: int) -> PlanInfo | None:
    plan = store.plan_of(round_id)
    if plan is None:
        return None
    stages = tuple(StageInfo(s.name, tuple(s.competencies), tuple(p.name for p in s.interviewers))
                   for s in store.stages(round_id))
    return PlanInfo(tuple(plan.competencies), dict(plan.weights), dict(plan.targets), plan.rationale, stages)


def _candidates(store: Store, round_id: int) -> pd.DataFrame:
    rows = [{"candidate": s.candidate.id, "name": s.candidate.name, "email": s.candidate.email,
             "language": s.candidate.language, "state": s.state, "answered": s.answered, "items": s.items,
             "interviews": s.submitted_interviews, "submitted_at": s.candidate.submitted_at}
            for s in store.statuses(round_id)]
    columns = ["candidate", "name", "email", "language", "state", "answered", "items", "interviews", "submitted_at"]
    return pd.DataFrame(rows, columns=columns).set_index("candidate")


__all__ = ["load_round"]
