"""Who is signed in on this browser, and the way in and out (the routes are in `sign_in_routes`)."""

from __future__ import annotations

import streamlit as st

from assessment.errors import SignInRefused
from assessment.ui.common import error_text, lang, plain, store, tr
from assessment.ui.sign_in_routes import SESSION_COOKIE, SIGN_IN, sso_configured


def session_token() -> str | None:
    """The session cookie's token; in the AppTest suite, which has no cookies, `staff_token` of session state.
    That is asked first: only server-side code can set it (no widget has its key), and it costs a dictionary
    lookup where the cookies are parsed anew on every run."""
    token = st.session_state.get("staff_token")
    if isinstance(token, str) and token:
        return token
    cookie = st.context.cookies.get(SESSION_COOKIE)
    return cookie if isinstance(cookie, str) and cookie else None


def signed_in():
    """The signed-in staff account of this browser, or None.

    A local sign-in leaves an HttpOnly session cookie (see `sign_in_routes`); single sign-on leaves
    `st.user`, whose e-mail must belong to an active account. `staff_token` in session state serves the
    AppTest suite, which has no cookies; only server-side code can set it. What the session cookie resolves to
    is kept a few seconds (`Store.signed_in_account`): a sign-out or disabled account in this process counts
    at once, one in another process within `SESSION_RECHECK_SECONDS`.
    """
    token = session_token()
    account = store().signed_in_account(token) if token else None
    if account is None and sso_configured() and st.user.is_logged_in:
        try:
            account = store().sign_in_sso(st.user.get("email"))
        except SignInRefused as exc:
            st.session_state["sso_refused"] = error_text(exc)
    return account


def account_box(account) -> None:
    """Who is signed in, and the way out."""
    st.sidebar.caption(tr("signin.signed_in_as", name=plain(account.name), role=tr(f"role.{account.role}")))
    if st.sidebar.button(tr("signin.sign_out"), key="sign_out", icon=":material/logout:"):
        store().end_session(session_token())
        st.session_state.pop("staff_token", None)
        if sso_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()


def sign_in_link() -> str:
    return f"{SIGN_IN}?lang={lang()}"
