"""Hostile names and notes in a real browser: shown as text everywhere, never run as HTML or script."""

from __future__ import annotations

import pytest

from assessment.i18n import t
from assessment.store import item_keys

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
NAME = "<img src=x onerror=alert(1)>"
INTERVIEWER = "<b onmouseover=alert(2)>Eve</b>"
INTERVIEWER_EMAIL = "hostile.eve@example.com"
NOTES = "<script>alert(3)</script> [details](javascript:alert(4)) **bold**"

# Anything a hostile text could have turned into: an image, a handler, a script link.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) || '';
      if (/^on/i.test(attr) && /alert/.test(value)) found.push(`${el.tagName} ${attr}=${value}`);
      if ((attr === 'href' || attr === 'src') && /^\\s*javascript:/i.test(value)) found.push(`${el.tagName} ${attr}=${value}`);
    }
  }
  for (const el of document.querySelectorAll('img[src="x"], script:not([src])')) {
    if (el.tagName === 'IMG' || /alert/.test(el.textContent)) found.push(el.outerHTML.slice(0, 120));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile(server) -> int:
    """A candidate with a hostile name, a submitted self-assessment and a submitted interview by a hostile
    interviewer with hostile notes: created with the CLI and the Python API."""
    candidate_id = int(server.cli("candidate", "add", str(ROUND), NAME, "--language", "en"))
    store = server.store()
    catalog = store.catalog_of_round(ROUND)
    store.give_consent(candidate_id)
    for number, key in enumerate(item_keys(catalog)):
        store.save_answer(candidate_id, key, number % 5 + 1)
    store.submit_self_assessment(candidate_id)
    staff_id = server.staff_account(INTERVIEWER_EMAIL, INTERVIEWER, "interviewer", assign_to=(candidate_id,))
    interview = store.start_interview(candidate_id, INTERVIEWER, staff_id=staff_id)
    version = interview.version
    for number, competency in enumerate(catalog.competencies):
        version = store.save_rating(interview.id, version, competency.id, number % 5 + 1, notes=NOTES)
    version = store.set_recommendation(interview.id, version, "strong_no")
    store.submit_interview(interview.id, version)
    return candidate_id


def assert_inert(ui) -> None:
    page = ui.page
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert page.evaluate(INJECTED) == []
    assert page.locator("b", has_text="Eve").count() == 0
    assert not ui.dialogs, ui.dialogs


def test_hostile_names_are_shown_as_text_and_never_run(server, ui, make_ui, hostile):
    page = ui.page
    fired = []
    page.on("dialog", lambda dialog: fired.append(dialog.message))

    # Rounds: the name in the candidate list of the invite tab, as text.
    ui.goto("/", round=ROUND)  # Rounds is the default page: it lives at the root
    ui.act(page.get_by_role("tab", name=t("rounds.tab_invite", "en")).click, runs=0)
    ui.select(t("rounds.invite_who", "en"), NAME)
    page.get_by_role("combobox", name=t("rounds.invite_who", "en")).click()
    expect(page.get_by_role("option", name=NAME, exact=True)).to_be_visible()
    expect(page.get_by_text(NAME, exact=True).first).to_be_visible()
    page.keyboard.press("Escape")
    ui.click(page.get_by_role("button", name=t("rounds.invite", "en")))
    expect(page.get_by_text(t("rounds.invite_copy", "en"))).to_be_visible()
    assert_inert(ui)

    # Interview, signed in as the hostile interviewer: their submitted interview with the others' table.
    eve = make_ui(server, as_=INTERVIEWER_EMAIL)
    eve.page.on("dialog", lambda dialog: fired.append(dialog.message))
    eve.goto("/interview", round=ROUND, candidate=hostile)
    expect(eve.page.get_by_text(t("interview.submitted", "en", name=NAME), exact=True)).to_be_visible()
    expect(eve.page.get_by_text(f"{INTERVIEWER}: {t('recommendation.strong_no', 'en')}", exact=True)).to_be_visible()
    expect(eve.page.get_by_text(t("signin.signed_in_as", "en", name=INTERVIEWER, role="Interviewer"))).to_be_visible()
    eve.act(eve.page.get_by_test_id("stExpander").filter(has_text=t("interview.notes", "en")).locator("summary")
            .click, runs=0)
    assert_inert(eve)

    # Comparison: every chart, with the hostile candidate in the ranking and in the self-vs-interview chart.
    ui.goto("/comparison", round=ROUND, candidate=hostile)
    charts = page.locator(".js-plotly-plot")
    expect(charts.first).to_be_visible()
    ui.click(page.locator(".st-key-gap_section summary").first)  # the self-view is a folded section
    expect(page.locator(".st-key-gap .js-plotly-plot")).to_be_visible()
    expect(page.get_by_role("combobox", name=t("common.candidate", "en"), exact=True)).to_have_value(NAME)
    expect(page.locator(".st-key-fit .ytick text").first).to_be_attached()  # drawn (the first chart may be ahead)
    ranking_ticks = page.locator(".st-key-fit .ytick text").all_text_contents()
    assert NAME in ranking_ticks, ranking_ticks
    svg_text = " ".join(page.locator(".js-plotly-plot svg text").all_text_contents())
    assert NAME in svg_text
    assert "&lt;" not in svg_text and "\\<" not in svg_text  # readable: neither double-escaped nor backslashed
    # Hover labels are built on demand: hover every point of the ranking.
    for point in page.locator(".st-key-fit .scatterlayer .point").all():
        point.hover(force=True)
    assert_inert(ui)

    # Manager types: the name on the strip of strengths and in the list of its type's members, as text.
    ui.goto("/manager_types", round=ROUND)
    expect(page.locator(".st-key-types_strip .js-plotly-plot")).to_be_visible()
    strip_text = page.locator(".st-key-types_strip svg text").all_text_contents()
    assert any(text.startswith("<img src=x") for text in strip_text), strip_text  # maybe shortened, literal
    box = page.locator(".st-key-types_strip .nsewdrag").first.bounding_box()
    for step in range(1, 10):  # hover labels are built on demand: move over the cells
        page.mouse.move(box["x"] + box["width"] * step / 10, box["y"] + box["height"] * step / 10)
    for panel in page.get_by_test_id("stExpander").all():
        ui.act(panel.locator("summary").click, runs=0)
    expect(page.get_by_test_id("stExpander").get_by_text(NAME).first).to_be_visible()
    assert_inert(ui)
    assert not fired, fired


def test_addresses_in_a_name_are_not_turned_into_links(server, ui):
    """Markdown links bare e-mail and web addresses even when their punctuation is escaped; a name that holds
    one must still show as text."""
    name = "Mallory mallory@evil.example www.evil.example https://evil.example/x"
    store = server.store()
    candidate = store.add_candidate(ROUND, name, language="en").id
    ui.page.goto(server.url("/", token=store.invite(candidate), lang="en"))
    ui.loaded()
    heading = ui.page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Mallory")
    assert heading.inner_text().replace("\u2060", "") == t("self.welcome", "en", name=name)
    expect(ui.page.locator("a[href*='evil']:not([href^='#'])")).to_have_count(0)  # a heading's own anchor aside
