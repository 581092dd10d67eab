"""The committee's debrief in the store and through the workspace, on SQLite and PostgreSQL: consensus ratings
and decisions recorded, replaced and audited with before/after; bad input refused with nothing changed."""

from __future__ import annotations

import pytest

from assessment.errors import Forbidden, InvalidValue, NotFound
from assessment.results.loader import load_round
from assessment.workspace import Workspace

from .test_workspace import interview, team  # noqa: F401  (the fixture)


def debrief_rows(store, action):
    return [(e.actor, e.subject, e.detail) for e in store.audit_events() if e.action == action]


@pytest.fixture
def interviewed(team):  # noqa: F811
    store, desks, ids = team
    interview(desks["Ivan"], ids["ann"], {"listening": 4, "planning": 3, "saying_no": 2})
    interview(desks["Kate"], ids["ann"], {"listening": 5, "planning": 3, "saying_no": 2})
    return store, desks, ids


def test_consensus_is_recorded_replaced_and_audited_with_before_and_after(interviewed):
    store, desks, ids = interviewed
    carl = desks["Carl"]
    carl.record_consensus(ids["own"], ids["ann"], "listening", 5)  # mean 4.5: within the gap, no note needed
    carl.record_consensus(ids["own"], ids["ann"], "listening", 3, "Both examples were about one client.")
    stored = store.consensus_of(ids["ann"])["listening"]
    assert (stored.value, stored.note, stored.recorded_by) == (3, "Both examples were about one client.",
                                                               "carl@example.com")
    events = debrief_rows(store, "consensus.record")
    assert events[0] == ("carl@example.com", f"candidate:{ids['ann']}",
                         {"competency": "listening", "before": None, "after": {"value": 5, "note": ""}})
    assert events[1][2]["before"] == {"value": 5, "note": ""}
    assert events[1][2]["after"] == {"value": 3, "note": "Both examples were about one client."}


def test_decision_is_recorded_replaced_and_audited(interviewed):
    store, desks, ids = interviewed
    desks["Rita"].record_decision(ids["own"], ids["ann"], "hold", "Wait for the second finalist.")
    desks["Carl"].record_decision(ids["own"], ids["ann"], "hire", "Strongest listener of the round.")
    decision = store.decision_of(ids["ann"])
    assert (decision.verdict, decision.reasons, decision.decided_by) == (
        "hire", "Strongest listener of the round.", "carl@example.com")
    before, after = (e[2] for e in debrief_rows(store, "decision.record"))
    assert before == {"before": None, "after": {"verdict": "hold", "reasons": "Wait for the second finalist."}}
    assert after["before"] == {"verdict": "hold", "reasons": "Wait for the second finalist."}


@pytest.mark.parametrize("call, code", [
    (lambda d, i: d.record_decision(i["own"], i["ann"], "maybe", "Because."), "verdict_unknown"),
    (lambda d, i: d.record_decision(i["own"], i["ann"], "hire", "  \n "), "decision_reasons"),
    (lambda d, i: d.record_consensus(i["own"], i["ann"], "listening", 6), "rating_range"),
    (lambda d, i: d.record_consensus(i["own"], i["ann"], "listening", 0), "rating_range"),
    (lambda d, i: d.record_consensus(i["own"], i["ann"], "listening", True), "rating_range"),
    (lambda d, i: d.record_consensus(i["own"], i["ann"], "listening", 2), "consensus_note"),
    (lambda d, i: d.record_consensus(i["own"], i["ben"], "listening", 3), "consensus_note_unrated"),
    (lambda d, i: d.record_consensus(i["own"], i["ann"], "unknown", 3), "competency_unknown"),
    (lambda d, i: d.record_decision(i["own"], 10_000, "hire", "Good."), "unknown_candidate"),
])
def test_bad_input_is_one_clear_message_and_changes_nothing(interviewed, call, code):
    store, desks, ids = interviewed
    before = len(store.audit_events())
    with pytest.raises((InvalidValue, NotFound)) as error:
        call(desks["Carl"], ids)
    assert error.value.code == code
    assert store.consensus_of(ids["ann"]) == {} and store.decision_of(ids["ann"]) is None
    assert len(store.audit_events()) == before


