"""A round's life and tidying its data: open, closed or archived; renaming; deleting an empty round; correcting
a candidate; finding and merging duplicates. Every change is one transaction with its audit event."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update

from assessment.candidates import clean_candidate, clean_name
from assessment.errors import InvalidValue

from .base import Repository, get
from .models import Assignment, Candidate, Interview, Invitation, Round, RoundMember, SelfAnswer

ROUND_STATES = ("open", "closed", "archived")
STATE_ACTIONS = {"open": "round.reopen", "closed": "round.close", "archived": "round.archive"}
MAX_RETENTION_DAYS = 3650


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def is_open(round_: Round, now: datetime | None = None) -> bool:
    """Whether a round takes answers and new interviews: open, and its closing date (if any) not reached."""
    now = now or datetime.now(UTC)
    return round_.status == "open" and (round_.closes_at is None or now < aware(round_.closes_at))


def closed_since(round_: Round) -> datetime | None:
    """When the round stopped taking answers: closed by hand, or by reaching its closing date."""
    if round_.status != "open":
        return aware(round_.closed_at) or aware(round_.closes_at)
    closes = aware(round_.closes_at)
    return closes if closes is not None and closes <= datetime.now(UTC) else None


def check_retention_days(days: int | None) -> int | None:
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_RETENTION_DAYS:
        raise InvalidValue(f"a retention period is a whole number of days from 0 to {MAX_RETENTION_DAYS}",
                           code="retention_days", limit=MAX_RETENTION_DAYS)
    return days


def _same_name(name: str) -> str:
    """A name as compared for duplicates: case, accents' composition and spacing do not count."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Duplicate:
    """A candidate to be added (`row`, its index) who looks like one already in the round."""

    row: int
    existing: Candidate
    by: str  # "email" or "name"


