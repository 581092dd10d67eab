"""The "Plan" tab of the Rounds page: the competencies the round assesses (with its own weights, targets and
the reason for them), its interview stages with their focus competencies and interviewers, and who rates which
competency. Every change goes through the workspace (checked, recorded); bad input changes nothing."""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st

from assessment import access
from assessment.catalog.planning import MAX_PER_INTERVIEW, default_competencies, interview_minutes
from assessment.errors import UserError
from assessment.ui.common import error, error_text, lang, plain, tr, workspace


def render(round_id: int) -> None:
    if message := st.session_state.pop("plan_done", None):
        st.success(message, icon=":material/check:")
    desk = workspace()
    full = desk.full_catalog(round_id)
    plan, state = desk.plan(round_id), desk.plan_state(round_id)
    if state == "locked":
        st.info(error_text(UserError(code="plan_locked")), icon=":material/lock:")
    elif plan is None:
        st.info(tr("plan.none", count=len(full.competencies)))
    plan_form(round_id, full, plan, state)
    st.divider()
    stages_section(round_id, full, plan, state)


def _stamp(*parts) -> str:
    """A short key part that changes with `parts`: widgets start afresh when what they edit changes."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:10]


def plan_form(round_id: int, full, plan, state: str) -> None:
    locked = state == "locked"
    names = {c.id: c.name.get(lang()) for c in full.competencies}
    stamp = _stamp(plan.competencies if plan else None, plan.updated_at if plan else None)
    chosen = st.multiselect(tr("plan.competencies"), list(names), format_func=names.get, disabled=locked,
                            default=plan.competencies if plan else default_competencies(full),
                            key=f"plan_pick:{round_id}:{stamp}", help=tr("plan.competencies_help"))
    chosen = [c for c in names if c in chosen]
    if chosen:
        st.caption(tr("plan.estimate", count=len(chosen), minutes=f"{interview_minutes(full, chosen):.0f}"))
    if len(chosen) > MAX_PER_INTERVIEW:
        st.warning(tr("plan.too_many", count=len(chosen), most=MAX_PER_INTERVIEW), icon=":material/warning:")
    weights = plan.weights if plan else {}
    targets = plan.targets if plan else {}
    rows = [{"id": c.id, tr("plan.col_competency"): names[c.id], tr("plan.col_weight"): weights.get(c.id, c.weight),
             tr("plan.col_target"): targets.get(c.id, c.target)} for c in full.competencies if c.id in chosen]
    table = pd.DataFrame(rows, columns=["id", tr("plan.col_competency"), tr("plan.col_weight"),
                                        tr("plan.col_target")])
    edited = st.data_editor(
        table, hide_index=True, width="stretch", disabled=locked or ["id", tr("plan.col_competency")],
        column_config={"id": None, tr("plan.col_weight"): st.column_config.NumberColumn(step=0.5, format="%.1f"),
                       tr("plan.col_target"): st.column_config.NumberColumn(step=1, format="%d")},
        key=f"plan_table:{round_id}:{stamp}:{_stamp(chosen)}")
    rationale = st.text_area(tr("plan.rationale"), value=plan.rationale if plan else "", max_chars=4000,
                             disabled=locked, help=tr("plan.rationale_help"), key=f"plan_why:{round_id}:{stamp}")
    confirm = st.checkbox(tr("plan.confirm"), key=f"plan_confirm:{round_id}:{stamp}") if state == "confirm" else False
    if st.button(tr("plan.save"), type="primary", disabled=locked, key=f"plan_save:{round_id}"):
        by_id = {c.id: c for c in full.competencies}
        new_weights, new_targets = {}, {}
        for _, row in edited.iterrows():
            competency = by_id[row["id"]]
            weight, target = row[tr("plan.col_weight")], row[tr("plan.col_target")]
            if _given(weight) != competency.weight:
                new_weights[competency.id] = _given(weight)
            if _given(target) != competency.target:
                new_targets[competency.id] = _given(target)
        try:
            workspace().set_plan(round_id, chosen, new_weights, new_targets, rationale, confirm=confirm)
        except UserError as exc:
            error(exc)
        else:
            st.session_state["plan_done"] = tr("plan.saved", count=len(chosen))
            st.rerun()


def _given(value):
    """A cell as typed: an empty cell is None (refused as a weight or target), a number stays a number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value) if not float(value).is_integer() else int(value)


