"""Structured interviews: ratings saved as entered, optimistic locking, hidden-until-submitted."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from assessment.catalog import SCALE
from assessment.errors import Conflict, Forbidden, InvalidValue, NotFound
from assessment.inputs import clean_text

from .base import Repository, get
from .lifecycle import is_open
from .models import Candidate, Interview, Rating, Round, StaffAccount

RECOMMENDATIONS = ("strong_no", "no", "yes", "strong_yes")
MAX_NOTES = 20_000


def _clean_notes(notes: str) -> str:
    notes = clean_text(notes, limit=MAX_NOTES * 4, multiline=True, what="notes")
    if len(notes) > MAX_NOTES:
        raise InvalidValue(f"notes may be at most {MAX_NOTES} characters", code="notes_too_long", limit=MAX_NOTES)
    return notes


class Interviews(Repository):
    def start_interview(self, candidate_id: int, interviewer: str, staff_id: int | None = None) -> Interview:
        """The interviewer's interview of this candidate, created on first use. With `staff_id` the interview
        belongs to that account (found by it, named `interviewer`); without, it is found by name (imports,
        the demo)."""
        interviewer = clean_text(interviewer, limit=10_000, what="interviewer's name")
        if not interviewer or len(interviewer) > 200:
            raise InvalidValue("enter the interviewer's name (up to 200 characters)", code="interviewer_name")
        owner = (Interview.staff_id == int(staff_id)) if staff_id is not None \
            else (Interview.interviewer == interviewer)
        mine = select(Interview).where(Interview.candidate_id == int(candidate_id), owner)
        with self.reading() as session:  # found without a write lock: a page opens it on every run
            interview = session.scalar(mine)
            if interview is not None:
                return interview
        with self.transaction() as session:
            get(session, Candidate, int(candidate_id), "candidate")
            interview = session.scalar(mine)  # begun by another session since the read above?
            if interview is None:
                if not is_open(session.get(Round, session.get(Candidate, int(candidate_id)).round_id)):
                    raise InvalidValue("this round is closed: no new interviews begin in it",
                                       code="round_closed_interview")
                taken = session.scalar(select(Interview.id).where(Interview.candidate_id == int(candidate_id),
                                                                  Interview.interviewer == interviewer))
                name = f"{interviewer} #{staff_id}" if taken and staff_id is not None else interviewer
                interview = Interview(candidate_id=int(candidate_id), interviewer=name, staff_id=staff_id)
                session.add(interview)
                session.flush()
                actor = session.get(StaffAccount, int(staff_id)).email if staff_id is not None else interviewer
                self.audit(session, actor, "interview.start", f"interview:{interview.id}")
            return interview

    def get_interview(self, interview_id: int) -> Interview:
        with self.reading() as session:
            return get(session, Interview, int(interview_id), "interview")

    def interviews_of(self, candidate_id: int) -> list[Interview]:
        with self.reading() as session:
            return list(session.scalars(select(Interview).where(Interview.candidate_id == int(candidate_id))
                                        .order_by(Interview.id)))

    def _bump(self, session, interview_id: int, version: int, staff_id: int | None = None) -> int:
        """Take the next version, or Conflict when someone saved since `version` was read. With `staff_id`,
        Forbidden unless the interview belongs to that account."""
        self._locked(session, interview_id, version, staff_id)
        return int(version) + 1

    def _locked(self, session, interview_id: int, version: int, staff_id: int | None = None) -> Interview:
        """`_bump`, returning the interview read (and locked) for it; its `version` in memory stays the one
        read."""
        interview = get(session, Interview, int(interview_id), "interview", lock=True)
        if staff_id is not None and interview.staff_id != int(staff_id):
            raise Forbidden("this interview belongs to another interviewer")
        if interview.status == "submitted":
            raise Conflict("this interview has been submitted and can no longer be changed", code="interview_submitted")
        result = session.execute(update(Interview).where(Interview.id == int(interview_id),
                                                         Interview.version == int(version))
                                 .values(version=Interview.version + 1),
                                 execution_options={"synchronize_session": False})
        if result.rowcount != 1:
            raise Conflict("this interview was changed elsewhere in the meantime; reload to see the latest version",
                           code="interview_changed")
        return interview

    def save_rating(self, interview_id: int, version: int, competency_id: str, value: int | None = None,
                    not_observed: bool = False, notes: str | None = None, staff_id: int | None = None) -> int:
        """Store one competency's rating and notes; returns the interview's new version."""
        if not_observed:
            value = None
        elif value is not None and (isinstance(value, bool) or value not in range(SCALE[0], SCALE[1] + 1)):
            raise InvalidValue(f"a rating is a whole number from {SCALE[0]} to {SCALE[1]}, not {value!r}",
                               code="rating_range", value=value)
        if notes is not None:
            notes = _clean_notes(notes)
        with self.transaction() as session:
            interview = self._locked(session, interview_id, version, staff_id)
            self._check_competency(session, interview, competency_id)
            new_version = int(version) + 1
            values = {"interview_id": int(interview_id), "competency_id": competency_id, "value": value,
                      "not_observed": bool(not_observed), "updated_at": datetime.now(UTC)}
            update_columns = ["value", "not_observed", "updated_at"]
            if notes is not None:
                values["notes"] = notes
                update_columns.append("notes")
            else:
                values["notes"] = ""
            self.upsert(session, Rating, values, keys=["interview_id", "competency_id"], update=update_columns)
        return new_version

    def save_notes(self, interview_id: int, version: int, competency_id: str, notes: str,
                   staff_id: int | None = None) -> int:
        """Store notes without touching the rating."""
        notes = _clean_notes(notes)
        with self.transaction() as session:
            interview = self._locked(session, interview_id, version, staff_id)
            self._check_competency(session, interview, competency_id)
            new_version = int(version) + 1
            rating = session.get(Rating, (int(interview_id), competency_id))
            if rating is None:
                session.add(Rating(interview_id=int(interview_id), competency_id=competency_id, notes=notes))
            else:
                rating.notes, rating.updated_at = notes, datetime.now(UTC)
        return new_version

    def _check_competency(self, session, interview: Interview, competency_id: str) -> None:
        """NotFound unless the competency is one the interview's interviewer rates."""
        round_id = session.scalar(select(Candidate.round_id).where(Candidate.id == interview.candidate_id))
        if competency_id not in self.focus_of(interview.staff_id, round_id, session):
            raise NotFound(f"unknown competency '{competency_id}'", code="competency_unknown",
                               competency=competency_id)

    def set_recommendation(self, interview_id: int, version: int, recommendation: str,
                           staff_id: int | None = None) -> int:
        if recommendation not in RECOMMENDATIONS:
            raise InvalidValue(f"a recommendation is one of {', '.join(RECOMMENDATIONS)}",
                               code="recommendation_unknown")
        with self.transaction() as session:
            new_version = self._bump(session, interview_id, version, staff_id)
            session.get(Interview, int(interview_id)).recommendation = recommendation
        return new_version

    def ratings_of(self, interview_id: int) -> dict[str, Rating]:
        with self.reading() as session:
            rows = session.scalars(select(Rating).where(Rating.interview_id == int(interview_id)))
            return {rating.competency_id: rating for rating in rows}

    def submit_interview(self, interview_id: int, version: int, staff_id: int | None = None) -> None:
        """Close the interview: every competency rated (or marked not observed) and a recommendation given."""
        with self.transaction() as session:
            interview = get(session, Interview, int(interview_id), "interview")
            # Only the competencies the interviewer was asked to rate: the stage's focus, else the plan.
            round_id = session.get(Candidate, interview.candidate_id).round_id
            competencies = self.focus_of(interview.staff_id, round_id, session)
            ratings = {r.competency_id: r for r in session.scalars(
                select(Rating).where(Rating.interview_id == interview.id))}
            open_ = [c for c in competencies
                     if c not in ratings or (ratings[c].value is None and not ratings[c].not_observed)]
            if open_:
                raise InvalidValue(f"{len(open_)} competenc{'y is' if len(open_) == 1 else 'ies are'} not rated yet",
                                   code="competencies_unrated", count=len(open_))
            if all(ratings[c].not_observed for c in competencies):
                # Refused rather than flagged: an interview that observed nothing is no evidence, and counted as
                # submitted it would unlock colleagues' ratings and count towards the panel without adding any.
                raise InvalidValue("rate at least one competency: an interview with nothing observed is no evidence",
                                   code="nothing_observed")
            if interview.recommendation is None:
                raise InvalidValue("give an overall recommendation before submitting", code="recommendation_missing")
            self._bump(session, interview_id, version, staff_id)
            interview.status, interview.submitted_at = "submitted", datetime.now(UTC)
            # Only now: a draft's ratings are its author's alone and no part of the round's results.
            self.changed(session, round_id=round_id, candidate_id=interview.candidate_id)
            account = session.get(StaffAccount, interview.staff_id) if interview.staff_id is not None else None
            self.audit(session, account.email if account else interview.interviewer, "interview.submit",
                       f"interview:{interview.id}")
