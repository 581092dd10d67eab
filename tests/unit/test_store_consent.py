"""Consent to the privacy notice and its withdrawal, on SQLite and PostgreSQL: the consent records the notice's
version and keeps its text; a withdrawal erases the answers in one transaction, closes the link to answering
(it only says so then), refuses later saves, and shows as "withdrawn" to HR."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from assessment import privacy
from assessment.errors import InvalidToken, InvalidValue
from assessment.results.loader import load_round
from assessment.store import AuditEvent, Store
from assessment.store.models import PrivacyNotice
from tests.unit.test_store import ITEMS, _full_interview, _round_with


def _answered(store: Store, candidate: int, count: int = 3) -> None:
    for item in ITEMS[:count]:
        store.save_answer(candidate, item, 4)


def _actions(store: Store, candidate: int) -> list[tuple[str, str, dict]]:
    with store.reading() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.subject == f"candidate:{candidate}")
                                 .order_by(AuditEvent.id))
        return [(e.actor, e.action, e.detail) for e in events]


def test_consent_records_the_version_of_the_notice_read_and_keeps_its_text(store):
    _, (ann, bob) = _round_with(store, ["Ann", "Bob"])
    shown = privacy.notice()
    store.give_consent(ann, shown)
    store.give_consent(bob)  # the notice in use
    for candidate in (ann, bob):
        stored = store.get_candidate(candidate)
        assert stored.consent_version == shown.version and stored.consent_at is not None
        assert (f"candidate:{candidate}", "consent.give", {"notice": shown.version}) in _actions(store, candidate)
    with store.reading() as session:
        kept = session.scalars(select(PrivacyNotice)).all()
    assert [k.version for k in kept] == [shown.version]
    assert json.loads(kept[0].content) == shown.content()


def test_withdrawal_erases_the_answers_and_the_link_then_only_says_so(store):
    _, (ann, bob) = _round_with(store, ["Ann", "Bob"])
    old_link = store.invite(ann)
    link = store.invite(ann)
    store.give_consent(ann)
    store.give_consent(bob)
    _answered(store, ann)
    _answered(store, bob)
    assert store.withdraw_consent(ann) == 3
    assert store.answers_of(ann) == {} and len(store.answers_of(bob)) == 3  # nobody else's
    withdrawn = store.resolve_token(link)  # the link still opens, to say that the candidate withdrew
    assert withdrawn.id == ann and withdrawn.withdrawn_at is not None
    with pytest.raises(InvalidToken):
        store.resolve_token(old_link)  # superseded before, still not valid
    assert _actions(store, ann)[-1] == (f"candidate:{ann}", "consent.withdraw", {"answers_erased": 3})
    assert store.withdraw_consent(ann) == 0  # a second click changes nothing
    assert [a for _, a, _ in _actions(store, ann)].count("consent.withdraw") == 1


def test_after_withdrawal_nothing_more_is_saved(store):
    _, (ann,) = _round_with(store, ["Ann"])
    store.give_consent(ann)
    _answered(store, ann, len(ITEMS) - 1)
    store.withdraw_consent(ann)
    for attempt in (lambda: store.save_answer(ann, ITEMS[0], 2), lambda: store.submit_self_assessment(ann),
                    lambda: store.give_consent(ann)):
        with pytest.raises(InvalidValue) as caught:
            attempt()
        assert caught.value.code == "consent_withdrawn"
    assert store.answers_of(ann) == {} and store.get_candidate(ann).submitted_at is None


def test_a_submitted_candidate_may_withdraw_and_hr_sees_withdrawn(store):
    round_, (ann, bob) = _round_with(store, ["Ann", "Bob"])
    link = store.invite(ann)
    for candidate in (ann, bob):
        store.give_consent(candidate)
        _answered(store, candidate, len(ITEMS))
        store.submit_self_assessment(candidate)
    interview = _full_interview(store, ann, "Ivy", {"listening": 4, "planning": 3, "saying_no": 5})
    before = load_round(store, round_.id)
    assert before.self_scores.loc[ann].notna().any()

    store.withdraw_consent(ann)
    assert store.resolve_token(link).withdrawn_at is not None
    states = {s.candidate.id: s.state for s in store.statuses(round_.id)}
    assert states == {ann: "withdrawn", bob: "submitted"}
    after = load_round(store, round_.id)
    assert after.self_scores.loc[ann].isna().all() and after.self_scores.loc[bob].notna().any()
    assert set(after.answers["candidate"]) == {bob}
    assert store.ratings_of(interview)  # the interviewers' ratings are the company's records and stay


def test_a_withdrawal_that_fails_half_way_changes_nothing(store, monkeypatch):
    _, (ann,) = _round_with(store, ["Ann"])
    link = store.invite(ann)
    store.give_consent(ann)
    _answered(store, ann)

    def broken_audit(*args, **kwargs):  # the last statement of the transaction, after the answers are deleted
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(Store, "audit", staticmethod(broken_audit))
    with pytest.raises(RuntimeError):
        store.withdraw_consent(ann)
    monkeypatch.undo()
    assert len(store.answers_of(ann)) == 3
    assert store.get_candidate(ann).withdrawn_at is None and store.resolve_token(link).id == ann
    store.save_answer(ann, ITEMS[5], 1)
