"""A candidate's personal data as a whole: everything stored about them (subject access, GDPR Art. 15 and 20),
erasure from every table (Art. 17), and erasure when a round's retention period has run out.

Erasing removes the candidate's row and everything hanging off it — invitations (with their token hashes),
answers, interviews with their ratings and notes, assignments, e-mail to or about them — in one transaction,
and redacts their name and e-mail address wherever the audit log holds them. What stays is one anonymous
event: that candidate N of round M was erased, by whom, when, and why. The round's statistics are computed
from the candidates who remain.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select

from assessment import privacy
from assessment.errors import InvalidValue

from .base import Repository, get
from .lifecycle import check_retention_days, closed_since
from .models import (
    Assignment,
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

REDACTED = "[erased]"
DEFAULT_RETENTION_DAYS = 180
DEFAULT_MAX_ROUND_AGE_DAYS = 730


def _days_from_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0:
        raise InvalidValue(f"${name} must be a whole number of days, 0 or more, not {value!r}",
                           code="retention_env", name=name, value=value)
    return days


def retention_defaults() -> tuple[int, int]:
    """The organisation's retention period after a round closes — $ASSESSMENT_RETENTION_DAYS when set, else the
    period its privacy notice promises candidates (`assessment.privacy`) — and the age after which a round never
    closed is treated as over ($ASSESSMENT_RETENTION_MAX_AGE_DAYS, default 730 days)."""
    if os.environ.get("ASSESSMENT_RETENTION_DAYS", "").strip():
        days = _days_from_env("ASSESSMENT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    else:
        days = privacy.notice().retention_days
    return days, _days_from_env("ASSESSMENT_RETENTION_MAX_AGE_DAYS", DEFAULT_MAX_ROUND_AGE_DAYS)


@dataclass
class RetentionReport:
    """What a retention run erased (or, in a dry run, would erase): candidate ids per round, with the reason."""

    dry_run: bool
    rounds: list[tuple[int, str, str, list[int]]] = field(default_factory=list)  # (round, name, why, candidates)

    @property
    def erased(self) -> int:
        return sum(len(ids) for *_, ids in self.rounds)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


class Records(Repository):
    def subject_access(self, candidate_id: int) -> dict:
        """Everything stored about one candidate, as plain data ready for JSON."""
        with self.reading() as session:
            candidate = get(session, Candidate, int(candidate_id), "candidate")
            round_ = session.get(Round, candidate.round_id)
            catalog = self.catalog_of_hash(round_.catalog_hash, session)
            statements = {entry.key: entry.item.text.get(candidate.language) for entry in catalog.self_items}
            competencies = {c.id: c.name.get(candidate.language) for c in catalog.competencies}
            invitations = session.scalars(select(Invitation).where(Invitation.candidate_id == candidate.id)
                                          .order_by(Invitation.id)).all()
            answers = session.scalars(select(SelfAnswer).where(SelfAnswer.candidate_id == candidate.id)).all()
            interviews = session.scalars(select(Interview).where(Interview.candidate_id == candidate.id)
                                         .order_by(Interview.id)).all()
            ratings = {i.id: session.scalars(select(Rating).where(Rating.interview_id == i.id)
                                             .order_by(Rating.competency_id)).all() for i in interviews}
            messages = session.scalars(select(OutboxMessage).where(OutboxMessage.candidate_id == candidate.id)
                                       .order_by(OutboxMessage.id)).all()
            events = session.scalars(select(AuditEvent).where(or_(*self._about(candidate.id, interviews)))
                                     .order_by(AuditEvent.at, AuditEvent.id)).all()
            order = {key: n for n, key in enumerate(statements)}
            return {
                "exported_at": datetime.now(UTC).isoformat(),
                "candidate": {"id": candidate.id, "name": candidate.name, "email": candidate.email,
                              "language": candidate.language, "added_at": _iso(candidate.created_at),
                              "consent_at": _iso(candidate.consent_at),
                              "consent_notice_version": candidate.consent_version,
                              "withdrawn_at": _iso(candidate.withdrawn_at),
                              "submitted_at": _iso(candidate.submitted_at)},
                "round": {"id": round_.id, "name": round_.name, "role": catalog.name.get(candidate.language),
                          "status": round_.status},
                "invitations": [{"created_at": _iso(i.created_at), "expires_at": _iso(i.expires_at),
                                 "used_or_replaced_at": _iso(i.used_at)} for i in invitations],
                "self_assessment": [{"item": a.item_id, "statement": statements.get(a.item_id), "answer": a.value,
                                     "answered_at": _iso(a.answered_at)}
                                    for a in sorted(answers, key=lambda a: order.get(a.item_id, len(order)))],
                "interviews": [{"interviewer": i.interviewer, "status": i.status, "recommendation": i.recommendation,
                                "started_at": _iso(i.started_at), "submitted_at": _iso(i.submitted_at),
                                "ratings": [{"competency": r.competency_id,
                                             "competency_name": competencies.get(r.competency_id),
                                             "rating": r.value, "not_observed": r.not_observed, "notes": r.notes,
                                             "updated_at": _iso(r.updated_at)} for r in ratings[i.id]]}
                               for i in interviews],
                "messages": [{"kind": m.kind, "to": m.recipient, "language": m.language, "state": m.state,
                              "subject": m.subject, "queued_at": _iso(m.created_at), "sent_at": _iso(m.sent_at)}
                             for m in messages],
                "audit": [{"at": _iso(e.at), "actor": e.actor, "action": e.action, "subject": e.subject,
                           "detail": e.detail} for e in events],
            }

    @staticmethod
    def _about(candidate_id: int, interviews) -> list:
        subjects = [f"candidate:{candidate_id}", *(f"interview:{i.id}" for i in interviews)]
        return [AuditEvent.subject.in_(subjects), AuditEvent.actor == f"candidate:{candidate_id}"]

    def erase_candidate(self, candidate_id: int, actor: str = "system", reason: str = "request") -> None:
        """Remove one candidate's personal data from every table, in one transaction (see the module's text)."""
        with self.transaction() as session:
            candidate = get(session, Candidate, int(candidate_id), "candidate", lock=True)
            self._erase(session, candidate, actor, reason)

    def _erase(self, session, candidate: Candidate, actor: str, reason: str) -> None:
        name, email, round_id = candidate.name, candidate.email, candidate.round_id
        interviews = session.scalars(select(Interview).where(Interview.candidate_id == candidate.id)).all()
        identifying = [value for value in (name, email) if value]
        for event in session.scalars(select(AuditEvent).where(or_(
                AuditEvent.actor.in_(identifying), *self._about(candidate.id, interviews)))):
            event.actor = REDACTED if event.actor in identifying else event.actor
            event.detail = {key: _redacted(value, identifying) for key, value in (event.detail or {}).items()}
            if event.action in ("consensus.record", "decision.record"):  # the committee's words about the person
                event.detail = {key: _without_text(value) for key, value in event.detail.items()}
        ids = [i.id for i in interviews]
        session.execute(delete(Rating).where(Rating.interview_id.in_(ids)))
        for model in (Interview, SelfAnswer, Invitation, Assignment, OutboxMessage, ConsensusRating, Decision):
            session.execute(delete(model).where(model.candidate_id == candidate.id))
        session.delete(candidate)
        self.changed(session, round_id=round_id)
        self.audit(session, actor, "candidate.erase", f"candidate:{candidate.id}", round=round_id, reason=reason)

    def erased_in(self, round_id: int) -> int:
        """How many candidates of the round have been erased (the round's figures no longer include them)."""
        with self.reading() as session:
            events = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "candidate.erase"))
            return sum(1 for detail in events if (detail or {}).get("round") == int(round_id))

    # --- retention ----------------------------------------------------------------------------------
    def run_retention(self, now: datetime | None = None, dry_run: bool = False, actor: str = "retention",
                      default_days: int | None = None, max_age_days: int | None = None) -> RetentionReport:
        """Erase the candidates of every round whose retention period has run out: `retention_days` (the round's
        own, else `default_days`) after it closed, or `max_age_days` after it was created when it never closed.
        Each candidate is one transaction; a second run finds nothing left to do."""
        env_days, env_age = retention_defaults()
        default_days = check_retention_days(env_days if default_days is None else default_days)
        max_age_days = check_retention_days(env_age if max_age_days is None else max_age_days)
        now, report = now or datetime.now(UTC), RetentionReport(dry_run)
        with self.reading() as session:
            rounds = session.scalars(select(Round).order_by(Round.id)).all()
            waiting = {r.id: session.scalars(select(Candidate.id).where(Candidate.round_id == r.id)
                                             .order_by(Candidate.id)).all() for r in rounds}
        for round_ in rounds:
            why = _due(round_, now, default_days, max_age_days)
            if why is None or not waiting[round_.id]:
                continue
            report.rounds.append((round_.id, round_.name, why, list(waiting[round_.id])))
            if dry_run:
                continue
            for candidate_id in waiting[round_.id]:
                with self.transaction() as session:
                    candidate = session.get(Candidate, candidate_id, with_for_update=True)
                    if candidate is not None:  # erased meanwhile by someone else
                        self._erase(session, candidate, actor, "retention")
        return report


def _due(round_: Round, now: datetime, default_days: int, max_age_days: int) -> str | None:
    """Why the round's personal data is due for erasure at `now`, or None."""
    closed = closed_since(round_)
    days = round_.retention_days if round_.retention_days is not None else default_days
    if closed is not None and now >= closed + timedelta(days=days):
        return f"closed {closed.date().isoformat()}, kept {days} days"
    created = round_.created_at if round_.created_at.tzinfo else round_.created_at.replace(tzinfo=UTC)
    if closed is None and now >= created + timedelta(days=max_age_days):
        return f"never closed, created {created.date().isoformat()}, older than {max_age_days} days"
    return None


def _redacted(value, identifying: list[str]):
    if isinstance(value, str):
        for text in identifying:
            value = value.replace(text, REDACTED)
        return value
    if isinstance(value, list):
        return [_redacted(v, identifying) for v in value]
    if isinstance(value, dict):
        return {k: _redacted(v, identifying) for k, v in value.items()}
    return value


def _without_text(value):
    """A debrief's before/after with its note or reasons erased; the verdict and ratings stay."""
    if isinstance(value, dict):
        return {k: REDACTED if k in ("note", "reasons") and v else v for k, v in value.items()}
    return value
