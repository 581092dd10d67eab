"""Reconciling what a page shows with what is stored: every row of the decision table, and the properties
that keep data safe whatever the three inputs are."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment import saving
from assessment.saving import UNKNOWN, reconcile


@pytest.mark.parametrize(("shown", "stored", "seen", "save", "adopt", "refuse"), [
    (4, 4, 3, {}, set(), set()),               # equal: nothing to do
    (4, 3, 3, {"a": 4}, set(), set()),         # the person changed it here
    (4, None, None, {"a": 4}, set(), set()),   # the first answer
    (4, 3, UNKNOWN, {"a": 4}, set(), set()),   # new server session: the first click after a restart
    (4, None, UNKNOWN, {"a": 4}, set(), set()),
    (None, 3, UNKNOWN, {}, {"a"}, set()),      # an empty widget never erases a stored answer
    (3, 5, 3, {}, {"a"}, set()),               # changed elsewhere, untouched here: redraw
    (4, 5, 3, {}, set(), {"a"}),               # changed here and elsewhere: refused
    (None, 5, None, {}, {"a"}, set()),         # answered elsewhere while this tab showed nothing
])
def test_decision_table(shown, stored, seen, save, adopt, refuse):
    plan = reconcile({"a": shown}, {"a": stored}, {} if seen is UNKNOWN else {"a": seen})
    assert (plan.save, set(plan.adopt), set(plan.refuse)) == (save, adopt, refuse)


def test_a_cleared_rating_is_saved_when_nothing_changed_elsewhere():
    assert reconcile({"r": None}, {"r": 3}, {"r": 3}).save == {"r": None}


def test_seen_is_what_is_stored_once_the_saves_succeed():
    plan = reconcile({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "c": 4}, {"a": 1, "b": 2, "c": 4})
    assert plan.save == {"c": 3} and plan.adopt == {"b"}
    assert plan.seen == {"a": 1, "b": 5, "c": 3}


values = st.one_of(st.none(), st.integers(1, 5))
fields = st.dictionaries(st.sampled_from("abcdef"), values, max_size=6)


@given(shown=fields, stored=fields, seen=fields)
def test_every_shown_field_gets_at_most_one_decision_and_nothing_changed_elsewhere_is_overwritten(
        shown, stored, seen):
    plan = reconcile(shown, stored, seen)
    decided = [set(plan.save), set(plan.adopt), set(plan.refuse)]
    assert sum(len(d) for d in decided) == len(set().union(*decided))
    assert set().union(*decided) <= set(shown)
    for key in plan.save:
        # A save only ever replaces a value this session saw, or happens in a session that saw nothing.
        assert key not in seen or seen[key] == stored.get(key)
        assert not (key not in seen and shown[key] is None)
    for key in shown:
        if shown[key] == stored.get(key):
            assert key not in plan.save and key not in plan.redraw


def test_doctests():
    assert doctest.testmod(saving).failed == 0
