"""Every text a person reads exists in English, German and Russian, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from assessment import i18n

ROOT = Path(__file__).resolve().parents[2]
KEY_USE = re.compile(r"""\btr\(\s*["']([a-z_]+\.[a-z_0-9.]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.strings()))
def test_key_is_complete_in_every_language(key):
    texts = i18n.strings()[key]
    assert set(texts) == set(i18n.LANGUAGES), key
    assert all(isinstance(text, str) and text.strip() for text in texts.values()), key
    assert placeholders(texts["de"]) == placeholders(texts["en"]) == placeholders(texts["ru"]), key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in [ROOT / "app.py", *(ROOT / "assessment").rglob("*.py")]:
        used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    missing = sorted(key for key in used if key not in i18n.strings())
    assert not missing


def test_fallbacks():
    assert i18n.language("fr") == "en" and i18n.language("DE") == "de" and i18n.language(None) == "en"
    assert i18n.t("nav.rounds", "ru") == "Раунды"
    with pytest.raises(KeyError):
        i18n.t("no.such.key")


# That every code raised has its words in every language: tests/unit/test_errors.py, which reads the code with ast.


def test_error_text_translates_and_fills_in_the_details():
    from assessment.errors import InvalidValue, NotFound

    problem = InvalidValue("'x@' is not an e-mail address", code="email_invalid", email="x@")
    assert i18n.error_text(problem, "de") == "„x@“ ist keine E-Mail-Adresse."
    assert i18n.error_text(problem, "ru") == "«x@» — это не адрес электронной почты."
    assert i18n.error_text(problem, "de", {"email": "y@"}) == "„y@“ ist keine E-Mail-Adresse."
    assert i18n.error_text(NotFound("unknown round 9"), "ru") == "unknown round 9", "no code: its own words"
