"""Where mail goes and what it says about the sender, from the environment.

- `ASSESSMENT_SMTP_URL`: `smtp://user:password@host:587` (STARTTLS, required) or `smtps://user:password@host:465`
  (TLS from the start). `smtp://host:25?starttls=off` sends without encryption, for a relay on the same machine.
  `?timeout=SECONDS` (default 30). `ASSESSMENT_SMTP_CAFILE` names a CA file for a private certificate authority.
- `ASSESSMENT_MAIL_FROM`: the sender, e.g. `Hiring team <hiring@example.com>`.
- `ASSESSMENT_BASE_URL`: the app's address; every link in a message is built from it and nothing else.
- `ASSESSMENT_COMPANY_NAME` (default: the sender's name), `ASSESSMENT_PRIVACY_URL` (default: the questionnaire,
  whose first page says how answers are used), `ASSESSMENT_MAIL_TEMPLATES` (a folder of overriding templates),
  `ASSESSMENT_REMINDER_DAYS` (3), `ASSESSMENT_SCORECARD_REMINDERS` (5), `ASSESSMENT_MAIL_INTERVAL` (30 s).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from assessment.errors import UserError

from .addressing import mailbox

SCHEMES = {"smtp": 587, "smtps": 465}


@dataclass(frozen=True)
class SmtpServer:
    scheme: str  # smtp (STARTTLS unless `starttls` is False) | smtps
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 30.0
    cafile: str | None = None

    @property
    def security(self) -> str:
        """tls (from the start), starttls, or none."""
        return "tls" if self.scheme == "smtps" else "starttls" if self.starttls else "none"

    def __str__(self) -> str:
        """For people: never the password."""
        return f"{self.scheme}://{self.host}:{self.port} ({self.security})"


@dataclass(frozen=True)
class MailSettings:
    server: SmtpServer | None
    sender: tuple[str, str] | None  # (display name, address)
    base_url: str | None
    company: str | None
    privacy_url: str | None = None
    templates: Path | None = None
    reminder_days: int = 3
    scorecard_limit: int = 5
    interval: float = 30.0

    def missing(self) -> list[str]:
        """The variables still to set before a message can leave."""
        return [name for name, value in (("ASSESSMENT_SMTP_URL", self.server), ("ASSESSMENT_MAIL_FROM", self.sender),
                                         ("ASSESSMENT_BASE_URL", self.base_url)) if value is None]

    def require_ready(self) -> None:
        if missing := self.missing():
            raise UserError(f"mail is not set up: set {', '.join(missing)}", code="mail_not_set_up",
                            missing=", ".join(missing))


def parse_smtp_url(url: str, cafile: str | None = None) -> SmtpServer:
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in SCHEMES or not parts.hostname or port == -1:
        raise UserError("ASSESSMENT_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465",
                        code="smtp_url")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        timeout = float(query.get("timeout", 30))
    except ValueError:
        raise UserError("ASSESSMENT_SMTP_URL: timeout must be a number of seconds", code="smtp_url") from None
    return SmtpServer(parts.scheme, parts.hostname, port or SCHEMES[parts.scheme],
                      unquote(parts.username) if parts.username else None,
                      unquote(parts.password) if parts.password else None,
                      starttls=query.get("starttls", "on").lower() not in ("off", "false", "no", "0"),
                      timeout=timeout, cafile=cafile)


def _base_url(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().rstrip("/")
    if not value.startswith(("http://", "https://")) or any(c.isspace() or ord(c) < 32 for c in value):
        raise UserError(f"the base URL must start with http:// or https://, not '{value}'", code="base_url", url=value)
    return value


def _whole(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(env.get(name, default))
    except ValueError:
        value = -1
    if not low <= value <= high:
        raise UserError(f"{name} must be a whole number from {low} to {high}", code="mail_setting", name=name,
                        low=low, high=high)
    return value


def mail_settings(env: Mapping[str, str] | None = None) -> MailSettings:
    """The settings in `env` (default: the process's environment); UserError names the first bad one."""
    env = os.environ if env is None else env
    server = parse_smtp_url(env["ASSESSMENT_SMTP_URL"], env.get("ASSESSMENT_SMTP_CAFILE")) \
        if env.get("ASSESSMENT_SMTP_URL") else None
    sender = mailbox(env["ASSESSMENT_MAIL_FROM"]) if env.get("ASSESSMENT_MAIL_FROM") else None
    templates = Path(env["ASSESSMENT_MAIL_TEMPLATES"]) if env.get("ASSESSMENT_MAIL_TEMPLATES") else None
    return MailSettings(
        server=server, sender=sender, base_url=_base_url(env.get("ASSESSMENT_BASE_URL")),
        company=(env.get("ASSESSMENT_COMPANY_NAME") or (sender[0] if sender else "") or None),
        privacy_url=_base_url(env.get("ASSESSMENT_PRIVACY_URL")), templates=templates,
        reminder_days=_whole(env, "ASSESSMENT_REMINDER_DAYS", 3, 1, 60),
        scorecard_limit=_whole(env, "ASSESSMENT_SCORECARD_REMINDERS", 5, 0, 30),
        interval=float(_whole(env, "ASSESSMENT_MAIL_INTERVAL", 30, 1, 3600)))
