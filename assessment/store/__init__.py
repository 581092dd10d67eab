"""Storage: every read and write of the database goes through a `Store`."""

from __future__ import annotations

from sqlalchemy import Engine

from assessment.catalog import item_key, item_keys

from .answers import Answers
from .audit import Audit
from .bulk import Bulk, CandidateRecord, InterviewRecord
from .decisions import NOTE_GAP, VERDICTS, Decisions
from .engine import default_url, make_engine, shared_engine, upgrade
from .frames import Frames
from .interviews import RECOMMENDATIONS, Interviews
from .lifecycle import ROUND_STATES, Duplicate, Lifecycle, closed_since, is_open
from .models import (
    AuditEvent,
    Candidate,
    ConsensusRating,
    Decision,
    Interview,
    Invitation,
    OutboxMessage,
    Rating,
    Round,
    SelfAnswer,
)
from .outbox import Outbox
from .overview import Overview, RoundProgress
from .plans import Plan, Plans, Stage
from .records import Records, RetentionReport
from .rounds import CandidateStatus, Rounds
from .staff import Session, Staff, idle_timeout


class Store(Rounds, Answers, Interviews, Frames, Staff, Audit, Lifecycle, Records, Outbox, Overview, Decisions,
            Bulk, Plans):
    """All repositories over one engine."""

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True, shared: bool = False) -> Store:
        """A store on `url` (default: $ASSESSMENT_DATABASE_URL or the SQLite file), schema upgraded."""
        engine: Engine = shared_engine(url) if shared else make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine)


__all__ = [
    "AuditEvent",
    "Candidate",
    "CandidateRecord",
    "CandidateStatus",
    "ConsensusRating",
    "Decision",
    "Duplicate",
    "Interview",
    "InterviewRecord",
    "Invitation",
    "NOTE_GAP",
    "OutboxMessage",
    "Plan",
    "RECOMMENDATIONS",
    "ROUND_STATES",
    "Rating",
    "RetentionReport",
    "Round",
    "RoundProgress",
    "SelfAnswer",
    "Session",
    "Stage",
    "Store",
    "VERDICTS",
    "closed_since",
    "default_url",
    "idle_timeout",
    "is_open",
    "item_key",
    "item_keys",
    "make_engine",
    "upgrade",
]
