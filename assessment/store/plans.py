"""Round plans and interview stages: which competencies a round assesses, and who interviews on which.

A round without a plan assesses every competency of its catalog and every assigned interviewer rates all of
them, as before plans existed. With a plan, `catalog_of_round` hands out the planned catalog (only the
chosen competencies, the round's weights and targets), and an interviewer of a stage rates only the stage's
focus competencies. A stage's interviewers interview every candidate of the round (they stand to each as
assigned).

The plan is pinned like the catalog version: once a self-assessment answer or an interview rating exists,
changing it needs `confirm=True` (and is audited as confirmed); once an interview is submitted, it cannot
change at all, nor can the stages' focus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select

from assessment import access
from assessment.catalog import Catalog
from assessment.catalog.planning import planned
from assessment.errors import InvalidValue, NotFound
from assessment.inputs import clean_text

from .base import Repository, get
from .models import (
    Candidate,
    Interview,
    Rating,
    Round,
    RoundMember,
    RoundPlan,
    RoundStage,
    SelfAnswer,
    StaffAccount,
    StageInterviewer,
)

MAX_RATIONALE = 4000
MAX_STAGE_NAME = 200
MAX_WEIGHT = 10.0


@dataclass(frozen=True)
class Plan:
    """A round's plan as plain data."""

    competencies: list[str]
    weights: dict[str, float] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)
    rationale: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Stage:
    """One stage of a round with its focus competencies and its interviewers (accounts, by name)."""

    id: int
    round_id: int
    position: int
    name: str
    competencies: list[str]
    interviewers: list[StaffAccount]


def _unknown_competency(competency_id) -> NotFound:
    return NotFound(f"unknown competency '{competency_id}'", code="competency_unknown", competency=str(competency_id))


def clean_plan(catalog: Catalog, competencies, weights=None, targets=None, rationale: str | None = "") -> Plan:
    """A plan checked against the round's full catalog: at least one known competency, weights above zero
    (at most 10, as in a catalog) and targets on the scale, for chosen competencies only. Returns it with the
    competencies in catalog order; InvalidValue or NotFound names the first problem."""
    known = [c.id for c in catalog.competencies]
    chosen = list(dict.fromkeys(str(c).strip() for c in competencies or ()))
    if not chosen:
        raise InvalidValue("choose at least one competency for the round", code="plan_empty")
    for competency_id in chosen:
        if competency_id not in known:
            raise _unknown_competency(competency_id)
    clean_weights: dict[str, float] = {}
    for competency_id, weight in (weights or {}).items():
        if competency_id not in known:
            raise _unknown_competency(competency_id)
        if competency_id not in chosen:
            raise InvalidValue(f"'{competency_id}' is not in the plan", code="plan_value_outside",
                               competency=competency_id)
        try:
            value = float(weight)
        except (TypeError, ValueError):
            value = math.nan
        if isinstance(weight, bool) or not math.isfinite(value) or not 0 < value <= MAX_WEIGHT:
            raise InvalidValue(f"a weight is a number above 0 and at most {MAX_WEIGHT:g}, not {weight!r}",
                               code="plan_weight", value=str(weight))
        clean_weights[competency_id] = value
    low, high = catalog.bounds()
    clean_targets: dict[str, int] = {}
    for competency_id, target in (targets or {}).items():
        if competency_id not in known:
            raise _unknown_competency(competency_id)
        if competency_id not in chosen:
            raise InvalidValue(f"'{competency_id}' is not in the plan", code="plan_value_outside",
                               competency=competency_id)
        try:
            level = int(target) if not isinstance(target, bool) and float(target) == int(float(target)) else None
        except (TypeError, ValueError):
            level = None
        if level is None or not low <= level <= high:
            raise InvalidValue(f"a target is a whole level from {low} to {high}, not {target!r}",
                               code="plan_target", value=str(target), low=low, high=high)
        clean_targets[competency_id] = level
    text = clean_text(rationale or "", limit=MAX_RATIONALE * 4, multiline=True, what="rationale")
    if len(text) > MAX_RATIONALE:
        raise InvalidValue(f"the rationale may be at most {MAX_RATIONALE} characters", code="plan_rationale_long",
                           limit=MAX_RATIONALE)
    return Plan([c for c in known if c in chosen], clean_weights, clean_targets, text)


