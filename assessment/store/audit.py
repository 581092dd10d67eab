"""Reading the audit log: who read or changed what, when. The log is append-only: this module only reads,
and nothing in the code updates or deletes an audit event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from .base import Repository
from .models import AuditEvent, Candidate, Interview


class Audit(Repository):
    def record_read(self, actor: str, action: str, subject: str, **detail) -> None:
        """Record that `actor` read candidates' data (a page, an export): one short transaction."""
        with self.transaction() as session:
            self.audit(session, actor, action, subject, **detail)

    def audit_events(self, round_id: int | None = None, since: datetime | None = None,
                     reader: str | None = None) -> list[AuditEvent]:
        """Events, oldest first; of one round (the round itself, its candidates and their interviews) and
        from `since` on when given. `reader`, when given, is recorded as having read the log."""
        with self.reading() as session:
            query = select(AuditEvent).order_by(AuditEvent.at, AuditEvent.id)
            if since is not None:
                query = query.where(AuditEvent.at >= since)
            if round_id is not None:
                candidates = session.scalars(select(Candidate.id).where(Candidate.round_id == int(round_id))).all()
                interviews = session.scalars(select(Interview.id).where(Interview.candidate_id.in_(candidates))).all()
                subjects = [f"round:{round_id}", *(f"candidate:{c}" for c in candidates),
                            *(f"interview:{i}" for i in interviews)]
                query = query.where(or_(AuditEvent.subject.in_(subjects)))
            events = list(session.scalars(query))
        if reader is not None:
            with self.transaction() as session:
                self.audit(session, reader, "audit.read", f"round:{round_id}" if round_id else "audit:all")
        return events
