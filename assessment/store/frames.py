"""A round's data as tables, the input of scoring, statistics and exports.

Each table is one query, read in parts straight into columns (no row objects kept, no per-value conversion in
Python): times come back from SQLite as text and are parsed a column at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import Select, String, bindparam, exists, func, select, type_coerce

from .base import Repository
from .models import Candidate, Interview, Invitation, Rating, SelfAnswer
from .rounds import candidate_state


class Frames(Repository):
    def round_frames(self, round_id: int, only: Collection[int] | None = None) -> dict[str, pd.DataFrame]:
        """The round's tables as `*_frame` reads them (candidates, answers, ratings, interviews, consensus,
        decisions), of the candidates in `only` when given, read in one transaction: all of one moment, and
        each interview read once (for its row and for its ratings)."""
        with self._one_transaction():
            interviews = self.interviews_frame(round_id, only=only)
            return {"candidates": self.candidates_frame(round_id, only), "answers": self.answers_frame(round_id, only),
                    "ratings": self.ratings_frame(round_id, only=only, interviews=interviews),
                    "interviews": interviews, "consensus": self.consensus_frame(round_id, only),
                    "decisions": self.decisions_frame(round_id, only)}

    def candidates_frame(self, round_id: int, only: Collection[int] | None = None) -> pd.DataFrame:
        """Columns: candidate, name, email, language, submitted_at, answered, interviews (submitted), state
        (`CandidateStatus.state`) — one row per candidate, in the order they were added. Every `*_frame` reads
        the candidates in `only` alone when given (a round's results brought up to date after a change)."""
        def build(only: bool):
            answered = select(func.count()).where(SelfAnswer.candidate_id == Candidate.id).scalar_subquery()
            interviews = (select(func.count()).where(Interview.candidate_id == Candidate.id,
                                                     Interview.status == "submitted").scalar_subquery())
            invited = exists().where(Invitation.candidate_id == Candidate.id)
            return (select(Candidate.id.label("candidate"), Candidate.name, Candidate.email, Candidate.language,
                           type_coerce(Candidate.submitted_at, String).label("submitted_at"),
                           Candidate.withdrawn_at.is_not(None).label("withdrawn"), answered.label("answered"),
                           interviews.label("interviews"), invited.label("invited"))
                    .where(*of_round(only)).order_by(Candidate.id))

        frame = self._frame(built("candidates", only, build), round_params(round_id, only), times=("submitted_at",),
                            booleans=("withdrawn", "invited"))
        frame["state"] = [candidate_state(*facts) for facts in zip(
            frame["withdrawn"], frame["interviews"], frame["submitted_at"].notna(), frame["answered"],
            frame["invited"], strict=True)]
        return frame.drop(columns=["withdrawn", "invited"])

    def answers_frame(self, round_id: int, only: Collection[int] | None = None) -> pd.DataFrame:
        """Columns: candidate, item, value, answered_at — one row per answer. Candidates who withdrew their
        consent are left out (their answers were erased when they withdrew)."""
        def build(only: bool):
            return (select(SelfAnswer.candidate_id.label("candidate"), SelfAnswer.item_id.label("item"),
                           SelfAnswer.value, type_coerce(SelfAnswer.answered_at, String).label("answered_at"))
                    .join(Candidate).where(*of_round(only), Candidate.withdrawn_at.is_(None)))

        return self._frame(built("answers", only, build), round_params(round_id, only), times=("answered_at",))

    def ratings_frame(self, round_id: int, submitted_only: bool = True, only: Collection[int] | None = None,
                      interviews: pd.DataFrame | None = None) -> pd.DataFrame:
        """Columns: candidate, interview, interviewer, competency, value (NaN = not observed), notes, status.
        `interviews` is the same round's `interviews_frame` when already read."""
        def build(only: bool, submitted_only: bool):
            query = (select(Interview.candidate_id.label("candidate"), Interview.id.label("interview"),
                            Rating.competency_id.label("competency"), Rating.value, Rating.not_observed,
                            Rating.notes)
                     .join(Interview, Rating.interview_id == Interview.id)
                     .join(Candidate, Interview.candidate_id == Candidate.id)
                     .where(*of_round(only)))
            return query.where(Interview.status == "submitted") if submitted_only else query

        frame = self._frame(built("ratings", only, build, submitted_only), round_params(round_id, only),
                            booleans=("not_observed",))
        frame["value"] = frame["value"].astype(float)
        # Each interview's interviewer and status are read once, not with each of its ratings: a round of
        # 5,000 candidates has 210,000 ratings and 15,000 interviews.
        if interviews is None:
            interviews = self.interviews_frame(round_id, submitted_only, only)
        interviews = interviews.set_index("interview")
        frame.insert(2, "interviewer", frame["interview"].map(interviews["interviewer"]))
        frame["status"] = frame["interview"].map(interviews["status"])
        return frame

    def interviews_frame(self, round_id: int, submitted_only: bool = True, only: Collection[int] | None = None
                         ) -> pd.DataFrame:
        """Columns: interview, candidate, interviewer, status, recommendation, submitted_at. A draft is its
        author's alone: only submitted interviews unless asked otherwise."""
        def build(only: bool, submitted_only: bool):
            query = (select(Interview.id.label("interview"), Interview.candidate_id.label("candidate"),
                            Interview.interviewer, Interview.status, Interview.recommendation,
                            type_coerce(Interview.submitted_at, String).label("submitted_at"))
                     .join(Candidate).where(*of_round(only)).order_by(Interview.id))
            return query.where(Interview.status == "submitted") if submitted_only else query

        return self._frame(built("interviews", only, build, submitted_only), round_params(round_id, only),
                           times=("submitted_at",))

    def _frame(self, query, params: dict | None = None, times: tuple[str, ...] = (), booleans: tuple[str, ...] = ()
               ) -> pd.DataFrame:
        """The rows of `query` (with `params`) as a frame, one column per selected column; `times` are parsed as
        date-times."""
        names = [column.name for column in query.selected_columns]
        parts = []
        with self._connection() as connection:
            # The driver's own cursor, read in parts: no row objects, no conversions (times come as text); pandas
            # turns each part's rows into columns in C. Not `stream_results`: its buffer would take the first
            # rows before the cursor is read here.
            result = connection.execute(query, params or {})
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


    @contextmanager
    def _connection(self) -> Iterator:
        """The connection of the `_one_transaction` this thread is in, else a read-only one of its own."""
        engine, shared = getattr(_SHARED, "connection", (None, None))
        if engine is self.engine:
            yield shared
            return
        with self.engine.execution_options(read_only=True).connect() as connection:
            yield connection

    @contextmanager
    def _one_transaction(self) -> Iterator[None]:
        """The frames read inside share one read-only transaction."""
        with self.engine.execution_options(read_only=True).connect() as connection, connection.begin():
            _SHARED.connection = (self.engine, connection)
            try:
                yield
            finally:
                _SHARED.connection = (None, None)


PART_ROWS = 50_000  # rows fetched at a time
_SHARED = threading.local()  # the connection of the `_one_transaction` a thread is in


def of_round(only: bool = False) -> list:
    """The conditions of a frame's query (joined with `Candidate`): the round's candidates, or those of them in a
    list, both given as parameters (`round_params`)."""
    conditions = [Candidate.round_id == bindparam("round_id")]
    if only:
        conditions.append(Candidate.id.in_(bindparam("only", expanding=True)))
    return conditions


def round_params(round_id: int, only: Collection[int] | None = None) -> dict:
    """The parameters of a query made with `of_round`."""
    params = {"round_id": int(round_id)}
    if only is not None:
        params["only"] = sorted(int(c) for c in only)
    return params


def built(name: str, only: Collection[int] | None, build: Callable, *shape) -> Select:
    """The query `build(only is not None, *shape)`, made once per name and shape and kept: it takes its round and
    candidates as parameters, so the statement (and SQLAlchemy's compiled form of it) serves every read.
    Building a query and finding its compiled form cost more than reading a few candidates."""
    key = (name, only is not None, *shape)
    query = _QUERIES.get(key)
    if query is None:
        query = _QUERIES.setdefault(key, build(only is not None, *shape))
    return query


_QUERIES: dict[tuple, Select] = {}


def _times(values: pd.Series) -> pd.Series:
    """Date-times as one column: SQLite's text (naive, as written) or PostgreSQL's zone-aware values (in UTC)."""
    present = values.dropna()
    first = present.iloc[0] if len(present) else None
    if isinstance(first, str):
        return pd.to_datetime(values, format="ISO8601")
    if first is not None and first.tzinfo is not None:
        return pd.to_datetime(values, utc=True)
    return pd.to_datetime(values)
