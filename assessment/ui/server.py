"""What the app's HTTP server adds to every response: headers that keep the pages out of other sites' frames
and keep invite tokens out of Referer headers.

`app.py` hands `middleware()` and `routes()` (the local sign-in, `sign_in_routes.py`) to `st.App`, which
`streamlit run app.py` serves.
"""

from __future__ import annotations

import functools
import threading
from urllib.parse import urlencode

from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import RedirectResponse

SECURITY_HEADERS = {
    # No other origin may frame the pages (clickjacking); the modern header and the old one for old browsers.
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    # An invite link carries its token in the URL: never send it on to another site.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


class SignInGate(BaseHTTPMiddleware):
    """A browser asking for a page of the app without a valid session goes to the sign-in form first, and
    comes back afterwards. Invite links (`?token=`) pass: the questionnaire checks its own token. With single
    sign-on configured, the app's own sign-in page offers both ways, so nothing is redirected here."""

    OPEN = ("/_stcore/", "/static/", "/media/", "/component/", "/account/", "/auth/", "/oauth2callback")

    async def dispatch(self, request, call_next):
        if self._needs_sign_in(request):
            from starlette.concurrency import run_in_threadpool

            from assessment.ui.sign_in_routes import SESSION_COOKIE, SIGN_IN, store

            account = await run_in_threadpool(store().resolve_session, request.cookies.get(SESSION_COOKIE))
            if account is None:
                wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                query = {"next": wanted, **({"lang": request.query_params["lang"]}
                                            if "lang" in request.query_params else {})}
                return RedirectResponse(f"{SIGN_IN}?{urlencode(query)}", status_code=303)
        return await call_next(request)

    def _needs_sign_in(self, request) -> bool:
        from assessment.ui.sign_in_routes import sso_configured

        return (request.method == "GET" and "text/html" in request.headers.get("accept", "")
                and not request.url.path.startswith(self.OPEN) and not request.query_params.get("token")
                and not sso_configured())


def middleware() -> list[Middleware]:
    return [Middleware(SecurityHeaders), Middleware(SignInGate)]


def routes():
    from assessment.ui.sign_in_routes import routes as sign_in_routes

    return sign_in_routes()


def warm_up() -> threading.Thread:
    """Read in the background, when the server starts, what the first page of every session needs: the texts
    of the three languages and the role catalogs, checked (about 0.5 s and 0.6 s). The server answers at once;
    a session that starts before this is done waits for it (see `i18n.strings`, `catalog.loader`) instead of
    reading the same itself. A catalog that fails its check is left for the page to report."""

    def read() -> None:
        from assessment import i18n
        from assessment.catalog import load_catalogs

        i18n.strings()
        load_catalogs()

    thread = threading.Thread(target=read, name="warm-up", daemon=True)
    thread.start()
    return thread


def rerun_unknown_fragments_in_full() -> bool:
    """Make a click that names a fragment this server session does not hold rerun the whole page, instead of
    being dropped. True when that is in place (the pages may then use fragments), False when this Streamlit
    does not work the way this relies on.

    A click inside an `st.fragment` asks the server to rerun only that fragment, and carries the values of all
    the page's widgets. A session that has not run the page yet holds no fragments: after a server restart
    (or a move to another instance) the browser reconnects to a new session, and its first click names a
    fragment that session never ran. Streamlit drops such a request (`AppSession.request_rerun`), so the answer
    clicked would be lost without a word. Run in full instead, the page draws the widget with the value the
    browser sent, and saves it. Installed when `streamlit run` imports app.py, before any session exists."""
    from streamlit.runtime.app_session import AppSession

    dropping = getattr(AppSession, "request_rerun", None)
    if dropping is None or not hasattr(AppSession, "has_fragment"):
        return False
    if getattr(dropping, "runs_unknown_fragments_in_full", False):
        return True

    @functools.wraps(dropping)
    def request_rerun(session, client_state=None):
        if client_state is not None and client_state.fragment_id \
                and not session.has_fragment(client_state.fragment_id):
            client_state.fragment_id = ""  # the whole page, with the widget values the browser sent
        return dropping(session, client_state)

    request_rerun.runs_unknown_fragments_in_full = True
    AppSession.request_rerun = request_rerun
    return True


def check_settings() -> str | None:
    """What is wrong with the sign-in settings, in one line, or None. With single sign-on configured, the
    session cookie is signed with [auth] cookie_secret: a missing or guessable one would let anyone forge
    a signed-in session."""
    from assessment.ui.sign_in_routes import sso_configured

    if not sso_configured():
        return None
    import streamlit as st

    secret = str(st.secrets["auth"].get("cookie_secret", ""))
    if len(secret) < 32 or len(set(secret)) < 10:
        return ("error: [auth] cookie_secret in .streamlit/secrets.toml is missing or weak; set a random value of "
                "at least 32 characters, e.g. the output of: "
                "python -c \"import secrets; print(secrets.token_hex(32))\"")
    return None
