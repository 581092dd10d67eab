"""The one boundary for text that people and files bring in, and for text the command prints.

Every name, e-mail, note or catalog id passes `clean_text` (or `catalog_id`) once, before it is
stored or used: control characters are removed (NUL breaks PostgreSQL, escape sequences repaint
terminals, bidirectional overrides disguise text), the text is NFC-normalised and its length
checked. What the command prints from the database passes `printable`, so that text stored
before this boundary existed cannot reach a terminal as a control sequence either.
"""

from __future__ import annotations

import re
import unicodedata

from assessment.errors import InvalidValue, NotFound

#: Unicode categories removed from every text: controls (C0, C1, DEL), surrogates, and format
#: characters such as U+202E (right-to-left override) and U+FEFF.
_REMOVED = {"Cc", "Cs", "Cf"}
_KEPT_FORMAT = {"\u200d", "\u200c"}  # zero-width (non-)joiners: needed by some scripts and emoji
_CATALOG_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def clean_text(value, *, limit: int, multiline: bool = False, what: str = "text") -> str:
    """`value` as text that is safe to store (see `normalise_text`); InvalidValue when it is longer than `limit`."""
    if value is not None and not isinstance(value, str):
        raise InvalidValue(f"the {what} must be text", code="text_not_text")
    text = normalise_text(value, multiline=multiline)
    if len(text) > limit:
        raise InvalidValue(f"the {what} is longer than {limit} characters", code="text_too_long", limit=limit)
    return text


def normalise_text(value: str | None, *, multiline: bool = False) -> str:
    """Controls removed, NFC, white space folded on one line (kept, with line ends as \\n, when `multiline`).
    A page compares what a field shows in this form with what is stored."""
    text = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(char for char in (text if multiline else text.replace("\n", " ")) if _allowed(char, multiline))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip() if multiline else " ".join(text.split())


def _allowed(char: str, multiline: bool) -> bool:
    if char in "\n\t":
        return multiline or char == "\t"
    return unicodedata.category(char) not in _REMOVED or char in _KEPT_FORMAT


def catalog_id(value: str) -> str:
    """A catalog id is a name (`client_manager`), never a path: NotFound for anything else."""
    if not isinstance(value, str) or not _CATALOG_ID.match(value):
        raise NotFound(f"unknown catalog {printable(repr(value))}: a catalog id is a lower-case name "
                       "such as client_manager", code="catalog_unknown", catalog=str(value))
    return value


def printable(text) -> str:
    """`text` for a terminal: every control or format character shown as an escape (\\x1b, \\u202e)."""
    return "".join(char if char == "\t" or unicodedata.category(char) not in _REMOVED
                   or char in _KEPT_FORMAT else char.encode("unicode_escape").decode("ascii")
                   for char in str(text))


def strip_controls(text: str) -> str:
    """`text` without control or format characters, line ends and tabs kept: for cells of an export."""
    return "".join(char for char in text if char in "\r\n\t" or _allowed(char, multiline=True))
