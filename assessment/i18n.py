"""Everything a person reads, in English, German and Russian.

Strings live in `assessment/locales/*.yaml`, one file per part of the product. Each key maps
to its text in every language, side by side, so a missing translation is easy to see:

    comparison.title: {en: Compare candidates, de: Kandidaten vergleichen, ru: Сравнение кандидатов}

Texts may hold `{placeholders}` filled by keyword arguments.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path

import yaml

LANGUAGES = ("en", "de", "ru")
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "ru": "Русский"}
SEPARATORS = {"en": ".,", "de": ",.", "ru": ", "}  # decimal mark, then thousands (plotly's `separators`)
LOCALES = Path(__file__).with_name("locales")


def strings() -> dict[str, dict[str, str]]:
    """Every key with its texts; a key defined in two files is a mistake.

    Read once per process. Sessions that start together wait for the one reading: when fifty-five people opened
    the app on a fresh server at once, each session read the files itself (0.5 s each, 25 s in all)."""
    global _STRINGS
    if _STRINGS is None:
        with _READING:
            if _STRINGS is None:
                _STRINGS = _read_strings()
    return _STRINGS


_STRINGS: dict[str, dict[str, str]] | None = None
_READING = threading.Lock()


def _read_strings() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.yaml")):
        for key, texts in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key in merged:
                raise ValueError(f"{path.name}: the key '{key}' is defined twice")
            merged[key] = texts
    return merged


def language(code: str | None) -> str:
    """A supported language code, English for anything else."""
    code = (code or "").strip().lower()[:2]
    return code if code in LANGUAGES else "en"


def t(key: str, lang: str = "en", **values) -> str:
    """The text for `key` in `lang` (English if missing), with placeholders filled."""
    texts = strings().get(key)
    if texts is None:
        raise KeyError(f"no text for '{key}'")
    text = texts.get(lang) or texts["en"]
    return text.format(**values) if values else text


def error_text(exc: Exception, lang: str = "en", params: dict | None = None) -> str:
    """The message of a user's mistake in `lang`: its `error.<code>` text when it has one, else its own.
    `params` replace the exception's own (a page passes them made inert for Markdown)."""
    code = getattr(exc, "code", None)
    if code and f"error.{code}" in strings():
        return t(f"error.{code}", lang, **(getattr(exc, "params", {}) if params is None else params))
    return str(exc)


def number(value: float | None, lang: str, digits: int = 1, signed: bool = False, missing: str = "") -> str:
    """A number as a reader of `lang` writes it (decimal comma in German and Russian); `missing` for None/NaN."""
    try:
        value = float(value)
    except (TypeError, ValueError):  # None, pandas' NA
        return missing
    if math.isnan(value):
        return missing
    text = f"{value:{'+' if signed else ''}.{digits}f}"
    return text.replace(".", SEPARATORS[language(lang)][0])
