"""Many candidates with their answers and interviews in one transaction: synthetic rounds for trying the app and
measuring it at scale (`assessment demo --size N`). Rows go in as multi-row inserts, not one save at a time."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from .base import Repository, get, hash_token
from .models import Candidate, Interview, Invitation, Rating, Round, SelfAnswer

BATCH = 5_000  # rows per insert statement: bounded memory, few round trips


@dataclass(frozen=True)
class InterviewRecord:
    """One interview of a candidate. `ratings`: competency id -> (value or None for "not observed", notes)."""

    interviewer: str
    ratings: dict[str, tuple[int | None, str]]
    recommendation: str | None = None
    submitted_at: datetime | None = None  # None: a draft


@dataclass(frozen=True)
class CandidateRecord:
    """A candidate as they stand: `answers` maps item key -> (value, answered_at); `invited` gives them an invite
    (its link is not printed: the token is thrown away)."""

    name: str
    email: str | None = None
    language: str = "en"
    invited: bool = False
    consent_at: datetime | None = None
    submitted_at: datetime | None = None
    answers: dict[str, tuple[int, datetime]] = field(default_factory=dict)
    interviews: Sequence[InterviewRecord] = ()


class Bulk(Repository):
    def add_records(self, round_id: int, records: Sequence[CandidateRecord], actor: str = "system") -> list[int]:
        """Insert `records` into the round in one transaction; returns the new candidates' ids in order.
        The values are the caller's: this is for generated data (see `assessment.demo.synthetic_round`),
        not for what people type, which goes through the checked one-at-a-time methods."""
        now = datetime.now(UTC)
        with self.transaction() as session:
            get(session, Round, int(round_id), "round")
            ids = self._insert_ids(session, Candidate, [
                {"round_id": int(round_id), "name": r.name, "email": r.email, "language": r.language,
                 "consent_at": r.consent_at, "submitted_at": r.submitted_at, "created_at": now} for r in records])
            self._insert(session, Invitation, [
                {"candidate_id": cid, "token_hash": hash_token(secrets.token_urlsafe(24)),
                 "expires_at": now + timedelta(days=14), "used_at": r.submitted_at, "created_at": now}
                for cid, r in zip(ids, records, strict=True) if r.invited])
            self._insert(session, SelfAnswer, (
                {"candidate_id": cid, "item_id": key, "value": value, "answered_at": at}
                for cid, r in zip(ids, records, strict=True) for key, (value, at) in r.answers.items()))
            owners = [(cid, interview) for cid, r in zip(ids, records, strict=True) for interview in r.interviews]
            interview_ids = self._insert_ids(session, Interview, [
                {"candidate_id": cid, "interviewer": i.interviewer, "recommendation": i.recommendation,
                 "status": "draft" if i.submitted_at is None else "submitted", "submitted_at": i.submitted_at,
                 "started_at": (i.submitted_at or now) - timedelta(hours=1), "version": 1 + len(i.ratings)}
                for cid, i in owners])
            self._insert(session, Rating, (
                {"interview_id": iid, "competency_id": competency, "value": value, "not_observed": value is None,
                 "notes": notes, "updated_at": i.submitted_at or now}
                for iid, (_, i) in zip(interview_ids, owners, strict=True)
                for competency, (value, notes) in i.ratings.items()))
            self.changed(session, round_id=round_id, candidates=ids)
            self.audit(session, actor, "round.add_records", f"round:{int(round_id)}", candidates=len(ids))
        return ids

    @staticmethod
    def _insert_ids(session, model, rows: list[dict]) -> list[int]:
        """Insert `rows`; their new primary keys in the order of `rows`."""
        ids: list[int] = []
        statement = insert(model.__table__).returning(model.__table__.c.id, sort_by_parameter_order=True)
        for start in range(0, len(rows), BATCH):
            ids.extend(session.connection().execute(statement, rows[start:start + BATCH]).scalars().all())
        return ids

    @staticmethod
    def _insert(session, model, rows) -> None:
        """Insert `rows` (an iterable of dicts with the same keys) in batches, each one executemany of the
        table's own INSERT: no ORM bookkeeping per row."""
        connection, statement, batch = session.connection(), insert(model.__table__), []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                connection.execute(statement, batch)
                batch = []
        if batch:
            connection.execute(statement, batch)
