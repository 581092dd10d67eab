"""A round closed while a candidate is half-way through the questionnaire: the candidate is told so in their
language, the answer they give after closing is not stored, and the answers given before stay."""

from __future__ import annotations

import pytest

from assessment.i18n import t

from .test_self_assessment import answer

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e


def test_a_round_closed_mid_questionnaire_tells_the_candidate_in_their_language(server, make_ui):
    ui = make_ui(server, viewport={"width": 390, "height": 844})
    page, store = ui.page, server.store()
    round_id = int(server.cli("round", "create", "Closing soon", "--catalog", "project_manager"))
    candidate_id = int(server.cli("candidate", "add", str(round_id), "Мария Соколова", "--language", "ru"))
    link = server.cli("invite", str(candidate_id), "--base-url", server.base_url)

    page.goto(link)
    ui.loaded()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Мария Соколова")
    ui.click(page.get_by_text(t("self.consent", "ru"), exact=True))
    ui.click(page.get_by_role("button", name=t("self.start", "ru"), exact=True), runs=2)
    answer(ui, 0, 4)
    assert len(store.answers_of(candidate_id)) == 1

    server.cli("round", "close", str(round_id))  # HR closes the round meanwhile
    group = page.get_by_role("radiogroup").nth(1)
    ui.click(group.get_by_test_id("stRadioOption").nth(1))
    expect(page.get_by_text(t("error.round_closed", "ru"), exact=False).first).to_be_visible()
    assert store.answers_of(candidate_id) == {next(iter(store.answers_of(candidate_id))): 4}

    page.reload()
    ui.loaded()
    expect(page.get_by_role("heading", name=t("self.closed_title", "ru"))).to_be_visible()
    expect(page.get_by_text(t("error.round_closed", "ru"))).to_be_visible()
    ui.shot("round_closed_phone-ru")
    assert not ui.errors, ui.errors
