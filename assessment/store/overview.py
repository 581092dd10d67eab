"""Where every round stands, counted in a few grouped queries whatever the number of rounds: for the
overview at the top of the Rounds page. Counts only: no names, no answers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from .base import Repository
from .models import Candidate, Interview, Invitation


@dataclass(frozen=True)
class RoundProgress:
    """How far a round has come; `next_step` names what the round waits for (an id the page words)."""

    round_id: int
    candidates: int = 0
    invited: int = 0
    self_submitted: int = 0
    interviewed: int = 0   # candidates with at least one submitted interview
    interviews_open: int = 0  # interviews begun and not yet submitted

    def next_step(self, state: str) -> str:
        if state != "open":
            return state  # closed or archived: nothing more to do in it
        if not self.candidates:
            return "add_candidates"
        if self.invited < self.candidates:
            return "invite"
        if self.interviewed < self.candidates:
            return "interview" if self.interviews_open or self.self_submitted == self.candidates else "wait_self"
        return "decide"


class Overview(Repository):
    def round_progress(self, round_ids: list[int]) -> dict[int, RoundProgress]:
        """Every round of `round_ids` with its counts (rounds without candidates included)."""
        ids = [int(i) for i in round_ids]
        if not ids:
            return {}
        per_round = Candidate.round_id.in_(ids)
        with self.reading() as session:
            candidates = dict(session.execute(select(Candidate.round_id, func.count()).where(per_round)
                                              .group_by(Candidate.round_id)).all())
            submitted = dict(session.execute(select(Candidate.round_id, func.count())
                                             .where(per_round, Candidate.submitted_at.is_not(None))
                                             .group_by(Candidate.round_id)).all())
            invited = dict(session.execute(select(Candidate.round_id, func.count(distinct(Invitation.candidate_id)))
                                           .join(Invitation, Invitation.candidate_id == Candidate.id)
                                           .where(per_round).group_by(Candidate.round_id)).all())
            interviewed = dict(session.execute(
                select(Candidate.round_id, func.count(distinct(Interview.candidate_id)))
                .join(Interview, Interview.candidate_id == Candidate.id)
                .where(per_round, Interview.status == "submitted").group_by(Candidate.round_id)).all())
            open_ = dict(session.execute(
                select(Candidate.round_id, func.count()).join(Interview, Interview.candidate_id == Candidate.id)
                .where(per_round, Interview.status != "submitted").group_by(Candidate.round_id)).all())
        return {i: RoundProgress(i, candidates.get(i, 0), invited.get(i, 0), submitted.get(i, 0),
                                 interviewed.get(i, 0), open_.get(i, 0)) for i in ids}
