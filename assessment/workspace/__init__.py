"""What one signed-in person may do: the service layer between the pages and the store.

Every method first asks the authorisation table (`assessment.access`, through `Store.require`) whether the
person may do this to this round or candidate, and records the act in the audit log under the person's
e-mail. A refusal is `Forbidden` — one message in the person's language, nothing changed, the attempt in
the audit log. The pages reach candidates' data only through here (an import-linter contract keeps it so):
hiding a page from a role is a convenience, never the protection.

    >>> desk = Workspace(Store.open(), store.staff_by_email("petra.neumann@demo.example"))
    >>> desk.rounds()             # the rounds she may open
    >>> desk.results(round_id=1)  # Forbidden unless she may see that round's results

The command line does not come through here: it acts as the machine's operator (`cli:<os user>`), who holds
the database itself, and the store records its changes and exports under that name.
"""

from __future__ import annotations

from collections.abc import MutableSet

from assessment import access, documents
from assessment.catalog import Catalog
from assessment.errors import InvalidValue
from assessment.exchange import exports, subject_access
from assessment.results import RoundResults
from assessment.results.loader import round_results
from assessment.store import (
    NOTE_GAP,
    RECOMMENDATIONS,
    VERDICTS,
    Candidate,
    CandidateStatus,
    ConsensusRating,
    Decision,
    Duplicate,
    Plan,
    Round,
    RoundProgress,
    Stage,
    Store,
)
from assessment.store.models import AuditEvent, StaffAccount

from .interviews import OwnInterviews


