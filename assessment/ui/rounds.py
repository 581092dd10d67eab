"""Rounds (HR): create a round, add candidates one by one or from CSV, invite them, follow their status."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from assessment.candidates import person_labels
from assessment.errors import UserError
from assessment.exchange.importing import parse_candidates_csv
from assessment.exchange.links import invite_url
from assessment.i18n import LANGUAGE_NAMES, LANGUAGES
from assessment.ui import team_panel
from assessment.ui.common import error, error_text, lang, plain, refused, round_picker, tr, workspace
from assessment.ui.panels import documents_panel, mail_panel, new_round, plan_panel, round_admin, rounds_overview


def status_table(round_id: int) -> None:
    statuses = workspace().statuses(round_id)
    if not statuses:
        st.info(tr("rounds.no_candidates"))
        return
    rows = [{
        tr("rounds.col_name"): s.candidate.name,
        tr("rounds.col_email"): s.candidate.email or "",
        tr("rounds.col_language"): LANGUAGE_NAMES[s.candidate.language],
        tr("rounds.col_status"): tr(f"status.{s.state}", answered=s.answered, items=s.items),
        tr("rounds.col_progress"): s.answered / s.items if s.items else 0.0,
        tr("rounds.col_interviews"): s.submitted_interviews,
    } for s in statuses]
    st.container(key="status_table").dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config={
        tr("rounds.col_progress"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent"),
    })


def confirmation(key: str, where=st) -> None:
    """A change's confirmation, shown after the rerun that displays it, inside the tab where it was made:
    a message above the tabs would shift them, and the browser would then show the first tab again."""
    if message := st.session_state.pop(key, None):
        where.success(message, icon=":material/check:")


def add_candidate_form(round_id: int) -> None:
    confirmation("added_one")
    with st.form("add_candidate"):
        st.markdown(f"**{tr('rounds.add_candidate')}**")
        left, middle, right = st.columns([3, 3, 2])
        name = left.text_input(tr("rounds.col_name"), max_chars=200, key="add_name")
        email = middle.text_input(tr("rounds.col_email"), max_chars=320, key="add_email")
        language = right.selectbox(tr("rounds.col_language"), LANGUAGES, index=LANGUAGES.index(lang()),
                                   format_func=LANGUAGE_NAMES.get)  # the page's language, to start with
        anyway = st.checkbox(tr("manage.add_anyway"), key="add_anyway")
        if st.form_submit_button(tr("rounds.add")):
            try:
                same = workspace().duplicates(round_id, [{"name": name, "email": email}])
                if same and not anyway:
                    existing = same[0].existing
                    st.warning(tr("manage.duplicate_warning", by=tr(f"manage.by_{same[0].by}"),
                                  existing=plain(f"{existing.name} · {existing.email or '–'} · #{existing.id}")))
                    return
                workspace().add_candidate(round_id, name, email, language)
            except UserError as exc:
                error(exc)
            else:
                st.session_state["added_one"] = tr("rounds.added", name=plain(name))
                for key in ("add_name", "add_email", "add_anyway"):
                    st.session_state.pop(key, None)
                st.rerun()


def csv_import(round_id: int) -> None:
    confirmation("added_csv")
    upload = st.file_uploader(tr("rounds.csv_upload"), type=["csv", "txt"], help=tr("rounds.csv_help"))
    if upload is None:
        return
    if st.session_state.get("imported") == (round_id, upload.file_id):  # one upload imports once
        st.info(tr("manage.csv_already"))
        return
    try:
        parsed = parse_candidates_csv(upload.getvalue())
    except UserError as exc:
        error(exc)
        return
    delimiter = {",": "comma", ";": "semicolon", "\t": "tab"}.get(parsed.delimiter, "comma")
    st.caption(tr("rounds.csv_read_as", encoding=tr(f"rounds.encoding.{parsed.encoding}"),
                  delimiter=tr(f"rounds.delimiter.{delimiter}")))
    if parsed.rows:
        st.caption(tr("rounds.csv_preview", count=len(parsed.rows)))
        st.dataframe(pd.DataFrame([{
            tr("rounds.col_name"): row["name"],
            tr("rounds.col_email"): row.get("email") or "",
            tr("rounds.col_language"): LANGUAGE_NAMES.get(row.get("language"), "") if row.get("language") else "",
        } for row in parsed.rows]), hide_index=True, width="stretch")
    for line, problem in parsed.errors:
        st.warning(tr("rounds.csv_row_error", line=line, message=error_text(problem)))
    same = {d.row: d for d in workspace().duplicates(round_id, parsed.rows)}
    if same:
        st.warning(tr("manage.csv_duplicates", count=len(same)) + "\n\n" + "\n".join(
            f"- {plain(parsed.rows[row]['name'])} → #{d.existing.id} ({tr(f'manage.by_{d.by}')})"
            for row, d in same.items()))
    rows = [row for index, row in enumerate(parsed.rows) if index not in same]
    if rows and st.button(tr("rounds.csv_add", count=len(rows)), type="primary"):
        try:
            workspace().add_candidates(round_id, rows)
        except UserError as exc:
            error(exc)
        else:
            st.session_state["imported"] = (round_id, upload.file_id)
            st.session_state["added_csv"] = (tr("rounds.csv_done_skipped", count=len(rows), skipped=len(same)) if same
                                             else tr("rounds.csv_done", count=len(rows)))
            st.rerun()


def invite_panel(round_id: int) -> None:
    candidates = workspace().candidates(round_id)
    if not candidates:
        return
    names = person_labels((c.id, c.name, c.email) for c in candidates)
    left, right = st.columns([3, 1])
    chosen = left.selectbox(tr("rounds.invite_who"), list(names), format_func=names.get)
    days = right.number_input(tr("rounds.invite_days"), min_value=1, max_value=365, value=14)
    if st.button(tr("rounds.invite"), type="primary"):
        candidate = next(c for c in candidates if c.id == chosen)
        try:
            token = workspace().invite(candidate.id, int(days))
        except UserError as exc:
            error(exc)
            return
        st.caption(tr("rounds.invite_copy"))
        st.code(invite_url(_base_url(), token, candidate.language), language=None)


def _base_url() -> str:
    if configured := os.environ.get("ASSESSMENT_BASE_URL"):
        return configured
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}"


st.title(tr("rounds.title"))
st.caption(tr("rounds.intro"))
rounds_overview.render()
new_round.render()
current = round_picker()
confirmation("round_created", st.container())  # always drawn: the tabs below must not move
if current is not None and refused(workspace().require, "round.edit", current.id) is not None:
    # Every element above the tabs is drawn on every run, filled or empty: an element that comes and goes there
    # would shift the tabs, and the browser would then show the first tab again.
    banner = st.container()
    if not workspace().is_open(current.id):
        banner.warning(tr(f"manage.banner.{'archived' if current.status == 'archived' else 'closed'}"),
                       icon=":material/lock:")
    st.subheader(tr("rounds.candidates_of", role=plain(workspace().catalog(current.id).name.get(lang()))))
    status_table(current.id)
    documents_panel.feedback_setting(current.id)
    lost = st.container()
    if erased := workspace().erased_in(current.id):
        lost.caption(tr("manage.erased_count", count=erased))
    tab_one, tab_csv, tab_invite, tab_team, tab_plan, tab_manage = st.tabs([
        tr("rounds.tab_add"), tr("rounds.tab_csv"), tr("rounds.tab_invite"), tr("team.tab"), tr("plan.tab"),
        tr("manage.tab")])
    with tab_one:
        add_candidate_form(current.id)
    with tab_csv:
        csv_import(current.id)
    with tab_invite:
        invite_panel(current.id)
    with tab_team:
        team_panel.render(current.id)
    with tab_plan:
        plan_panel.render(current.id)
    with tab_manage:
        round_admin.render(current.id)
    mail_panel.render(current.id)
