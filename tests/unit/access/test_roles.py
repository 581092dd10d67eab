"""The authorisation table, cell by cell: role × action × standing."""

from __future__ import annotations

import doctest

import pytest

from assessment.access import roles
from assessment.access.roles import ACTIONS, ROLES, Standing, allowed, sees_colleagues

Y, N = True, False
# action: {role: (none, member, assigned)}
EXPECTED = {
    "staff.manage":   {"admin": (Y, Y, Y), "recruiter": (N, N, N), "committee": (N, N, N), "interviewer": (N, N, N)},
    "audit.read":     {"admin": (Y, Y, Y), "recruiter": (N, N, N), "committee": (N, N, N), "interviewer": (N, N, N)},
    "round.create":   {"admin": (Y, Y, Y), "recruiter": (Y, Y, Y), "committee": (N, N, N), "interviewer": (N, N, N)},
    "round.view":     {"admin": (Y, Y, Y), "recruiter": (N, Y, Y), "committee": (N, Y, Y), "interviewer": (N, Y, Y)},
    "round.edit":     {"admin": (Y, Y, Y), "recruiter": (N, Y, Y), "committee": (N, N, N), "interviewer": (N, N, N)},
    "candidate.view": {"admin": (Y, Y, Y), "recruiter": (N, Y, Y), "committee": (N, Y, Y), "interviewer": (N, N, Y)},
    "interview.rate": {"admin": (N, N, N), "recruiter": (N, N, Y), "committee": (N, N, N), "interviewer": (N, N, Y)},
    "results.view":   {"admin": (Y, Y, Y), "recruiter": (N, Y, Y), "committee": (N, Y, Y), "interviewer": (N, N, N)},
    "debrief.record": {"admin": (Y, Y, Y), "recruiter": (N, Y, Y), "committee": (N, Y, Y), "interviewer": (N, N, N)},
    "interview.change_other":
                      {"admin": (N, N, N), "recruiter": (N, N, N), "committee": (N, N, N), "interviewer": (N, N, N)},
}
CELLS = [(action, role, standing, EXPECTED[action][role][index])
         for action in ACTIONS for role in ROLES for index, standing in enumerate(Standing)]


def test_the_table_covers_every_action_and_role():
    assert set(EXPECTED) == set(ACTIONS) and all(set(row) == set(ROLES) for row in EXPECTED.values())


@pytest.mark.parametrize(("action", "role", "standing", "expected"), CELLS)
def test_cell(action, role, standing, expected):
    assert allowed(role, action, standing) is expected


def test_unknown_action_or_role_is_a_bug_not_a_refusal():
    with pytest.raises(ValueError):
        allowed("admin", "round.delete_everything")
    with pytest.raises(ValueError):
        allowed("superuser", "round.view")


@pytest.mark.parametrize(("role", "standing", "submitted", "expected"), [
    ("interviewer", Standing.ASSIGNED, False, False),
    ("interviewer", Standing.ASSIGNED, True, True),
    ("recruiter", Standing.ASSIGNED, False, False),   # a recruiter who interviews waits like everyone
    ("recruiter", Standing.MEMBER, False, True),
    ("committee", Standing.MEMBER, False, True),
    ("committee", Standing.NONE, False, False),
    ("interviewer", Standing.MEMBER, False, False),
    ("admin", Standing.NONE, False, True),
])
def test_colleagues_ratings_stay_hidden_until_ones_own_are_submitted(role, standing, submitted, expected):
    assert sees_colleagues(role, standing, submitted) is expected


def test_doctests():
    assert doctest.testmod(roles).failed == 0
