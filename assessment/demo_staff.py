"""The demo's hiring team: one account of every role, members of the demo rounds, the demo interviewers
owning their interviews and assigned to candidates, so that every page can be tried after
`assessment demo`.

Every run of `assessment demo` gives the demo accounts one new password and prints it: the demo never
keeps a password anyone could know from this source file.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from assessment.access import generate_password
from assessment.errors import NotFound
from assessment.store import Interview, Round, Store
from assessment.store.models import Candidate


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: str


TEAM = (
    DemoAccount("admin@demo.example", "Alex Admin", "admin"),
    DemoAccount("petra.neumann@demo.example", "Petra Neumann", "recruiter"),
    DemoAccount("olivia.grant@demo.example", "Olivia Grant", "committee"),
    DemoAccount("katrin.vogel@demo.example", "Katrin Vogel", "interviewer"),
    DemoAccount("mark.ellis@demo.example", "Mark Ellis", "interviewer"),
    DemoAccount("irina.lebedeva@demo.example", "Ирина Лебедева", "interviewer"),
)


def demo_team(store: Store, rounds: list[Round]) -> str:
    """Create or refresh the demo accounts for `rounds`; returns the one password they share now."""
    password = generate_password()
    for person in TEAM:
        try:
            store.change_staff(person.email, password=password, disabled=False, actor="demo")
        except NotFound:
            store.add_staff(person.email, person.name, person.role, password, actor="demo")
    accounts = {a.email: a for a in store.list_staff()}
    for round_ in rounds:
        for person in TEAM:
            if person.role != "admin":
                store.add_member(round_.id, accounts[person.email].id, actor="demo")
        for person in (p for p in TEAM if p.role == "interviewer"):
            _own_interviews(store, round_.id, accounts[person.email].id, person.name)
    return password


def _own_interviews(store: Store, round_id: int, staff_id: int, name: str) -> None:
    """The demo's interviews by `name` belong to the account; it is assigned to them and to the candidates
    nobody has interviewed yet, so there is something to rate."""
    with store.transaction() as session:
        candidates = session.scalars(select(Candidate.id).where(Candidate.round_id == round_id)).all()
        session.execute(update(Interview).where(Interview.interviewer == name, Interview.candidate_id.in_(candidates))
                        .values(staff_id=staff_id))
        interviewed = set(session.scalars(select(Interview.candidate_id).where(Interview.candidate_id.in_(candidates))))
        mine = set(session.scalars(select(Interview.candidate_id).where(Interview.staff_id == staff_id,
                                                                         Interview.candidate_id.in_(candidates))))
    for candidate_id in sorted(mine | (set(candidates) - interviewed)):
        store.assign(candidate_id, staff_id, actor="demo")
