"""The printed documents from their pages in a real browser: the interview kit from the interview page and the
candidate and round reports from the comparison page, downloaded as a person would, then read back."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.documents.words import tx
from assessment.i18n import t

from .conftest import SCREENSHOTS

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
INTERVIEWER = "Kit Interviewerin"
INTERVIEWER_EMAIL = "kit.interviewer@example.com"


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def download(ui, button, folder) -> tuple[str, str]:
    """Click a download button; (the suggested file name, the PDF's text)."""
    with ui.page.expect_download(timeout=60_000) as waiting:
        button.click()
    saved = folder / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    return waiting.value.suggested_filename, pdf_text(saved)


def round_label(store) -> str:
    round_ = store.get_round(ROUND)
    return f"{round_.name} · {store.catalog_of_round(ROUND).name.de} · #{round_.id}"


def test_the_interview_kit_downloads_from_the_interview_page_in_german(server, make_ui, tmp_path):
    store = server.store()
    candidate = store.list_candidates(ROUND)[0]
    server.staff_account(INTERVIEWER_EMAIL, INTERVIEWER, "interviewer", assign_to=(candidate.id,))
    ui = make_ui(server, as_=INTERVIEWER_EMAIL)
    ui.goto("/interview", lang="de")
    ui.select(t("common.round", "de"), round_label(store))
    button = ui.page.get_by_role("button", name=t("documents.kit", "de"))
    expect(button).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    ui.page.screenshot(path=str(SCREENSHOTS / "documents-kit-button-de.png"))
    name, text = download(ui, button, tmp_path)
    assert name.startswith("kit-") and name.endswith(".pdf") and name.isascii()
    assert tx("kit.title", "de") in text
    assert candidate.name in text and INTERVIEWER in text
    catalog = store.catalog_of_round(ROUND)
    assert catalog.competencies[0].name.get("de") in text
    events = [(e.actor, e.action, e.subject) for e in store.audit_events(ROUND)]
    assert (INTERVIEWER_EMAIL, "candidate.document", f"candidate:{candidate.id}") in events


def test_the_candidate_and_round_reports_download_from_the_comparison_page(server, make_ui, tmp_path):
    store = server.store()
    ui = make_ui(server)  # the demo admin
    ui.goto("/comparison", lang="ru", round=ROUND)
    candidate = ui.page.get_by_role("combobox", name=t("common.candidate", "ru"), exact=True).input_value()
    assert candidate
    button = ui.page.get_by_role("button", name=f"{t('documents.candidate_report', 'ru')} · {candidate}")
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()
    ui.page.screenshot(path=str(SCREENSHOTS / "documents-report-buttons-ru.png"), full_page=False)
    name, text = download(ui, button, tmp_path)
    assert name.startswith("candidate-") and name.isascii()
    assert tx("report.title", "ru") in text and candidate in text
    assert t("trust.title", "ru") in text
    name, text = download(ui, ui.page.get_by_role("button", name=t("documents.round_report", "ru")), tmp_path)
    assert name.startswith("round-")
    assert tx("round_report.title", "ru") in text and store.get_round(ROUND).name in text
    actions = {(e.action, e.subject) for e in store.audit_events(ROUND) if e.actor == "admin@demo.example"}
    assert ("round.document", f"round:{ROUND}") in actions
    assert any(action == "candidate.document" for action, _ in actions)
