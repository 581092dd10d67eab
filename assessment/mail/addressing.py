"""Header-safe addressing. Names and subjects come from people: they may hold CR/LF (a header of their own),
text shaped like an RFC 2047 encoded word (`=?utf-8?b?...?=`, which a mail program would decode into
something else), quotes and angle brackets (a second address). Every such text is cleaned of control
characters, then always written as a base64 encoded word, which decodes to exactly that text and nothing more.
Addresses must parse as one plain addr-spec.
"""

from __future__ import annotations

from email.errors import HeaderParseError, InvalidHeaderDefect
from email.header import Header
from email.headerregistry import Address
from email.utils import parseaddr

from assessment.errors import InvalidValue
from assessment.inputs import normalise_text

#: Characters an addr-spec of ours never holds, though RFC 5322 allows some inside quotes.
_FORBIDDEN = set(" \t\r\n<>()[],;:\\\"") | {chr(code) for code in range(32)} | {"\x7f"}


def address(value: str) -> str:
    """`value` as one plain ASCII address (`local@domain`); InvalidValue otherwise."""
    value = str(value or "").strip()
    problem = not value or len(value) > 320 or any(c in _FORBIDDEN for c in value) or not value.isascii()
    if not problem:
        try:
            parsed = Address(addr_spec=value)
            problem = parsed.addr_spec != value or not parsed.domain or "." not in parsed.domain
        except (ValueError, IndexError, HeaderParseError, InvalidHeaderDefect):
            problem = True
    if problem:
        raise InvalidValue(f"'{normalise_text(value)}' cannot be used as an e-mail address", code="mail_address",
                           email=normalise_text(value))
    return value


def mailbox(value: str) -> tuple[str, str]:
    """`Name <address>` (or a bare address) split into a clean display name and a checked address."""
    name, addr = parseaddr(value)
    return header_text(name), address(addr)


def header_text(value: str) -> str:
    """One line of text, control characters removed."""
    return normalise_text(str(value or ""))


def encoded(value: str) -> Header:
    """A header value that decodes to `value` exactly: always an encoded word, never interpreted."""
    return Header(header_text(value), "utf-8")


def formatted(name: str, addr: str) -> str:
    """`=?utf-8?b?...?= <addr>`, or the bare address when there is no name."""
    name = header_text(name)
    return f"{encoded(name).encode()} <{address(addr)}>" if name else address(addr)
