"""The committee's debrief: a consensus rating per competency and a final decision per candidate.

Both are recorded after the candidate's interviews are submitted, both replace what was recorded before, and
every change is audited with its actor and the values before and after. A consensus that moves more than
`NOTE_GAP` scale points away from the interviewers' mean needs a note saying why: the committee may weigh
the evidence differently from a plain average, but it says so.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import select

from assessment.errors import InvalidValue, NotFound
from assessment.inputs import clean_text

from .base import Repository, get
from .frames import built, of_round, round_params
from .models import Candidate, ConsensusRating, Decision, Interview, Rating, Round

VERDICTS = ("advance", "hire", "hold", "reject")
NOTE_GAP = 0.5  # a consensus further than this from the mean needs a note (errors.yaml says "half a point")
MAX_TEXT = 20_000


def _text(value, what: str) -> str:
    text = clean_text(value, limit=MAX_TEXT * 4, multiline=True, what=what)
    if len(text) > MAX_TEXT:
        raise InvalidValue(f"the {what} may be at most {MAX_TEXT} characters", code="notes_too_long",
                           limit=MAX_TEXT)
    return text


def check_verdict(verdict: str, reasons: str) -> tuple[str, str]:
    """The verdict and its reasons, cleaned; InvalidValue for an unknown verdict or empty reasons."""
    if verdict not in VERDICTS:
        raise InvalidValue(f"unknown decision '{verdict}'; use one of {', '.join(VERDICTS)}",
                           code="verdict_unknown", verdict=str(verdict), verdicts=", ".join(VERDICTS))
    reasons = _text(reasons, "reasons")
    if not reasons:
        raise InvalidValue("give the reasons for the decision", code="decision_reasons")
    return verdict, reasons


class Decisions(Repository):
    def _candidate_in(self, session, round_id: int, candidate_id: int) -> Candidate:
        get(session, Round, int(round_id), "round")
        candidate = get(session, Candidate, int(candidate_id), "candidate", lock=True)
        if candidate.round_id != int(round_id):
            raise NotFound(f"candidate {candidate_id} is not in round {round_id}", code="candidate_not_in_round",
                           ids=str(int(candidate_id)))
        return candidate

    @staticmethod
    def _submitted_ratings(session, candidate_id: int, competency_id: str) -> list[int]:
        return list(session.scalars(
            select(Rating.value).join(Interview, Rating.interview_id == Interview.id)
            .where(Interview.candidate_id == int(candidate_id), Interview.status == "submitted",
                   Rating.competency_id == competency_id, Rating.value.is_not(None))))

    def record_consensus(self, round_id: int, candidate_id: int, competency_id: str, value: int, note: str = "",
                         actor: str = "system") -> ConsensusRating:
        """Record (or replace) the committee's rating of one competency of the candidate."""
        note = _text(note, "note")
        with self.transaction() as session:
            candidate = self._candidate_in(session, round_id, candidate_id)
            catalog = self.catalog_of_hash(session.get(Round, candidate.round_id).catalog_hash, session)
            if competency_id not in {c.id for c in catalog.competencies}:
                raise NotFound(f"unknown competency '{competency_id}'", code="competency_unknown",
                               competency=str(competency_id))
            low, high = catalog.bounds()
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InvalidValue(f"a rating is a whole number from {low} to {high}, not {value!r}",
                                   code="rating_range", value=value)
            ratings = self._submitted_ratings(session, candidate_id, competency_id)
            _check_note(value, ratings, note)
            before = session.get(ConsensusRating, (int(candidate_id), competency_id))
            old = {"value": before.value, "note": before.note} if before is not None else None
            values = {"candidate_id": int(candidate_id), "competency_id": competency_id, "value": int(value),
                      "note": note, "recorded_by": actor, "recorded_at": datetime.now(UTC)}
            self.upsert(session, ConsensusRating, values, keys=["candidate_id", "competency_id"],
                        update=["value", "note", "recorded_by", "recorded_at"])
            self.audit(session, actor, "consensus.record", f"candidate:{int(candidate_id)}",
                       competency=competency_id, before=old, after={"value": int(value), "note": note})
            # The fit reads the consensus: results kept for this candidate are stale.
            self.changed(session, round_id=round_id, candidate_id=candidate_id)
        return self.consensus_of(candidate_id)[competency_id]

    def record_decision(self, round_id: int, candidate_id: int, verdict: str, reasons: str,
                        actor: str = "system") -> Decision:
        """Record (or replace) the committee's final decision on the candidate."""
        verdict, reasons = check_verdict(verdict, reasons)
        with self.transaction() as session:
            self._candidate_in(session, round_id, candidate_id)
            decision = session.get(Decision, int(candidate_id))
            old = {"verdict": decision.verdict, "reasons": decision.reasons} if decision is not None else None
            if decision is None:
                decision = Decision(candidate_id=int(candidate_id))
                session.add(decision)
            decision.verdict, decision.reasons = verdict, reasons
            decision.decided_by, decision.decided_at = actor, datetime.now(UTC)
            self.audit(session, actor, "decision.record", f"candidate:{int(candidate_id)}",
                       before=old, after={"verdict": verdict, "reasons": reasons})
            self.changed(session, round_id=round_id, candidate_id=candidate_id)
            return decision

    def consensus_of(self, candidate_id: int) -> dict[str, ConsensusRating]:
        with self.reading() as session:
            rows = session.scalars(select(ConsensusRating).where(ConsensusRating.candidate_id == int(candidate_id)))
            return {row.competency_id: row for row in rows}

    def decision_of(self, candidate_id: int) -> Decision | None:
        with self.reading() as session:
            return session.get(Decision, int(candidate_id))

    def consensus_frame(self, round_id: int, only: Collection[int] | None = None) -> pd.DataFrame:
        """Columns: candidate, competency, value, note, recorded_by, recorded_at."""
        def build(only: bool):
            return (select(ConsensusRating.candidate_id.label("candidate"),
                           ConsensusRating.competency_id.label("competency"), ConsensusRating.value,
                           ConsensusRating.note, ConsensusRating.recorded_by, ConsensusRating.recorded_at)
                    .join(Candidate, ConsensusRating.candidate_id == Candidate.id)
                    .where(*of_round(only))
                    .order_by(ConsensusRating.candidate_id, ConsensusRating.competency_id))

        frame = self._frame(built("consensus", only, build), round_params(round_id, only))
        frame["value"] = frame["value"].astype(float)
        return frame

    def decisions_frame(self, round_id: int, only: Collection[int] | None = None) -> pd.DataFrame:
        """Columns: candidate, verdict, reasons, decided_by, decided_at."""
        def build(only: bool):
            return (select(Decision.candidate_id.label("candidate"), Decision.verdict, Decision.reasons,
                           Decision.decided_by, Decision.decided_at)
                    .join(Candidate, Decision.candidate_id == Candidate.id)
                    .where(*of_round(only)).order_by(Decision.candidate_id))

        return self._frame(built("decisions", only, build), round_params(round_id, only))


def _check_note(value: int, ratings: list[int], note: str) -> None:
    """A note is needed when no interviewer rated the competency, or the consensus is far from their mean."""
    if note:
        return
    if not ratings:
        raise InvalidValue("no interviewer rated this competency: say in a note what the consensus rests on",
                           code="consensus_note_unrated")
    mean = sum(ratings) / len(ratings)
    if abs(value - mean) > NOTE_GAP:
        raise InvalidValue(f"the consensus {value} differs from the interviewers' mean {mean:.1f} by more than "
                           f"{NOTE_GAP}: say why in a note", code="consensus_note", value=value)
