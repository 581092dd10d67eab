"""The service layer on both databases: every act checked against the authorisation table below the pages,
refusals changing nothing and naming who tried, reads and changes recorded under the signed-in person."""

from __future__ import annotations

import json

import pytest

from assessment.errors import Forbidden, InvalidValue
from assessment.workspace import Workspace

FULL = {"listening": 4, "planning": 3, "saying_no": 2}


@pytest.fixture
def team(store):
    """One round with two candidates; Ivan interviews Ann, Kate interviews Ann and Ben; Rita recruits for it,
    Carl sits on its committee; Otto recruits for another round; Ada administers."""
    own, other = store.create_round("Own", "sample_role"), store.create_round("Other", "sample_role")
    ann, ben = (c.id for c in store.add_candidates(own.id, [{"name": "Ann"}, {"name": "Ben"}]))
    people = {name: store.add_staff(f"{name.lower()}@example.com", name, role) for name, role in [
        ("Ivan", "interviewer"), ("Kate", "interviewer"), ("Rita", "recruiter"), ("Carl", "committee"),
        ("Otto", "recruiter"), ("Ada", "admin")]}
    store.assign(ann, people["Ivan"].id)
    store.assign(ann, people["Kate"].id)
    store.assign(ben, people["Kate"].id)
    for name in ("Rita", "Carl"):
        store.add_member(own.id, people[name].id)
    store.add_member(other.id, people["Otto"].id)
    desks = {name: Workspace(store, account) for name, account in people.items()}
    return store, desks, {"own": own.id, "other": other.id, "ann": ann, "ben": ben}


def interview(desk: Workspace, candidate: int, ratings: dict, submit: bool = True) -> int:
    opened = desk.open_interview(candidate)
    version = opened.version
    for competency, value in ratings.items():
        version = desk.save_rating(opened.id, version, competency, value)
    if submit:
        version = desk.set_recommendation(opened.id, version, "yes")
        desk.submit_interview(opened.id, version)
    return opened.id


def denied(store) -> list[tuple[str, str, str]]:
    return [(e.actor, e.detail.get("permission"), e.subject) for e in store.audit_events()
            if e.action == "access.denied"]


def test_an_interviewer_reaches_only_their_own_candidates_and_interview(team):
    store, desks, ids = team
    assert [c.name for c in desks["Ivan"].my_candidates(ids["own"])] == ["Ann"]
    with pytest.raises(Forbidden):
        desks["Ivan"].open_interview(ids["ben"])  # not assigned: a candidate id typed into the URL
    kate_draft = interview(desks["Kate"], ids["ann"], {"listening": 5}, submit=False)
    with pytest.raises(Forbidden):  # an interview id guessed: someone else's draft
        desks["Ivan"].save_rating(kate_draft, 2, "listening", 1)
    with pytest.raises(Forbidden):
        desks["Ivan"].own_ratings(kate_draft)
    assert store.ratings_of(kate_draft)["listening"].value == 5
    assert denied(store) == [("ivan@example.com", "interview.rate", f"candidate:{ids['ben']}"),
                             ("ivan@example.com", "interview.change_other", f"candidate:{ids['ann']}"),
                             ("ivan@example.com", "interview.change_other", f"candidate:{ids['ann']}")]


def test_an_admin_may_read_everything_but_rates_and_changes_no_ones_interview(team):
    store, desks, ids = team
    kate = interview(desks["Kate"], ids["ann"], {"listening": 5}, submit=False)
    with pytest.raises(Forbidden):
        desks["Ada"].save_rating(kate, 2, "listening", 1)
    with pytest.raises(Forbidden):
        desks["Ada"].open_interview(ids["ann"])
    assert desks["Ada"].results(ids["other"]).candidates.empty


