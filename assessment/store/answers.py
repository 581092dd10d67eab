"""A candidate's self-assessment: consent to the privacy notice, answers saved one by one, submission, and
withdrawal of the consent, which erases the answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select

from assessment import privacy
from assessment.catalog import SCALE, Catalog, item_keys
from assessment.errors import InvalidValue, NotFound

from .base import Repository, get
from .lifecycle import aware, is_open
from .models import Candidate, Invitation, PrivacyNotice, Round, RoundPlan, SelfAnswer
from .outbox import invited_by_mail, queue_for_candidate
from .plans import as_plan
from .rounds import invited


@dataclass(frozen=True)
class Questionnaire:
    """What the self-assessment page shows on a run, read in one transaction (`Answers.questionnaire`)."""

    candidate: Candidate
    takes_answers: bool  # the round is open and its closing date not reached
    answer_by: datetime  # the earlier of the link's expiry and the round's closing date
    catalog: Catalog  # as the round uses it (its plan applied)
    answers: dict[str, int]  # item key -> the stored answer


class Answers(Repository):
    def _open_candidate(self, session, candidate_id: int) -> tuple[Candidate, Catalog]:
        # Locked: a submission and a late answer on another connection are serialised, so no answer
        # can slip in after the candidate submitted (PostgreSQL's READ COMMITTED would allow it otherwise).
        found = session.execute(
            select(Candidate, Round, RoundPlan).join(Round, Round.id == Candidate.round_id)
            .outerjoin(RoundPlan, RoundPlan.round_id == Round.id).where(Candidate.id == int(candidate_id))
            .with_for_update(of=Candidate).execution_options(populate_existing=True)).first()
        if found is None:  # one statement, not three: every answer click saves through here
            raise NotFound(f"unknown candidate {candidate_id}", code="unknown_candidate", key=int(candidate_id))
        candidate, round_, plan = found
        if candidate.withdrawn_at is not None:
            raise InvalidValue("this candidate has withdrawn their consent; nothing more is stored",
                               code="consent_withdrawn")
        if candidate.submitted_at is not None:
            raise InvalidValue("this self-assessment has been submitted and can no longer be changed",
                               code="self_submitted")
        if not is_open(round_):
            raise InvalidValue("this round is closed: it takes no more answers", code="round_closed")
        return candidate, self.catalog_as_planned(round_, as_plan(plan), session)

    def give_consent(self, candidate_id: int, notice: privacy.PrivacyNotice | None = None) -> None:
        """The candidate consents to `notice` (the one they were shown; default: the notice in use). Its version
        and time are recorded, and a copy of its text is kept the first time anyone consents to it."""
        notice = notice or privacy.notice()
        with self.transaction() as session:
            candidate, _ = self._open_candidate(session, candidate_id)
            if candidate.consent_at is None:
                if session.get(PrivacyNotice, notice.version) is None:
                    session.add(PrivacyNotice(version=notice.version,
                                              content=json.dumps(notice.content(), ensure_ascii=False)))
                    session.flush()
                candidate.consent_at, candidate.consent_version = datetime.now(UTC), notice.version
                self.changed(session, round_id=candidate.round_id, candidate_id=candidate.id)
                self.audit(session, f"candidate:{candidate_id}", "consent.give", f"candidate:{candidate_id}",
                           notice=notice.version)

    def withdraw_consent(self, candidate_id: int) -> int:
        """The candidate withdraws their consent, before or after submitting: in one transaction their answers
        are erased, they are marked withdrawn and their link stops taking answers (it then only says so).
        Interviewers' ratings stay: they are the company's own records. Returns the number of answers erased;
        withdrawing twice changes nothing the second time."""
        with self.transaction() as session:
            candidate = get(session, Candidate, int(candidate_id), "candidate", lock=True)
            if candidate.withdrawn_at is not None:
                return 0
            erased = session.execute(delete(SelfAnswer).where(SelfAnswer.candidate_id == candidate.id)).rowcount
            moment = datetime.now(UTC)
            candidate.withdrawn_at = moment
            for invitation in session.scalars(select(Invitation).where(Invitation.candidate_id == candidate.id,
                                                                       Invitation.used_at.is_(None))):
                invitation.used_at = moment
            self.changed(session, round_id=candidate.round_id, candidate_id=candidate.id)
            self.audit(session, f"candidate:{candidate_id}", "consent.withdraw", f"candidate:{candidate_id}",
                       answers_erased=erased)
        return erased

    def save_answer(self, candidate_id: int, item_id: str, value: int, answered_at: datetime | None = None) -> None:
        """Store one answer the moment it is given (insert or replace); `answered_at` is for imports."""
        if isinstance(value, bool) or not isinstance(value, int) or not SCALE[0] <= value <= SCALE[1]:
            raise InvalidValue(f"an answer must be a whole number from {SCALE[0]} to {SCALE[1]}, not {value!r}",
                               code="answer_range",
                               value=value)
        with self.transaction() as session:
            candidate, catalog = self._open_candidate(session, candidate_id)
            if item_id not in item_keys(catalog):
                raise NotFound(f"unknown self-assessment item '{item_id}'", code="item_unknown", item=repr(item_id))
            self.upsert(session, SelfAnswer,
                        {"candidate_id": int(candidate_id), "item_id": item_id, "value": value,
                         "answered_at": answered_at or datetime.now(UTC)},
                        keys=["candidate_id", "item_id"], update=["value", "answered_at"])
            self.changed(session, round_id=candidate.round_id, candidate_id=candidate.id)

    def questionnaire(self, token: str) -> Questionnaire:
        """Everything the self-assessment page reads for the candidate of an invite token, in one read
        transaction of two statements (the link with its candidate, round and plan; the answers); InvalidToken
        as `resolve_token`. An answer click reruns the page, which read the same in five transactions of ten
        statements before: a third of the click's server time, and on PostgreSQL a round trip each."""
        with self.reading() as session:
            invitation, candidate, round_, plan = invited(session, token)
            answers = dict(session.execute(select(SelfAnswer.item_id, SelfAnswer.value)
                                           .where(SelfAnswer.candidate_id == candidate.id)).all())
            return Questionnaire(candidate, is_open(round_),
                                 min(aware(m) for m in (invitation.expires_at, round_.closes_at) if m is not None),
                                 self.catalog_as_planned(round_, as_plan(plan), session), answers)

    def answers_of(self, candidate_id: int) -> dict[str, int]:
        with self.reading() as session:
            rows = session.execute(select(SelfAnswer.item_id, SelfAnswer.value)
                                   .where(SelfAnswer.candidate_id == int(candidate_id)))
            return dict(rows.all())

    def submit_self_assessment(self, candidate_id: int) -> None:
        """Close the self-assessment; every item must be answered."""
        with self.transaction() as session:
            candidate, catalog = self._open_candidate(session, candidate_id)
            given = set(session.scalars(select(SelfAnswer.item_id)
                                        .where(SelfAnswer.candidate_id == int(candidate_id))))
            missing = [key for key in item_keys(catalog) if key not in given]
            if missing:
                raise InvalidValue(f"{len(missing)} question(s) are still unanswered", code="unanswered",
                                   count=len(missing))
            moment = datetime.now(UTC)
            candidate.submitted_at = moment
            for invitation in session.scalars(select(Invitation).where(Invitation.candidate_id == candidate.id,
                                                                       Invitation.used_at.is_(None))):
                invitation.used_at = moment
            if candidate.email and invited_by_mail(session, candidate.id):
                queue_for_candidate(self, session, "thanks", candidate)
            self.changed(session, round_id=candidate.round_id, candidate_id=candidate.id)
            self.audit(session, f"candidate:{candidate_id}", "self_assessment.submit", f"candidate:{candidate_id}")
