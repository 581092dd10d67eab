"""Links that leave the app: the candidate's self-assessment invitation, an interviewer's interview page."""

from __future__ import annotations

from urllib.parse import urlencode

from assessment.errors import UserError


def _root(base_url: str) -> str:
    if not base_url.startswith(("http://", "https://")):
        raise UserError(f"the base URL must start with http:// or https://, not '{base_url}'", code="base_url",
                        url=base_url)
    return base_url.rstrip("/")


def invite_url(base_url: str, token: str, language: str) -> str:
    """The URL a candidate opens: the app's root with the token, which shows only the questionnaire."""
    return f"{_root(base_url)}/?{urlencode({'token': token, 'lang': language})}"


def interview_url(base_url: str, round_id: int, candidate_id: int, language: str) -> str:
    """The interview page of one candidate: the kit and the scorecard (after signing in, when needed)."""
    query = urlencode({"round": int(round_id), "candidate": int(candidate_id), "lang": language})
    return f"{_root(base_url)}/interview?{query}"
