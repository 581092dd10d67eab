"""A round's data as tables, the input of scoring, statistics and exports."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from .base import Repository
from .models import Candidate, Interview, Rating, SelfAnswer


class Frames(Repository):
    def answers_frame(self, round_id: int) -> pd.DataFrame:
        """Columns: candidate, item, value, answered_at — one row per answer. Candidates who withdrew their
        consent are left out (their answers were erased when they withdrew)."""
        query = (select(SelfAnswer.candidate_id.label("candidate"), SelfAnswer.item_id.label("item"),
                        SelfAnswer.value, SelfAnswer.answered_at)
                 .join(Candidate).where(Candidate.round_id == int(round_id), Candidate.withdrawn_at.is_(None)))
        return self._frame(query)

    def ratings_frame(self, round_id: int, submitted_only: bool = True) -> pd.DataFrame:
        """Columns: candidate, interview, interviewer, competency, value (NaN = not observed), notes, status."""
        query = (select(Interview.candidate_id.label("candidate"), Interview.id.label("interview"),
                        Interview.interviewer, Rating.competency_id.label("competency"), Rating.value,
                        Rating.not_observed, Rating.notes, Interview.status)
                 .join(Interview, Rating.interview_id == Interview.id)
                 .join(Candidate, Interview.candidate_id == Candidate.id)
                 .where(Candidate.round_id == int(round_id)))
        if submitted_only:
            query = query.where(Interview.status == "submitted")
        frame = self._frame(query)
        frame["value"] = frame["value"].astype(float)
        return frame

    def interviews_frame(self, round_id: int, submitted_only: bool = True) -> pd.DataFrame:
        """Columns: interview, candidate, interviewer, status, recommendation, submitted_at. A draft is its
        author's alone: only submitted interviews unless asked otherwise."""
        query = (select(Interview.id.label("interview"), Interview.candidate_id.label("candidate"),
                        Interview.interviewer, Interview.status, Interview.recommendation, Interview.submitted_at)
                 .join(Candidate).where(Candidate.round_id == int(round_id)).order_by(Interview.id))
        if submitted_only:
            query = query.where(Interview.status == "submitted")
        return self._frame(query)

    def _frame(self, query) -> pd.DataFrame:
        with self.engine.execution_options(read_only=True).connect() as connection:
            return pd.read_sql(query, connection)
