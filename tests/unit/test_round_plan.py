"""Round plans and interview stages on both databases: choosing competencies, weights and targets, stages with
focus competencies and interviewers, what an interviewer may rate, and every bad input refused unchanged."""

from __future__ import annotations

import pytest

from assessment.catalog import load_catalog
from assessment.catalog.planning import default_competencies, interview_minutes, planned
from assessment.errors import Forbidden, InvalidValue, NotFound
from assessment.results.loader import load_round
from assessment.workspace import Workspace


@pytest.fixture
def planned_round(store):
    """A sample_role round (listening, planning, saying_no) with two candidates and four interviewers."""
    round_ = store.create_round("Planned", "sample_role")
    ann, ben = (c.id for c in store.add_candidates(round_.id, [{"name": "Ann"}, {"name": "Ben"}]))
    people = {name: store.add_staff(f"{name.lower()}@example.com", name, role) for name, role in [
        ("Ivan", "interviewer"), ("Kate", "interviewer"), ("Lena", "interviewer"), ("Rita", "recruiter"),
        ("Carl", "committee")]}
    store.add_member(round_.id, people["Rita"].id)
    return store, round_.id, {"ann": ann, "ben": ben}, people


def audit_count(store, action: str) -> int:
    return sum(1 for e in store.audit_events() if e.action == action)


def test_a_plan_narrows_the_catalog_the_round_uses(planned_round):
    store, round_id, ids, people = planned_round
    assert store.plan_of(round_id) is None
    assert [c.id for c in store.catalog_of_round(round_id).competencies] == ["listening", "planning", "saying_no"]
    plan = store.set_plan(round_id, ["saying_no", "listening"], weights={"saying_no": 2}, targets={"listening": 5},
                          rationale="Saying no matters most here.", actor="hr")
    assert plan.competencies == ["listening", "saying_no"]  # catalog order
    catalog = store.catalog_of_round(round_id)
    assert [(c.id, c.weight, c.target) for c in catalog.competencies] == [("listening", 1.0, 5), ("saying_no", 2.0, 5)]
    assert [a.id for a in catalog.areas] and all(a.competencies for a in catalog.areas)
    assert len(catalog.self_items) == 2 + len(store.full_catalog_of_round(round_id).competency("saying_no").self_items)
    assert store.statuses(round_id)[0].items == len(catalog.self_items)
    event = [e for e in store.audit_events() if e.action == "round.plan"][-1]
    assert event.actor == "hr" and event.detail["competencies"] == ["listening", "saying_no"]


@pytest.mark.parametrize("competencies, weights, targets, code", [
    ([], {}, {}, "plan_empty"),
    (["listening", "nonsense"], {}, {}, "competency_unknown"),
    (["listening"], {"listening": 0}, {}, "plan_weight"),
    (["listening"], {"listening": -1}, {}, "plan_weight"),
    (["listening"], {"listening": "abc"}, {}, "plan_weight"),
    (["listening"], {}, {"listening": 6}, "plan_target"),
    (["listening"], {}, {"listening": -2}, "plan_target"),
    (["listening"], {}, {"listening": 2.5}, "plan_target"),
    (["listening"], {"planning": 2}, {}, "plan_value_outside"),
])
def test_bad_plans_are_refused_and_change_nothing(planned_round, competencies, weights, targets, code):
    store, round_id, ids, people = planned_round
    store.set_plan(round_id, ["listening", "planning"])
    with pytest.raises((InvalidValue, NotFound)) as caught:
        store.set_plan(round_id, competencies, weights, targets, actor="hr")
    assert caught.value.code == code
    assert store.plan_of(round_id).competencies == ["listening", "planning"]
    assert audit_count(store, "round.plan") == 1


def test_changing_a_plan_with_answers_needs_confirmation_and_is_refused_once_interviews_are_submitted(planned_round):
    store, round_id, ids, people = planned_round
    store.set_plan(round_id, ["listening", "planning"])
    assert store.plan_state(round_id) == "free"
    store.save_answer(ids["ann"], "listening.s1", 4)
    assert store.plan_state(round_id) == "confirm"
    with pytest.raises(InvalidValue) as caught:
        store.set_plan(round_id, ["listening"])
    assert caught.value.code == "plan_confirm"
    assert store.plan_of(round_id).competencies == ["listening", "planning"]
    store.set_plan(round_id, ["listening"], confirm=True, actor="hr")
    assert [e for e in store.audit_events() if e.action == "round.plan"][-1].detail["confirmed"] is True
    interview = store.start_interview(ids["ann"], "Ivan")
    version = store.save_rating(interview.id, interview.version, "listening", 4)
    version = store.set_recommendation(interview.id, version, "yes")
    store.submit_interview(interview.id, version)  # only the plan's one competency is asked for
    assert store.plan_state(round_id) == "locked"
    with pytest.raises(InvalidValue) as caught:
        store.set_plan(round_id, ["listening", "planning"], confirm=True)
    assert caught.value.code == "plan_locked"
    assert store.plan_of(round_id).competencies == ["listening"]