class Workspace(OwnInterviews):
    """The store as one staff account may use it. Cheap to make: one per page run.

    `seen` remembers which reads were recorded already (a page reruns on every click; one entry per browser
    session and object is what an auditor wants to read). Without it every read is recorded.
    """

    def __init__(self, store: Store, account: StaffAccount, seen: MutableSet | None = None, *,
                 remember: bool = False) -> None:
        self.store, self.account = store, account
        self._seen = seen if seen is not None else _Forgetful()
        self._places: dict[int, tuple[int, int]] = {}
        self._remember = remember
        self._memory: dict[tuple, object] = {}
        self._memory_at = store.writes

    def _recall(self, key: tuple, read):
        """`read()`, kept for the next call with the same `key` until this process writes anything.

        Only with `remember`: the app makes one workspace per page run, and a page asks the same things many
        times a run (may she rate this candidate? which is her interview? its ratings?). Each answer was a
        small transaction; a rating click made about sixty. A write through this process's store forgets
        everything, so a run reads its own changes. Across processes a run is a snapshot, as its other reads
        are: a colleague's change shows on the next run."""
        if not self._remember:
            return read()
        if self._memory_at != self.store.writes:
            self._memory.clear()
            self._memory_at = self.store.writes
        if key not in self._memory:
            self._memory[key] = read()
        return self._memory[key]

    @property
    def actor(self) -> str:
        return self.account.email

    # --- checks and the audit trail ------------------------------------------------------------------
    def require(self, action: str, round_id: int | None = None, candidate_id: int | None = None) -> access.Standing:
        standing = self._standing(round_id, candidate_id)
        if self.account.disabled or not access.allowed(self.account.role, action, standing):
            return self.store.require(self.account, action, round_id, candidate_id)  # refused, and recorded
        return standing

    def may(self, action: str, round_id: int | None = None, candidate_id: int | None = None) -> bool:
        """Whether the person may do `action` here; asks without recording a refusal (for what a page offers)."""
        return not self.account.disabled and access.allowed(self.account.role, action,
                                                             self._standing(round_id, candidate_id))

    def _standing(self, round_id: int | None, candidate_id: int | None) -> access.Standing:
        if round_id is None:
            return access.Standing.NONE
        return self._recall(("standing", round_id, candidate_id),
                            lambda: self.store.standing(self.account.id, round_id, candidate_id))

    def _read(self, action: str, subject: str, **detail) -> None:
        if (action, subject) not in self._seen:
            self.store.record_read(self.actor, action, subject, **detail)
            self._seen.add((action, subject))

    def _round_of(self, candidate_id: int) -> int:
        return self._candidate(candidate_id).round_id

    def _candidate(self, candidate_id: int) -> Candidate:
        """The candidate's row, unchecked (the callers check), read once while nothing is written."""
        return self._recall(("candidate", candidate_id), lambda: self.store.get_candidate(candidate_id))

    # --- rounds ---------------------------------------------------------------------------------------
    def rounds(self) -> list[Round]:
        """The rounds the person may open: every round for an admin, else those they are a member of."""
        return self._recall(("rounds",), lambda: self.store.visible_rounds(self.account))

    def overview(self) -> list[tuple[Round, RoundProgress]]:
        """The rounds the person runs (may edit), newest first, each with its progress: counts, no names."""
        rounds = [r for r in self.rounds() if self.may("round.edit", r.id)]
        progress = self.store.round_progress([r.id for r in rounds])
        return [(r, progress[r.id]) for r in rounds]

    def round(self, round_id: int) -> Round:
        self.require("round.view", round_id)
        return self.store.get_round(round_id)

    def catalog(self, round_id: int) -> Catalog:
        self.require("round.view", round_id)
        return self._recall(("catalog", round_id), lambda: self.store.catalog_of_round(round_id))

    def create_round(self, name: str, catalog_id: str) -> Round:
        self.require("round.create")
        return self.store.create_round(name, catalog_id, actor=self.actor, staff_id=self.account.id)

    # --- candidates -----------------------------------------------------------------------------------
    def statuses(self, round_id: int) -> list[CandidateStatus]:
        """The round's candidates with their progress (names and e-mail addresses: a recorded read)."""
        self.require("round.edit", round_id)
        self._read("round.read_candidates", f"round:{round_id}")
        return self.store.statuses(round_id)

    def candidate(self, candidate_id: int) -> Candidate:
        self.require("candidate.view", self._round_of(candidate_id), candidate_id)
        return self._candidate(candidate_id)

    def candidates(self, round_id: int) -> list[Candidate]:
        self.require("round.edit", round_id)
        self._read("round.read_candidates", f"round:{round_id}")
        return self.store.list_candidates(round_id)

    def add_candidate(self, round_id: int, name: str, email: str | None, language: str | None) -> Candidate:
        self.require("round.edit", round_id)
        return self.store.add_candidate(round_id, name, email, language, actor=self.actor)

    def add_candidates(self, round_id: int, rows: list[dict]) -> list[Candidate]:
        self.require("round.edit", round_id)
        return self.store.add_candidates(round_id, rows, actor=self.actor)

    def invite(self, candidate_id: int, expires_days: int, send: bool = False) -> str:
        """A new invite link (earlier ones stop working); with `send`, the invitation is also queued as e-mail."""
        self.require("round.edit", self._round_of(candidate_id), candidate_id)
        return self.store.invite(candidate_id, expires_days, actor=self.actor, send=send)

    def round_mail(self, round_id: int) -> list:
        """What was sent, or waits to be sent, to the round's candidates and interviewers (a recorded read)."""
        self.require("round.edit", round_id)
        self._read("round.read_mail", f"round:{round_id}")
        return self.store.round_mail(round_id)

    # --- correcting, tidying and erasing (GDPR) ------------------------------------------------------------
    def rename_round(self, round_id: int, name: str) -> Round:
        self.require("round.edit", round_id)
        return self.store.rename_round(round_id, name, actor=self.actor)

    def set_round_state(self, round_id: int, state: str) -> Round:
        self.require("round.edit", round_id)
        return self.store.set_round_state(round_id, state, actor=self.actor)

    def set_round_dates(self, round_id: int, closes_at, retention_days: int | None) -> Round:
        self.require("round.edit", round_id)
        return self.store.set_round_dates(round_id, closes_at, retention_days, actor=self.actor)

    def delete_round(self, round_id: int) -> None:
        self.require("round.edit", round_id)
        self.store.delete_round(round_id, actor=self.actor)

    def erased_in(self, round_id: int) -> int:
        self.require("round.view", round_id)
        return self.store.erased_in(round_id)

    def is_open(self, round_id: int) -> bool:
        self.require("round.view", round_id)
        return self.store.round_is_open(round_id)

    def update_candidate(self, candidate_id: int, name: str, email: str | None, language: str | None) -> Candidate:
        self.require("round.edit", self._round_of(candidate_id), candidate_id)
        return self.store.update_candidate(candidate_id, name, email, language, actor=self.actor)

    def duplicates(self, round_id: int, rows: list[dict]) -> list[Duplicate]:
        self.require("round.edit", round_id)
        return self.store.duplicates(round_id, rows)

    def merge_candidates(self, keep_id: int, other_id: int) -> Candidate:
        self.require("round.edit", self._round_of(keep_id), keep_id)
        self.require("round.edit", self._round_of(other_id), other_id)
        return self.store.merge_candidates(keep_id, other_id, actor=self.actor)

    def subject_access(self, candidate_id: int) -> bytes:
        """Everything stored about the candidate, as JSON with a summary in their language; every copy is
        recorded."""
        self.require("round.edit", self._round_of(candidate_id), candidate_id)
        record = self.store.subject_access(candidate_id)
        self.store.record_read(self.actor, "candidate.export", f"candidate:{candidate_id}")
        return subject_access.as_json(record)

    def erase_candidate(self, candidate_id: int, typed_name: str) -> None:
        """Erase the candidate's personal data everywhere; `typed_name` must repeat their name, so that nobody
        erases the wrong person with one slip of the mouse."""
        candidate = self.candidate(candidate_id)
        self.require("round.edit", candidate.round_id, candidate_id)
        if " ".join(str(typed_name or "").split()) != " ".join(candidate.name.split()):
            raise InvalidValue("type the candidate's name exactly as shown to erase", code="erase_confirm")
        self.store.erase_candidate(candidate_id, actor=self.actor)

    # --- the team of a round --------------------------------------------------------------------------
    def team(self, round_id: int) -> tuple[list[StaffAccount], list[tuple[StaffAccount, list[Candidate]]]]:
        """Everyone who could join the round (active accounts), and its members with their assignments."""
        self.require("round.edit", round_id)
        return [a for a in self.store.list_staff() if not a.disabled], self.store.members(round_id)

    def add_member(self, round_id: int, staff_id: int) -> None:
        self.require("round.edit", round_id)
        self.store.add_member(round_id, staff_id, actor=self.actor)

    def assign(self, candidate_id: int, staff_id: int) -> None:
        self.require("round.edit", self._round_of(candidate_id), candidate_id)
        self.store.assign(candidate_id, staff_id, actor=self.actor)

    # --- the round's plan and interview stages -------------------------------------------------------------
    def full_catalog(self, round_id: int) -> Catalog:
        """The round's catalog whole, whatever its plan (to choose the plan from)."""
        self.require("round.view", round_id)
        return self.store.full_catalog_of_round(round_id)

    def plan(self, round_id: int) -> Plan | None:
        """The round's plan, or None (every competency, the catalog's weights and targets)."""
        self.require("round.view", round_id)
        return self.store.plan_of(round_id)

    def plan_state(self, round_id: int) -> str:
        """'free', 'confirm' (answers or ratings exist) or 'locked' (interviews submitted)."""
        self.require("round.view", round_id)
        return self.store.plan_state(round_id)

    def set_plan(self, round_id: int, competencies, weights=None, targets=None, rationale: str = "",
                 confirm: bool = False) -> Plan:
        self.require("round.edit", round_id)
        return self.store.set_plan(round_id, competencies, weights, targets, rationale, actor=self.actor,
                                   confirm=confirm)

    def stages(self, round_id: int) -> list[Stage]:
        self.require("round.view", round_id)
        return self.store.stages(round_id)

    def add_stage(self, round_id: int, name: str, competencies, staff_ids) -> Stage:
        self.require("round.edit", round_id)
        return self.store.add_stage(round_id, name, competencies, staff_ids, actor=self.actor)

    def update_stage(self, round_id: int, stage_id: int, name: str, competencies, staff_ids) -> Stage:
        self.require("round.edit", round_id)
        self._stage_in(round_id, stage_id)
        return self.store.update_stage(stage_id, name, competencies, staff_ids, actor=self.actor)

    def delete_stage(self, round_id: int, stage_id: int) -> None:
        self.require("round.edit", round_id)
        self._stage_in(round_id, stage_id)
        self.store.delete_stage(stage_id, actor=self.actor)

    def _stage_in(self, round_id: int, stage_id: int) -> None:
        if all(s.id != int(stage_id) for s in self.store.stages(round_id)):
            self.store.find_stage(round_id, f"#{stage_id}")  # NotFound, said in the person's language

    def coverage(self, round_id: int) -> dict[str, list[str]]:
        """Per chosen competency, who rates it (stage interviewers): HR sees where fewer than two do."""
        self.require("round.edit", round_id)
        return self.store.coverage(round_id)

    def my_focus(self, round_id: int) -> list[str]:
        """The competencies the signed-in person rates in this round: their stage's focus, else the plan."""
        self.require("round.view", round_id)
        stage = self.my_stage(round_id)  # as `Store.focus_of`, from what the page has read already
        return list(stage.competencies) if stage is not None else [c.id for c in self.catalog(round_id).competencies]

    def my_stage(self, round_id: int) -> Stage | None:
        self.require("round.view", round_id)
        return self._recall(("stage", round_id), lambda: self.store.stage_of(self.account.id, round_id))

    # --- the committee's debrief ---------------------------------------------------------------------
    def record_consensus(self, round_id: int, candidate_id: int, competency_id: str, value: int,
                         note: str = "") -> ConsensusRating:
        """The committee's rating of one competency of a candidate of `round_id` (audited, before and after)."""
        self.require("debrief.record", round_id)
        return self.store.record_consensus(round_id, candidate_id, competency_id, value, note, actor=self.actor)

    def record_decision(self, round_id: int, candidate_id: int, verdict: str, reasons: str) -> Decision:
        """The committee's final decision on a candidate of `round_id`, with its reasons (audited)."""
        self.require("debrief.record", round_id)
        return self.store.record_decision(round_id, candidate_id, verdict, reasons, actor=self.actor)

    def debrief(self, candidate_id: int) -> tuple[dict[str, ConsensusRating], Decision | None] | None:
        """The candidate's consensus ratings and decision — None while the person may not see colleagues'
        ratings yet (an assigned interviewer first submits their own, as for `colleagues`)."""
        if not self._sees_colleagues(candidate_id):
            return None
        self._read("candidate.read_debrief", f"candidate:{candidate_id}")
        return self.store.consensus_of(candidate_id), self.store.decision_of(candidate_id)

    # --- a round's results ----------------------------------------------------------------------------
    def hidden(self, round_id: int) -> frozenset[int]:
        """The candidates whose interviewers' ratings the person may not see yet (their own is not submitted)."""
        return self.store.awaiting_own_submission(self.account.id, round_id)

    def results(self, round_id: int, reason: str = "round.read_results") -> RoundResults:
        """The round computed, without colleagues' ratings the person may not see yet (a recorded read)."""
        self.require("results.view", round_id)
        self._read(reason, f"round:{round_id}")
        return round_results(self.store, round_id, self.hidden(round_id))

    def export(self, round_id: int, fmt: str, progress: exports.Progress | None = None,
               lang: str | None = None) -> bytes:
        """The round's export file, CSV and XLSX headings in `lang`; every export is recorded, also a repeated
        one. `progress(done, total)` hears how far an XLSX file is written."""
        self.require("results.view", round_id)
        self.store.record_read(self.actor, "round.export", f"round:{round_id}", format=fmt)
        return exports.export(round_results(self.store, round_id, self.hidden(round_id)), fmt, progress, lang)

    # --- printed documents ---------------------------------------------------------------------------------
    def kit(self, candidate_id: int, lang: str, paper: str) -> bytes:
        """The interview kit to print for one's own interview of the candidate (a recorded read)."""
        round_id = self._round_of(candidate_id)
        self.require("interview.rate", round_id, candidate_id)
        results = round_results(self.store, round_id, self.hidden(round_id))
        data = documents.interview_kit(results, candidate_id, self.account.name, lang, paper)
        self.store.record_read(self.actor, "candidate.document", f"candidate:{candidate_id}", document="kit")
        return data

    def candidate_report(self, results: RoundResults, candidate_id: int, lang: str, paper: str) -> bytes:
        """The committee's report on one candidate, from results this workspace loaded (`results`)."""
        self.require("results.view", results.round.id)
        data = documents.candidate_report(results, candidate_id, lang, paper, self.hidden(results.round.id))
        self.store.record_read(self.actor, "candidate.document", f"candidate:{candidate_id}", document="candidate")
        return data

    def round_report(self, results: RoundResults, lang: str, paper: str) -> bytes:
        self.require("results.view", results.round.id)
        data = documents.round_report(results, lang, paper, self.hidden(results.round.id))
        self.store.record_read(self.actor, "round.document", f"round:{results.round.id}", document="round_report")
        return data

    def set_candidate_feedback(self, round_id: int, allowed: bool) -> Round:
        """Whether the round's candidates may download a feedback report of their own self-assessment."""
        self.require("round.edit", round_id)
        return self.store.set_candidate_feedback(round_id, allowed, actor=self.actor)

    # --- one candidate in full -------------------------------------------------------------------------
    def candidate_names(self, round_id: int) -> list[Candidate]:
        """The round's candidates, to pick one from: for anyone who sees the round's results (a recorded read)."""
        self.require("results.view", round_id)
        self._read("round.read_candidates", f"round:{round_id}")
        return self.store.list_candidates(round_id)

    def candidate_file(self, candidate_id: int) -> dict:
        """Everything about one candidate the person may see, in one place (a recorded read).

        Those who see the round's results get the candidate's details, status, self-assessment answers and
        the submitted interviews' ratings and notes (someone assigned to the candidate: only after submitting
        their own). Drafts show as "in progress" only. Those who run the round also get the candidate's
        e-mail address, the invite links issued and the messages sent. The shape is that of the subject
        access copy (`Store.subject_access`), less what this person may not see.
        """
        round_id = self._round_of(candidate_id)
        self.require("results.view", round_id, candidate_id)
        runs_round = self.may("round.edit", round_id, candidate_id)
        sees_ratings = self.colleagues(candidate_id) is not None  # records candidate.read_ratings when so
        record = self.store.subject_access(candidate_id)
        self._read("candidate.read_file", f"candidate:{candidate_id}")
        record.pop("audit")
        if not runs_round:
            record["candidate"]["email"] = None
            record["invitations"], record["messages"] = [], []
        for interview in record["interviews"]:
            if interview["status"] != "submitted" or not sees_ratings:
                interview["ratings"], interview["recommendation"] = [], None
        status = next(s for s in self.store.statuses(round_id) if s.candidate.id == candidate_id)
        record["state"] = {"state": status.state, "answered": status.answered, "items": status.items}
        record["ratings_hidden"] = not sees_ratings
        record["runs_round"] = runs_round
        return record

    # --- the audit log --------------------------------------------------------------------------------
    def audit_events(self, round_id: int | None = None, since=None) -> list[AuditEvent]:
        self.require("audit.read")
        self._read("audit.read", f"round:{round_id}" if round_id else "audit:all")
        return self.store.audit_events(round_id, since)

    def all_rounds(self) -> list[Round]:
        """Every round, to filter the audit log by (only for those who may read it)."""
        self.require("audit.read")
        return self.store.list_rounds()


class _Forgetful(set):
    """A `seen` set that remembers nothing: every read is recorded."""

    def add(self, value) -> None:
        pass


__all__ = ["NOTE_GAP", "RECOMMENDATIONS", "VERDICTS", "Workspace"]
