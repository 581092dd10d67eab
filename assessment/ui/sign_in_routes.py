"""Sign-in with a local account, served as plain HTTP routes beside the app (see `server.py`).

The password goes in an ordinary HTML form POST to the server, never through the app's websocket, the
URL or session state; on success the browser gets an HttpOnly session cookie that the app reads back
through `st.context.cookies`. Routes:

- GET  /account/sign-in   the form (in the `lang` of the URL, else the browser's language)
- POST /account/sign-in   checks the password (throttled), sets the cookie, sends the browser on
- GET  /account/sign-out  ends the session, clears the cookie

The form is protected against cross-site posting by a double-submit token (cookie and hidden field).
"""

from __future__ import annotations

import html
import secrets
from functools import cache
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from assessment import i18n
from assessment.errors import UserError
from assessment.store import Store, default_url

SESSION_COOKIE = "assessment_session"
CSRF_COOKIE = "assessment_csrf"
SIGN_IN, SIGN_OUT = "/account/sign-in", "/account/sign-out"


@cache
def _store(url: str) -> Store:
    return Store.open(url, shared=True)


def store() -> Store:
    return _store(default_url())


def sso_configured() -> bool:
    """Whether single sign-on (`st.login`) is set up: an [auth] section in Streamlit's secrets."""
    import streamlit as st

    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all, or an unreadable one: no single sign-on
        return False


def language(request: Request) -> str:
    """The `lang` of the URL or form, else the first supported language the browser asks for."""
    asked = request.query_params.get("lang")
    if asked:
        return i18n.language(asked)
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in i18n.LANGUAGES:
            return code
    return "en"


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this app only, never another site."""
    target = target or "/"
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def sign_in_page(request: Request) -> Response:
    return _form(request, language(request), message=None, email="", target=request.query_params.get("next"))


async def sign_in(request: Request) -> Response:
    form = await request.form()
    lang = i18n.language(str(form.get("lang") or language(request)))
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    sent, expected = str(form.get("csrf") or ""), request.cookies.get(CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(sent, expected):
        return _form(request, lang, message=i18n.t("signin.expired_form", lang), email=email, status=400,
                     target=str(form.get("next") or "/"))
    address = request.client.host if request.client else "unknown"
    try:
        session = await _in_thread(store().sign_in, email, password, address)
    except UserError as exc:
        status = 429 if exc.code == "sign_in_throttled" else 401
        return _form(request, lang, message=i18n.error_text(exc, lang), email=email, status=status,
                     target=str(form.get("next") or "/"))
    response = RedirectResponse(safe_next(str(form.get("next") or "/")), status_code=303)
    response.set_cookie(SESSION_COOKIE, session.token, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https")
    response.delete_cookie(CSRF_COOKIE, path=SIGN_IN)
    return response


def sign_out(request: Request) -> Response:
    store().end_session(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(f"{SIGN_IN}?lang={language(request)}", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def _in_thread(function, *args):
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args)


def _form(request: Request, lang: str, message: str | None, email: str, target: str | None,
          status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    text = {key: html.escape(i18n.t(f"signin.{key}", lang)) for key in
            ("title", "intro", "email_label", "password_label", "submit", "sso_hint")}
    error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    switch = " · ".join(f'<a href="{html.escape(SIGN_IN + "?" + urlencode({"lang": code, "next": safe_next(target)}))}"'
                        f' lang="{code}">{html.escape(name)}</a>'
                        for code, name in i18n.LANGUAGE_NAMES.items() if code != lang)
    page = _PAGE.format(
        lang=lang, error=error, email=html.escape(email), csrf=token, switch=switch,
        next=html.escape(safe_next(target)),
        action=SIGN_IN, **text)
    response = HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store"})
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path=SIGN_IN,
                        secure=request.url.scheme == "https")
    return response


def routes() -> list[Route]:
    return [Route(SIGN_IN, sign_in_page, methods=["GET"]), Route(SIGN_IN, sign_in, methods=["POST"]),
            Route(SIGN_OUT, sign_out, methods=["GET"])]


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
 body {{ font-family: "Source Sans Pro", "Segoe UI", system-ui, sans-serif; background: #f7f8fa; color: #262730;
        margin: 0; display: flex; min-height: 100vh; align-items: center; justify-content: center; }}
 main {{ background: #fff; border: 1px solid #e1e4e8; border-radius: 12px; padding: 2rem; width: min(92vw, 26rem);
         box-sizing: border-box; }}
 h1 {{ font-size: 1.6rem; margin: 0 0 .5rem; }}
 p {{ line-height: 1.45; }}
 label {{ display: block; margin: 1rem 0 .3rem; font-size: .95rem; }}
 input[type=email], input[type=password] {{ width: 100%; box-sizing: border-box; padding: .6rem .7rem;
        font-size: 1rem; border: 1px solid #c9cfd6; border-radius: 8px; background: #f0f2f6; }}
 button {{ margin-top: 1.4rem; width: 100%; padding: .7rem; font-size: 1rem; color: #fff; background: #2f6f8f;
          border: 0; border-radius: 8px; cursor: pointer; }}
 .error {{ background: #fdecea; color: #7d1a12; border-radius: 8px; padding: .7rem .9rem; }}
 .muted {{ color: #5a5f6b; font-size: .9rem; }}
 nav {{ margin-top: 1.2rem; font-size: .9rem; }}
</style></head>
<body><main>
<h1>{title}</h1>
<p class="muted">{intro}</p>
{error}
<form method="post" action="{action}">
 <input type="hidden" name="csrf" value="{csrf}">
 <input type="hidden" name="lang" value="{lang}">
 <input type="hidden" name="next" value="{next}">
 <label for="email">{email_label}</label>
 <input id="email" name="email" type="email" autocomplete="username" required value="{email}">
 <label for="password">{password_label}</label>
 <input id="password" name="password" type="password" autocomplete="current-password" required>
 <button type="submit">{submit}</button>
</form>
<p class="muted">{sso_hint}</p>
<nav>{switch}</nav>
</main></body></html>
"""