def test_stages_focus_interviewers_on_their_competencies(planned_round):
    store, round_id, ids, people = planned_round
    with pytest.raises(InvalidValue) as caught:
        store.add_stage(round_id, "Client focus", ["listening"], [people["Ivan"].id])
    assert caught.value.code == "stage_needs_plan"
    store.set_plan(round_id, ["listening", "planning", "saying_no"])
    client = store.add_stage(round_id, "Client focus", ["listening", "saying_no"], [people["Ivan"].id], actor="hr")
    store.add_stage(round_id, "Delivery", ["planning"], [people["Kate"].id, people["Lena"].id], actor="hr")
    store.assign_stage(client.id, [people["Rita"].id], actor="hr")  # a recruiter may interview too
    assert [(s.name, s.competencies, [p.name for p in s.interviewers]) for s in store.stages(round_id)] == [
        ("Client focus", ["listening", "saying_no"], ["Ivan", "Rita"]), ("Delivery", ["planning"], ["Kate", "Lena"])]
    assert store.coverage(round_id) == {"listening": ["Ivan", "Rita"], "planning": ["Kate", "Lena"],
                                        "saying_no": ["Ivan", "Rita"]}
    assert store.focus_of(people["Kate"].id, round_id) == ["planning"]
    assert store.focus_of(people["Carl"].id, round_id) == ["listening", "planning", "saying_no"]
    # A stage's interviewer interviews every candidate of the round, and rates only the stage's focus.
    kate = Workspace(store, people["Kate"])
    assert [c.name for c in kate.my_candidates(round_id)] == ["Ann", "Ben"]
    opened = kate.open_interview(ids["ben"])
    with pytest.raises(NotFound):
        kate.save_rating(opened.id, opened.version, "listening", 4)
    version = kate.save_rating(opened.id, opened.version, "planning", 2)
    version = kate.set_recommendation(opened.id, version, "no")
    kate.submit_interview(opened.id, version)  # submitted with one rating: the stage asks for one
    assert store.get_interview(opened.id).status == "submitted"
    assert {e.action for e in store.audit_events()} >= {"stage.add", "stage.assign", "round.plan"}


@pytest.mark.parametrize("case", ["no_interviewer", "twice_in_one", "in_two_stages", "no_competency", "outside_plan",
                                  "unknown_competency", "committee", "same_name", "empty_name"])
def test_bad_stages_are_refused_and_change_nothing(planned_round, case):
    store, round_id, ids, people = planned_round
    store.set_plan(round_id, ["listening", "planning"])
    store.add_stage(round_id, "Delivery", ["planning"], [people["Kate"].id])
    ivan, kate, carl = people["Ivan"].id, people["Kate"].id, people["Carl"].id
    name, competencies, staff = {
        "no_interviewer": ("Client", ["listening"], []),
        "twice_in_one": ("Client", ["listening"], [ivan, ivan]),
        "in_two_stages": ("Client", ["listening"], [ivan, kate]),
        "no_competency": ("Client", [], [ivan]),
        "outside_plan": ("Client", ["saying_no"], [ivan]),
        "unknown_competency": ("Client", ["nonsense"], [ivan]),
        "committee": ("Client", ["listening"], [carl]),
        "same_name": ("Delivery", ["listening"], [ivan]),
        "empty_name": ("  ", ["listening"], [ivan]),
    }[case]
    with pytest.raises((InvalidValue, NotFound)) as caught:
        store.add_stage(round_id, name, competencies, staff)
    assert caught.value.code in {"stage_no_interviewer", "interviewer_twice", "stage_no_competency",
                                 "plan_value_outside", "competency_unknown", "stage_not_interviewer",
                                 "stage_name_taken", "stage_name"}
    assert [s.name for s in store.stages(round_id)] == ["Delivery"]
    assert [p.name for p in store.stages(round_id)[0].interviewers] == ["Kate"]
    assert audit_count(store, "stage.add") == 1


def test_assigning_an_interviewer_twice_is_refused(planned_round):
    store, round_id, ids, people = planned_round
    store.set_plan(round_id, ["listening", "planning"])
    client = store.add_stage(round_id, "Client", ["listening"], [people["Ivan"].id])
    delivery = store.add_stage(round_id, "Delivery", ["planning"], [people["Kate"].id])
    for stage, who in ((client, "Ivan"), (delivery, "Ivan"), (client, "Kate")):
        with pytest.raises(InvalidValue) as caught:
            store.assign_stage(stage.id, [people[who].id])
        assert caught.value.code == "interviewer_twice"
    with pytest.raises(InvalidValue):
        store.assign_stage(delivery.id, [people["Lena"].id, people["Lena"].id])
    assert [[p.name for p in s.interviewers] for s in store.stages(round_id)] == [["Ivan"], ["Kate"]]