def test_a_decision_for_a_candidate_of_another_round_is_refused(interviewed):
    store, desks, ids = interviewed
    stranger = store.add_candidate(ids["other"], "Zoe")
    with pytest.raises(NotFound) as error:
        desks["Carl"].record_decision(ids["own"], stranger.id, "hire", "Good.")
    assert error.value.code == "candidate_not_in_round"
    with pytest.raises(NotFound):
        desks["Ada"].record_consensus(ids["own"], stranger.id, "listening", 3, "note")
    assert store.decision_of(stranger.id) is None and store.consensus_of(stranger.id) == {}
    with pytest.raises(Forbidden):  # Otto recruits for the other round, not this one
        desks["Otto"].record_decision(ids["own"], ids["ann"], "hire", "Good.")


def test_who_may_record_and_who_may_read(interviewed):
    store, desks, ids = interviewed
    with pytest.raises(Forbidden):
        desks["Ivan"].record_decision(ids["own"], ids["ann"], "hire", "I liked her.")
    desks["Ada"].record_consensus(ids["own"], ids["ann"], "planning", 3)
    desks["Carl"].record_decision(ids["own"], ids["ann"], "advance", "Through to the final.")
    consensus, decision = desks["Ivan"].debrief(ids["ann"])  # Ivan submitted his own interview of Ann
    assert consensus["planning"].value == 3 and decision.verdict == "advance"
    assert desks["Kate"].debrief(ids["ben"]) is None  # assigned to Ben, nothing submitted yet
    with pytest.raises(Forbidden):
        desks["Ivan"].debrief(ids["ben"])  # not assigned to Ben


def test_an_assigned_interviewer_reads_the_debrief_only_after_submitting(team):  # noqa: F811
    store, desks, ids = team
    interview(desks["Kate"], ids["ann"], {"listening": 4, "planning": 3, "saying_no": 2})
    desks["Carl"].record_decision(ids["own"], ids["ann"], "reject", "Too little evidence of planning.")
    interview(desks["Ivan"], ids["ann"], {"listening": 4}, submit=False)
    assert desks["Ivan"].debrief(ids["ann"]) is None
    assert load_round(store, ids["own"], desks["Ivan"].hidden(ids["own"])).decisions.empty


def test_results_use_the_consensus_for_the_fit_and_say_so(interviewed):
    store, desks, ids = interviewed
    results = load_round(store, ids["own"])
    assert results.fit.loc[ids["ann"], "basis"] == "interviewers"
    plain_fit = results.fit.loc[ids["ann"], "fit"]
    desks["Carl"].record_consensus(ids["own"], ids["ann"], "saying_no", 4, "The reference call settled it.")
    results = load_round(store, ids["own"])
    assert results.fit.loc[ids["ann"], "basis"] == "mixed"
    assert results.fit.loc[ids["ann"], "fit"] > plain_fit
    assert results.interview_means.loc[ids["ann"], "saying_no"] == 2  # the interviewers' view stays as rated
    for competency, value in (("listening", 5), ("planning", 3)):
        desks["Carl"].record_consensus(ids["own"], ids["ann"], competency, value)
    assert load_round(store, ids["own"]).fit.loc[ids["ann"], "basis"] == "consensus"


def test_erasing_a_candidate_erases_the_debrief_and_its_words_in_the_audit(interviewed):
    store, desks, ids = interviewed
    desks["Carl"].record_consensus(ids["own"], ids["ann"], "saying_no", 4, "Private remark.")
    desks["Carl"].record_decision(ids["own"], ids["ann"], "hire", "Private reasons.")
    Workspace(store, store.staff_by_email("ada@example.com")).erase_candidate(ids["ann"], "Ann")
    assert store.consensus_of(ids["ann"]) == {} and store.decision_of(ids["ann"]) is None
    texts = str([e.detail for e in store.audit_events() if e.action in ("consensus.record", "decision.record")])
    assert "Private" not in texts and "hire" in texts


def test_the_brief_waits_for_the_self_assessment_and_is_a_recorded_read(team):  # noqa: F811
    store, desks, ids = team
    answers = {"listening.s1": 5, "listening.s2": 5, "planning.s1": 3, "planning.s2": 3, "planning.s3": 3,
               "saying_no.s1": 1, "saying_no.s2": 5}
    for item, value in answers.items():
        store.save_answer(ids["ann"], item, value)
    assert desks["Ivan"].interview_brief(ids["ann"]) is None  # answered, not submitted
    store.submit_self_assessment(ids["ann"])
    brief = desks["Ivan"].interview_brief(ids["ann"], focus=["listening", "planning"])
    assert [(e.competency, e.reasons) for e in brief] == [("listening", ("contradiction",))]
    assert [e.actor for e in store.audit_events() if e.action == "candidate.read_brief"] == ["ivan@example.com"]
    with pytest.raises(Forbidden):
        desks["Ivan"].interview_brief(ids["ben"])  # not assigned to Ben
