"""The team of a round (Rounds page): who belongs to it, and which interviewer interviews which candidate."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.candidates import person_labels
from assessment.errors import UserError
from assessment.ui.common import error, tr, workspace

INTERVIEWING = ("interviewer", "recruiter")


def render(round_id: int) -> None:
    try:
        staff, members = workspace().team(round_id)
    except UserError as exc:
        error(exc)
        return
    labels = {a.id: f"{a.name} · {a.email} · {tr(f'role.{a.role}')}" for a in staff}
    st.caption(tr("team.intro"))
    if members:
        st.dataframe(pd.DataFrame([{tr("team.col_member"): labels.get(a.id, a.email),
                                    tr("team.col_assigned"): ", ".join(c.name for c in assigned)}
                                   for a, assigned in members]), hide_index=True, width="stretch")
    left, right = st.columns(2)
    with left.form("add_member", clear_on_submit=True):
        chosen = st.selectbox(tr("team.member"), [a.id for a in staff], format_func=labels.get, index=None)
        if st.form_submit_button(tr("team.add_member")) and chosen is not None:
            act(lambda: workspace().add_member(round_id, chosen))
    candidates = person_labels((c.id, c.name, c.email) for c in workspace().candidates(round_id))
    interviewers = [a.id for a in staff if a.role in INTERVIEWING]
    with right.form("assign", clear_on_submit=True):
        candidate = st.selectbox(tr("common.candidate"), list(candidates), format_func=candidates.get, index=None)
        interviewer = st.selectbox(tr("team.interviewer"), interviewers, format_func=labels.get, index=None)
        if st.form_submit_button(tr("team.assign")) and None not in (candidate, interviewer):
            act(lambda: workspace().assign(candidate, interviewer))


def act(change) -> None:
    try:
        change()
    except UserError as exc:
        error(exc)
    else:
        st.rerun()
