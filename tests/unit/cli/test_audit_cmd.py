"""`assessment audit`: the log by round and date, with named actors, as CSV or JSON; reading it is logged."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assessment.cli import main
from assessment.store import Store


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'audit.sqlite'}")
    return lambda *argv: main([str(a) for a in argv])


def test_the_log_of_one_round_names_its_actors(cli, capsys):
    store = Store.open()
    kim = store.add_staff("kim@example.de", "Kim", "recruiter", actor="cli:root")
    first = store.create_round("First", "sample_role", actor=kim.email, staff_id=kim.id)
    other = store.create_round("Other", "sample_role", actor="cli:root")
    candidate = store.add_candidate(first.id, "Ann\x1b[2J", actor=kim.email)
    store.add_candidate(other.id, "Bob", actor="cli:root")
    interview = store.start_interview(candidate.id, "Kim", staff_id=kim.id)
    store.save_rating(interview.id, interview.version, "listening", 4, staff_id=kim.id)
    capsys.readouterr()
    assert cli("audit", "--round", first.id) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["actor"], r["action"], r["subject"]) for r in rows] == [
        ("kim@example.de", "round.create", f"round:{first.id}"),
        ("kim@example.de", "candidate.add", f"candidate:{candidate.id}"),
        ("kim@example.de", "interview.start", f"interview:{interview.id}")]
    assert cli("audit", "--since", "2000-01-01", "--format", "json") == 0
    events = json.loads(capsys.readouterr().out)
    assert {"staff.add", "round.create", "candidate.add", "interview.start", "audit.read"} <= {
        e["action"] for e in events}
    assert all("\x1b" not in e["actor"] for e in events)


def test_a_bad_date_is_one_line(cli, capsys):
    assert cli("audit", "--since", "yesterday") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "2026-12-01" in err
