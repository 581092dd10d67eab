"""The committee's debrief in a real browser: a committee member records a consensus rating and a decision on
the comparison page and sees them there; the page with the debrief and the ranking certainty is photographed
on a 1366×768 laptop and a 390×844 phone in English, German and Russian."""

from __future__ import annotations

import pytest

from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

COMMITTEE = "olivia.grant@demo.example"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
RATINGS = {"Ada Brandt": (4, 4), "Бо Ли": (3, 4), "Chris Okafor": (2, 3)}


def debrief_round(server) -> tuple[int, dict[str, int], list]:
    """A client-manager round of three interviewed candidates; the demo committee member is on its team."""
    store = server.store()
    round_id = int(server.cli("round", "create", "Debrief round", "--catalog", "client_manager"))
    catalog = store.catalog_of_round(round_id)
    ids = {}
    for name, (first, second) in RATINGS.items():
        candidate = store.add_candidate(round_id, name)
        ids[name] = candidate.id
        for interviewer, base in (("Kim Berg", first), ("Lea Roth", second)):
            interview = store.start_interview(candidate.id, interviewer)
            version = interview.version
            for n, competency in enumerate(catalog.competencies):
                version = store.save_rating(interview.id, version, competency.id, min(5, base + n % 2))
            store.submit_interview(interview.id, store.set_recommendation(interview.id, version, "yes"))
    store.add_member(round_id, store.staff_by_email(COMMITTEE).id)
    return round_id, ids, catalog.competencies


def form(page, title: str):
    return page.locator('[data-testid="stForm"]').filter(has_text=title)


def test_the_committee_records_consensus_and_a_decision_and_sees_them(server, make_ui):
    round_id, ids, competencies = debrief_round(server)
    ada = ids["Ada Brandt"]
    ui = make_ui(server, viewport=LAPTOP, as_=COMMITTEE)
    page = ui.page
    ui.goto("/comparison", round=round_id, candidate=ada, lang="en")
    expect(page.get_by_role("heading", name=t("debrief.title", "en"))).to_be_visible()
    expect(page.get_by_text(t("ranking.title", "en", count=3))).to_be_visible()

    consensus = form(page, t("debrief.consensus_form", "en"))
    consensus.scroll_into_view_if_needed()
    box = consensus.get_by_role("combobox")
    box.click()
    box.fill(competencies[1].name.en)  # type to filter, as a person would with a long list
    page.get_by_role("option", name=competencies[1].name.en, exact=True).click()
    expect(box).to_have_value(competencies[1].name.en)
    consensus.get_by_text("2", exact=True).click()
    ui.click(consensus.get_by_role("button", name=t("debrief.save_consensus", "en")), runs=2)
    expect(page.get_by_text(t("error.consensus_note", "en", value=2))).to_be_visible()  # far from 4.5, no note
    assert server.store().consensus_of(ada) == {}
    consensus.get_by_role("textbox", name=t("debrief.note", "en")).fill("Both examples came from one project.")
    ui.click(consensus.get_by_role("button", name=t("debrief.save_consensus", "en")), runs=2)
    expect(page.get_by_text(t("debrief.saved.consensus", "en"))).to_be_visible()
    assert server.store().consensus_of(ada)[competencies[1].id].value == 2

    decision = form(page, t("debrief.decision_form", "en"))
    decision.get_by_text(t("debrief.verdict.hire", "en"), exact=True).click()
    decision.get_by_role("textbox", name=t("debrief.reasons", "en")).fill("Strongest client work of the round.")
    ui.click(decision.get_by_role("button", name=t("debrief.save_decision", "en")), runs=2)
    expect(page.get_by_text(t("debrief.saved.decision", "en"))).to_be_visible()
    expect(page.get_by_text(f"{t('debrief.col.decision', 'en')}: {t('debrief.verdict.hire', 'en')}")).to_be_visible()
    expect(page.get_by_test_id("stText").filter(has_text="Strongest client work of the round.")).to_be_visible()
    stored = server.store().decision_of(ada)
    assert (stored.verdict, stored.decided_by) == ("hire", COMMITTEE)
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)

    for lang in ("en", "de", "ru"):
        for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            shot(make_ui(server, viewport=viewport, as_=COMMITTEE), round_id, ada, lang, label)


def shot(ui, round_id: int, candidate: int, lang: str, label: str) -> None:
    """Two pictures of the page as the person sees it: the ranking certainty, and the debrief."""
    page = ui.page
    ui.goto("/comparison", round=round_id, candidate=candidate, lang=lang)
    ranking = page.get_by_text(t("ranking.title", lang, count=3))
    ranking.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    ranking.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshot_path(f"debrief-ranking-{label}-{lang}")))
    heading = page.get_by_role("heading", name=t("debrief.title", lang))
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    page.screenshot(path=str(screenshot_path(f"debrief-{label}-{lang}")))
    expect(page.get_by_text(f"{t('debrief.col.decision', lang)}: {t('debrief.verdict.hire', lang)}")).to_be_visible()
    assert not ui.errors, ui.errors


def screenshot_path(name: str):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
