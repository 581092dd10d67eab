"""Every text a person reads exists in English, German and Russian, with the same placeholders."""

from __future__ import annotations

import ast
import re
import string
import threading
import time
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


ACTION = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
RECORDING = {"audit", "record_read", "_read", "_open_session"}  # the calls that write an audit event


def recorded_actions() -> set[str]:
    """Every action id the code writes to the audit log: the first dotted string of each recording call, and
    the `reason` a page gives for a read."""
    found = set()
    for path in (ROOT / "assessment").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            values = [*node.args] if name in RECORDING else []
            values += [k.value for k in node.keywords if k.arg == "reason"]
            for value in values:
                for constant in ast.walk(value):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str) \
                            and ACTION.match(constant.value):
                        found.add(constant.value)
    return found | {"session.end.idle", "session.end.sign_out",  # f"session.end.{reason}"
                    "mail.sent", "mail.failed", "mail.cancelled"}  # f"mail.{state}"


def test_every_audited_action_reads_as_words_on_the_audit_page():
    actions = recorded_actions()
    assert {"access.denied", "interview.submit", "round.export", "round.read_types"} <= actions
    assert sorted(a for a in actions if f"audit.action.{a}" not in i18n.strings()) == []


def test_sessions_starting_together_read_the_texts_once(monkeypatch):
    """On a fresh server, the sessions that start at once wait for one reading of the locale files."""
    reads = []

    def slow_read():
        reads.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive while the first one reads
        return {"common.ok": {"en": "OK"}}

    monkeypatch.setattr(i18n, "_read_strings", slow_read)
    monkeypatch.setattr(i18n, "_STRINGS", None)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(i18n.strings())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reads) == 1 and len(seen) == 8 and all(texts is seen[0] for texts in seen)
