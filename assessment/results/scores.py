"""Everything known about a round, scored: the one object pages, exports and the command read."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assessment import scoring
from assessment.catalog import Catalog
from assessment.store import Round, Store


@dataclass(frozen=True)
class RoundResults:
    """A round's data and scores. Frames are indexed by candidate id where they are per candidate.

    - ``candidates``: name, email, language, state, answered, items, submitted_at
    - ``answers`` / ``ratings`` / ``interviews``: the raw long tables from the store
    - ``self_scores`` / ``interview_means``: candidates × competencies (1-5)
    - ``interview``: long per candidate × competency: mean, sd, n, se, ci_low, ci_high
    - ``fit`` / ``self_fit``: fit, fit_low, fit_high in percent
    - ``gaps``: self minus interviewers, candidates × competencies
    """

    round: Round
    catalog: Catalog
    candidates: pd.DataFrame
    answers: pd.DataFrame
    ratings: pd.DataFrame
    interviews: pd.DataFrame
    self_scores: pd.DataFrame
    interview: pd.DataFrame
    interview_means: pd.DataFrame
    fit: pd.DataFrame
    self_fit: pd.DataFrame
    gaps: pd.DataFrame

    @classmethod
    def load(cls, store: Store, round_id: int) -> RoundResults:
        round_ = store.get_round(round_id)
        catalog = store.catalog_of_round(round_id)
        candidates = _candidates(store, round_id)
        answers = store.answers_frame(round_id)
        ratings = store.ratings_frame(round_id)
        self_scores = scoring.self_scores(answers, catalog).reindex(candidates.index)
        interview = scoring.interview_scores(ratings)
        means = scoring.wide(interview, "mean", catalog).reindex(candidates.index)
        fit = scoring.fit_to_target(means, catalog, interview)
        return cls(round_, catalog, candidates, answers, ratings, store.interviews_frame(round_id), self_scores,
                   interview, means, fit, scoring.fit_to_target(self_scores, catalog),
                   scoring.gaps(self_scores, means))

    def dimensions(self, source: str = "interview") -> pd.DataFrame:
        """candidates × dimensions from the interviewers' view ("interview") or the candidate's ("self")."""
        scores = self.interview_means if source == "interview" else self.self_scores
        return scoring.dimension_scores(scores, self.catalog)

    def interviewed(self) -> pd.Index:
        """Candidates with at least one submitted interview."""
        return self.interview_means.dropna(how="all").index


def _candidates(store: Store, round_id: int) -> pd.DataFrame:
    rows = [{"candidate": s.candidate.id, "name": s.candidate.name, "email": s.candidate.email,
             "language": s.candidate.language, "state": s.state, "answered": s.answered, "items": s.items,
             "interviews": s.submitted_interviews, "submitted_at": s.candidate.submitted_at}
            for s in store.statuses(round_id)]
    columns = ["candidate", "name", "email", "language", "state", "answered", "items", "interviews", "submitted_at"]
    return pd.DataFrame(rows, columns=columns).set_index("candidate")
