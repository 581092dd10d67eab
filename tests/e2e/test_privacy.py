"""The privacy notice and withdrawing consent, in a real browser on a phone: a candidate reads the notice in
their language, consents, answers, withdraws through their link; the link then only says so, the answers are
gone, and HR sees "withdrawn" on the Rounds page."""

from __future__ import annotations

import re

import pytest

from assessment import privacy
from assessment.i18n import t

from .conftest import PHONE

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

STEP = {"de": r"^Schritt 1 von \d+:", "ru": r"^Шаг 1 из \d+:"}


def answer(ui, index: int, value: int) -> None:
    group = ui.page.get_by_role("radiogroup").nth(index)
    ui.click(group.get_by_test_id("stRadioOption").nth(value - 1))
    expect(group.get_by_role("radio").nth(value - 1)).to_be_checked()


@pytest.mark.parametrize("lang", ["de", "ru"])
def test_a_candidate_reads_the_notice_consents_answers_and_withdraws(server, make_ui, lang):
    store, notice = server.store(), privacy.notice()
    name = {"de": "Jana Vogt", "ru": "Ирина Котова"}[lang]
    round_id = int(server.cli("round", "create", f"Privacy {lang}", "--catalog", "project_manager"))
    candidate_id = store.add_candidate(round_id, name, language=lang).id
    store.add_candidate(round_id, "Someone Else", language="en")
    link = server.url("/", token=store.invite(candidate_id))  # the page picks the candidate's language
    ui = make_ui(server, viewport=PHONE, as_=None)
    page = ui.page

    # The notice, in the candidate's language, before consenting.
    page.goto(link)
    ui.loaded()
    expect(page.get_by_role("heading", name=t("privacy.title", lang))).to_be_visible()
    for text in (notice.purpose[lang], notice.rights[lang], notice.contact_email,
                 t("privacy.retention_text", lang, days=notice.retention_days)):
        expect(page.get_by_text(text[:60], exact=False).first).to_be_visible()
    expect(page.get_by_text(t("privacy.version", lang, version=notice.version))).to_be_visible()
    expect(page.locator(".st-key-privacy_notice a")).to_have_count(0)  # plain text: the address is no link
    ui.shot(f"privacy_notice-{lang}-phone")

    start = page.get_by_role("button", name=t("self.start", lang), exact=True)
    expect(start).to_be_disabled()
    ui.click(page.get_by_text(t("self.consent", lang), exact=True))
    ui.click(start, runs=2)
    expect(page.get_by_text(re.compile(STEP[lang]))).to_be_visible()
    consented = store.get_candidate(candidate_id)
    assert consented.consent_version == notice.version and consented.consent_at is not None

    answer(ui, 0, 4)
    answer(ui, 1, 2)
    assert len(store.answers_of(candidate_id)) == 2
    ui.shot(f"privacy_questionnaire-{lang}-phone")  # the way to withdraw, at the foot of the step

    # Withdrawing: a confirmation step first; going back changes nothing.
    withdraw = page.get_by_role("button", name=t("privacy.withdraw", lang))
    ui.click(withdraw, runs=2)
    expect(page.get_by_role("heading", name=t("privacy.confirm_title", lang))).to_be_visible()
    expect(page.get_by_text(t("privacy.confirm_text", lang))).to_be_visible()
    ui.shot(f"privacy_withdraw_confirm-{lang}-phone")
    ui.click(page.get_by_role("button", name=t("privacy.confirm_no", lang)), runs=2)
    expect(page.get_by_text(re.compile(STEP[lang]))).to_be_visible()
    assert len(store.answers_of(candidate_id)) == 2

    ui.click(withdraw, runs=2)
    ui.click(page.get_by_role("button", name=t("privacy.confirm_yes", lang)), runs=2)
    expect(page.get_by_role("heading", name=t("privacy.withdrawn_title", lang))).to_be_visible()
    assert store.answers_of(candidate_id) == {}
    assert store.get_candidate(candidate_id).withdrawn_at is not None

    # The link now only says so: no questions, nothing to consent to.
    again = make_ui(server, viewport=PHONE, as_=None)
    again.page.goto(link)
    again.loaded()
    expect(again.page.get_by_role("heading", name=t("privacy.withdrawn_title", lang))).to_be_visible()
    expect(again.page.get_by_role("radiogroup")).to_have_count(0)
    expect(again.page.get_by_role("checkbox")).to_have_count(0)

    # HR, signed in, sees the candidate as withdrawn on the Rounds page.
    hr = make_ui(server)
    hr.plain_downloads()
    hr.goto("/", round=round_id, lang=lang)
    table = hr.page.locator(".st-key-status_table").get_by_test_id("stDataFrame")  # not the overview, not the Team tab
    expect(table).to_be_visible()
    hr.shot(f"privacy_hr_withdrawn-{lang}")
    rows = hr.table_rows(table)
    shown = {row[t("rounds.col_name", lang)]: row[t("rounds.col_status", lang)] for row in rows}
    assert shown == {name: t("status.withdrawn", lang), "Someone Else": t("status.added", lang)}

    hr.goto("/privacy", lang=lang)  # the notice as staff read it, with its version
    expect(hr.page.get_by_text(notice.version).first).to_be_visible()
    hr.shot(f"privacy_staff_page-{lang}")
    assert not ui.errors and not again.errors and not hr.errors, (ui.errors, again.errors, hr.errors)
