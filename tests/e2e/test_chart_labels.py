"""Every label of every chart on the comparison page is readable in a real browser: in each language, each text of
each plotly figure (tick labels, legend entries, titles, notes) lies inside its figure, none is cut short with an
ellipsis, neither the title nor the legend is overprinted by tick labels, and each competency's full name is
reachable in the hover texts of the figures that label competencies by short code (radar, heatmap) or by row
(self-view)."""

from __future__ import annotations

import html

import pytest

from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
CHARTS = ("fit", "radar", "heatmap", "gap", "disagreement")  # the page's chart keys, top to bottom
# The folded sections that hold every chart but the ranking, opened as a person would
SECTIONS = ("profiles_section", "heatmap_section", "disagreement_section", "gap_section")
NAMED = ("radar", "heatmap", "gap")  # figures that label every competency of the catalog

# Per chart: its texts with their boxes, the figure's box, the title's box and every hover text it carries.
_MEASURE = """(keys) => keys.map((key) => {
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const box = (el) => { const r = el.getBoundingClientRect();
                        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const texts = [...plot.querySelectorAll('svg.main-svg text')]
    .filter((el) => !el.closest('.hoverlayer') && el.textContent.trim() && el.getBBox().width > 0)
    .map((el) => ({text: el.textContent, cls: el.getAttribute('class') || '', ...box(el)}));
  const title = plot.querySelector('.gtitle');
  const hover = plot.data.flatMap((trace) => [trace.hovertext, trace.text].flat(2)).filter((h) => h);
  return {key, frame: box(plot.querySelector('svg.main-svg')), texts, title: title ? box(title) : null,
          hover: hover.map(String)};
})"""
TICKS = ("xtick", "ytick", "angularaxistick", "radialaxistick")


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _inside(text: dict, frame: dict, slack: float = 1.0) -> bool:
    return (text["left"] >= frame["left"] - slack and text["right"] <= frame["right"] + slack
            and text["top"] >= frame["top"] - slack and text["bottom"] <= frame["bottom"] + slack)


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_every_chart_label_is_whole_and_every_competency_named(server, ui, lang):
    catalog = server.store().catalog_of_round(ROUND)
    page = ui.page
    ui.goto("/comparison", round=ROUND, lang=lang)
    expect(page.get_by_role("heading", name=t("comparison.ranking", lang))).to_be_visible()
    for key in SECTIONS:
        ui.click(page.locator(f".st-key-{key} summary").first)
    for key in CHARTS:
        expect(page.locator(f".st-key-{key} .js-plotly-plot svg.main-svg").first).to_be_attached()
    page.wait_for_timeout(500)  # the last figures finish their layout
    charts = page.evaluate(_MEASURE, list(CHARTS))

    for chart in charts:
        assert chart["texts"], f"{chart['key']}: no text drawn"
        outside = [c["text"] for c in chart["texts"] if not _inside(c, chart["frame"])]
        assert not outside, f"{lang} {chart['key']}: labels cut off at the figure's edge: {outside}"
        cut = [c["text"] for c in chart["texts"] if "…" in c["text"]]
        assert not cut, f"{lang} {chart['key']}: labels shortened: {cut}"
        ticks = [c for c in chart["texts"] if any(name in c["cls"] for name in TICKS)]
        legend = [c for c in chart["texts"] if "legendtext" in c["cls"]]
        crossed = [(a["text"], b["text"]) for a in ticks for b in legend if _overlap(a, b)]
        assert not crossed, f"{lang} {chart['key']}: tick labels under the legend: {crossed}"
        if chart["title"]:
            over = [c["text"] for c in ticks if _overlap(c, chart["title"])]
            assert not over, f"{lang} {chart['key']}: tick labels overprint the title: {over}"

    hover = {chart["key"]: html.unescape(" ".join(chart["hover"])) for chart in charts}
    for key in NAMED:
        missing = [c.name.get(lang) for c in catalog.competencies if c.name.get(lang) not in hover[key]]
        assert not missing, f"{lang} {key}: full names not in the figure's hover texts: {missing}"

    key_label = t("comparison.key", lang)
    expanders = page.locator(".st-key-radar_key, .st-key-heatmap_key")
    expect(expanders).to_have_count(2)  # under the radar and under the heatmap
    expect(expanders.get_by_text(key_label)).to_have_count(2)
    ui.click(expanders.first.get_by_text(key_label))
    expect(expanders.first.get_by_test_id("stDataFrame")).to_be_visible()
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)
