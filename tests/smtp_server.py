"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the mail tests, the e2e test and the mail benchmark.

It keeps every message it takes, refuses the recipients it is told to with the answer it is given, and can
hold the n-th message's data unanswered so that a test can stop the server in the middle of a batch.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.content, policy=policy.default)

    def part(self, subtype: str) -> str:
        return self.message.get_body(preferencelist=(subtype,)).get_content()


class Mailbox:
    """The aiosmtpd handler: what the server does with each command."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.refuse: dict[str, str] = {}  # recipient -> the server's answer to RCPT
        self.refuse_senders: dict[str, str] = {}  # sender -> the server's answer to MAIL
        self.hold_at: int | None = None  # hold the data of the message with this 0-based number
        self.holding = threading.Event()
        self._lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address in self.refuse_senders:
            return self.refuse_senders[address]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_at is not None and len(self.received) == self.hold_at:
            self.holding.set()
            await asyncio.sleep(3600)  # until the server is stopped under it
        with self._lock:
            self.received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content))
            return f"250 2.0.0 Ok: queued as Q{len(self.received)}"


class SmtpTestServer:
    """aiosmtpd on a free port of 127.0.0.1; `stop()` and `start()` again keep the port and the mailbox."""

    def __init__(self, **options) -> None:
        """`options` go to aiosmtpd's Controller: tls_context= (STARTTLS), ssl_context= (TLS from the start),
        authenticator=, require_starttls=."""
        self.options = options
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        """For ASSESSMENT_SMTP_URL: plain SMTP, as to a relay on the same machine."""
        return f"smtp://127.0.0.1:{self.port}?starttls=off&timeout=10"

    def start(self) -> SmtpTestServer:
        self.mailbox.hold_at = None
        self.mailbox.holding.clear()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **self.options)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        return list(self.mailbox.received)
