"""Full-page screenshots of every page in English, German and Russian, for people to look at.

Saved as tests/e2e/screenshots/<page>-<lang>.png (git-ignored): desktop 1280×900, and the candidate's pages
also at phone size 390×844 (<page>_phone-<lang>.png). Each page is also checked to be in the chosen language
and to show no exception."""

from __future__ import annotations

import pytest

from assessment.demo_staff import TEAM
from assessment.i18n import LANGUAGES, t
from assessment.results.questionnaire import steps
from assessment.store import item_keys

from .conftest import PHONE

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
CANDIDATES = {"en": "Alex Morgan", "de": "Lena Fischer", "ru": "Анна Иванова"}


def interviews(store, status: str):
    for candidate in store.list_candidates(ROUND):
        for interview in store.interviews_of(candidate.id):
            if interview.status == status:
                yield candidate, interview


def demo_email(name: str) -> str:
    return next(person.email for person in TEAM if person.name == name)


def staff_page(ui, lang: str, path: str, title_key: str | None, rounds_in_menu: bool = True, **query) -> None:
    ui.goto(path, lang=lang, **query)
    nav = ui.page.get_by_test_id("stSidebarNav")
    if rounds_in_menu:
        expect(nav).to_contain_text(t("nav.rounds", lang))
    expect(nav).to_contain_text(t("nav.catalogs", lang))
    if title_key:
        expect(ui.page.get_by_role("heading", level=1).first).to_have_text(t(title_key, lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots_of_every_page(server, make_ui, lang):
    store = server.store()
    desktop, phone = make_ui(server), make_ui(server, viewport=PHONE)

    # --- staff pages ---------------------------------------------------------------------------------
    staff_page(desktop, lang, "/", "rounds.title", round=ROUND)
    desktop.shot(f"rounds-{lang}")

    team = {person.name for person in TEAM}  # a demo interviewer's draft (other tests may have begun others)
    candidate, draft = next((c, i) for c, i in interviews(store, "draft") if i.interviewer in team)
    interviewer = make_ui(server, as_=demo_email(draft.interviewer))  # signed in as its author
    staff_page(interviewer, lang, "/interview", "interview.title", rounds_in_menu=False, round=ROUND,
               candidate=candidate.id)
    # One competency open at a time: its picker, then its rating beside the anchors.
    expect(interviewer.page.get_by_test_id("stButtonGroup").nth(1).get_by_role("radiogroup")).to_be_visible()
    interviewer.shot(f"interview-{lang}")

    candidate, done = max(((c, i) for c, i in interviews(store, "submitted") if i.interviewer in team),
                          key=lambda pair: len(store.interviews_of(pair[0].id)))
    interviewer = make_ui(server, as_=demo_email(done.interviewer))
    staff_page(interviewer, lang, "/interview", "interview.title", rounds_in_menu=False, round=ROUND,
               candidate=candidate.id)
    expect(interviewer.page.get_by_role("heading", name=t("interview.all_ratings", lang))).to_be_visible()
    interviewer.shot(f"interview_submitted-{lang}")

    staff_page(desktop, lang, "/comparison", "comparison.title", round=ROUND)
    charts = desktop.page.locator(".js-plotly-plot")
    expect(charts.first).to_be_visible()
    for section in ("profiles_section", "heatmap_section", "gap_section", "disagreement_section"):
        desktop.click(desktop.page.locator(f".st-key-{section} summary").first)  # folded at first
    expect(charts.nth(4)).to_be_attached()  # at least five charts, waiting while the page still draws them
    expect(desktop.page.locator(".st-key-fit .gtitle")).to_have_text(t("charts.fit.title", lang))
    desktop.shot(f"comparison-{lang}")

    staff_page(desktop, lang, "/audit", "audit.title")
    expect(desktop.page.get_by_test_id("stDataFrame").first).to_be_visible()
    desktop.shot(f"audit-{lang}")

    staff_page(desktop, lang, "/catalogs", "catalogs.title")
    desktop.act(desktop.page.get_by_test_id("stExpander").first.locator("summary").click, runs=0)
    desktop.shot(f"catalogs-{lang}")

    staff_page(desktop, lang, "/manager_types", "types.title", round=ROUND)
    expect(desktop.page.locator(".st-key-types_strip .gtitle")).to_have_text(t("types.strip.title", lang))
    expect(desktop.page.get_by_test_id("stDataFrame").first).to_be_visible()
    desktop.act(desktop.page.get_by_test_id("stExpander").first.locator("summary").click, runs=0)
    expect(desktop.page.get_by_test_id("stExpander").first.locator(".js-plotly-plot")).to_be_visible()
    desktop.shot(f"manager_types-{lang}")

    # --- the candidate's pages: consent, a question step, thank you, and a link that is not valid -----
    candidate = store.add_candidate(ROUND, CANDIDATES[lang], language=lang)
    token = store.invite(candidate.id)

    def both(name: str, check) -> None:
        for ui, suffix in ((desktop, ""), (phone, "_phone")):
            ui.goto("/", token=token, lang=lang)
            check(ui.page)
            ui.shot(f"{name}{suffix}-{lang}")

    both("self_consent", lambda page: expect(page.get_by_role("button", name=t("self.start", lang))).to_be_visible())

    store.give_consent(candidate.id)
    keys = item_keys(store.catalog_of_round(ROUND))
    for number, key in enumerate(keys[:3]):
        store.save_answer(candidate.id, key, number + 3)
    both("self_step", lambda page: expect(page.get_by_text(t("self.progress", lang, answered=3, total=len(keys))))
         .to_be_visible())

    for number, key in enumerate(keys):
        store.save_answer(candidate.id, key, number % 5 + 1)
    steps_count = len(steps(store.catalog_of_round(ROUND)))
    for ui, suffix in ((desktop, ""), (phone, "_phone")):  # the review, then its confirmation ticked
        ui.goto("/", token=token, lang=lang, step=steps_count)
        expect(ui.page.get_by_text(t("self.review_complete", lang))).to_be_visible()
        ui.shot(f"self_review{suffix}-{lang}")
        ui.click(ui.page.get_by_text(t("self.submit_confirm", lang), exact=True))
        expect(ui.page.get_by_role("button", name=t("self.submit", lang))).to_be_enabled()
        ui.shot(f"self_confirm{suffix}-{lang}")
    store.submit_self_assessment(candidate.id)
    both("self_thanks", lambda page: expect(page.get_by_role("heading", name=t("self.thanks_title", lang)))
         .to_be_visible())

    for ui, suffix in ((desktop, ""), (phone, "_phone")):
        ui.goto("/", token="forged", lang=lang)
        expect(ui.page.get_by_role("heading", name=t("self.invalid_title", lang))).to_be_visible()
        ui.shot(f"invalid_link{suffix}-{lang}")

    # --- signing in: the form a stranger is sent to, and the page after signing out ---------------------
    for viewport, suffix in ((None, ""), (PHONE, "_phone")):
        stranger = make_ui(server, viewport=viewport, as_=None)
        stranger.page.goto(server.url("/", lang=lang))
        expect(stranger.page.get_by_role("button", name=t("signin.submit", lang))).to_be_visible()
        stranger.shot(f"sign_in_form{suffix}-{lang}")
        leaving = make_ui(server, viewport=viewport)
        leaving.goto("/catalogs", lang=lang)
        if suffix:  # on a phone the menu with "Sign out" is folded away
            leaving.page.get_by_test_id("stExpandSidebarButton").click()
        leaving.click(leaving.page.get_by_role("button", name=t("signin.sign_out", lang)), runs=2)
        expect(leaving.page.get_by_role("heading", name=t("signin.page_title", lang))).to_be_visible()
        leaving.shot(f"signed_out{suffix}-{lang}")
