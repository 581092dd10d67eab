"""What the app's HTTP server adds to every response: headers that keep the pages out of other sites' frames
and keep invite tokens out of Referer headers.

`app.py` hands `middleware()` and `routes()` (the local sign-in, `sign_in_routes.py`) to `st.App`, which
`streamlit run app.py` serves.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware

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


def middleware() -> list[Middleware]:
    return [Middleware(SecurityHeaders)]


def routes():
    from assessment.ui.sign_in_routes import routes as sign_in_routes

    return sign_in_routes()
