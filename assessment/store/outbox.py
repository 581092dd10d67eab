"""The outbox: e-mail messages written in the same transaction as the event that causes them, then claimed
one at a time by the sender, which records what the mail server answered.

A message's state goes queued → sending → sent | failed | cancelled; a temporary problem puts it back to
queued with a later `next_attempt_at`. Claiming is a compare-and-set (and FOR UPDATE SKIP LOCKED on
PostgreSQL), so two senders never take the same message. A link's token is kept in `context` only until the
message has left (or will never leave); then it is erased, like every token the app hands out.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from assessment.i18n import language as known_language

from .base import Repository, hash_token
from .models import Candidate, Interview, Invitation, OutboxMessage, Round, StaffAccount

KINDS = ("invitation", "reminder", "thanks", "assignment", "scorecard")
FINAL = ("sent", "failed", "cancelled")
SENDER = "system:mail"  # the actor the audit log names for what the sender did
#: Top-level domains reserved for examples and tests (RFC 2606): the demo team (`@demo.example`) and the accounts
#: migration 0002 made from typed names (`@accounts.invalid`) get no notices.
RESERVED_TLDS = (".invalid", ".example", ".test", ".localhost")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def queue(session, kind: str, *, recipient: str, name: str, language: str, context: dict,
          candidate_id: int | None = None, staff_id: int | None = None, dedupe: str | None = None,
          due: datetime | None = None) -> OutboxMessage:
    """Add a message to the outbox inside the caller's transaction: it is sent only if that commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of message {kind!r}")
    message = OutboxMessage(kind=kind, recipient=recipient, recipient_name=name, language=known_language(language),
                            context=context, candidate_id=candidate_id, staff_id=staff_id, dedupe_key=dedupe,
                            message_id=secrets.token_hex(16), state="queued", attempts=0,
                            next_attempt_at=due or datetime.now(UTC))
    session.add(message)
    return message


def queue_for_candidate(repository: Repository, session, kind: str, candidate: Candidate, dedupe: str | None = None,
                        **context) -> OutboxMessage:
    """A message to a candidate, in their language, naming the role of their round."""
    with session.no_autoflush:  # what the caller added is written once, at its commit
        catalog_hash = session.scalar(select(Round.catalog_hash).where(Round.id == candidate.round_id))
    role = repository.catalog_of_hash(catalog_hash, session).name.get(candidate.language)
    return queue(session, kind, recipient=candidate.email, name=candidate.name, language=candidate.language,
                 context={"role": role, **context}, candidate_id=candidate.id, dedupe=dedupe)


def queue_for_interviewer(repository: Repository, session, kind: str, account: StaffAccount, candidate: Candidate,
                          dedupe: str | None = None, **context) -> OutboxMessage | None:
    """A message to an interviewer about a candidate; None for an account that receives no mail."""
    if account.disabled or account.email.endswith(RESERVED_TLDS):
        return None
    round_ = session.get(Round, candidate.round_id)
    language = known_language(account.language)
    role = repository.catalog_of_hash(round_.catalog_hash, session).name.get(language)
    return queue(session, kind, recipient=account.email, name=account.name, language=language,
                 context={"role": role, "candidate": candidate.name, "round_id": round_.id,
                          "round": round_.name, "candidate_id": candidate.id, **context},
                 candidate_id=candidate.id, staff_id=account.id, dedupe=dedupe)


def invited_by_mail(session, candidate_id: int) -> bool:
    return session.scalar(select(OutboxMessage.id).where(OutboxMessage.candidate_id == candidate_id,
                                                         OutboxMessage.kind == "invitation").limit(1)) is not None


