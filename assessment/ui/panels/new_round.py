"""The "New round" form of the Rounds page: a name and a role chosen on purpose (no role is taken for granted);
the page then opens the new round and says so."""

from __future__ import annotations

import streamlit as st

from assessment.catalog import load_catalogs
from assessment.errors import UserError
from assessment.ui.common import error, lang, plain, tr, workspace


def render() -> None:
    """A new round for a role the person chooses (no role is taken for granted); the page then opens it."""
    catalogs = {loaded.catalog.id: loaded.catalog for loaded in load_catalogs()}
    if st.session_state.pop("new_round_made", False):  # emptied before the fields are drawn: a mistake keeps them
        st.session_state["new_round_name"], st.session_state["new_round_role"] = "", None
    with st.expander(tr("rounds.new_round"), expanded=not workspace().rounds()):
        with st.form("new_round"):
            name = st.text_input(tr("rounds.round_name"), max_chars=200, key="new_round_name")
            labels = {key: value.name.get(lang()) for key, value in catalogs.items()}
            role = st.selectbox(tr("rounds.role"), list(catalogs), format_func=labels.get, index=None,
                                placeholder=tr("rounds.role_placeholder"), key="new_round_role")
            if st.form_submit_button(tr("rounds.create"), type="primary"):
                create_round(name, role, labels)


def create_round(name: str, role: str | None, labels: dict) -> None:
    if role is None:
        st.error(tr("rounds.role_missing"), icon=":material/error:")
        return
    try:
        created = workspace().create_round(name, role)
    except UserError as exc:
        error(exc)
        return
    st.query_params["round"] = str(created.id)
    st.session_state["round_picker"] = created.id  # else the picker keeps the browser's choice, the round before
    st.session_state["new_round_made"] = True
    st.session_state["round_created"] = tr("rounds.created", name=plain(created.name), role=plain(labels[role]))
    st.rerun()
