"""Staff accounts and sign-in on both databases: passwords, sessions, idle expiry, throttling, membership."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assessment.access import Standing
from assessment.errors import InvalidValue, NotFound, SignInRefused

PASSWORD = "a long enough secret"


def test_accounts_are_added_listed_and_changed(store):
    store.add_staff("Ann@Example.DE", "Ann Admin", "admin", PASSWORD, actor="cli")
    store.add_staff("rita@example.de", "Rita", "recruiter")
    assert [(a.email, a.role, a.password_hash is None) for a in store.list_staff()] == [
        ("ann@example.de", "admin", False), ("rita@example.de", "recruiter", True)]
    with pytest.raises(InvalidValue) as caught:
        store.add_staff("ann@example.de", "Ann again", "admin")
    assert caught.value.code == "staff_exists"
    with pytest.raises(InvalidValue) as caught:
        store.add_staff("x@example.de", "X", "superuser")
    assert caught.value.code == "role_unknown"
    assert store.change_staff("rita@example.de", role="committee").role == "committee"
    with pytest.raises(NotFound):
        store.change_staff("nobody@example.de", role="admin")


def test_sign_in_gives_a_session_that_survives_until_sign_out(store):
    store.add_staff("ann@example.de", "Ann", "admin", PASSWORD)
    session = store.sign_in("ANN@example.de ", PASSWORD, "127.0.0.1")
    assert store.resolve_session(session.token).email == "ann@example.de"
    assert store.resolve_session(session.token + "x") is None and store.resolve_session(None) is None
    store.end_session(session.token)
    assert store.resolve_session(session.token) is None


def test_a_kept_sign_in_ends_at_once_here_and_within_seconds_elsewhere(store, monkeypatch):
    """`signed_in_account` keeps what a session cookie resolved to for a few seconds; a sign-out or an account
    change through any store of this process counts at once, one made past it (another process) within
    SESSION_RECHECK_SECONDS."""
    from sqlalchemy import update

    from assessment.store import Store, staff
    from assessment.store.models import StaffAccount

    store.add_staff("ann@example.de", "Ann", "admin", PASSWORD)
    clock = [1000.0]
    monkeypatch.setattr(staff.time, "monotonic", lambda: clock[0])
    first, second, third = (store.sign_in("ann@example.de", PASSWORD, "127.0.0.1") for _ in range(3))
    assert all(store.signed_in_account(s.token).email == "ann@example.de" for s in (first, second, third))
    routes_store = Store(store.engine)  # as the sign-in routes' own store of the same process
    routes_store.end_session(first.token)
    assert store.signed_in_account(first.token) is None
    assert store.signed_in_account(second.token).email == "ann@example.de"  # read again, and kept
    with store.engine.begin() as connection:  # another process disables the account behind this one's back
        connection.execute(update(StaffAccount).values(disabled=True))
    clock[0] += staff.SESSION_RECHECK_SECONDS - 0.5
    assert store.signed_in_account(second.token).email == "ann@example.de"  # kept, for a few seconds only
    clock[0] += 0.5
    assert store.signed_in_account(second.token) is None
    with store.engine.begin() as connection:
        connection.execute(update(StaffAccount).values(disabled=False))
    assert store.signed_in_account(third.token).email == "ann@example.de"
    routes_store.change_staff("ann@example.de", role="interviewer")
    assert store.signed_in_account(third.token).role == "interviewer"
    store.change_staff("ann@example.de", disabled=True)
    assert store.signed_in_account(third.token) is None


def test_wrong_password_and_unknown_email_read_the_same(store):
    store.add_staff("ann@example.de", "Ann", "admin", PASSWORD)
    refusals = []
    for email, password in (("ann@example.de", "wrong password!"), ("nobody@example.de", PASSWORD)):
        with pytest.raises(SignInRefused) as caught:
            store.sign_in(email, password, "10.0.0.1")
        refusals.append((caught.value.code, str(caught.value)))
    assert refusals[0] == refusals[1] == ("sign_in_wrong", "wrong e-mail address or password")


def test_failures_are_throttled_per_account_then_forgotten(store):
    store.add_staff("ann@example.de", "Ann", "admin", PASSWORD)
    now = datetime.now(UTC)
    for n in range(6):
        with pytest.raises(SignInRefused) as caught:
            store.sign_in("ann@example.de", "wrong password!", f"10.0.0.{n}", now=now)
        assert caught.value.code == "sign_in_wrong"
    with pytest.raises(SignInRefused) as caught:  # even the right password waits now
        store.sign_in("ann@example.de", PASSWORD, "10.0.0.9", now=now + timedelta(seconds=5))
    assert caught.value.code == "sign_in_throttled" and caught.value.params == {"minutes": 1}
    assert store.sign_in("ann@example.de", PASSWORD, "10.0.0.9", now=now + timedelta(minutes=16)).token


def test_idle_sessions_end_and_disabling_ends_them_all(store, monkeypatch):
    store.add_staff("ann@example.de", "Ann", "admin", PASSWORD)
    monkeypatch.setenv("ASSESSMENT_SESSION_IDLE_MINUTES", "30")
    now = datetime.now(UTC)
    idle = store.sign_in("ann@example.de", PASSWORD, "127.0.0.1", now=now)
    assert store.resolve_session(idle.token, now=now + timedelta(minutes=29)) is not None
    assert store.resolve_session(idle.token, now=now + timedelta(minutes=29 + 31)) is None
    active = store.sign_in("ann@example.de", PASSWORD, "127.0.0.1")
    store.change_staff("ann@example.de", disabled=True)
    assert store.resolve_session(active.token) is None
    with pytest.raises(SignInRefused) as caught:
        store.sign_in("ann@example.de", PASSWORD, "127.0.0.1")
    assert caught.value.code == "sign_in_disabled"


def test_single_sign_on_knows_only_active_accounts(store):
    store.add_staff("ann@example.de", "Ann", "admin")
    assert store.sign_in_sso("ann@example.de").name == "Ann"
    with pytest.raises(SignInRefused) as caught:
        store.sign_in_sso("stranger@example.de")
    assert caught.value.code == "sign_in_sso_unknown"
    store.change_staff("ann@example.de", disabled=True)
    with pytest.raises(SignInRefused):
        store.sign_in_sso("ann@example.de")


def test_membership_and_assignment_decide_standing(store):
    round_ = store.create_round("R", "sample_role")
    other = store.create_round("Other", "sample_role")
    first, second = (store.add_candidate(round_.id, name).id for name in ("A", "B"))
    kim = store.add_staff("kim@example.de", "Kim", "interviewer").id
    assert store.standing(kim, round_.id) == Standing.NONE
    store.assign(first, kim)
    assert store.standing(kim, round_.id, first) == Standing.ASSIGNED
    assert store.standing(kim, round_.id, second) == Standing.MEMBER
    assert store.standing(kim, other.id) == Standing.NONE


def test_an_interview_that_observed_nothing_cannot_be_submitted(store):
    candidate = store.add_candidate(store.create_round("R", "sample_role").id, "Ann").id
    interview = store.start_interview(candidate, "Kim")
    version = interview.version
    for competency in store.catalog_of_round(1).competencies:
        version = store.save_rating(interview.id, version, competency.id, not_observed=True)
    version = store.set_recommendation(interview.id, version, "no")
    with pytest.raises(InvalidValue) as caught:
        store.submit_interview(interview.id, version)
    assert caught.value.code == "nothing_observed"
    assert store.get_interview(interview.id).status == "draft"


def test_colleagues_ratings_wait_for_ones_own_submission(store):
    round_ = store.create_round("R", "sample_role")
    first, second = (store.add_candidate(round_.id, name).id for name in ("A", "B"))
    kim = store.add_staff("kim@example.de", "Kim", "interviewer").id
    store.assign(first, kim)
    store.assign(second, kim)
    assert store.awaiting_own_submission(kim, round_.id) == {first, second}
    interview = store.start_interview(first, "Kim", staff_id=kim)
    version = interview.version
    for competency in store.catalog_of_round(round_.id).competencies:
        version = store.save_rating(interview.id, version, competency.id, 3, staff_id=kim)
    store.submit_interview(interview.id, store.set_recommendation(interview.id, version, "yes", staff_id=kim),
                           staff_id=kim)
    assert store.awaiting_own_submission(kim, round_.id) == {second}
