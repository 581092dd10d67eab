"""The documents' buttons on the pages: the candidate's feedback download appears after submitting only when
the round gives feedback, the rounds page switches that, and each PDF maker records its read."""

from __future__ import annotations

import pytest

from assessment.errors import Forbidden
from assessment.i18n import t
from assessment.store import item_keys
from assessment.ui import candidate_feedback
from assessment.workspace import Workspace

pytestmark = pytest.mark.slow  # every page runs the whole app script


def submitted_candidate(store, language="ru"):
    candidate = store.add_candidate(1, "Ирина Петрова", language=language)
    token = store.invite(candidate.id)
    store.give_consent(candidate.id)
    for number, key in enumerate(item_keys(store.catalog_of_round(1))):
        store.save_answer(candidate.id, key, number % 5 + 1)
    store.submit_self_assessment(candidate.id)
    return candidate, token


def download_labels(at) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


def test_the_feedback_download_shows_only_when_the_round_gives_it(app, demo_store):
    candidate, token = submitted_candidate(demo_store)
    at = app(token=token)
    assert at.title[0].value == t("self.thanks_title", "ru")
    assert download_labels(at) == []
    demo_store.set_candidate_feedback(1, True, actor="test")
    at = app(token=token)
    assert download_labels(at) == [t("documents.feedback", "ru")]
    assert any(t("documents.feedback_help", "ru") in caption.value for caption in at.caption)


def test_the_rounds_page_switches_candidate_feedback(app, demo_store):
    at = app("rounds", round=1)
    toggle = next(w for w in at.toggle if w.label == t("documents.allow_feedback", "en"))
    assert toggle.value is False
    toggle.set_value(True).run()
    assert demo_store.get_round(1).candidate_feedback is True
    events = [(e.actor, e.action) for e in demo_store.audit_events(1) if e.action == "round.candidate_feedback"]
    assert events == [("admin@demo.example", "round.candidate_feedback")]


def test_the_pdf_makers_record_who_read_what(demo_store):
    demo_store.set_candidate_feedback(1, True, actor="test")
    candidate, _ = submitted_candidate(demo_store, "de")
    feedback = candidate_feedback.feedback_pdf(demo_store, 1, candidate.id, "de")
    olivia = Workspace(demo_store, demo_store.staff_by_email("olivia.grant@demo.example"))
    results = olivia.results(1)
    report = olivia.candidate_report(results, 1, "en", "letter")
    whole = olivia.round_report(results, "ru", "a4")
    assert all(pdf.startswith(b"%PDF-") for pdf in (feedback, report, whole))
    reads = [(e.actor, e.action, e.subject, e.detail) for e in demo_store.audit_events(1)
             if e.action.endswith(".document")]
    assert reads == [
        (f"candidate:{candidate.id}", "candidate.document", f"candidate:{candidate.id}", {"document": "feedback"}),
        ("olivia.grant@demo.example", "candidate.document", "candidate:1", {"document": "candidate"}),
        ("olivia.grant@demo.example", "round.document", "round:1", {"document": "round_report"})]


def test_an_interviewer_gets_the_kit_only_for_their_own_candidates(demo_store):
    mark = Workspace(demo_store, demo_store.staff_by_email("mark.ellis@demo.example"))
    own = demo_store.assigned_candidates(mark.account.id, 1)[0].id
    assert mark.kit(own, "de", "a4").startswith(b"%PDF-")
    other = demo_store.add_candidate(1, "Not Marks Candidate").id
    with pytest.raises(Forbidden):
        mark.kit(other, "de", "a4")
    with pytest.raises(Forbidden):
        mark.round_report(Workspace(demo_store, demo_store.staff_by_email("admin@demo.example")).results(1),
                          "de", "a4")
