"""The pre-interview brief on the interview page: where the candidate's self-assessment suggests probing
(`assessment.results.brief`), as plain text in the session's language. Catalog statements and probes are shown
with `st.text`, never as Markdown."""

from __future__ import annotations

import streamlit as st

from assessment.catalog import Catalog
from assessment.errors import UserError
from assessment.results.brief import brief_text
from assessment.ui.common import error, lang, tr, workspace


def render_brief(candidate_id: int, catalog: Catalog, focus: list[str] | None = None) -> None:
    """The brief for one candidate and the interview's `focus` competencies (all when None), folded away unless
    there is something to probe."""
    try:
        entries = workspace().interview_brief(candidate_id, focus)
    except UserError as exc:
        error(exc)
        return
    with st.expander(tr("brief.title"), expanded=bool(entries), icon=":material/tips_and_updates:"):
        if entries is None:
            st.caption(tr("brief.not_yet"))
        else:
            st.text(brief_text(entries, catalog, lang()))