def test_colleagues_ratings_stay_hidden_until_ones_own_are_submitted(team):
    store, desks, ids = team
    interview(desks["Kate"], ids["ann"], FULL)
    assert desks["Ivan"].colleagues(ids["ann"]) is None
    interview(desks["Ivan"], ids["ann"], {"listening": 2, "planning": 2, "saying_no": 2})
    assert sorted(i.interviewer for i, _ in desks["Ivan"].colleagues(ids["ann"])) == ["Ivan", "Kate"]
    # A recruiter who also interviews Ann sees the round's results without anyone's ratings of her until
    # submitting her own: charts, tables and exports are all made from these results.
    store.assign(ids["ann"], desks["Rita"].account.id)
    hidden = desks["Rita"].results(ids["own"])
    assert hidden.ratings.empty and hidden.interviews.empty and desks["Rita"].colleagues(ids["ann"]) is None
    assert desks["Rita"].hidden(ids["own"]) == {ids["ann"]}
    exported = json.loads(desks["Rita"].export(ids["own"], "json"))
    assert exported["ratings"] == [] and exported["interviews"] == []
    interview(desks["Rita"], ids["ann"], FULL)
    assert len(desks["Rita"].results(ids["own"]).interviews) == 3
    # The committee sees submitted interviews at once; drafts never.
    interview(desks["Kate"], ids["ben"], {"listening": 1}, submit=False)
    seen = desks["Carl"].results(ids["own"])
    assert set(seen.ratings["candidate"]) == {ids["ann"]} and len(seen.interviews) == 3


def test_interviewers_see_no_round_results_and_the_committee_changes_nothing(team):
    store, desks, ids = team
    with pytest.raises(Forbidden):
        desks["Ivan"].results(ids["own"])
    with pytest.raises(Forbidden):
        desks["Carl"].add_candidate(ids["own"], "Mallory", None, "en")
    with pytest.raises(Forbidden):
        desks["Carl"].open_interview(ids["ann"])
    with pytest.raises(Forbidden):
        desks["Carl"].invite(ids["ann"], 14)
    assert [c.name for c in store.list_candidates(ids["own"])] == ["Ann", "Ben"]
    assert not [e for e in store.audit_events() if e.action == "invitation.create"]


def test_a_recruiter_works_only_on_the_rounds_they_belong_to(team):
    store, desks, ids = team
    assert [r.name for r in desks["Otto"].rounds()] == ["Other"]
    for attempt in (lambda d: d.statuses(ids["own"]), lambda d: d.results(ids["own"]),
                    lambda d: d.export(ids["own"], "csv"), lambda d: d.add_member(ids["own"], 1),
                    lambda d: d.assign(ids["ann"], 1), lambda d: d.team(ids["own"])):
        with pytest.raises(Forbidden):
            attempt(desks["Otto"])
    created = desks["Otto"].create_round("Otto's round", "sample_role")
    desks["Otto"].add_candidate(created.id, "Dora", "dora@example.com", "de")
    assert [s.candidate.name for s in desks["Otto"].statuses(created.id)] == ["Dora"]
    with pytest.raises(Forbidden):
        desks["Rita"].statuses(created.id)
    with pytest.raises(Forbidden):
        desks["Otto"].audit_events()


def test_every_act_is_recorded_under_the_person(team):
    store, desks, ids = team
    rita = desks["Rita"]
    rita.add_candidate(ids["own"], "Dora", None, "en")
    rita.invite(ids["ann"], 7)
    rita.statuses(ids["own"])
    rita.export(ids["own"], "json")
    rita.export(ids["own"], "json")
    ada = Workspace(store, desks["Ada"].account, seen=set())  # a page's session: each read recorded once
    ada.results(ids["own"])
    ada.results(ids["own"])
    events = [(e.actor, e.action) for e in store.audit_events() if e.actor != "system"]
    assert events == [("rita@example.com", "candidate.add"), ("rita@example.com", "invitation.create"),
                      ("rita@example.com", "round.read_candidates"), ("rita@example.com", "round.export"),
                      ("rita@example.com", "round.export"), ("ada@example.com", "round.read_results")]


