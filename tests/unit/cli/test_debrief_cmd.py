"""`assessment consensus` and `assessment decision`: recorded and audited under the operator's name; every
mistake one line on stderr, exit 1, nothing changed."""

from __future__ import annotations

import json

import pytest

from assessment.cli import main
from assessment.store import Store


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")

    def run(*argv):
        return main([str(a) for a in argv])

    return run


@pytest.fixture
def interviewed(cli):
    """A round with one candidate interviewed twice; returns (store, round id, candidate id, other round's)."""
    store = Store.open()
    round_, other = store.create_round("R", "sample_role"), store.create_round("Other", "sample_role")
    candidate = store.add_candidate(round_.id, "Ann")
    stranger = store.add_candidate(other.id, "Zoe")
    for name, listening in (("Kim", 4), ("Lee", 5)):
        interview = store.start_interview(candidate.id, name)
        version = interview.version
        for competency, value in (("listening", listening), ("planning", 3), ("saying_no", 2)):
            version = store.save_rating(interview.id, version, competency, value)
        store.submit_interview(interview.id, store.set_recommendation(interview.id, version, "yes"))
    return store, round_.id, candidate.id, stranger.id


def test_consensus_and_decision_are_recorded_shown_and_exported(cli, capsys, interviewed, tmp_path):
    store, round_id, ann, _ = interviewed
    assert cli("consensus", round_id, ann, "listening", 4) == 0
    assert capsys.readouterr().out.strip() == f"{ann}\tlistening\t4"
    assert cli("consensus", round_id, ann, "saying_no", 4, "--note", "Reference call.") == 0
    assert cli("decision", round_id, ann, "--verdict", "hire", "--reason", "Best listener.") == 0
    assert capsys.readouterr().out.strip().endswith(f"{ann}\thire")
    assert cli("decision", round_id, ann) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown == ["consensus\tlistening\t4\t", "consensus\tsaying_no\t4\tReference call.",
                     "decision\thire\tcli:" + shown[-1].split("\tcli:")[1]]
    assert shown[-1].endswith("\tBest listener.")
    events = [e for e in store.audit_events() if e.action in ("consensus.record", "decision.record")]
    assert len(events) == 3 and all(e.actor.startswith("cli:") for e in events)
    assert cli("export", round_id, "--format", "json") == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["decisions"][0]["verdict"] == "hire"
    assert {(c["competency"], c["value"]) for c in exported["consensus"]} == {("listening", 4), ("saying_no", 4)}
    row = exported["candidates"][0]
    assert (row["decision"], row["consensus:saying_no"], row["basis"]) == ("hire", 4, "mixed")


@pytest.mark.parametrize("argv, message", [
    (("decision", "{r}", "{a}", "--verdict", "maybe", "--reason", "x"), "unknown decision 'maybe'"),
    (("decision", "{r}", "{a}", "--verdict", "hire"), "give the reasons for the decision"),
    (("decision", "{r}", "{a}", "--verdict", "hire", "--reason", "   "), "give the reasons for the decision"),
    (("decision", "{r}", "{z}", "--verdict", "hire", "--reason", "x"), "is not in round"),
    (("decision", "{r}", "{z}"), "is not in round"),
    (("consensus", "{r}", "{a}", "listening", "7"), "a rating is a whole number from 1 to 5"),
    (("consensus", "{r}", "{a}", "listening", "high"), "'high' is not a whole number"),
    (("consensus", "{r}", "{a}", "saying_no", "5"), "say why in a note"),
    (("consensus", "{r}", "{a}", "nonsense", "3"), "unknown competency"),
    (("consensus", "{r}", "{z}", "listening", "3", "--note", "x"), "is not in round"),
])
def test_mistakes_are_one_line_and_change_nothing(cli, capsys, interviewed, argv, message):
    store, round_id, ann, zoe = interviewed
    before = len(store.audit_events())
    capsys.readouterr()
    assert cli(*(a.format(r=round_id, a=ann, z=zoe) for a in argv)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert store.consensus_of(ann) == {} and store.decision_of(ann) is None
    assert len(store.audit_events()) == before
