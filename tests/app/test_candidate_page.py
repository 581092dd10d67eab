"""The candidate page: everything about one person, and only what the reader may see of it."""

from __future__ import annotations

import pytest

from tests.app.conftest import add_staff


def _texts(at) -> str:
    parts = [*at.title, *at.subheader, *at.caption, *at.text, *at.info, *at.metric]
    return " ".join(str(getattr(e, "value", "")) for e in parts)


def _frames(at) -> list:
    return [frame.value for frame in at.dataframe]


def test_hr_sees_answers_ratings_and_the_links_sent(app, demo_store):
    candidate = next(s.candidate for s in demo_store.statuses(1) if s.state == "interviewed")
    at = app("candidate", round=1, candidate=candidate.id)
    assert at.selectbox(key="candidate_picker").value == candidate.id
    assert candidate.name in _texts(at) and candidate.email in _texts(at)
    answers = demo_store.answers_of(candidate.id)
    frames = _frames(at)
    assert len(frames[0]) == len(answers)  # every answer, one row each
    submitted = [i for i in demo_store.interviews_of(candidate.id) if i.status == "submitted"]
    assert {i.interviewer for i in submitted} <= set(frames[1].columns)
    assert "Links and messages" in _texts(at)
    events = [e for e in demo_store.audit_events(1) if e.subject == f"candidate:{candidate.id}"]
    assert {"candidate.read_file", "candidate.read_ratings"} <= {e.action for e in events}
    assert all(e.actor == "admin@demo.example" for e in events if e.action == "candidate.read_file")


def test_the_committee_sees_no_address_and_no_links(app, demo_store):
    email = add_staff(demo_store, "Committee Reader", "committee")
    demo_store.add_member(1, demo_store.staff_by_email(email).id)
    candidate = demo_store.list_candidates(1)[0]
    at = app("candidate", as_=email, round=1, candidate=candidate.id, lang="de")
    assert candidate.name in _texts(at)
    assert candidate.email not in _texts(at)
    assert "Links und Nachrichten" not in _texts(at)
    assert at.title[0].value == "Kandidat/in"


def test_a_candidate_of_a_round_one_is_not_in_is_refused(app, demo_store):
    email = add_staff(demo_store, "Other Round", "committee")
    demo_store.add_member(2, demo_store.staff_by_email(email).id)
    outsider = demo_store.list_candidates(1)[0]
    at = app("candidate", as_=email, round=2, lang="ru")
    at.query_params["candidate"] = str(outsider.id)  # typed into the address bar on this page
    at.run()
    assert outsider.name not in _texts(at)
    assert at.error, "the refusal is said"
    assert any(e.action == "access.denied" for e in demo_store.audit_events(None))


def test_an_interviewer_has_no_candidate_page(app, demo_store):
    email = add_staff(demo_store, "Plain Interviewer", "interviewer", assign_to=(3,))
    at = app(as_=email)
    with pytest.raises(ValueError):
        at.switch_page("assessment/ui/candidate.py").run()


def test_the_rounds_page_opens_with_every_round_and_its_next_step(app, demo_store):
    at = app("rounds", lang="de")
    overview = at.dataframe[0].value
    assert len(overview) == len(demo_store.list_rounds())
    rounds = demo_store.visible_rounds(demo_store.staff_by_email("admin@demo.example"))
    progress = demo_store.round_progress([r.id for r in rounds])
    words = {"decide": "Vergleichen und entscheiden", "wait_self": "Selbsteinschätzungen stehen aus",
             "interview": "Interviews führen", "invite": "Restliche einladen"}
    for shown, r in zip(overview["Nächster Schritt"], rounds, strict=True):
        assert shown.startswith(words[progress[r.id].next_step(r.status)])
    assert all(name.endswith(f"#{r.id}") for name, r in zip(overview["Auswahlrunde"], demo_store.visible_rounds(
        demo_store.staff_by_email("admin@demo.example")), strict=True))
