"""The manager types view keeps every label of its chart readable: in chromium, no two text labels inside
the chart's SVG overlap and none sticks out of it, for the demo round in English, German and Russian.

German names are the longest, which is where the old map printed candidates' and archetypes' names over each
other and cut them at the edge."""

from __future__ import annotations

import pytest

from assessment.i18n import LANGUAGES, t

from .conftest import PHONE

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
TOLERANCE = 0.5  # px: neighbouring labels may touch

# Every non-empty <text> of the first chart on the page, with its box, and the box of the chart's SVG.
LABELS = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const svg = chart.querySelector('svg.main-svg').getBoundingClientRect();
  const labels = [...chart.querySelectorAll('svg text')]
    .filter(node => node.textContent.trim() && node.getBoundingClientRect().width > 0)
    .map(node => { const box = node.getBoundingClientRect();
                   return {text: node.textContent, left: box.left, right: box.right, top: box.top,
                           bottom: box.bottom}; });
  return {svg: {left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom}, labels};
}"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap by more than TOLERANCE in both directions."""
    pairs = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > TOLERANCE and down > TOLERANCE:
                pairs.append((a["text"], b["text"]))
    return pairs


def outside(labels: list[dict], svg: dict) -> list[str]:
    return [label["text"] for label in labels
            if label["left"] < svg["left"] - TOLERANCE or label["right"] > svg["right"] + TOLERANCE
            or label["top"] < svg["top"] - TOLERANCE or label["bottom"] > svg["bottom"] + TOLERANCE]


def chart_labels(ui, lang: str, source: str) -> dict:
    ui.goto("/manager_types", round=ROUND, lang=lang, source=source)
    expect(ui.page.get_by_role("heading", level=1).first).to_have_text(t("types.title", lang))
    chart = ui.page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    ui.page.wait_for_timeout(500)  # plotly lays out its labels after the first frame
    return ui.page.evaluate(LABELS)


def check(found: dict) -> None:
    labels = found["labels"]
    assert len(labels) >= 10, f"the chart shows its labels: {[label['text'] for label in labels]}"
    assert not overlapping(labels), f"labels printed over each other: {overlapping(labels)}"
    assert not outside(labels, found["svg"]), f"labels cut at the chart's edge: {outside(labels, found['svg'])}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_label_of_the_types_view_overlaps_another_or_leaves_the_chart(server, make_ui, lang):
    desktop = make_ui(server, viewport={"width": 1366, "height": 768})
    for source in ("interview", "both"):  # five candidates, then ten
        check(chart_labels(desktop, lang, source))


@pytest.mark.parametrize("lang", ["de", "ru"])  # the longest names of types and dimensions
def test_on_a_phone_too_the_labels_stay_apart_and_inside(server, make_ui, lang):
    check(chart_labels(make_ui(server, viewport=PHONE), lang, "both"))
