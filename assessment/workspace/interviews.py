"""One's own interviews, as the signed-in person may conduct them: a part of `Workspace` (see its checks,
audit trail and memory of a page run in `assessment.workspace`)."""

from __future__ import annotations

from assessment import access
from assessment.results.brief import BriefEntry, interview_brief
from assessment.store import Candidate, Interview, Rating


class OwnInterviews:
    """The interviewer's side of the workspace: the candidates to interview, one's own interview of each and
    its ratings, and colleagues' submitted interviews once one may see them."""

    def my_candidates(self, round_id: int) -> list[Candidate]:
        """The round's candidates the person is assigned to interview."""
        self.require("round.view", round_id)
        return self._recall(("assigned", round_id),
                            lambda: self.store.assigned_candidates(self.account.id, round_id))

    def open_interview(self, candidate_id: int) -> Interview:
        """The person's own interview of the candidate, begun on first opening (a recorded read)."""
        round_id = self._round_of(candidate_id)
        self.require("interview.rate", round_id, candidate_id)
        self._read("candidate.read_interview", f"candidate:{candidate_id}")
        interview = self._recall(("interview", candidate_id), lambda: self.store.start_interview(
            candidate_id, self.account.name, staff_id=self.account.id))
        self._places[interview.id] = (round_id, candidate_id)
        return interview

    def _own(self, interview_id: int) -> None:
        """Forbidden unless the interview is the person's own and they may still rate its candidate."""
        if interview_id not in self._places:
            interview = self.store.get_interview(interview_id)
            if interview.staff_id != self.account.id:
                self.require("interview.change_other", self._round_of(interview.candidate_id), interview.candidate_id)
            self._places[interview_id] = (self._round_of(interview.candidate_id), interview.candidate_id)
        self.require("interview.rate", *self._places[interview_id])

    def own_ratings(self, interview_id: int) -> dict[str, Rating]:
        self._own(interview_id)
        return self._recall(("ratings", interview_id), lambda: self.store.ratings_of(interview_id))

    def save_rating(self, interview_id: int, version: int, competency_id: str, value: int | None,
                    not_observed: bool = False) -> int:
        self._own(interview_id)
        version = self.store.save_rating(interview_id, version, competency_id, value, not_observed=not_observed,
                                         notes=None, staff_id=self.account.id)
        self._forget_interview(interview_id)
        return version

    def save_notes(self, interview_id: int, version: int, competency_id: str, notes: str) -> int:
        self._own(interview_id)
        version = self.store.save_notes(interview_id, version, competency_id, notes, staff_id=self.account.id)
        self._forget_interview(interview_id)
        return version

    def set_recommendation(self, interview_id: int, version: int, recommendation: str) -> int:
        self._own(interview_id)
        version = self.store.set_recommendation(interview_id, version, recommendation, staff_id=self.account.id)
        self._forget_interview(interview_id)
        return version

    def _forget_interview(self, interview_id: int) -> None:
        """After a saved rating, notes or recommendation: only the interview and its ratings are read again.
        Who may do what, and the round's plan, are not changed by it (a failed save forgets everything)."""
        if self._remember:
            round_id, candidate_id = self._places[interview_id]
            self._memory.pop(("interview", candidate_id), None)
            self._memory.pop(("interviews", candidate_id), None)
            self._memory.pop(("ratings", interview_id), None)
            self._memory_at = self.store.writes

    def submit_interview(self, interview_id: int, version: int) -> None:
        self._own(interview_id)
        self.store.submit_interview(interview_id, version, staff_id=self.account.id)

    def _sees_colleagues(self, candidate_id: int) -> bool:
        """Whether the person may see colleagues' submitted work on the candidate (`access.sees_colleagues`); a
        refusal to view the candidate at all is Forbidden."""
        round_id = self._round_of(candidate_id)
        self.require("candidate.view", round_id, candidate_id)
        standing = self._standing(round_id, candidate_id)
        own = [i for i in self._interviews(candidate_id) if i.staff_id == self.account.id]
        return access.sees_colleagues(self.account.role, standing, any(i.status == "submitted" for i in own))

    def _interviews(self, candidate_id: int) -> list[Interview]:
        """Every interview of the candidate, drafts included (unchecked: the callers check and filter)."""
        return self._recall(("interviews", candidate_id), lambda: self.store.interviews_of(candidate_id))

    def colleagues(self, candidate_id: int) -> list[tuple[Interview, dict[str, Rating]]] | None:
        """Every submitted interview of the candidate with its ratings and notes — None while the person may not
        see them yet (`access.sees_colleagues`: an assigned interviewer first submits their own)."""
        if not self._sees_colleagues(candidate_id):
            return None
        self._read("candidate.read_ratings", f"candidate:{candidate_id}")
        submitted = [i for i in self._interviews(candidate_id) if i.status == "submitted"]
        return [(i, self.store.ratings_of(i.id)) for i in submitted]

    def interview_brief(self, candidate_id: int, focus: list[str] | None = None) -> list[BriefEntry] | None:
        """Where the candidate's self-assessment suggests probing, among the `focus` competencies (all when None);
        None while the self-assessment is not submitted. A recorded read: it shows the candidate's answers."""
        round_id = self._round_of(candidate_id)
        self.require("candidate.view", round_id, candidate_id)
        if self._candidate(candidate_id).submitted_at is None:
            return None
        self._read("candidate.read_brief", f"candidate:{candidate_id}")
        return interview_brief(self.store.catalog_of_round(round_id), self.store.answers_of(candidate_id), focus)
