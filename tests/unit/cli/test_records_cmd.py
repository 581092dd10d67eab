"""`assessment candidate list|export|erase`, `round close|reopen|archive` and `retention run`, as an operator
would use them from a shell or cron."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from assessment.cli import main
from assessment.store import Round, Store
from tests.unit.test_store import ITEMS


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'records.sqlite'}")
    monkeypatch.delenv("ASSESSMENT_RETENTION_DAYS", raising=False)
    return lambda *argv: main([str(a) for a in argv])


def answered(store: Store, round_id: int, name: str, language: str = "de") -> int:
    candidate = store.add_candidate(round_id, name, f"{name.split()[0].lower()}@example.org", language)
    store.invite(candidate.id)
    store.give_consent(candidate.id)
    for key in ITEMS:
        store.save_answer(candidate.id, key, 3)
    store.submit_self_assessment(candidate.id)
    return candidate.id


def test_a_candidate_gets_a_copy_of_their_data_and_is_erased(cli, capsys):
    store = Store.open()
    round_ = store.create_round("Round", "sample_role")
    candidate = answered(store, round_.id, "Lena Fischer")
    assert cli("candidate", "list", round_.id) == 0
    assert capsys.readouterr().out.split("\t")[:2] == [str(candidate), "submitted"]
    assert cli("candidate", "export", candidate) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["candidate"]["name"] == "Lena Fischer" and len(record["self_assessment"]) == len(ITEMS)
    assert record["summary"]["language"] == "de" and "Lena Fischer" in record["summary"]["text"]
    assert "Selbsteinschätzung" in record["summary"]["text"]
    assert cli("candidate", "erase", candidate, "--yes") == 0
    assert f"#{candidate}" in capsys.readouterr().out
    assert cli("candidate", "erase", candidate, "--yes") == 1  # already erased: one line, nothing changes
    assert capsys.readouterr().err.startswith("error: unknown candidate")
    actors = {(e.actor, e.action) for e in store.audit_events()}
    operator = f"cli:{getpass.getuser()}"
    assert {(operator, "candidate.export"), (operator, "candidate.erase")} <= actors


def test_erasing_asks_first(cli, capsys, monkeypatch):
    store = Store.open()
    candidate = store.add_candidate(store.create_round("Round", "sample_role").id, "Ann").id
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert cli("candidate", "erase", candidate) == 1
    assert store.get_candidate(candidate).name == "Ann"


def test_retention_runs_once_and_a_dry_run_changes_nothing(cli, capsys):
    store = Store.open()
    old = store.create_round("Spring hiring", "sample_role")
    answered(store, old.id, "Old Candidate")
    assert cli("round", "close", old.id) == 0
    with store.transaction() as session:
        session.execute(update(Round).where(Round.id == old.id)
                        .values(closed_at=datetime.now(UTC) - timedelta(days=181)))
    capsys.readouterr()
    assert cli("retention", "run", "--dry-run") == 0
    assert "would erase 1 candidate(s)" in capsys.readouterr().out
    assert len(store.list_candidates(old.id)) == 1
    assert cli("retention", "run") == 0
    assert "erased 1 candidate(s) in all" in capsys.readouterr().out
    assert cli("retention", "run") == 0
    assert capsys.readouterr().out.strip() == "nothing to erase"


def test_a_negative_retention_period_is_one_line(cli, capsys, monkeypatch):
    monkeypatch.setenv("ASSESSMENT_RETENTION_DAYS", "-5")
    assert cli("retention", "run") == 1
    assert capsys.readouterr().err.strip() == "error: $ASSESSMENT_RETENTION_DAYS must be a whole number of days, " \
                                               "0 or more, not '-5'"


def test_round_states_from_the_command(cli, capsys):
    store = Store.open()
    round_ = store.create_round("Round", "sample_role")
    for verb, state in (("close", "closed"), ("reopen", "open"), ("archive", "archived")):
        assert cli("round", verb, round_.id) == 0
        assert capsys.readouterr().out.split("\t")[1] == state
    assert cli("round", "close", 999) == 1


def test_candidate_list_as_json_names_everyone_and_records_the_read(cli, capsys):
    store = Store.open()
    round_ = store.create_round("Round", "sample_role")
    done = answered(store, round_.id, "Lena Fischer")
    other = store.add_candidate(round_.id, "Lena Fischer", None, "ru").id  # one name, two people
    assert cli("candidate", "list", round_.id, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["name"], c["email"], c["language"], c["status"]) for c in listed] == [
        (done, "Lena Fischer", "lena@example.org", "de", "submitted"), (other, "Lena Fischer", None, "ru", "added")]
    assert listed[0]["answered"] == listed[0]["items"] == len(ITEMS)
    reads = [e for e in store.audit_events() if e.action == "round.read_candidates"]
    assert [(e.actor, e.subject) for e in reads] == [(f"cli:{getpass.getuser()}", f"round:{round_.id}")]
    assert cli("candidate", "list", round_.id + 99) == 1  # an unknown round: one line, nothing recorded
    assert capsys.readouterr().err.startswith("error: unknown round")
    assert len([e for e in store.audit_events() if e.action == "round.read_candidates"]) == 1


def test_a_listing_whose_reader_stops_early_ends_without_a_traceback(tmp_path, sample_catalogs):
    """`assessment candidate list 1 | head -1`: the pipe closes while the command still writes."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'pipe.sqlite'}"
    store = Store.open(url)
    round_ = store.create_round("Round", "sample_role")
    store.add_candidates(round_.id, [{"name": f"Candidate {n:04d}"} for n in range(3000)])  # far more than a pipe holds
    store.engine.dispose()
    env = {**os.environ, "ASSESSMENT_DATABASE_URL": url, "ASSESSMENT_CATALOG_DIR": str(sample_catalogs)}
    listing = subprocess.Popen([sys.executable, "-m", "assessment", "candidate", "list", str(round_.id)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = listing.stdout.readline()
    listing.stdout.close()  # as `head -1` does
    errors = listing.stderr.read().decode()
    assert listing.wait(timeout=120) == 141 and first.startswith(b"1\t")
    assert errors == "", errors
