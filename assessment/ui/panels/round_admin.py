"""The "Manage" tab of the Rounds page: the round's name, state, closing date and retention; correcting,
merging, copying out and erasing a candidate's data. Every act goes through the workspace (checked, recorded)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import streamlit as st

from assessment.errors import UserError
from assessment.i18n import LANGUAGE_NAMES, LANGUAGES
from assessment.ui.common import error, plain, tr, workspace

STATES = ("open", "closed", "archived")


def render(round_id: int) -> None:
    round_ = workspace().round(round_id)
    st.markdown(f"**{tr('manage.round')}**")
    round_settings(round_)
    candidates = {c.id: c for c in workspace().candidates(round_id)}
    if candidates:
        st.divider()
        st.markdown(f"**{tr('manage.candidate')}**")
        candidate_tools(candidates)
        if len(candidates) > 1:
            st.divider()
            st.markdown(f"**{tr('manage.merge')}**")
            merge_form(candidates)
    st.divider()
    delete_round(round_)


def done(message: str) -> None:
    """Remember a confirmation across the rerun that shows the change."""
    st.session_state["manage_done"] = message
    st.rerun()


def act(change, message: str) -> None:
    try:
        change()
    except UserError as exc:
        error(exc)
    else:
        done(message)


def round_settings(round_) -> None:
    if message := st.session_state.pop("manage_done", None):
        st.success(message, icon=":material/check:")
    with st.form("round_settings"):
        name = st.text_input(tr("rounds.round_name"), value=round_.name, max_chars=200)
        left, middle, right = st.columns(3)
        states = {state: tr(f"round_state.{state}") for state in STATES}  # AppTest formats outside the run
        state = left.selectbox(tr("manage.state"), STATES, index=STATES.index(round_.status),
                               format_func=states.get, help=tr("manage.state_help"))
        closes = middle.date_input(tr("manage.closes_at"), value=round_.closes_at.date() if round_.closes_at else None,
                                   help=tr("manage.closes_at_help"))
        retention = right.number_input(tr("manage.retention"), min_value=0, max_value=3650, step=1,
                                       value=round_.retention_days, placeholder=tr("manage.retention_default"),
                                       help=tr("manage.retention_help"))
        if st.form_submit_button(tr("manage.save"), type="primary"):
            closes_at = datetime.combine(closes, time.min, tzinfo=UTC) if closes else None
            desk = workspace()

            def save() -> None:
                if name != round_.name:
                    desk.rename_round(round_.id, name)
                desk.set_round_dates(round_.id, closes_at, None if retention is None else int(retention))
                if state != round_.status:
                    desk.set_round_state(round_.id, state)

            act(save, tr("manage.saved"))


def candidate_tools(candidates: dict) -> None:
    labels = {cid: f"{c.name} · {c.email or '–'} · #{cid}" for cid, c in candidates.items()}
    chosen = st.selectbox(tr("common.candidate"), list(candidates), format_func=labels.get, key="manage_candidate")
    candidate = candidates[chosen]
    with st.form(f"correct_{chosen}"):
        left, middle, right = st.columns([3, 3, 2])
        name = left.text_input(tr("rounds.col_name"), value=candidate.name, max_chars=200)
        email = middle.text_input(tr("rounds.col_email"), value=candidate.email or "", max_chars=320)
        language = right.selectbox(tr("rounds.col_language"), LANGUAGES, index=LANGUAGES.index(candidate.language),
                                   format_func=LANGUAGE_NAMES.get)
        if st.form_submit_button(tr("manage.correct")):
            act(lambda: workspace().update_candidate(chosen, name, email, language),
                tr("manage.corrected", name=plain(name)))
    left, right = st.columns(2)
    with left:
        st.caption(tr("manage.copy_help"))
        st.download_button(tr("manage.copy"), lambda: workspace().subject_access(chosen),
                           file_name=f"candidate-{chosen}.json", mime="application/json", on_click="ignore",
                           icon=":material/download:")
    with right, st.form(f"erase_{chosen}", clear_on_submit=True):
        st.caption(tr("manage.erase_help", name=plain(candidate.name)))
        typed = st.text_input(tr("manage.erase_type"), max_chars=200)
        if st.form_submit_button(tr("manage.erase"), icon=":material/delete_forever:"):
            act(lambda: workspace().erase_candidate(chosen, typed), tr("manage.erased", id=chosen))


def merge_form(candidates: dict) -> None:
    labels = {cid: f"{c.name} · {c.email or '–'} · #{cid}" for cid, c in candidates.items()}
    st.caption(tr("manage.merge_help"))
    with st.form("merge"):
        left, right = st.columns(2)
        keep = left.selectbox(tr("manage.keep"), list(candidates), format_func=labels.get, index=None)
        other = right.selectbox(tr("manage.fold"), list(candidates), format_func=labels.get, index=None)
        if st.form_submit_button(tr("manage.merge_button")) and None not in (keep, other):
            act(lambda: workspace().merge_candidates(keep, other), tr("manage.merged"))


def delete_round(round_) -> None:
    with st.expander(tr("manage.delete_round"), icon=":material/delete:"):
        st.caption(tr("manage.delete_help"))
        sure = st.checkbox(tr("manage.delete_sure", name=plain(round_.name)), key=f"delete_sure_{round_.id}")
        if st.button(tr("manage.delete_button"), disabled=not sure, key=f"delete_{round_.id}"):
            try:
                workspace().delete_round(round_.id)
            except UserError as exc:
                error(exc)
            else:
                st.query_params.pop("round", None)
                st.session_state.pop("round_picker", None)
                done(tr("manage.deleted"))
