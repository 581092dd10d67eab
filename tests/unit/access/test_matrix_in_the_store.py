"""The authorisation table through the store, on SQLite and PostgreSQL: every role × action, on a round the
person belongs to, on one they do not, and on a candidate they are assigned to. A refusal changes nothing but
the audit log, which names who tried."""

from __future__ import annotations

import pytest

from assessment.access import ACTIONS, ROLES
from assessment.errors import Forbidden
from tests.unit.access.test_roles import EXPECTED

PLACES = ("other round", "own round", "assigned candidate")  # the standings none, member, assigned


@pytest.fixture
def world(store):
    own, other = store.create_round("Own", "sample_role"), store.create_round("Other", "sample_role")
    candidate = store.add_candidate(own.id, "Ann").id
    accounts = {role: store.add_staff(f"{role}@example.com", role.title(), role) for role in ROLES}
    for account in accounts.values():
        store.add_member(own.id, account.id)
        store.assign(candidate, account.id)
    return store, accounts, {"other round": (other.id, None), "own round": (own.id, None),
                             "assigned candidate": (own.id, candidate)}


def test_every_cell_of_the_table_holds_in_the_store(world):
    store, accounts, places = world
    for action in ACTIONS:
        for role in ROLES:
            for index, place in enumerate(PLACES):
                round_id, candidate_id = places[place]
                expected = EXPECTED[action][role][index]
                try:
                    store.require(accounts[role], action, round_id, candidate_id)
                    allowed = True
                except Forbidden:
                    allowed = False
                assert allowed is expected, (action, role, place)


def test_a_refusal_is_recorded_with_the_person_who_tried(world):
    store, accounts, places = world
    with pytest.raises(Forbidden) as caught:
        store.require(accounts["committee"], "interview.rate", *places["assigned candidate"])
    assert caught.value.code == "not_allowed"
    denied = [e for e in store.audit_events() if e.action == "access.denied"]
    assert [(e.actor, e.detail["permission"]) for e in denied] == [("committee@example.com", "interview.rate")]