def stages_section(round_id: int, full, plan, state: str) -> None:
    st.markdown(f"**{tr('plan.stages')}**")
    st.caption(tr("plan.stages_intro"))
    if plan is None:
        st.info(tr("plan.stages_need_plan"))
        return
    desk = workspace()
    catalog = desk.catalog(round_id)
    focus_names = {c.id: c.name.get(lang()) for c in catalog.competencies}
    staff, _ = desk.team(round_id)
    people = {a.id: f"{a.name} · {a.email}" for a in staff
              if access.allowed(a.role, "interview.rate", access.Standing.ASSIGNED)}
    stages = desk.stages(round_id)
    locked = state == "locked"
    for stage in stages:
        label = tr("plan.stage_summary", stage=plain(stage.name), count=len(stage.competencies),
                   people=len(stage.interviewers), minutes=f"{interview_minutes(catalog, stage.competencies):.0f}")
        with st.expander(label, icon=":material/groups:"):
            stage_form(round_id, stage, focus_names, people, locked)
    with st.expander(tr("plan.add_stage"), icon=":material/add:", expanded=not stages):
        stage_form(round_id, None, focus_names, people, locked)
    coverage_view(round_id, focus_names, bool(stages))


def stage_form(round_id: int, stage, focus_names: dict, people: dict, locked: bool) -> None:
    key = f"stage_{stage.id if stage else 'new'}"
    known = {**people, **({p.id: f"{p.name} · {p.email}" for p in stage.interviewers} if stage else {})}
    with st.form(f"{key}:{round_id}", clear_on_submit=stage is None):
        name = st.text_input(tr("plan.stage_name"), value=stage.name if stage else "", max_chars=200,
                             placeholder=tr("plan.stage_name_example"))
        focus = st.multiselect(tr("plan.stage_focus"), list(focus_names), format_func=focus_names.get,
                               default=[c for c in stage.competencies if c in focus_names] if stage else [])
        chosen = st.multiselect(tr("plan.stage_people"), list(known), format_func=known.get,
                                default=[p.id for p in stage.interviewers] if stage else [])
        if st.form_submit_button(tr("plan.stage_save") if stage else tr("plan.add_stage"), disabled=locked):
            desk = workspace()
            try:
                if stage is None:
                    desk.add_stage(round_id, name, focus, chosen)
                else:
                    desk.update_stage(round_id, stage.id, name, focus, chosen)
            except UserError as exc:
                error(exc)
            else:
                st.session_state["plan_done"] = tr("plan.stage_saved", stage=plain(name.strip()))
                st.rerun()
    if stage is not None and st.button(tr("plan.stage_delete"), key=f"{key}_delete", disabled=locked,
                                       icon=":material/delete:"):
        try:
            workspace().delete_stage(round_id, stage.id)
        except UserError as exc:
            error(exc)
        else:
            st.session_state["plan_done"] = tr("plan.stage_deleted", stage=plain(stage.name))
            st.rerun()


def coverage_view(round_id: int, focus_names: dict, has_stages: bool) -> None:
    """Who rates which competency; those rated by fewer than two interviewers are named."""
    if not has_stages:
        return
    coverage = workspace().coverage(round_id)
    st.markdown(f"**{tr('plan.coverage')}**")
    st.dataframe(pd.DataFrame([{tr("plan.col_competency"): focus_names[c], tr("plan.col_raters"): len(names),
                                tr("plan.col_who"): ", ".join(names)} for c, names in coverage.items()]),
                 hide_index=True, width="stretch")
    thin = [focus_names[c] for c, names in coverage.items() if len(names) < 2]
    if thin:
        st.warning(tr("plan.thin", names=", ".join(plain(n) for n in thin)), icon=":material/warning:")
    else:
        st.caption(tr("plan.covered"))


def plan_note(results) -> None:
    """On the comparison page: the round's plan rationale as written (plain text), the weights and targets the
    round set itself, and which competencies interviewers do not assess."""
    plan = results.plan
    if plan is None:
        return
    if plan.rationale:
        st.caption(tr("plan.rationale_shown"))
        st.text(plan.rationale)
    changes = [f"{plain(results.catalog.competency(c).name.get(lang()))}: "
               + " · ".join(part for part in (
                   f"{tr('plan.col_weight')} {plan.weights[c]:g}" if c in plan.weights else "",
                   f"{tr('plan.col_target')} {plan.targets[c]}" if c in plan.targets else "") if part)
               for c in plan.competencies if c in plan.weights or c in plan.targets]
    if changes:
        st.caption(tr("plan.round_weights", changes="; ".join(changes)))
    if missing := results.not_assessed():
        names = [plain(c.name.get(lang())) for c in results.catalog.competencies if c.id in missing]
        st.caption(tr("plan.not_assessed_note", names=", ".join(names)))
