"""A candidate's data from correction to erasure, on SQLite and PostgreSQL: a round's lifecycle, tidying
duplicates, subject access, erasure that leaves nothing behind, and retention."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import String, cast, inspect, select, text, update

from assessment.errors import InvalidValue, NotFound
from assessment.results.loader import load_round
from assessment.store import Round, Store
from assessment.store.rounds import hash_token
from tests.unit.test_store import ITEMS, _full_interview

NAME, EMAIL = "Zoë Quintana-Erased", "zoe.quintana@example.org"
FULL = {"listening": 4, "planning": 3, "saying_no": 2}


def answered(store: Store, round_id: int, name: str, email: str | None = None) -> tuple[int, str]:
    candidate = store.add_candidate(round_id, name, email, "de", actor="rita@example.com")
    token = store.invite(candidate.id, 14, actor="rita@example.com")
    store.give_consent(candidate.id)
    for n, key in enumerate(ITEMS):
        store.save_answer(candidate.id, key, 1 + n % 5)
    store.submit_self_assessment(candidate.id)
    return candidate.id, token


def every_value(store: Store) -> list[tuple[str, str, str]]:
    """Every column of every table, as text: (table, column, value)."""
    found = []
    with store.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            columns = [c["name"] for c in inspect(connection).get_columns(table)]
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                found += [(table, column, str(value)) for column, value in zip(columns, row, strict=True)
                          if value is not None]
    return found


def test_an_erased_candidate_leaves_nothing_behind_but_an_anonymous_record(store):
    round_ = store.create_round("Round", "sample_role")
    erased, token = answered(store, round_.id, NAME, EMAIL)
    kept, _ = answered(store, round_.id, "Kept Person")
    bob = store.add_staff("bob@example.com", "Bob", "interviewer")
    store.assign(erased, bob.id)  # an e-mail to Bob about the candidate
    store.invite(erased, 14, actor="rita@example.com", send=True)  # an e-mail to the candidate, with a link
    for candidate in (erased, kept):
        _full_interview(store, candidate, "Bob", FULL)
    store.update_candidate(erased, NAME, EMAIL, "ru", actor="rita@example.com")
    store.record_read(EMAIL, "round.export", f"round:{round_.id}", note=f"asked by {NAME}")  # an event naming them
    store.erase_candidate(erased, actor="ada@example.com")

    values = every_value(store)
    wanted = [NAME, EMAIL, hash_token(token), NAME.lower(), EMAIL.upper()]
    assert [v for v in values if any(w.lower() in v[2].lower() for w in wanted)] == []
    erasure = [e for e in store.audit_events() if e.action == "candidate.erase"]
    assert [(e.actor, e.subject, e.detail) for e in erasure] == [
        ("ada@example.com", f"candidate:{erased}", {"round": round_.id, "reason": "request"})]
    with pytest.raises(NotFound):
        store.erase_candidate(erased)  # already erased: said, nothing changes
    results = load_round(store, round_.id)  # the statistics stay computable from who remains
    assert list(results.candidates.index) == [kept] and set(results.ratings["candidate"]) == {kept}


def test_subject_access_holds_everything_stored_about_the_candidate(store):
    round_ = store.create_round("Round", "sample_role")
    candidate, _ = answered(store, round_.id, NAME, EMAIL)
    _full_interview(store, candidate, "Bob", FULL)
    data = store.subject_access(candidate)
    json.dumps(data)  # plain data
    assert data["candidate"]["name"] == NAME and data["candidate"]["email"] == EMAIL
    assert [a["item"] for a in data["self_assessment"]] == ITEMS
    assert all(a["statement"] for a in data["self_assessment"])
    assert [(r["competency"], r["rating"]) for r in data["interviews"][0]["ratings"]] == sorted(FULL.items())
    assert {"candidate.add", "invitation.create", "consent.give", "self_assessment.submit", "interview.submit"} \
        <= {e["action"] for e in data["audit"]}
    assert len(data["invitations"]) == 1 and "token" not in json.dumps(data["invitations"])


def test_a_closed_round_takes_no_answers_and_no_new_interviews_but_stays_readable(store):
    round_ = store.create_round("Round", "sample_role")
    candidate = store.add_candidate(round_.id, "Ann").id
    store.give_consent(candidate)
    store.save_answer(candidate, ITEMS[0], 3)
    draft = store.start_interview(candidate, "Bob")
    store.set_round_state(round_.id, "closed", actor="rita@example.com")
    with pytest.raises(InvalidValue) as caught:
        store.save_answer(candidate, ITEMS[1], 3)
    assert caught.value.code == "round_closed"
    with pytest.raises(InvalidValue) as caught:
        store.start_interview(candidate, "Eve")
    assert caught.value.code == "round_closed_interview"
    assert store.start_interview(candidate, "Bob").id == draft.id  # a draft begun before may be finished
    assert store.answers_of(candidate) == {ITEMS[0]: 3} and not store.round_is_open(round_.id)
    store.set_round_state(round_.id, "open", actor="rita@example.com")
    store.save_answer(candidate, ITEMS[1], 4)
    actions = [e.action for e in store.audit_events() if e.subject == f"round:{round_.id}"]
    assert actions[-2:] == ["round.close", "round.reopen"]


def test_a_round_closes_by_itself_on_its_closing_date(store):
    round_ = store.create_round("Round", "sample_role")
    candidate = store.add_candidate(round_.id, "Ann").id
    store.set_round_dates(round_.id, datetime.now(UTC) - timedelta(minutes=1), 30)
    with pytest.raises(InvalidValue):
        store.give_consent(candidate)
    with pytest.raises(InvalidValue) as caught:
        store.set_round_dates(round_.id, None, -1)
    assert caught.value.code == "retention_days" and store.get_round(round_.id).retention_days == 30


def test_a_round_is_renamed_and_deleted_only_while_nobody_has_answered(store):
    round_ = store.create_round("Test round", "sample_role")
    store.add_candidate(round_.id, "Ann")
    store.rename_round(round_.id, "Real round", actor="rita@example.com")
    assert store.get_round(round_.id).name == "Real round"
    busy = store.create_round("Busy", "sample_role")
    answered(store, busy.id, "Ben")
    with pytest.raises(InvalidValue) as caught:
        store.delete_round(busy.id)
    assert caught.value.code == "round_not_empty" and store.get_round(busy.id)
    store.delete_round(round_.id, actor="rita@example.com")
    with pytest.raises(NotFound):
        store.get_round(round_.id)


def test_duplicates_are_found_and_merged(store):
    round_ = store.create_round("Round", "sample_role")
    first, _ = answered(store, round_.id, "Anna  Schmidt", "anna@example.de")
    second = store.add_candidate(round_.id, "Anna S.", "ANNA@example.de").id
    found = store.duplicates(round_.id, [{"name": "anna schmidt"}, {"name": "X", "email": "Anna@Example.de"},
                                         {"name": "Someone New"}])
    assert [(d.row, d.existing.id, d.by) for d in found] == [(0, first, "name"), (1, first, "email")]
    _full_interview(store, second, "Bob", FULL)
    kept = store.merge_candidates(first, second, actor="rita@example.com")
    assert kept.id == first and [i.interviewer for i in store.interviews_of(first)] == ["Bob"]
    assert len(store.answers_of(first)) == len(ITEMS)
    with pytest.raises(NotFound):
        store.get_candidate(second)
    third, _ = answered(store, round_.id, "Anna Third")
    with pytest.raises(InvalidValue) as caught:
        store.merge_candidates(first, third)
    assert caught.value.code == "merge_both_answered" and store.get_candidate(third)


def test_a_correction_names_the_fields_changed_never_their_values(store):
    round_ = store.create_round("Round", "sample_role")
    candidate = store.add_candidate(round_.id, "Ivan Petrof", None, "en").id
    store.update_candidate(candidate, "Ivan Petrov", "ivan@example.ru", "ru", actor="rita@example.com")
    assert (store.get_candidate(candidate).name, store.get_candidate(candidate).language) == ("Ivan Petrov", "ru")
    event = [e for e in store.audit_events() if e.action == "candidate.correct"][0]
    assert event.detail == {"fields": ["email", "language", "name"]} and "Petrov" not in json.dumps(event.detail)
    with pytest.raises(InvalidValue):
        store.update_candidate(candidate, "", None, "en")


def test_retention_erases_once_and_a_dry_run_changes_nothing(store):
    old = store.create_round("Closed long ago", "sample_role")
    answered(store, old.id, "Old One")
    store.set_round_state(old.id, "closed")
    fresh = store.create_round("Closed today", "sample_role")
    answered(store, fresh.id, "New One")
    store.set_round_state(fresh.id, "closed")
    forgotten = store.create_round("Never closed", "sample_role")
    answered(store, forgotten.id, "Forgotten One")
    with store.transaction() as session:
        session.execute(update(Round).where(Round.id == old.id)
                        .values(closed_at=datetime.now(UTC) - timedelta(days=200)))
        session.execute(update(Round).where(Round.id == forgotten.id)
                        .values(created_at=datetime.now(UTC) - timedelta(days=800)))
    dry = store.run_retention(dry_run=True, default_days=180, max_age_days=730)
    assert [(r[0], r[3] != []) for r in dry.rounds] == [(old.id, True), (forgotten.id, True)] and dry.erased == 2
    assert len(store.list_candidates(old.id)) == 1
    done = store.run_retention(default_days=180, max_age_days=730)
    assert done.erased == 2 and store.list_candidates(old.id) == [] and store.list_candidates(forgotten.id) == []
    assert len(store.list_candidates(fresh.id)) == 1
    assert store.run_retention(default_days=180, max_age_days=730).erased == 0
    with pytest.raises(InvalidValue):
        store.run_retention(default_days=-1)
    assert {e.actor for e in store.audit_events() if e.action == "candidate.erase"} == {"retention"}
    with store.reading() as session:
        assert session.scalar(select(cast(Round.id, String)).where(Round.id == old.id)) == str(old.id)
