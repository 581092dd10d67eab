"""Parts of a page that a click reruns alone (`st.fragment`): a rating on the interview page, an answer on the
questionnaire. The rest of the page (the menu, who is signed in, the pickers, the brief) is not drawn again, so
a click costs what the part costs, however large the page around it.

A part run alone gets the arguments of the page's last run, so each part reads what it shows itself, through
`runs.this_run` (once per run, whether the page or the part runs). When what the part stands on has changed
(signed out, the interview submitted elsewhere, the link closed), the part reruns the whole page, which says so.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from assessment.ui import runs
from assessment.ui.server import rerun_unknown_fragments_in_full


def rerun_alone(part: Callable) -> Callable:
    """`part` as an `st.fragment` whose runs alone start like a page run: the language, the workspace and what
    `runs.this_run` keeps are made afresh, and for staff, who is signed in is checked again.

    Only where a click that names a fragment the server session does not hold reruns the page instead of being
    lost (`server.rerun_unknown_fragments_in_full`); otherwise every click reruns the page, as before."""
    if not rerun_unknown_fragments_in_full():
        return part

    @st.fragment
    @functools.wraps(part)
    def alone(*args, **kwargs):
        if runs.in_page_run():
            return part(*args, **kwargs)
        runs.new_run(page=False)
        try:
            if "staff" in st.session_state:
                still_signed_in()
            return part(*args, **kwargs)
        finally:
            runs.end_run()

    return alone


def still_signed_in() -> None:
    """The staff account behind this session, checked as a page run checks it; the whole page when it has
    signed out, been disabled or changed (it then shows the sign-in page, or the pages of the new role)."""
    from assessment.ui.account import signed_in

    account = signed_in()
    before = st.session_state["staff"]
    if account is None or account.id != before.id or account.role != before.role:
        st.rerun(scope="app")
    st.session_state["staff"] = account
