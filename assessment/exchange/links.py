"""Links that leave the app: the candidate's self-assessment invitation."""

from __future__ import annotations

from urllib.parse import urlencode

from assessment.errors import UserError


def invite_url(base_url: str, token: str, language: str) -> str:
    """The URL a candidate opens: the app's root with the token, which shows only the questionnaire."""
    if not base_url.startswith(("http://", "https://")):
        raise UserError(f"the base URL must start with http:// or https://, not '{base_url}'", code="base_url",
                        url=base_url)
    return f"{base_url.rstrip('/')}/?{urlencode({'token': token, 'lang': language})}"
