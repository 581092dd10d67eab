"""`assessment kit` and `assessment report`: PDF files written under safe names, each an audited read by the
operator; `assessment round feedback` switches the candidates' feedback report; mistakes are one line."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.cli import main
from assessment.cli.staff_cmd import operator
from assessment.documents.words import tx
from assessment.store import Store
from tests.conftest import demo_copy

ROUND = 1


@pytest.fixture
def demo_cli(tmp_path, monkeypatch, demo_database):
    store = demo_copy(demo_database, tmp_path)
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", str(store.engine.url))
    monkeypatch.chdir(tmp_path)

    def run(*argv):
        return main([str(a) for a in argv])

    yield run, store
    store.engine.dispose()


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def reads(store: Store) -> list[tuple[str, str, str, dict]]:
    return [(e.actor, e.action, e.subject, e.detail) for e in store.audit_events(ROUND)
            if e.action in ("candidate.document", "round.document")]


def test_kit_in_german_to_a_named_file(demo_cli, tmp_path, capsys):
    run, store = demo_cli
    candidate = store.list_candidates(ROUND)[1]
    out = tmp_path / "kit.pdf"
    assert run("kit", ROUND, "--candidate", candidate.id, "--lang", "de", "--interviewer", "Mark Ellis",
               "--out", out) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = text_of(out)
    assert tx("kit.title", "de") in text and candidate.name in text and "Mark Ellis" in text
    assert reads(store) == [(operator(), "candidate.document", f"candidate:{candidate.id}", {"document": "kit"})]


def test_reports_go_to_safe_names_in_the_current_folder(demo_cli, tmp_path, capsys):
    run, store = demo_cli
    candidate = store.list_candidates(ROUND)[1]  # Ольга Смирнова
    assert run("report", "candidate", ROUND, "--candidate", candidate.id, "--lang", "ru", "--paper", "letter") == 0
    written = tmp_path / capsys.readouterr().out.strip()
    assert written.name == "candidate-key-account-manager-q4-2026-olga-smirnova.pdf"
    assert tx("report.title", "ru") in text_of(written)
    assert run("report", "round", ROUND) == 0
    written = tmp_path / capsys.readouterr().out.strip()
    assert written.name == "round-key-account-manager-q4-2026.pdf" and candidate.name in text_of(written)
    assert [action for _, action, _, _ in reads(store)] == ["candidate.document", "round.document"]


def test_feedback_only_once_the_round_gives_it(demo_cli, tmp_path, capsys):
    run, store = demo_cli
    candidate = next(s.candidate for s in store.statuses(ROUND) if s.candidate.submitted_at is not None)
    assert run("report", "feedback", ROUND, "--candidate", candidate.id) == 1
    assert capsys.readouterr().err.strip() == "error: this round gives no feedback report to its candidates"
    assert run("round", "feedback", ROUND, "on") == 0
    assert "candidate feedback on" in capsys.readouterr().out
    assert store.get_round(ROUND).candidate_feedback is True
    assert run("report", "feedback", ROUND, "--candidate", candidate.id, "--out", tmp_path / "mine.pdf") == 0
    assert tx("feedback.title", candidate.language) in text_of(tmp_path / "mine.pdf")  # their language
    assert run("round", "feedback", ROUND, "off") == 0
    assert store.get_round(ROUND).candidate_feedback is False
    changes = [e.detail for e in store.audit_events(ROUND) if e.action == "round.candidate_feedback"]
    assert changes == [{"allowed": True}, {"allowed": False}]


@pytest.mark.parametrize(("argv", "message"), [
    (("kit", ROUND, "--candidate", 999), "error: no candidate 999 in this round"),
    (("kit", 99, "--candidate", 1), "error: unknown round 99"),
    (("report", "candidate", ROUND, "--candidate", 1, "--out", "/no/such/folder/x.pdf"),
     "error: cannot write /no/such/folder/x.pdf: No such file or directory"),
    (("kit", ROUND, "--candidate", 1, "--paper", "a3"), None),
])
def test_mistakes_are_one_line_and_nothing_is_recorded(demo_cli, capsys, argv, message):
    run, store = demo_cli
    assert run(*argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: ")
    if message:
        assert err == message
    assert reads(store) == []