class Lifecycle(Repository):
    # --- the round ----------------------------------------------------------------------------------
    def rename_round(self, round_id: int, name: str, actor: str = "system") -> Round:
        name = clean_name(name, "round")
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round")
            round_.name = name
            self.changed(session, round_id=round_.id, settings=True)
            self.audit(session, actor, "round.rename", f"round:{round_.id}")
            return round_

    def set_round_state(self, round_id: int, state: str, actor: str = "system") -> Round:
        """Open, close or archive a round. Closing stops new answers and interviews; everything stays readable."""
        if state not in ROUND_STATES:
            raise InvalidValue(f"a round is one of {', '.join(ROUND_STATES)}", code="round_state",
                               states=", ".join(ROUND_STATES))
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round", lock=True)
            if round_.status == state:
                return round_
            was_open = is_open(round_)
            round_.status = state
            if state == "open":
                round_.closed_at = None
                if round_.closes_at is not None and aware(round_.closes_at) <= datetime.now(UTC):
                    round_.closes_at = None  # reopened by hand: its passed closing date no longer applies
            elif round_.closed_at is None:
                round_.closed_at = datetime.now(UTC) if was_open else aware(round_.closes_at) or datetime.now(UTC)
            self.changed(session, round_id=round_.id, settings=True)
            self.audit(session, actor, STATE_ACTIONS[state], f"round:{round_.id}")
            return round_

    def set_round_dates(self, round_id: int, closes_at: datetime | None, retention_days: int | None,
                        actor: str = "system") -> Round:
        """The date the round closes by itself (None: only by hand) and its own retention period (None: the
        organisation's default)."""
        retention_days = check_retention_days(retention_days)
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round")
            round_.closes_at, round_.retention_days = closes_at, retention_days
            self.changed(session, round_id=round_.id, settings=True)
            self.audit(session, actor, "round.settings", f"round:{round_.id}",
                       closes_at=closes_at.isoformat() if closes_at else None, retention_days=retention_days)
            return round_

    def delete_round(self, round_id: int, actor: str = "system") -> None:
        """Remove a round nobody has answered or interviewed in yet (a test round, a mistake)."""
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round", lock=True)
            candidates = select(Candidate.id).where(Candidate.round_id == round_.id)
            answered = session.scalar(select(func.count()).select_from(SelfAnswer)
                                      .where(SelfAnswer.candidate_id.in_(candidates)))
            interviewed = session.scalar(select(func.count()).select_from(Interview)
                                         .where(Interview.candidate_id.in_(candidates)))
            if answered or interviewed:
                raise InvalidValue("this round already has answers or interviews; close or archive it instead",
                                   code="round_not_empty")
            for model in (Invitation, Assignment):
                session.execute(delete(model).where(model.candidate_id.in_(candidates)))
            session.execute(delete(Candidate).where(Candidate.round_id == round_.id))
            session.execute(delete(RoundMember).where(RoundMember.round_id == round_.id))
            session.delete(round_)
            self.audit(session, actor, "round.delete", f"round:{round_id}")

    def round_is_open(self, round_id: int) -> bool:
        with self.reading() as session:
            return is_open(get(session, Round, int(round_id), "round"))

    # --- candidates ---------------------------------------------------------------------------------
    def update_candidate(self, candidate_id: int, name: str, email: str | None, language: str | None,
                         actor: str = "system") -> Candidate:
        """Correct a candidate's name, e-mail address or language. The audit log names the fields changed, never
        their values (they are personal data, and must go when the candidate is erased)."""
        fields = clean_candidate(name, email, language)
        with self.transaction() as session:
            candidate = get(session, Candidate, int(candidate_id), "candidate")
            changed = sorted(key for key, value in fields.items() if getattr(candidate, key) != value)
            for key in changed:
                setattr(candidate, key, fields[key])
            if changed:
                self.changed(session, round_id=candidate.round_id, candidate_id=candidate.id)
                self.audit(session, actor, "candidate.correct", f"candidate:{candidate.id}", fields=changed)
            return candidate

    def duplicates(self, round_id: int, rows: list[dict]) -> list[Duplicate]:
        """Rows (name, e-mail) that match a candidate already in the round by e-mail address or by name."""
        with self.reading() as session:
            existing = list(session.scalars(select(Candidate).where(Candidate.round_id == int(round_id))
                                            .order_by(Candidate.id)))
        by_email, by_name = {}, {}
        for candidate in existing:  # the earliest added stands for the others
            if candidate.email:
                by_email.setdefault(candidate.email.lower(), candidate)
            by_name.setdefault(_same_name(candidate.name), candidate)
        found = []
        for index, row in enumerate(rows):
            email = str(row.get("email") or "").strip().lower()
            if email and email in by_email:
                found.append(Duplicate(index, by_email[email], "email"))
            elif _same_name(str(row.get("name") or "")) in by_name:
                found.append(Duplicate(index, by_name[_same_name(str(row.get("name") or ""))], "name"))
        return found

    def merge_candidates(self, keep_id: int, other_id: int, actor: str = "system") -> Candidate:
        """Fold a duplicate (`other_id`) into the candidate kept: its invitations, answers, interviews and
        assignments move over, and the duplicate is removed. Refused when both answered the self-assessment or
        one interviewer interviewed both: then one record must be erased instead, by someone who knows which."""
        if int(keep_id) == int(other_id):
            raise InvalidValue("choose two different candidates to merge", code="merge_same")
        with self.transaction() as session:
            keep = get(session, Candidate, int(keep_id), "candidate", lock=True)
            other = get(session, Candidate, int(other_id), "candidate", lock=True)
            if keep.round_id != other.round_id:
                raise InvalidValue("only candidates of the same round can be merged", code="merge_rounds")
            answered = {cid for (cid,) in session.execute(select(SelfAnswer.candidate_id).distinct().where(
                SelfAnswer.candidate_id.in_([keep.id, other.id])))}
            if len(answered) == 2:
                raise InvalidValue("both have answered the self-assessment; erase the one that is not wanted",
                                   code="merge_both_answered")
            interviewers = session.execute(select(Interview.candidate_id, Interview.interviewer).where(
                Interview.candidate_id.in_([keep.id, other.id]))).all()
            if len({name for _, name in interviewers}) < len(interviewers):
                raise InvalidValue("one interviewer has interviewed both; erase the one that is not wanted",
                                   code="merge_both_interviewed")
            both = select(Assignment.staff_id).where(Assignment.candidate_id == keep.id)
            session.execute(delete(Assignment).where(Assignment.candidate_id == other.id,
                                                     Assignment.staff_id.in_(both)))
            for model in (Invitation, SelfAnswer, Interview, Assignment):
                session.execute(update(model).where(model.candidate_id == other.id).values(candidate_id=keep.id))
            if other.id in answered:
                keep.consent_at, keep.submitted_at = other.consent_at, other.submitted_at
            session.flush()
            session.delete(other)
            self.changed(session, round_id=keep.round_id)
            self.audit(session, actor, "candidate.merge", f"candidate:{keep.id}", merged=other.id)
            return keep
