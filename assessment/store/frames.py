"""A round's data as tables, the input of scoring, statistics and exports.

Each table is one query, read in parts straight into columns (no row objects kept, no per-value conversion in
Python): times come back from SQLite as text and are parsed a column at a time.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
from sqlalchemy import String, exists, func, select, type_coerce

from .base import Repository
from .models import Candidate, Interview, Invitation, Rating, SelfAnswer
from .rounds import candidate_state


class Frames(Repository):
    def candidates_frame(self, round_id: int, only: Collection[int] | None = None) -> pd.DataFrame:
        """Columns: candidate, name, email, language, submitted_at, answered, interviews (submitted), state
        (`CandidateStatus.state`) — one row per candidate, in the order they were added. Every `*_frame` reads
        the candidates in `only` alone when given (a round's results brought up to date after a change)."""
        answered = select(func.count()).where(SelfAnswer.candidate_id == Candidate.id).scalar_subquery()
        interviews = (select(func.count()).where(Interview.candidate_id == Candidate.id,
                                                 Interview.status == "submitted").scalar_subquery())
        invited = exists().where(Invitation.candidate_id == Candidate.id)
        query = (select(Candidate.id.label("candidate"), Candidate.name, Candidate.email, Candidate.language,
                        type_coerce(Candidate.submitted_at, String).label("submitted_at"),
                        Candidate.withdrawn_at.is_not(None).label("withdrawn"), answered.label("answered"),
                        interviews.label("interviews"), invited.label("invited"))
                 .where(*of_round(round_id, only)).order_by(Candidate.id))
        frame = self._frame(query, times=("submitted_at",), booleans=("withdrawn", "invited"))
        frame["state"] = [candidate_state(*facts) for facts in zip(
            frame["withdrawn"], frame["interviews"], frame["submitted_at"].notna(), frame["answered"],
            frame["invited"], strict=True)]
        return frame.drop(columns=["withdrawn", "invited"])

    def answers_frame(self, round_id: int, only: Collection[int] | None = None) -> pd.DataFrame:
        """Columns: candidate, item, value, answered_at — one row per answer. Candidates who withdrew their
        consent are left out (their answers were erased when they withdrew)."""
        query = (select(SelfAnswer.candidate_id.label("candidate"), SelfAnswer.item_id.label("item"),
                        SelfAnswer.value, type_coerce(SelfAnswer.answered_at, String).label("answered_at"))
                 .join(Candidate).where(*of_round(round_id, only), Candidate.withdrawn_at.is_(None)))
        return self._frame(query, times=("answered_at",))

    def ratings_frame(self, round_id: int, submitted_only: bool = True, only: Collection[int] | None = None
                      ) -> pd.DataFrame:
        """Columns: candidate, interview, interviewer, competency, value (NaN = not observed), notes, status."""
        query = (select(Interview.candidate_id.label("candidate"), Interview.id.label("interview"),
                        Rating.competency_id.label("competency"), Rating.value, Rating.not_observed, Rating.notes)
                 .join(Interview, Rating.interview_id == Interview.id)
                 .join(Candidate, Interview.candidate_id == Candidate.id)
                 .where(*of_round(round_id, only)))
        if submitted_only:
            query = query.where(Interview.status == "submitted")
        frame = self._frame(query, booleans=("not_observed",))
        frame["value"] = frame["value"].astype(float)
        # Each interview's interviewer and status are read once, not with each of its ratings: a round of
        # 5,000 candidates has 210,000 ratings and 15,000 interviews.
        interviews = self.interviews_frame(round_id, submitted_only, only).set_index("interview")
        frame.insert(2, "interviewer", frame["interview"].map(interviews["interviewer"]))
        frame["status"] = frame["interview"].map(interviews["status"])
        return frame

    def interviews_frame(self, round_id: int, submitted_only: bool = True, only: Collection[int] | None = None
                         ) -> pd.DataFrame:
        """Columns: interview, candidate, interviewer, status, recommendation, submitted_at. A draft is its
        author's alone: only submitted interviews unless asked otherwise."""
        query = (select(Interview.id.label("interview"), Interview.candidate_id.label("candidate"),
                        Interview.interviewer, Interview.status, Interview.recommendation,
                        type_coerce(Interview.submitted_at, String).label("submitted_at"))
                 .join(Candidate).where(*of_round(round_id, only)).order_by(Interview.id))
        if submitted_only:
            query = query.where(Interview.status == "submitted")
        return self._frame(query, times=("submitted_at",))

    def _frame(self, query, times: tuple[str, ...] = (), booleans: tuple[str, ...] = ()) -> pd.DataFrame:
        """The rows of `query` as a frame, one column per selected column; `times` are parsed as date-times."""
        names = [column.name for column in query.selected_columns]
        parts = []
        with self.engine.execution_options(read_only=True).connect() as connection:
            # The driver's own cursor, read in parts: no row objects, no conversions (times come as text); pandas
            # turns each part's rows into columns in C. Not `stream_results`: its buffer would take the first
            # rows before the cursor is read here.
            result = connection.execute(query)
            cursor = result.cursor
            while rows := cursor.fetchmany(PART_ROWS):
                parts.append(pd.DataFrame.from_records(rows, columns=names, coerce_float=False))
            result.close()
        if not parts:
            return pd.DataFrame({name: [] for name in names}, columns=names)
        frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        for name in times:
            frame[name] = _times(frame[name])
        for name in booleans:
            frame[name] = frame[name].fillna(False).astype(bool)
        return frame


PART_ROWS = 50_000  # rows fetched at a time


def of_round(round_id: int, only: Collection[int] | None = None) -> list:
    """The conditions of a frame's query (joined with `Candidate`): the round's candidates, or those in `only`."""
    conditions = [Candidate.round_id == int(round_id)]
    if only is not None:
        conditions.append(Candidate.id.in_(sorted(int(c) for c in only)))
    return conditions


def _times(values: pd.Series) -> pd.Series:
    """Date-times as one column: SQLite's text (naive, as written) or PostgreSQL's zone-aware values (in UTC)."""
    present = values.dropna()
    first = present.iloc[0] if len(present) else None
    if isinstance(first, str):
        return pd.to_datetime(values, format="ISO8601")
    if first is not None and first.tzinfo is not None:
        return pd.to_datetime(values, utc=True)
    return pd.to_datetime(values)