class Outbox(Repository):
    # --- the sender's side -------------------------------------------------------------------------------
    def recover_stale(self, now: datetime, lease: timedelta) -> int:
        """Messages a sender claimed and never reported on (it died) go back to the queue after `lease`.

        The message keeps its Message-ID, so should the server have accepted it just before the sender died,
        the recipient's mail program shows the second copy as the same message."""
        with self.transaction() as session:
            result = session.execute(update(OutboxMessage).where(OutboxMessage.state == "sending",
                                                                 OutboxMessage.claimed_at < now - lease)
                                     .values(state="queued", answer="the sender stopped while sending"))
            return result.rowcount

    def claim_messages(self, now: datetime, limit: int) -> list[OutboxMessage]:
        """Up to `limit` due messages, oldest first, now marked `sending` for this sender; [] when nothing is due.
        A message that is no longer wanted (the candidate has finished, the link was replaced) is cancelled on
        the way. Claimed messages a sender does not try go back with `release`."""
        while True:
            with self.transaction() as session:
                due = session.scalars(
                    select(OutboxMessage).where(OutboxMessage.state == "queued", OutboxMessage.next_attempt_at <= now)
                    .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
                    .with_for_update(skip_locked=True)).all()
                claimed = []
                for message in due:
                    reason = _unwanted(session, message)
                    if reason is None:
                        message.state, message.claimed_at = "sending", now
                        claimed.append(message)
                    else:
                        self._close(session, message, "cancelled", reason)
            if claimed or not due:
                return claimed

    def claim_message(self, now: datetime) -> OutboxMessage | None:
        claimed = self.claim_messages(now, 1)
        return claimed[0] if claimed else None

    def release(self, message_ids: list[int]) -> None:
        """Claimed messages this sender did not try: back to the queue as they were."""
        if message_ids:
            with self.transaction() as session:
                session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(message_ids),
                                                            OutboxMessage.state == "sending")
                                .values(state="queued", claimed_at=None))

    def _close(self, session, message: OutboxMessage, state: str, answer: str) -> None:
        """A final state: the token erased, and the audit log told who was (or was not) sent what."""
        message.state, message.answer = state, answer
        message.context = {name: value for name, value in message.context.items() if name != "token"}
        subject = f"candidate:{message.candidate_id}" if message.candidate_id else f"staff:{message.staff_id}"
        self.audit(session, SENDER, f"mail.{state}", subject, kind=message.kind, message=message.id)

    def message_sent(self, message_id: int, subject: str, answer: str, now: datetime) -> None:
        self._report(message_id, "sent", answer, subject=subject, sent_at=now)

    def message_failed(self, message_id: int, answer: str, subject: str | None = None) -> None:
        self._report(message_id, "failed", answer, subject=subject)

    def message_retry(self, message_id: int, answer: str, at: datetime) -> None:
        """Back to the queue, to be tried again at `at`."""
        self._report(message_id, "queued", answer, next_attempt_at=at)

    def _report(self, message_id: int, state: str, answer: str, **values) -> None:
        with self.transaction() as session:
            message = session.get(OutboxMessage, int(message_id), with_for_update=True)
            message.attempts += 1
            message.claimed_at = None
            for name, value in values.items():
                setattr(message, name, value)
            if state in FINAL:
                self._close(session, message, state, answer)
            else:
                message.state, message.answer = state, answer

    # --- events that fall due with time ---------------------------------------------------------------
    def queue_due_reminders(self, now: datetime, days_before: int, scorecard_limit: int) -> int:
        """Queue the reminders that are due: to candidates invited by e-mail whose link expires within
        `days_before` days and who have not submitted; to interviewers whose interview is still a draft a day
        after they started it, then daily, at most `scorecard_limit` times. Each is queued once: when another
        sender queues the same reminders at the same moment, the unique `dedupe_key` refuses the second, whose
        transaction then changes nothing."""
        try:
            with self.transaction() as session:
                count = self._candidate_reminders(session, now, days_before)
                count += self._scorecard_reminders(session, now, scorecard_limit)
        except IntegrityError:
            return 0
        return count

    def _candidate_reminders(self, session, now: datetime, days_before: int) -> int:
        horizon = now + timedelta(days=days_before)
        mailed = select(OutboxMessage.candidate_id).where(OutboxMessage.kind == "invitation")
        rows = session.execute(
            select(Invitation, Candidate).join(Candidate, Invitation.candidate_id == Candidate.id)
            .where(Invitation.used_at.is_(None), Invitation.expires_at > now, Invitation.expires_at <= horizon,
                   Candidate.submitted_at.is_(None), Candidate.email.is_not(None), Candidate.id.in_(mailed))
            .order_by(Invitation.id)).all()
        count = 0
        for invitation, candidate in rows:
            expires = _aware(invitation.expires_at)
            key = f"reminder:{candidate.id}:{int(expires.timestamp())}"
            if expires - _aware(invitation.created_at) <= timedelta(days=days_before) or _exists(session, key):
                continue
            # A second link that expires with the first: the reminder can carry a link without any token being
            # kept, and the candidate's open page (on the first link) keeps working.
            token = secrets.token_urlsafe(24)
            session.add(Invitation(candidate_id=candidate.id, token_hash=hash_token(token), expires_at=expires))
            queue_for_candidate(self, session, "reminder", candidate, dedupe=key, token=token,
                                expires_at=expires.isoformat(), days=days_before)
            session.flush()
            count += 1
        return count

    def _scorecard_reminders(self, session, now: datetime, limit: int) -> int:
        rows = session.execute(
            select(Interview, StaffAccount, Candidate).join(StaffAccount, Interview.staff_id == StaffAccount.id)
            .join(Candidate, Interview.candidate_id == Candidate.id)
            .where(Interview.status == "draft", Interview.started_at <= now - timedelta(days=1))).all()
        sent = set(session.scalars(select(OutboxMessage.dedupe_key).where(OutboxMessage.kind == "scorecard")))
        count = 0
        for interview, account, candidate in rows:
            number = 1 + sum(f"scorecard:{interview.id}:{n}" in sent for n in range(1, limit + 1))
            if number > limit or _aware(interview.started_at) + timedelta(days=number) > now:
                continue
            if queue_for_interviewer(self, session, "scorecard", account, candidate,
                                     dedupe=f"scorecard:{interview.id}:{number}", interview_id=interview.id,
                                     number=number):
                count += 1
        return count

    # --- what HR sees -----------------------------------------------------------------------------------
    def round_mail(self, round_id: int) -> list[tuple[OutboxMessage, str]]:
        """Every message about the round's candidates, newest first, with the candidate's name."""
        with self.reading() as session:
            rows = session.execute(select(OutboxMessage, Candidate.name)
                                   .join(Candidate, OutboxMessage.candidate_id == Candidate.id)
                                   .where(Candidate.round_id == int(round_id))
                                   .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()))
            return [(message, name) for message, name in rows]

    def outbox_counts(self) -> dict[str, int]:
        with self.reading() as session:
            return dict(session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all())


def _exists(session, dedupe_key: str) -> bool:
    return session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)) is not None


def _unwanted(session, message: OutboxMessage) -> str | None:
    """Why a queued message should no longer go out, or None."""
    context = message.context
    if message.kind in ("invitation", "reminder"):
        candidate = session.get(Candidate, message.candidate_id)
        if message.kind == "reminder" and candidate.submitted_at is not None:
            return "not sent: the candidate has submitted"
        invitation = session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(context["token"])))
        if invitation is None or invitation.used_at is not None:
            return "not sent: a newer link replaced this one"
    if message.kind == "scorecard":
        interview = session.get(Interview, context["interview_id"])
        if interview is None or interview.status == "submitted":
            return "not sent: the interview has been submitted"
    return None


__all__ = ["KINDS", "Outbox", "invited_by_mail", "queue", "queue_for_candidate", "queue_for_interviewer"]
