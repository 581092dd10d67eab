"""The staff pages on a phone (390×844) and the candidate page at both sizes, in English, German and Russian.

test_screenshots.py takes the staff pages at desktop size; this adds the phone, where a committee member opens
the comparison between meetings. Each page is saved as tests/e2e/screenshots/<page>_phone-<lang>.png for people
to look at, and checked in the chosen language, without an exception, and no wider than the phone: a page
that scrolls sideways on a phone is one whose labels or tables are cut."""

from __future__ import annotations

import pytest

from assessment.i18n import LANGUAGES, t

from .conftest import DESKTOP, PHONE
from .test_screenshots import ROUND, demo_email, interviews, staff_page

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

# How far the page may reach past the viewport's right edge, in CSS pixels (sub-pixel rounding).
SLACK = 2


def overflow(ui) -> int:
    """How many pixels the page's content reaches past the right edge of the viewport."""
    return ui.page.evaluate("""() => {
      const main = document.querySelector('[data-testid="stMain"]') || document.body;
      return Math.max(document.documentElement.scrollWidth, main.scrollWidth) - window.innerWidth;
    }""")


def broken_words(ui) -> list[str]:
    """Words of the page's headings that the browser split over two lines (a heading too large for the
    screen): each word's text range must lie on one line."""
    return ui.page.evaluate("""() => {
      const broken = [];
      for (const heading of document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2')) {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
      }
      return broken;
    }""")


def fits(ui, name: str) -> None:
    ui.assert_no_exception()
    ui.page.evaluate("() => document.fonts.ready.then(() => true)")  # measured in the app's own font
    ui.shot(name)
    assert overflow(ui) <= SLACK, f"{name} is {overflow(ui)} px wider than the phone"
    assert not broken_words(ui), f"{name}: headings break inside the words {broken_words(ui)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_pages_on_a_phone(server, make_ui, lang):
    store = server.store()
    phone = make_ui(server, viewport=PHONE)

    staff_page(phone, lang, "/", "rounds.title", round=ROUND)
    expect(phone.page.get_by_text(t("rounds.overview", lang))).to_be_visible()
    fits(phone, f"rounds_phone-{lang}")

    staff_page(phone, lang, "/comparison", "comparison.title", round=ROUND)
    expect(phone.page.locator(".js-plotly-plot").first).to_be_visible()
    fits(phone, f"comparison_phone-{lang}")

    staff_page(phone, lang, "/manager_types", "types.title", round=ROUND)
    expect(phone.page.locator(".js-plotly-plot").first).to_be_visible()
    fits(phone, f"manager_types_phone-{lang}")

    staff_page(phone, lang, "/audit", "audit.title")
    expect(phone.page.get_by_test_id("stDataFrame").first).to_be_visible()
    fits(phone, f"audit_phone-{lang}")

    staff_page(phone, lang, "/catalogs", "catalogs.title")
    fits(phone, f"catalogs_phone-{lang}")

    candidate, draft = next(pair for pair in interviews(store, "draft"))
    interviewer = make_ui(server, viewport=PHONE, as_=demo_email(draft.interviewer))
    staff_page(interviewer, lang, "/interview", "interview.title", rounds_in_menu=False, round=ROUND,
               candidate=candidate.id)
    expect(interviewer.page.get_by_test_id("stButtonGroup").nth(1).get_by_role("radiogroup")).to_be_visible()
    fits(interviewer, f"interview_phone-{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_candidate_page_at_both_sizes(server, make_ui, lang):
    """Everything about one person: their status, answers, the interviewers' ratings and the links sent."""
    store = server.store()
    candidate, _ = next(pair for pair in interviews(store, "submitted"))
    for viewport, suffix in ((DESKTOP, ""), (PHONE, "_phone")):
        ui = make_ui(server, viewport=viewport)
        staff_page(ui, lang, "/candidate", "candidate.title", round=ROUND, candidate=candidate.id)
        expect(ui.page.get_by_role("heading", name=candidate.name, exact=True)).to_be_visible()
        for heading in ("candidate.answers", "candidate.ratings", "candidate.contact"):
            expect(ui.page.get_by_role("heading", name=t(heading, lang), exact=True)).to_be_visible()
        fits(ui, f"candidate{suffix}-{lang}")
