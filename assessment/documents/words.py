"""The documents' words: translated texts, dates, numbers and safe file names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from assessment import i18n

# Russian letters in the common passport transliteration, so a file name stays readable in ASCII.
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"], strict=True))
_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
NAME_CHARS = 60


def tx(key: str, lang: str, **values) -> str:
    """The text `doc.<key>` in `lang`."""
    return i18n.t(f"doc.{key}", lang, **values)


def day(moment: date | datetime | None, lang: str) -> str:
    """A date as a reader of `lang` writes it: 2 December 2026, 2. Dezember 2026, 2 декабря 2026 г."""
    moment = moment or date.today()
    months = tx("months", lang).split(",")
    return tx("date", lang, day=moment.day, month=months[moment.month - 1].strip(), year=moment.year)


def number(value: float | None, lang: str, digits: int = 1, signed: bool = False) -> str:
    """A number in `lang` with a true minus sign; "–" when missing."""
    return i18n.number(value, lang, digits, signed=signed, missing="–").replace("-", "−")


def percent(value: float | None, lang: str) -> str:
    text = number(value, lang, 0)
    return text if text == "–" else i18n.t("charts.percent", lang, value=text)


def safe_filename(*parts: object, extension: str = "pdf") -> str:
    """A file name any system accepts, from `parts` (user text included): ASCII letters, digits and hyphens,
    German umlauts and Russian letters transliterated, at most 60 characters per part."""
    words = []
    for part in parts:
        text = "".join(_GERMAN.get(ch, _CYRILLIC.get(ch, ch)) for ch in str(part).lower())
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:NAME_CHARS].strip("-")
        if text:
            words.append(text)
    return ("-".join(words) or "document") + f".{extension}"


__all__ = ["day", "number", "percent", "safe_filename", "tx"]