def test_narrowing_a_plan_prunes_stages_but_never_empties_one(planned_round):
    store, round_id, ids, people = planned_round
    store.set_plan(round_id, ["listening", "planning", "saying_no"])
    store.add_stage(round_id, "Client", ["listening", "saying_no"], [people["Ivan"].id])
    store.add_stage(round_id, "Delivery", ["planning"], [people["Kate"].id])
    with pytest.raises(InvalidValue) as caught:
        store.set_plan(round_id, ["listening", "saying_no"])
    assert caught.value.code == "stage_emptied"
    store.set_plan(round_id, ["listening", "planning"])
    assert [s.competencies for s in store.stages(round_id)] == [["listening"], ["planning"]]


def test_the_workspace_checks_who_may_plan(planned_round):
    store, round_id, ids, people = planned_round
    rita, carl, ivan = (Workspace(store, people[n]) for n in ("Rita", "Carl", "Ivan"))
    rita.set_plan(round_id, ["listening", "planning"], rationale="Two are enough.")
    with pytest.raises(Forbidden):
        carl.set_plan(round_id, ["listening"])
    with pytest.raises(Forbidden):
        ivan.add_stage(round_id, "Mine", ["listening"], [people["Ivan"].id])
    stage = rita.add_stage(round_id, "Client", ["listening"], [people["Ivan"].id, people["Kate"].id])
    assert rita.coverage(round_id) == {"listening": ["Ivan", "Kate"], "planning": []}
    assert Workspace(store, people["Ivan"]).my_focus(round_id) == ["listening"]
    rita.update_stage(round_id, stage.id, "Client focus", ["listening", "planning"], [people["Ivan"].id])
    assert [(s.name, s.competencies, [p.name for p in s.interviewers]) for s in rita.stages(round_id)] == [
        ("Client focus", ["listening", "planning"], ["Ivan"])]
    with pytest.raises(Forbidden):
        Workspace(store, people["Kate"]).open_interview(ids["ann"])  # no longer in a stage, never assigned
    rita.delete_stage(round_id, stage.id)
    assert rita.stages(round_id) == []
    assert {"stage.change", "stage.delete"} <= {e.action for e in store.audit_events()}


def test_results_and_export_carry_the_plan(planned_round):
    store, round_id, ids, people = planned_round
    store.set_plan(round_id, ["listening", "planning", "saying_no"], weights={"planning": 2},
                   rationale="=cmd|' /C calc'!A0")
    store.add_stage(round_id, "Client", ["listening"], [people["Ivan"].id, people["Kate"].id])
    results = load_round(store, round_id)
    assert results.plan.rationale.startswith("=cmd")
    assert results.not_assessed() == frozenset({"planning", "saying_no"})
    import json

    from assessment.exchange import exports
    data = json.loads(exports.export(results, "json"))
    assert data["plan"]["competencies"] == ["listening", "planning", "saying_no"]
    assert data["plan"]["weights"] == {"planning": 2.0}
    assert data["plan"]["stages"] == [{"name": "Client", "competencies": ["listening"],
                                       "interviewers": ["Ivan", "Kate"]}]
    assert data["plan"]["not_assessed"] == ["planning", "saying_no"]
    import io

    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(exports.export(results, "xlsx")))
    assert {"plan", "stages"} <= set(book.sheetnames)
    sheet = book["plan"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("rationale") + 1).value == "'=cmd|' /C calc'!A0"  # defused
    assert [sheet.cell(r, header.index("assessed") + 1).value for r in (2, 3, 4)] == [True, False, False]


def test_a_round_without_a_plan_exports_none(planned_round):
    import json

    from assessment.exchange import exports
    store, round_id, ids, people = planned_round
    assert json.loads(exports.export(load_round(store, round_id), "json"))["plan"] is None


def test_default_plans_and_length_of_the_shipped_catalogs(monkeypatch):
    monkeypatch.delenv("ASSESSMENT_CATALOG_DIR", raising=False)
    catalog = load_catalog("client_manager").catalog
    chosen = default_competencies(catalog)
    assert len(catalog.competencies) == 16 and len(chosen) == 7
    assert chosen == [c.id for c in catalog.competencies if c.id in chosen]  # catalog order
    # By hand: 5 + 5 minutes, 4 per question, 1 per probe.
    first = catalog.competencies[0]
    questions, probes = len(first.questions), sum(len(q.probes) for q in first.questions)
    assert interview_minutes(catalog, [first.id]) == 10 + 4 * questions + probes
    assert planned(catalog, None) is catalog


def test_a_small_catalog_is_planned_whole(sample_catalogs):
    catalog = load_catalog("sample_role").catalog
    assert default_competencies(catalog) == ["listening", "planning", "saying_no"]
