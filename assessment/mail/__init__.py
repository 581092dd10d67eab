"""E-mail: invitations, reminders and notices, from the outbox to the recipient's mail server.

`settings` reads where mail goes from the environment, `templates` holds the words (overridable per
organisation), `addressing` keeps names and subjects from injecting headers, `sender` delivers the outbox
with retries and records every answer. The outbox itself is in `assessment.store` (`store.outbox`).
"""

from __future__ import annotations

from .addressing import address, formatted, mailbox
from .sender import MAX_ATTEMPTS, PassResult, backoff, compose, run_worker, send_pass
from .settings import MailSettings, SmtpServer, mail_settings, parse_smtp_url
from .templates import PLACEHOLDERS, Rendered, render

__all__ = [
    "MAX_ATTEMPTS",
    "MailSettings",
    "PLACEHOLDERS",
    "PassResult",
    "Rendered",
    "SmtpServer",
    "address",
    "backoff",
    "compose",
    "formatted",
    "mail_settings",
    "mailbox",
    "parse_smtp_url",
    "render",
    "run_worker",
    "send_pass",
]
