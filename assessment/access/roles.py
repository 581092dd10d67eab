"""Who may do what: the roles, the actions, and the one table that joins them.

A staff account has one role. Rounds have members; an interviewer is assigned to candidates. Whether an
action is allowed depends on the role and on how the person stands to the round or candidate at hand:

| action                 | admin | recruiter | committee | interviewer |
|------------------------|-------|-----------|-----------|-------------|
| staff.manage           | yes   | -         | -         | -           |
| audit.read             | yes   | -         | -         | -           |
| round.create           | yes   | yes       | -         | -           |
| round.view             | yes   | member    | member    | member      |
| round.edit             | yes   | member    | -         | -           |
| candidate.view         | yes   | member    | member    | assigned    |
| interview.rate         | -     | assigned  | -         | assigned    |
| results.view           | yes   | member    | member    | -           |
| debrief.record         | yes   | member    | member    | -           |
| interview.change_other | -     | -         | -         | -           |

"member" means a member of the candidate's round (its creator is one); "assigned" means assigned to
interview that candidate. Nobody changes another person's interview, an admin included. Colleagues'
ratings and notes are a separate rule (`sees_colleagues`), because they also depend on whether the person
has submitted their own interview. The debrief (consensus ratings and the decision) is recorded by the
committee and the round's recruiters; an assigned interviewer reads it under the same rule as colleagues'
ratings, after submitting their own interview.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    RECRUITER = "recruiter"
    COMMITTEE = "committee"
    INTERVIEWER = "interviewer"


class Standing(StrEnum):
    """How a person stands to the object of an action."""

    NONE = "none"          # not a member of its round
    MEMBER = "member"      # a member of the round
    ASSIGNED = "assigned"  # a member, assigned to interview this candidate


ROLES = tuple(Role)
ANY, MEMBER, ASSIGNED = "any", "member", "assigned"

#: action -> role -> the least standing needed ("any": allowed without membership; missing: never).
RULES: dict[str, dict[Role, str]] = {
    "staff.manage": {Role.ADMIN: ANY},
    "audit.read": {Role.ADMIN: ANY},
    "round.create": {Role.ADMIN: ANY, Role.RECRUITER: ANY},
    "round.view": {Role.ADMIN: ANY, Role.RECRUITER: MEMBER, Role.COMMITTEE: MEMBER, Role.INTERVIEWER: MEMBER},
    "round.edit": {Role.ADMIN: ANY, Role.RECRUITER: MEMBER},
    "candidate.view": {Role.ADMIN: ANY, Role.RECRUITER: MEMBER, Role.COMMITTEE: MEMBER,
                       Role.INTERVIEWER: ASSIGNED},
    "interview.rate": {Role.RECRUITER: ASSIGNED, Role.INTERVIEWER: ASSIGNED},
    "results.view": {Role.ADMIN: ANY, Role.RECRUITER: MEMBER, Role.COMMITTEE: MEMBER},
    "debrief.record": {Role.ADMIN: ANY, Role.RECRUITER: MEMBER, Role.COMMITTEE: MEMBER},
    "interview.change_other": {},
}
ACTIONS = tuple(RULES)
_ORDER = {Standing.NONE: 0, Standing.MEMBER: 1, Standing.ASSIGNED: 2}
_NEEDED = {ANY: 0, MEMBER: 1, ASSIGNED: 2}


def allowed(role: str, action: str, standing: Standing = Standing.NONE) -> bool:
    """Whether a person of `role`, standing so to the object, may do `action`.

    >>> allowed("recruiter", "round.edit", Standing.MEMBER), allowed("committee", "interview.rate", Standing.ASSIGNED)
    (True, False)
    """
    if action not in RULES:
        raise ValueError(f"unknown action {action!r}")
    needed = RULES[action].get(Role(role))
    return needed is not None and _ORDER[Standing(standing)] >= _NEEDED[needed]


def sees_colleagues(role: str, standing: Standing, own_submitted: bool) -> bool:
    """Whether colleagues' submitted ratings and notes of a candidate may be shown.

    Whoever is assigned to interview the candidate sees them only after submitting their own, so that
    everyone rates independently; others who may see the round's results see submitted interviews.
    Drafts are never shown to anyone but their author.
    """
    if standing == Standing.ASSIGNED:
        return own_submitted
    return allowed(role, "results.view", standing)
