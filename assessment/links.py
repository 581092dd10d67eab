"""Links that leave the app: the candidate's self-assessment invitation."""

from __future__ import annotations

from urllib.parse import urlencode

from assessment.errors import UserError

SELF_ASSESSMENT_PATH = "self_assessment"


def invite_url(base_url: str, token: str, language: str) -> str:
    """The URL a candidate opens: the app's self-assessment page with the token and their language."""
    if not base_url.startswith(("http://", "https://")):
        raise UserError(f"the base URL must start with http:// or https://, not '{base_url}'")
    return f"{base_url.rstrip('/')}/{SELF_ASSESSMENT_PATH}?{urlencode({'token': token, 'lang': language})}"
