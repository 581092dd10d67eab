"""`assessment round plan`, `stage add|list` and `assign`: the plan and stages from the command line; bad input
is one line on stderr, exit 1, nothing changed."""

from __future__ import annotations

import json

import pytest

from assessment.cli import main
from assessment.store import Store


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'plan.sqlite'}")
    return lambda *argv: main([str(a) for a in argv])


@pytest.fixture
def round_id(cli):
    store = Store.open()
    round_ = store.create_round("Planned", "sample_role")
    for name in ("ivan", "kate", "lena"):
        store.add_staff(f"{name}@example.com", name.title(), "interviewer")
    store.add_staff("carl@example.com", "Carl", "committee")
    return round_.id


def test_plan_stages_and_assignments(cli, round_id, capsys, tmp_path):
    assert cli("round", "plan", round_id, "--competency", "listening", "--competency", "planning",
               "--weight", "planning=2", "--target", "listening=5", "--rationale", "Listening first") == 0
    out = capsys.readouterr().out
    assert "round 1: 2 competencies" in out and "planning\tweight 2\ttarget 3" in out
    assert "listening\tweight 1\ttarget 5" in out and "rationale: Listening first" in out
    assert "one interview: 2 competencies, about" in out
    assert cli("stage", "add", round_id, "Client", "--competency", "listening", "--interviewer",
               "ivan@example.com") == 0
    assert cli("stage", "add", round_id, "Delivery", "--competency", "planning", "--interviewer",
               "kate@example.com") == 0
    assert cli("assign", round_id, "Client", "lena@example.com") == 0
    capsys.readouterr()
    assert cli("stage", "list", round_id) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[1:] == ["Client", "listening", "ivan@example.com, lena@example.com"]
    assert lines[1].split("\t")[1:] == ["Delivery", "planning", "kate@example.com"]
    assert lines[2] == "rated by fewer than two interviewers: planning (1)"
    out_file = tmp_path / "round.json"
    assert cli("export", round_id, "--format", "json", "--out", out_file) == 0
    plan = json.loads(out_file.read_text(encoding="utf-8-sig"))["plan"]
    assert plan["weights"] == {"planning": 2.0} and plan["targets"] == {"listening": 5}
    assert [s["name"] for s in plan["stages"]] == ["Client", "Delivery"]
    actions = [e.action for e in Store.open().audit_events()]
    assert actions.count("round.plan") == 1 and actions.count("stage.add") == 2 and "stage.assign" in actions


@pytest.mark.parametrize("argv, message", [
    (["round", "plan", "{r}", "--weight", "listening=2"], "name the plan's competencies"),
    (["round", "plan", "{r}", "--competency", "nonsense"], "unknown competency 'nonsense'"),
    (["round", "plan", "{r}", "--competency", "listening", "--weight", "listening=0"], "a weight is a number"),
    (["round", "plan", "{r}", "--competency", "listening", "--weight", "listening=-1"], "a weight is a number"),
    (["round", "plan", "{r}", "--competency", "listening", "--weight", "listening"], "write --weight as ID=VALUE"),
    (["round", "plan", "{r}", "--competency", "listening", "--target", "listening=6"], "a target is a whole level"),
    (["round", "plan", "{r}", "--competency", "listening", "--target", "listening=-1"], "a target is a whole level"),
    (["stage", "add", "{r}", "Late", "--competency", "listening"], "assign at least one interviewer"),
    (["stage", "add", "{r}", "Late", "--competency", "listening", "--interviewer", "ivan@example.com"],
     "is assigned to a stage of this round already"),
    (["stage", "add", "{r}", "Late", "--competency", "listening", "--interviewer", "carl@example.com"],
     "may not interview"),
    (["stage", "add", "{r}", "Late", "--interviewer", "kate@example.com"], "at least one focus competency"),
    (["assign", "{r}", "Client", "ivan@example.com"], "is assigned to a stage of this round already"),
    (["assign", "{r}", "Nowhere", "kate@example.com"], "has no stage 'Nowhere'"),
])
def test_bad_input_is_one_line_and_changes_nothing(cli, round_id, capsys, argv, message):
    assert cli("round", "plan", round_id, "--competency", "listening", "--competency", "planning") == 0
    assert cli("stage", "add", round_id, "Client", "--competency", "listening", "--interviewer",
               "ivan@example.com") == 0
    before = [(e.action, e.detail) for e in Store.open().audit_events() if e.action != "audit.read"]
    capsys.readouterr()
    assert cli(*[a.format(r=round_id) for a in argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    after = [(e.action, e.detail) for e in Store.open().audit_events() if e.action != "audit.read"]
    assert after == before


def test_changing_a_plan_after_answers_needs_yes(cli, round_id, capsys):
    store = Store.open()
    candidate = store.add_candidate(round_id, "Ann")
    assert cli("round", "plan", round_id, "--competency", "listening", "--competency", "planning") == 0
    store.save_answer(candidate.id, "listening.s1", 4)
    assert cli("round", "plan", round_id, "--competency", "listening") == 1
    assert "confirm the change of plan" in capsys.readouterr().err
    assert store.plan_of(round_id).competencies == ["listening", "planning"]
    assert cli("round", "plan", round_id, "--competency", "listening", "--yes") == 0
    assert store.plan_of(round_id).competencies == ["listening"]
