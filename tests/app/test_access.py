"""Who sees what in the app: nothing without signing in, each role its pages, and no way around it through
the URL."""

from __future__ import annotations

import pytest

from assessment.workspace import Workspace
from tests.app.conftest import INTERVIEWER, add_staff


@pytest.mark.parametrize("query", [{}, {"token": ""}, {"round": 1, "candidate": 1}])
def test_without_signing_in_only_the_sign_in_page_shows(app, demo_store, query):
    at = app(as_=None, **query)
    assert at.title[0].value == "Sign in to continue"
    text = " ".join(str(e.value) for e in [*at.markdown, *at.title, *at.info, *at.caption] if hasattr(e, "value"))
    assert all(c.name not in text for c in demo_store.list_candidates(1))
    with pytest.raises(ValueError):
        at.switch_page("assessment/ui/rounds.py").run()


def test_a_forged_or_ended_session_is_not_signed_in(app, demo_store):
    at = app(as_=None)
    at.session_state["staff_token"] = "forged"
    at.run()
    assert at.title[0].value == "Sign in to continue"


@pytest.mark.parametrize(("role", "pages"), [
    ("recruiter", {"rounds", "interview", "comparison", "manager_types", "catalogs"}),
    ("committee", {"comparison", "manager_types", "catalogs"}),
    ("interviewer", {"interview", "catalogs"}),
])
def test_each_role_gets_its_pages(app, demo_store, role, pages):
    email = add_staff(demo_store, f"Some {role}", role)
    at = app(as_=email)
    for page in ("rounds", "interview", "comparison", "manager_types", "catalogs"):
        if page in pages:
            at.switch_page(f"assessment/ui/{page}.py").run()
            assert not at.exception
        else:
            with pytest.raises(ValueError):
                at.switch_page(f"assessment/ui/{page}.py").run()


def test_a_new_member_sees_only_their_rounds(app, demo_store):
    email = add_staff(demo_store, "Committee Newcomer", "committee")
    demo_store.add_member(2, demo_store.staff_by_email(email).id)
    at = app("comparison", as_=email, round=1)  # round 1 in the URL: not theirs, so round 2 shows
    round_ = demo_store.get_round(2)
    role = demo_store.catalog_of_round(2).name.en
    assert at.selectbox(key="round_picker").options == [f"{round_.name} · {role} · #2"]


def test_an_interviewer_reaches_only_assigned_candidates_whatever_the_url_says(app, demo_store):
    assigned = {c.id for c in demo_store.assigned_candidates(demo_store.staff_by_email(INTERVIEWER).id, 1)}
    other = next(c.id for c in demo_store.list_candidates(1) if c.id not in assigned) if len(assigned) < 12 \
        else None
    email = add_staff(demo_store, "Only One", "interviewer", assign_to=(3,))
    at = app("interview", as_=email, round=1, candidate=other or 1)
    picker = at.selectbox[1]
    assert picker.options == [demo_store.get_candidate(3).name]
    interviews = [i for c in demo_store.list_candidates(1) for i in demo_store.interviews_of(c.id)
                  if i.interviewer == "Only One"]
    assert [i.candidate_id for i in interviews] == [3]


def test_signing_out_ends_the_session(app, demo_store):
    at = app("catalogs")
    token = at.session_state["staff_token"]
    at.sidebar.button(key="sign_out").click().run()
    assert demo_store.resolve_session(token) is None
    assert at.title[0].value == "Sign in to continue"


def test_reading_candidates_data_is_in_the_audit_log_once_per_session(app, demo_store):
    email = add_staff(demo_store, "Careful Reader", "committee")
    demo_store.add_member(1, demo_store.staff_by_email(email).id)
    at = app("comparison", as_=email, round=1)
    at.run()
    events = [(e.actor, e.action, e.subject) for e in demo_store.audit_events(round_id=1)]
    assert events.count((email, "round.read_results", "round:1")) == 1
    at.switch_page("assessment/ui/manager_types.py").run()
    assert (email, "round.read_types", "round:1") in [(e.actor, e.action, e.subject)
                                                      for e in demo_store.audit_events(round_id=1)]


def test_an_admin_reads_and_filters_the_audit_log(app, demo_store):
    at = app("audit", round=1)
    table = at.dataframe[0].value
    assert len(table) > 10 and {"demo"} <= set(table["Who"])
    at.text_input[0].input("admin@demo").run()
    assert set(at.dataframe[0].value["Who"]) == {"admin@demo.example"}
    assert "Read the audit log" in set(at.dataframe[0].value["What"])


def test_only_an_admin_has_the_audit_log(app, demo_store):
    at = app(as_=add_staff(demo_store, "Nosy Recruiter", "recruiter"))
    with pytest.raises(ValueError):
        at.switch_page("assessment/ui/audit.py").run()


def test_colleagues_ratings_stay_hidden_from_a_recruiter_who_still_interviews(app, demo_store):
    from assessment.results.loader import load_round

    email = add_staff(demo_store, "Interviewing Recruiter", "recruiter", assign_to=(1,))
    at = app("comparison", as_=email, round=1)
    assert any("(number: 1)" in i.value for i in at.info)
    hidden = demo_store.awaiting_own_submission(demo_store.staff_by_email(email).id, 1)
    results = load_round(demo_store, 1, hidden)
    assert hidden == {1}
    assert 1 not in set(results.ratings["candidate"]) and 1 not in set(results.interviews["candidate"])
    assert 1 in set(load_round(demo_store, 1).ratings["candidate"]), "others still see candidate 1's ratings"


SECTION_OF = {"heatmap": "heatmap_section", "disagreement": "disagreement_section"}  # folded at first


def chart_text(at, key: str) -> str:
    """The figure JSON of the page's chart with this key, as the browser receives it once its section is open."""
    at.session_state[SECTION_OF[key]] = True  # opened, as a click would
    at.run()
    charts = [c for c in at.get("plotly_chart") if key in str(c.proto.id)]
    assert len(charts) == 1, key
    return charts[0].proto.spec


@pytest.mark.parametrize("chart", ["heatmap", "disagreement"])
def test_the_heatmap_and_disagreement_chart_leave_out_a_candidate_one_still_has_to_interview(app, demo_store, chart):
    name = demo_store.get_candidate(1).name
    committee = app("comparison", as_="olivia.grant@demo.example", round=1)
    assert name in chart_text(committee, chart), "the committee sees candidate 1's ratings"
    email = add_staff(demo_store, "Interviewing Recruiter", "recruiter", assign_to=(1,))
    demo_store.add_member(1, demo_store.staff_by_email(email).id)
    before = app("comparison", as_=email, round=1)
    assert name not in chart_text(before, chart)
    desk = Workspace(demo_store, demo_store.staff_by_email(email))
    interview = desk.open_interview(1)
    version = interview.version
    for competency in demo_store.catalog_of_round(1).competencies:
        version = desk.save_rating(interview.id, version, competency.id, 3)
    desk.submit_interview(interview.id, desk.set_recommendation(interview.id, version, "yes"))
    after = app("comparison", as_=email, round=1)
    assert name in chart_text(after, chart)
