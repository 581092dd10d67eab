"""The comparison page's folded sections in a real browser: the first view draws only the ranking; a section is
reached and opened with the keyboard alone, draws its chart, and folds away again (issue 18)."""

from __future__ import annotations

import pytest

from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
SECTIONS = (("profiles_section", "comparison.profiles", "radar"),
            ("heatmap_section", "comparison.heatmap", "heatmap"),
            ("disagreement_section", "comparison.disagreements", "disagreement"))


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_sections_open_and_close_with_the_keyboard(server, ui, lang):
    page = ui.page
    ui.goto("/comparison", round=ROUND, lang=lang)
    expect(page.locator(".st-key-fit .js-plotly-plot .main-svg").first).to_be_attached()
    expect(page.locator(".js-plotly-plot")).to_have_count(1)  # the ranking alone

    first, _, _ = SECTIONS[0]
    page.locator(f".st-key-{first} summary").first.focus()
    for number, (key, label, chart) in enumerate(SECTIONS):
        summary = page.locator(f".st-key-{key} summary").first
        expect(summary).to_contain_text(t(label, lang))
        if number:  # the next section is the next stop of the Tab key: nothing focusable in a closed one
            page.keyboard.press("Tab")
        assert summary.evaluate("e => e === document.activeElement"), f"{key} is not reached with Tab"
        ui.act(lambda: page.keyboard.press("Enter"))
        drawn = page.locator(f".st-key-{chart} .js-plotly-plot .main-svg").first
        expect(drawn).to_be_attached()
        expect(page.locator(".js-plotly-plot")).to_have_count(2)  # the ranking and this section's chart
        summary.focus()  # the rerun may leave the focus elsewhere; the person is still on this summary
        ui.act(lambda: page.keyboard.press("Enter"))
        expect(page.locator(f".st-key-{chart}")).to_have_count(0)  # folded: made no longer
        expect(page.locator(".js-plotly-plot")).to_have_count(1)
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)