def _stage_name(name: str) -> str:
    name = clean_text(name, limit=MAX_STAGE_NAME * 4, what="stage's name")
    if not name or len(name) > MAX_STAGE_NAME:
        raise InvalidValue("enter the stage's name (up to 200 characters)", code="stage_name", limit=MAX_STAGE_NAME)
    return name


class Plans(Repository):
    # --- reading ------------------------------------------------------------------------------------------
    def full_catalog_of_round(self, round_id: int) -> Catalog:
        """The round's catalog snapshot whole, plan or not (to choose a plan from)."""
        return self.catalog_of_hash(self.get_round(round_id).catalog_hash)

    def plan_of(self, round_id: int, session=None) -> Plan | None:
        """The round's plan, or None: every competency, the catalog's weights and targets."""
        if session is None:
            with self.reading() as own:
                return self.plan_of(round_id, own)
        return as_plan(session.get(RoundPlan, int(round_id)))

    def planned_catalog(self, round_: Round, session=None) -> Catalog:
        """The catalog as the round uses it (see `assessment.catalog.planning.planned`)."""
        return self.catalog_as_planned(round_, self.plan_of(round_.id, session), session)

    def catalog_as_planned(self, round_: Round, plan: Plan | None, session=None) -> Catalog:
        """`planned_catalog` with the round's `plan` read by the caller (None: the round has none)."""
        catalog = self.catalog_of_hash(round_.catalog_hash, session)
        return catalog if plan is None else planned(catalog, plan.competencies, plan.weights, plan.targets)

    def stages(self, round_id: int, session=None) -> list[Stage]:
        """The round's stages in order, each with its interviewers (sorted by name)."""
        if session is None:
            with self.reading() as own:
                return self.stages(round_id, own)
        rows = session.scalars(select(RoundStage).where(RoundStage.round_id == int(round_id))
                               .order_by(RoundStage.position, RoundStage.id)).all()
        result = []
        for row in rows:
            people = session.scalars(select(StaffAccount).join(StageInterviewer,
                                                               StageInterviewer.staff_id == StaffAccount.id)
                                     .where(StageInterviewer.stage_id == row.id).order_by(StaffAccount.name)).all()
            result.append(Stage(row.id, row.round_id, row.position, row.name, list(row.competencies), list(people)))
        return result

    def stage_of(self, staff_id: int, round_id: int, session=None) -> Stage | None:
        """The stage the account interviews in, or None."""
        return next((s for s in self.stages(round_id, session) if any(p.id == int(staff_id) for p in s.interviewers)),
                    None)

    def focus_of(self, staff_id: int | None, round_id: int, session=None) -> list[str]:
        """The competencies the account rates in this round: its stage's focus, else the whole plan (or
        catalog)."""
        if session is None:
            with self.reading() as own:
                return self.focus_of(staff_id, round_id, own)
        if staff_id is not None:  # one stage per interviewer and round (its unique constraint)
            focus = session.scalar(select(RoundStage.competencies).join(
                StageInterviewer, StageInterviewer.stage_id == RoundStage.id).where(
                StageInterviewer.round_id == int(round_id), StageInterviewer.staff_id == int(staff_id)))
            if focus is not None:
                return list(focus)
        round_ = get(session, Round, int(round_id), "round")
        return [c.id for c in self.planned_catalog(round_, session).competencies]

    def coverage(self, round_id: int) -> dict[str, list[str]]:
        """Per chosen competency (planned catalog order), the names of the stage interviewers who rate it.
        Without stages every competency maps to every member assigned to a candidate of the round."""
        catalog = self.catalog_of_round(round_id)
        stages = self.stages(round_id)
        result = {c.id: [] for c in catalog.competencies}
        for stage in stages:
            for competency_id in stage.competencies:
                if competency_id in result:
                    result[competency_id].extend(p.name for p in stage.interviewers)
        return result

    def _interview_counts(self, session, round_id: int) -> tuple[int, int]:
        """(submitted interviews, answers and ratings given) in the round."""
        submitted = session.scalar(select(func.count()).select_from(Interview).join(Candidate)
                                   .where(Candidate.round_id == int(round_id), Interview.status == "submitted"))
        answers = session.scalar(select(func.count()).select_from(SelfAnswer).join(Candidate)
                                 .where(Candidate.round_id == int(round_id)))
        ratings = session.scalar(select(func.count()).select_from(Rating)
                                 .join(Interview, Rating.interview_id == Interview.id).join(Candidate)
                                 .where(Candidate.round_id == int(round_id)))
        return int(submitted or 0), int((answers or 0) + (ratings or 0))

    def plan_state(self, round_id: int) -> str:
        """'free' (nothing given yet), 'confirm' (answers or ratings exist) or 'locked' (interviews submitted)."""
        with self.reading() as session:
            get(session, Round, int(round_id), "round")
            submitted, given = self._interview_counts(session, round_id)
        return "locked" if submitted else "confirm" if given else "free"

    def _refuse_if_locked(self, session, round_id: int) -> int:
        submitted, given = self._interview_counts(session, round_id)
        if submitted:
            raise InvalidValue("interviews of this round are submitted: its plan and stages can no longer change",
                               code="plan_locked")
        return given

    # --- the plan -----------------------------------------------------------------------------------------
    def set_plan(self, round_id: int, competencies, weights=None, targets=None, rationale: str | None = "",
                 actor: str = "system", confirm: bool = False) -> Plan:
        """Choose the round's competencies, weights and targets (one transaction; nothing changes on bad
        input). Stages keep only the focus competencies still in the plan; a stage left without any is
        refused."""
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round", lock=True)
            plan = clean_plan(self.catalog_of_hash(round_.catalog_hash, session), competencies, weights, targets,
                              rationale)
            given = self._refuse_if_locked(session, round_id)
            if given and not confirm:
                raise InvalidValue("answers or ratings exist already: confirm the change of plan",
                                   code="plan_confirm")
            pruned = {}
            for stage in session.scalars(select(RoundStage).where(RoundStage.round_id == int(round_id))):
                kept = [c for c in stage.competencies if c in plan.competencies]
                if not kept:
                    raise InvalidValue(f"stage '{stage.name}' would have no focus competency left",
                                       code="stage_emptied", stage=stage.name)
                if kept != list(stage.competencies):
                    pruned[stage.name] = len(stage.competencies) - len(kept)
                    stage.competencies = kept
            row = session.get(RoundPlan, int(round_id))
            before = None if row is None else list(row.competencies)
            if row is None:
                row = RoundPlan(round_id=int(round_id))
                session.add(row)
            row.competencies, row.weights, row.targets = plan.competencies, plan.weights, plan.targets
            row.rationale, row.updated_at = plan.rationale, datetime.now(UTC)
            detail = {"competencies": plan.competencies, "weights": plan.weights, "targets": plan.targets}
            if before is not None:
                detail["before"] = before
            if given:
                detail["confirmed"] = True
            if pruned:
                detail["stages_pruned"] = pruned
            self.audit(session, actor, "round.plan", f"round:{round_id}", **detail)
            self.changed(session, round_id=round_id)  # results follow the plan: cached ones are stale
        return Plan(plan.competencies, plan.weights, plan.targets, plan.rationale, row.updated_at)

    # --- stages -------------------------------------------------------------------------------------------
    def _check_stage(self, session, round_: Round, name: str, competencies, staff_ids, stage_id: int | None):
        plan = self.plan_of(round_.id, session)
        if plan is None:
            raise InvalidValue("choose the round's competencies (its plan) before adding stages",
                               code="stage_needs_plan")
        chosen = list(dict.fromkeys(str(c).strip() for c in competencies or ()))
        if not chosen:
            raise InvalidValue("choose at least one focus competency for the stage", code="stage_no_competency")
        known = {c.id for c in self.catalog_of_hash(round_.catalog_hash, session).competencies}
        for competency_id in chosen:
            if competency_id not in known:
                raise _unknown_competency(competency_id)
            if competency_id not in plan.competencies:
                raise InvalidValue(f"'{competency_id}' is not in the round's plan", code="plan_value_outside",
                                   competency=competency_id)
        ids = [int(s) for s in staff_ids or ()]
        if not ids:
            raise InvalidValue("assign at least one interviewer to the stage", code="stage_no_interviewer")
        self._check_interviewers(session, round_.id, ids, stage_id)
        clash = session.scalar(select(RoundStage.id).where(RoundStage.round_id == round_.id, RoundStage.name == name,
                                                           *([RoundStage.id != stage_id] if stage_id else [])))
        if clash is not None:
            raise InvalidValue(f"the round has a stage '{name}' already", code="stage_name_taken", stage=name)
        return [c for c in plan.competencies if c in chosen], ids

    @staticmethod
    def _check_interviewers(session, round_id: int, ids: list[int], stage_id: int | None) -> None:
        """Each account exists, may interview, and is in no other stage of the round; none listed twice."""
        seen = set()
        for staff_id in ids:
            account = get(session, StaffAccount, staff_id, "staff account")
            if account.disabled or not access.allowed(account.role, "interview.rate", access.Standing.ASSIGNED):
                raise InvalidValue(f"{account.email} may not interview (role {account.role})",
                                   code="stage_not_interviewer", email=account.email)
            other = session.scalar(select(StageInterviewer.stage_id).where(
                StageInterviewer.round_id == int(round_id), StageInterviewer.staff_id == staff_id))
            if staff_id in seen or (other is not None and other != stage_id):
                raise InvalidValue(f"{account.email} is assigned to a stage of this round already",
                                   code="interviewer_twice", email=account.email)
            seen.add(staff_id)

    def add_stage(self, round_id: int, name: str, competencies, staff_ids, actor: str = "system") -> Stage:
        """A new stage at the end of the round's loop, with its focus competencies and interviewers."""
        name = _stage_name(name)
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round", lock=True)
            focus, ids = self._check_stage(session, round_, name, competencies, staff_ids, None)
            self._refuse_if_locked(session, round_id)
            position = session.scalar(select(func.coalesce(func.max(RoundStage.position), 0))
                                      .where(RoundStage.round_id == int(round_id))) + 1
            row = RoundStage(round_id=int(round_id), position=position, name=name, competencies=focus)
            session.add(row)
            session.flush()
            for staff_id in ids:
                self._join(session, row, staff_id)
            self.audit(session, actor, "stage.add", f"round:{round_id}", stage=name, competencies=focus,
                       staff=ids)
            self.changed(session, round_id=round_id)  # results follow the plan: cached ones are stale
            return self.stages(round_id, session)[-1]

    def update_stage(self, stage_id: int, name: str, competencies, staff_ids, actor: str = "system") -> Stage:
        """Rename a stage, change its focus or its interviewers (refused once interviews are submitted)."""
        name = _stage_name(name)
        with self.transaction() as session:
            row = session.get(RoundStage, int(stage_id))
            if row is None:
                raise NotFound(f"unknown stage {stage_id}", code="stage_unknown", stage=str(stage_id))
            round_ = get(session, Round, row.round_id, "round", lock=True)
            focus, ids = self._check_stage(session, round_, name, competencies, staff_ids, row.id)
            self._refuse_if_locked(session, round_.id)
            row.name, row.competencies = name, focus
            current = set(session.scalars(select(StageInterviewer.staff_id)
                                          .where(StageInterviewer.stage_id == row.id)))
            for staff_id in current - set(ids):
                session.delete(session.get(StageInterviewer, (row.id, staff_id)))
            session.flush()
            for staff_id in ids:
                if staff_id not in current:
                    self._join(session, row, staff_id)
            self.audit(session, actor, "stage.change", f"round:{round_.id}", stage=name, competencies=focus,
                       staff=ids)
            self.changed(session, round_id=round_.id)  # results follow the plan: cached ones are stale
            return next(s for s in self.stages(round_.id, session) if s.id == row.id)

    def delete_stage(self, stage_id: int, actor: str = "system") -> None:
        with self.transaction() as session:
            row = session.get(RoundStage, int(stage_id))
            if row is None:
                raise NotFound(f"unknown stage {stage_id}", code="stage_unknown", stage=str(stage_id))
            self._refuse_if_locked(session, row.round_id)
            self.audit(session, actor, "stage.delete", f"round:{row.round_id}", stage=row.name)
            self.changed(session, round_id=row.round_id)  # results follow the plan: cached ones are stale
            session.delete(row)

    def find_stage(self, round_id: int, stage: str) -> Stage:
        """A stage of the round by its name (or its id as text)."""
        for candidate in self.stages(round_id):
            if candidate.name == str(stage).strip() or str(candidate.id) == str(stage).strip():
                return candidate
        raise NotFound(f"round {round_id} has no stage '{stage}'", code="stage_unknown", stage=str(stage))

    def assign_stage(self, stage_id: int, staff_ids, actor: str = "system") -> Stage:
        """Add interviewers to a stage; each becomes a member of the round and interviews every candidate."""
        ids = [int(s) for s in staff_ids or ()]
        if not ids:
            raise InvalidValue("assign at least one interviewer to the stage", code="stage_no_interviewer")
        with self.transaction() as session:
            row = session.get(RoundStage, int(stage_id))
            if row is None:
                raise NotFound(f"unknown stage {stage_id}", code="stage_unknown", stage=str(stage_id))
            for staff_id in ids:
                if session.get(StageInterviewer, (row.id, staff_id)) is not None:
                    account = session.get(StaffAccount, staff_id)
                    raise InvalidValue(f"{account.email} is assigned to a stage of this round already",
                                       code="interviewer_twice", email=account.email)
            self._check_interviewers(session, row.round_id, ids, None)
            for staff_id in ids:
                self._join(session, row, staff_id)
            self.audit(session, actor, "stage.assign", f"round:{row.round_id}", stage=row.name, staff=ids)
            self.changed(session, round_id=row.round_id)  # results follow the plan: cached ones are stale
            return next(s for s in self.stages(row.round_id, session) if s.id == row.id)

    def _join(self, session, stage: RoundStage, staff_id: int) -> None:
        if session.get(RoundMember, (stage.round_id, staff_id)) is None:
            session.add(RoundMember(round_id=stage.round_id, staff_id=staff_id))
        session.add(StageInterviewer(stage_id=stage.id, staff_id=staff_id, round_id=stage.round_id))
        session.flush()


def as_plan(row: RoundPlan | None) -> Plan | None:
    """A stored plan row as a `Plan` (None for none)."""
    if row is None:
        return None
    return Plan(list(row.competencies), dict(row.weights), dict(row.targets), row.rationale, row.updated_at)


def in_a_stage(session, staff_id: int, round_id: int) -> bool:
    """Whether the account interviews in a stage of the round (then it stands as assigned to every candidate)."""
    return session.scalar(select(StageInterviewer.stage_id).where(
        StageInterviewer.round_id == int(round_id), StageInterviewer.staff_id == int(staff_id))) is not None


__all__ = ["Plan", "Plans", "Stage", "as_plan", "clean_plan", "in_a_stage"]
