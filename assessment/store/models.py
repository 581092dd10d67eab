"""The tables: DESIGN.md section 4, in SQLAlchemy 2 declarative form."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class CatalogSnapshot(Base):
    """The catalog a round was created with, kept whole so results outlive the file."""

    __tablename__ = "catalog_snapshot"
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    catalog_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)  # the validated catalog as JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Round(Base):
    __tablename__ = "round"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    catalog_id: Mapped[str] = mapped_column(String(64))
    catalog_version: Mapped[str] = mapped_column(String(64))
    catalog_hash: Mapped[str] = mapped_column(ForeignKey("catalog_snapshot.content_hash"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed | archived
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # closes by itself then
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # when it stopped being open
    retention_days: Mapped[int | None] = mapped_column(Integer)  # None: the organisation's default
    demo: Mapped[bool] = mapped_column(Boolean, default=False)  # made by `assessment demo`; --reset replaces it
    # Whether a candidate may download a feedback report of their own self-assessment after submitting it.
    candidate_feedback: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Goes up with every change of the round's data, in the change's own transaction (`Repository.changed`):
    # computed results are kept in memory keyed by it (`assessment.results.cache`).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The revision of the last change that concerned more than named candidates (a plan, an erasure, a merge):
    # results kept for an older revision are read again whole, not only for the candidates changed since.
    whole_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    candidates: Mapped[list[Candidate]] = relationship(back_populates="round", order_by="Candidate.id")


class Candidate(Base):
    __tablename__ = "candidate"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(2), default="en")
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The privacy notice the candidate read when consenting; withdrawing erases the answers and keeps the time.
    consent_version: Mapped[str | None] = mapped_column(String(64))  # a PrivacyNotice.version
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # The round's revision at this candidate's last change (`Repository.changed`).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    round: Mapped[Round] = relationship(back_populates="candidates")


class PrivacyNotice(Base):
    """Each version of the privacy notice a candidate consented to, kept whole: the proof of what they read."""

    __tablename__ = "privacy_notice"
    version: Mapped[str] = mapped_column(String(64), primary_key=True)  # a hash of the content
    content: Mapped[str] = mapped_column(Text)  # the notice as JSON, every language
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Invitation(Base):
    __tablename__ = "invitation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256; the token itself is never stored
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class SelfAnswer(Base):
    """One row per candidate and item, upserted on every change."""

    __tablename__ = "self_answer"
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(140), primary_key=True)  # "<competency>.<item>"
    value: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Interview(Base):
    __tablename__ = "interview"
    __table_args__ = (UniqueConstraint("candidate_id", "interviewer"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    interviewer: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | submitted
    recommendation: Mapped[str | None] = mapped_column(String(16))  # strong_no | no | yes | strong_yes
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)  # optimistic locking: bumped by every save
    # The signed-in author; only this account may change the interview. `interviewer` keeps the name shown.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"), index=True)


class Rating(Base):
    __tablename__ = "rating"
    interview_id: Mapped[int] = mapped_column(ForeignKey("interview.id", ondelete="CASCADE"), primary_key=True)
    competency_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int | None] = mapped_column(Integer)  # 1-5; None with not_observed
    not_observed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class StaffAccount(Base):
    """A person of the hiring team. Signs in with a local password (argon2id hash) or through single sign-on
    (no password; matched by e-mail)."""

    __tablename__ = "staff_account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # lower case
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # admin | recruiter | committee | interviewer
    language: Mapped[str] = mapped_column(String(2), default="en")  # of the e-mails the app sends them
    password_hash: Mapped[str | None] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class StaffSession(Base):
    """A signed-in browser. The cookie carries a random token; only its hash is stored."""

    __tablename__ = "staff_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SignInFailure(Base):
    """A failed sign-in, kept for throttling (shared by every app instance) and forgotten after a day."""

    __tablename__ = "sign_in_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class RoundMember(Base):
    """Staff who belong to a round: they see it; what they may do there follows from their role."""

    __tablename__ = "round_member"
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), primary_key=True)


class Assignment(Base):
    """An interviewer assigned to interview one candidate."""

    __tablename__ = "assignment"
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), primary_key=True)


class OutboxMessage(Base):
    """A message to send, written in the same transaction as the event that causes it, then sent by
    `assessment mail send|worker`. `context` holds what the template needs; a link's token stays in it only
    until the message is sent, failed or cancelled, then it is erased."""

    __tablename__ = "outbox_message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # invitation | reminder | thanks | assignment | scorecard
    recipient: Mapped[str] = mapped_column(String(320))
    recipient_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2))
    context: Mapped[dict] = mapped_column(JSON, default=dict)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), index=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # one reminder per cause
    message_id: Mapped[str] = mapped_column(String(200))  # the Message-ID header, the same on every attempt
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)  # queued|sending|sent|failed|cancelled
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    subject: Mapped[str | None] = mapped_column(Text)  # as sent
    answer: Mapped[str | None] = mapped_column(Text)  # the server's last answer, or why it was not sent
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ConsensusRating(Base):
    """The committee's rating of one competency of a candidate, agreed in the debrief after the interviews.
    `note` says why it differs from the interviewers' mean (required beyond `DEBRIEF_NOTE_GAP`)."""

    __tablename__ = "consensus_rating"
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True)
    competency_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(320))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Decision(Base):
    """The committee's final decision on a candidate (advance | hire | hold | reject) and its reasons."""

    __tablename__ = "decision"
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(320))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

# --- round plans and interview stages (issue 13) ------------------------------------------------------------
class RoundPlan(Base):
    """The competencies a round assesses, with the round's own weights and targets and why they were chosen.
    A round without a plan assesses every competency of its catalog with the catalog's weights and targets."""

    __tablename__ = "round_plan"
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), primary_key=True)
    competencies: Mapped[list] = mapped_column(JSON, default=list)  # competency ids in catalog order
    weights: Mapped[dict] = mapped_column(JSON, default=dict)  # competency id -> weight (only those set)
    targets: Mapped[dict] = mapped_column(JSON, default=dict)  # competency id -> target level (only those set)
    rationale: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class RoundStage(Base):
    """One interview of a round's loop ("Client focus", "Delivery"): its focus competencies (part of the plan)."""

    __tablename__ = "round_stage"
    __table_args__ = (UniqueConstraint("round_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    competencies: Mapped[list] = mapped_column(JSON, default=list)


class StageInterviewer(Base):
    """An interviewer of a stage: interviews every candidate of the round on the stage's focus competencies.
    One stage per interviewer and round (the unique constraint)."""

    __tablename__ = "stage_interviewer"
    __table_args__ = (UniqueConstraint("round_id", "staff_id"),)
    stage_id: Mapped[int] = mapped_column(ForeignKey("round_stage.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
