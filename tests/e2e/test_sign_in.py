"""Signing in as the hiring team would, in a real browser: nothing without an account, a local account's
sign-in through the form, a session that survives a reload and ends with "Sign out", throttled guessing,
and an interviewer who cannot reach other candidates by editing the URL."""

from __future__ import annotations

import re

import pytest

from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

FORM = re.compile(r"/account/sign-in")


def sign_in(ui, email: str, password: str, lang: str = "en") -> None:
    page = ui.page
    page.get_by_label(t("signin.email_label", lang)).fill(email)
    page.get_by_label(t("signin.password_label", lang)).fill(password)
    page.get_by_role("button", name=t("signin.submit", lang)).click()


@pytest.mark.parametrize("path", ["/", "/rounds?round=1", "/comparison", "/?token=", "/interview?candidate=1"])
def test_without_an_account_every_staff_page_leads_to_the_sign_in_form(server, make_ui, path):
    ui = make_ui(server, as_=None)
    ui.page.goto(server.base_url + path)
    expect(ui.page).to_have_url(FORM)
    expect(ui.page.get_by_role("heading", name=t("signin.title", "en"))).to_be_visible()
    body = ui.page.locator("body").inner_text()
    assert all(c.name not in body for c in server.store().list_candidates(1))


def test_a_local_account_signs_in_keeps_its_session_and_signs_out(server, make_ui):
    ui = make_ui(server, as_=None)
    page = ui.page
    page.goto(server.url("/comparison", round=1, lang="en"))
    expect(page).to_have_url(FORM)
    sign_in(ui, "petra.neumann@demo.example", "wrong password, twice over")
    expect(page.get_by_role("alert")).to_have_text(t("error.sign_in_wrong", "en"))
    sign_in(ui, "petra.neumann@demo.example", server.demo_password)
    ui.loaded()
    expect(page).to_have_url(re.compile(r"/comparison\?round=1"))  # back where they were going
    expect(page.get_by_role("heading", name=t("comparison.title", "en"))).to_be_visible()
    expect(page.get_by_text(t("signin.signed_in_as", "en", name="Petra Neumann", role="Recruiter"))).to_be_visible()

    ui.reload()
    expect(page.get_by_role("heading", name=t("comparison.title", "en"))).to_be_visible()

    ui.click(page.get_by_role("button", name=t("signin.sign_out", "en")), runs=2)
    expect(page.get_by_role("heading", name=t("signin.page_title", "en"))).to_be_visible()
    page.reload()
    expect(page).to_have_url(FORM)
    cookie = {c["name"]: c["value"] for c in page.context.cookies()}.get("assessment_session")
    assert cookie is None or server.store().resolve_session(cookie) is None


def test_guessing_passwords_is_throttled(server, make_ui):
    server.staff_account("guessed@example.com", "Guessed Account", "committee")
    ui = make_ui(server, as_=None)
    ui.page.goto(server.url("/account/sign-in", lang="de"))
    for attempt in range(6):
        sign_in(ui, "guessed@example.com", f"guess number {attempt}!", "de")
        expect(ui.page.get_by_role("alert")).to_have_text(t("error.sign_in_wrong", "de"))
    sign_in(ui, "guessed@example.com", server.passwords["guessed@example.com"], "de")  # even the right one waits
    expect(ui.page.get_by_role("alert")).to_contain_text("Zu viele fehlgeschlagene Anmeldungen")
    expect(ui.page).to_have_url(FORM)


def test_an_interviewer_cannot_reach_unassigned_candidates_by_editing_the_url(server, make_ui):
    store = server.store()
    mine, other = store.add_candidate(1, "Assigned Person").id, store.add_candidate(1, "Somebody Else").id
    server.staff_account("url.editor@example.com", "Url Editor", "interviewer", assign_to=(mine,))
    ui = make_ui(server, as_="url.editor@example.com")
    ui.goto("/", round=1, candidate=other, lang="de")  # the interview page is an interviewer's first page
    expect(ui.page.get_by_test_id("stAlert").first).to_contain_text(t("error.not_allowed", "de"))
    ui.shot("refused_candidate_in_url-de")
    assert "Somebody Else" not in ui.page.locator("body").inner_text()
    ui.goto("/", round=1, candidate=other, lang="en")
    expect(ui.page.get_by_role("combobox", name=t("common.candidate", "en"))).to_have_value(
        "Assigned Person")
    ui.goto("/rounds", round=1, lang="en")  # not an interviewer's page: said in their language, and recorded
    expect(ui.page.get_by_test_id("stAlert").first).to_contain_text(t("error.not_allowed", "en"))
    body = ui.page.locator("body").inner_text()
    assert "Somebody Else" not in body and t("rounds.new_round", "en") not in body
    assert all(i.interviewer != "Url Editor" for i in store.interviews_of(other))
    tried = [(e.actor, e.detail["permission"]) for e in store.audit_events() if e.action == "access.denied"]
    assert {("url.editor@example.com", "interview.rate"), ("url.editor@example.com", "round.edit")} <= set(tried)