def test_audit_log_is_for_admins_and_reading_it_is_recorded(team):
    store, desks, ids = team
    for name in ("Rita", "Carl", "Ivan"):
        with pytest.raises(Forbidden):
            desks[name].audit_events()
    assert desks["Ada"].audit_events(ids["own"])
    assert [e.actor for e in store.audit_events() if e.action == "audit.read"] == ["ada@example.com"]


def test_only_who_may_edit_the_round_copies_out_corrects_or_erases_a_candidate(team):
    store, desks, ids = team
    for name in ("Carl", "Ivan", "Otto"):
        for attempt in (lambda d: d.subject_access(ids["ann"]), lambda d: d.erase_candidate(ids["ann"], "Ann"),
                        lambda d: d.update_candidate(ids["ann"], "Anne", None, "en"),
                        lambda d: d.set_round_state(ids["own"], "closed"), lambda d: d.delete_round(ids["own"])):
            with pytest.raises(Forbidden):
                attempt(desks[name])
    assert store.get_candidate(ids["ann"]).name == "Ann" and store.round_is_open(ids["own"])
    assert json.loads(desks["Rita"].subject_access(ids["ann"]))["candidate"]["name"] == "Ann"
    with pytest.raises(InvalidValue) as caught:
        desks["Rita"].erase_candidate(ids["ann"], "Anna")  # the wrong name: nothing erased
    assert caught.value.code == "erase_confirm" and store.get_candidate(ids["ann"])
    desks["Rita"].erase_candidate(ids["ann"], " Ann ")
    assert [c.name for c in store.list_candidates(ids["own"])] == ["Ben"]
    assert desks["Rita"].erased_in(ids["own"]) == 1


def test_the_overview_counts_each_round_the_person_runs(tmp_path):
    from assessment.store import Store
    from assessment.workspace import Workspace

    store = Store.open(f"sqlite:///{tmp_path / 'overview.db'}")
    recruiter = store.add_staff("rita@example.com", "Rita Recruiter", "recruiter", "a long enough password 1")
    committee = store.add_staff("cora@example.com", "Cora Committee", "committee", "a long enough password 2")
    desk = Workspace(store, recruiter)
    empty = desk.create_round("Empty round", "client_manager")
    busy = desk.create_round("Busy round", "client_manager")
    first = desk.add_candidate(busy.id, "Ann One", None, "en")
    desk.add_candidate(busy.id, "Ben Two", None, "de")
    desk.invite(first.id, 7)
    store.add_member(busy.id, committee.id)
    progress = dict((r.id, p) for r, p in desk.overview())
    assert progress[empty.id].next_step("open") == "add_candidates"
    assert (progress[busy.id].candidates, progress[busy.id].invited) == (2, 1)
    assert progress[busy.id].next_step("open") == "invite"
    assert Workspace(store, committee).overview() == []  # the committee runs no round


def test_a_remembering_workspace_reads_once_per_write_and_still_refuses_and_records(team):
    """One page run's workspace (`remember`): the same question asked again is not read again, a write through
    the store makes it read afresh (a run sees its own saves), and a refusal is still refused and recorded."""
    from sqlalchemy import event

    store, _, ids = team
    desk = Workspace(store, store.staff_by_email("kate@example.com"), remember=True)
    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    opened = desk.open_interview(ids["ann"])
    asked_once = len(statements)
    for _ in range(3):
        assert desk.open_interview(ids["ann"]).id == opened.id
        desk.own_ratings(opened.id)
        desk.require("interview.rate", ids["own"], ids["ann"])
    first_ratings = len(statements)
    assert desk.own_ratings(opened.id) == {}
    assert len(statements) == first_ratings, "asked again within the run, read again"
    assert asked_once > 0

    version = desk.save_rating(opened.id, opened.version, "listening", 4)
    assert desk.own_ratings(opened.id)["listening"].value == 4, "the run did not see its own save"
    assert desk.open_interview(ids["ann"]).version == version

    with pytest.raises(Forbidden):
        desk.require("round.edit", ids["own"])
    with pytest.raises(Forbidden):
        desk.require("round.edit", ids["own"])
    assert denied(store).count(("kate@example.com", "round.edit", f"round:{ids['own']}")) == 2
