"""Sending the outbox over SMTP, one message at a time, each outcome recorded before the next is tried.

What the server answers decides what happens to a message:
- 250 after the data: sent, with the server's answer kept;
- 5xx for the recipient or the data: failed, with the server's answer;
- 4xx, a template problem: back to the queue, tried again after a back-off (1 min, 2, 4, … up to 6 h), and
  failed after MAX_ATTEMPTS;
- no server, a dropped connection, a refused sender or login, a timeout: back to the queue, and the pass ends
  (the rest of the batch is not touched: it goes out on a later pass, once the server is back).

A message is marked `sending` (committed, in batches of BATCH) before it is handed to the server and `sent` as
soon as the server has taken it, so a pass that breaks off never hands a message over twice; claimed messages
it did not try go back to the queue untouched. Only a sender killed in the instant
between the server's 250 and that commit can leave one behind; after `LEASE` it is sent again with the same
Message-ID, by which mail programs recognise the copy.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime

from assessment import i18n
from assessment.errors import UserError
from assessment.exchange.links import interview_url, invite_url

from .addressing import address, encoded, formatted
from .settings import MailSettings, SmtpServer
from .templates import deadline, render

MAX_ATTEMPTS = 10
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)
LEASE = timedelta(minutes=15)
BATCH = 20  # messages claimed at once; each outcome is still committed before the next message is tried
WIRE = compat32.clone(linesep="\r\n")  # headers stay exactly as encoded in `addressing`; lines end in CRLF


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try: doubling from a minute, at most six hours."""
    return min(FIRST_DELAY * 2 ** max(attempts - 1, 0), LONGEST_DELAY)


@dataclass
class PassResult:
    sent: int = 0
    failed: int = 0
    retry: int = 0
    reminders: int = 0
    stopped: str | None = None  # why the pass ended early: the server's answer or the connection's error
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"sent {self.sent}, failed {self.failed}, to retry {self.retry}, reminders queued {self.reminders}"
        return text + (f"; stopped: {self.stopped}" if self.stopped else "")


class _Stop(Exception):
    """The server cannot take anything now: end the pass."""


def _answer(code, text) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(text.split())}".strip()


def _error(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _answer(exc.smtp_code, exc.smtp_error)
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")


def compose(message, settings: MailSettings) -> tuple[bytes, str]:
    """The message as bytes for the server, and its subject. UserError for a template or address problem."""
    language = message.language
    context = dict(message.context)
    values = {"name": message.recipient_name, "company": settings.company or i18n.t("mail.company_default", language),
              "role": context.get("role", ""), "candidate": context.get("candidate", ""),
              "round": context.get("round", ""), "number": context.get("number", ""),
              "days": context.get("days", settings.reminder_days)}
    if "expires_at" in context:
        values["deadline"] = deadline(datetime.fromisoformat(context["expires_at"]), language)
    if "token" in context:
        values["link"] = invite_url(settings.base_url, context["token"], language)
        values["privacy"] = settings.privacy_url or values["link"]
    elif "round_id" in context:
        values["link"] = interview_url(settings.base_url, context["round_id"], context["candidate_id"], language)
    rendered = render(message.kind, language, values, settings.templates)
    mime = MIMEMultipart("alternative")
    mime.attach(MIMEText(rendered.text, "plain", "utf-8"))
    mime.attach(MIMEText(rendered.html, "html", "utf-8"))
    sender_name, sender_address = settings.sender
    mime["From"] = formatted(sender_name, sender_address)
    mime["To"] = formatted(message.recipient_name, message.recipient)
    mime["Subject"] = encoded(rendered.subject)
    mime["Date"] = format_datetime(datetime.now(UTC))
    mime["Message-ID"] = f"<{message.message_id}@{sender_address.split('@', 1)[1]}>"
    mime["Auto-Submitted"] = "auto-generated"
    mime["Content-Language"] = language
    return mime.as_bytes(policy=WIRE), rendered.subject


class Connection:
    """One SMTP session, opened when the first message needs it."""

    def __init__(self, server: SmtpServer):
        self.server = server
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> smtplib.SMTP:
        if self.smtp is None:
            server = self.server
            context = ssl.create_default_context(cafile=server.cafile)
            host = socket.gethostname() or "localhost"
            if server.scheme == "smtps":
                smtp = smtplib.SMTP_SSL(server.host, server.port, local_hostname=host, timeout=server.timeout,
                                        context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, local_hostname=host, timeout=server.timeout)
            try:
                if server.scheme == "smtp" and server.starttls:
                    smtp.starttls(context=context)
                if server.username:
                    smtp.login(server.username, server.password or "")
            except Exception:
                smtp.close()
                raise
            self.smtp = smtp
        return self.smtp

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None

    def transmit(self, sender: str, recipient: str, payload: bytes) -> str:
        """Hand one message to the server; the server's answer to its data. Raises smtplib's exceptions."""
        smtp = self.open()
        smtp.ehlo_or_helo_if_needed()
        code, text = smtp.mail(sender)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, text, sender)
        code, text = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, text)})
        code, text = smtp.data(payload)
        if code != 250:
            raise smtplib.SMTPDataError(code, text)
        return _answer(code, text)


class _Record:
    """Writes one message's outcome to the outbox and counts it in the pass's result."""

    def __init__(self, store, message, now: datetime, result: PassResult):
        self.store, self.message, self.now, self.result = store, message, now, result

    def sent(self, subject: str, answer: str) -> None:
        self.store.message_sent(self.message.id, subject, answer, self.now)
        self.result.sent += 1

    def failed(self, answer: str) -> None:
        self.store.message_failed(self.message.id, answer)
        self.result.failed += 1

    def retry(self, answer: str) -> None:
        """Back to the queue after a back-off; failed once it has been tried MAX_ATTEMPTS times."""
        tries = self.message.attempts + 1
        if tries >= MAX_ATTEMPTS:
            return self.failed(answer)
        self.store.message_retry(self.message.id, answer, self.now + backoff(tries))
        self.result.retry += 1

    def refused(self, code: int, text) -> None:
        """The server's refusal of this message: for good (5xx) or for now."""
        (self.failed if 500 <= code < 600 else self.retry)(_answer(code, text))


def _prepare(message, settings: MailSettings, record: _Record) -> tuple[bytes, str, str] | None:
    """(payload, subject, recipient), or None when the message cannot be built (recorded)."""
    try:
        payload, subject = compose(message, settings)
        return payload, subject, address(message.recipient)
    except UserError as exc:
        (record.failed if exc.code == "mail_address" else record.retry)(str(exc))
        record.result.problems.append(f"message {message.id}: {exc}")
        return None


def _deliver(store, settings: MailSettings, connection: Connection, message, now: datetime, result: PassResult):
    record = _Record(store, message, now, result)
    prepared = _prepare(message, settings, record)
    if prepared is None:
        return
    payload, subject, recipient = prepared
    try:
        connection.open()
        answer = connection.transmit(settings.sender[1], recipient, payload)
    except smtplib.SMTPRecipientsRefused as exc:
        record.refused(*next(iter(exc.recipients.values())))
    except (smtplib.SMTPSenderRefused, smtplib.SMTPAuthenticationError) as exc:  # nothing can go out: stop
        record.retry(_error(exc))
        raise _Stop(_error(exc)) from None
    except smtplib.SMTPResponseException as exc:  # the data refused, or an answer to MAIL/RCPT out of line
        if connection.smtp is None:  # while connecting (e.g. 421 at the greeting): the server is not taking mail
            record.retry(_error(exc))
            raise _Stop(_error(exc)) from None
        record.refused(exc.smtp_code, exc.smtp_error)
    except (smtplib.SMTPException, OSError) as exc:  # no server, no STARTTLS, the connection dropped, a timeout
        connection.smtp = None
        record.retry(_error(exc))
        raise _Stop(_error(exc)) from None
    else:
        record.sent(subject, answer)


def send_pass(store, settings: MailSettings, now: datetime | None = None, limit: int | None = None,
              stop: threading.Event | None = None) -> PassResult:
    """Queue the reminders that are due, then send what is due, until nothing is, `limit` messages were tried,
    the server cannot take more, or `stop` is set."""
    settings.require_ready()
    now = now or datetime.now(UTC)
    result = PassResult()
    store.recover_stale(now, LEASE)
    result.reminders = store.queue_due_reminders(now, settings.reminder_days, settings.scorecard_limit)
    connection, claimed, tried = Connection(settings.server), [], 0
    try:
        while (limit is None or tried < limit) and not (stop and stop.is_set()):
            if not claimed:
                claimed = store.claim_messages(now, BATCH if limit is None else min(BATCH, limit - tried))
                if not claimed:
                    break
            tried += 1
            _deliver(store, settings, connection, claimed.pop(0), now, result)
    except _Stop as exc:
        result.stopped = str(exc)
    finally:
        store.release([message.id for message in claimed])
        connection.close()
    return result


def run_worker(store, settings: MailSettings, stop: threading.Event, report: Callable[[str], None]) -> None:
    """Send passes every `settings.interval` seconds until `stop` is set (by SIGTERM in `assessment mail
    worker`); a message being handed over when it is set is finished first."""
    settings.require_ready()
    while not stop.is_set():
        try:
            result = send_pass(store, settings, stop=stop)
        except Exception as exc:  # a database hiccup must not end the worker; it is reported and tried again
            report(f"pass failed: {type(exc).__name__}: {exc}")
        else:
            if result.sent or result.failed or result.retry or result.reminders or result.stopped:
                report(str(result))
        stop.wait(settings.interval)
