"""The comparison page's first view draws the ranking and little else; the round's other views are folded
sections, worked out and drawn only once opened (issue 18: every chart costs the browser its drawing, and any
chart at all the 4.7 MB plotly.js). Each section is labelled in every language and reachable."""

from __future__ import annotations

import re

import pytest

from assessment import i18n
from assessment.demo import synthetic_round
from assessment.results.loader import load_round

pytestmark = pytest.mark.slow  # every page runs the whole app script

# A section's session-state key: its label and the charts it draws once open.
SECTIONS = {
    "profiles_section": ("comparison.profiles", ["radar"]),
    "heatmap_section": ("comparison.heatmap", ["heatmap"]),
    "disagreement_section": ("comparison.disagreements", ["disagreement"]),
    "gap_section": ("comparison.self_vs_interview", ["gap"]),
}


def charts(element) -> list[str]:
    """The keys of the plotly charts in `element` (the page or a section), top to bottom."""
    return [chart.proto.id.rsplit("-", 1)[-1] for chart in element.get("plotly_chart")]


def section(at, label_key: str, lang: str = "en"):
    found = [e for e in at.expander if e.label == i18n.t(label_key, lang)]
    assert len(found) == 1, [e.label for e in at.expander]
    return found[0]


def ranking_tables(at, lang: str = "en") -> list:
    return [d.value for d in at.dataframe if i18n.t("comparison.col.standing", lang) in d.value.columns]


def decision_tables(at, lang: str = "en") -> list:
    return [d.value for d in at.dataframe if i18n.t("debrief.col.decision", lang) in d.value.columns]


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_the_first_view_draws_the_ranking_and_folds_the_rest(app, lang):
    at = app("comparison", lang=lang, round=1)
    assert not at.exception and not at.error
    assert charts(at) == ["fit"], "one chart on the first view of a small round: the ranking"
    [table] = ranking_tables(at, lang)
    assert list(table[i18n.t("ranking.col.rank", lang)]) == list(range(1, len(table) + 1))
    assert set(table[i18n.t("comparison.col.standing", lang)]) <= {
        i18n.t(f"comparison.standing.{group}", lang) for group in ("leader", "tied", "behind")}
    for label_key, _ in SECTIONS.values():
        assert not section(at, label_key, lang).children, f"{label_key}: closed, nothing of it is made or sent"
    assert not section(at, "trust.title", lang).children
    # A small round's decisions stay open at first: they fit in their table.
    assert len(decision_tables(at, lang)) == 1
    assert at.selectbox(key="gap_candidate").value is not None, "the candidate to debrief is chosen at first view"


@pytest.mark.parametrize("key", list(SECTIONS))
def test_an_opened_section_draws_its_charts_and_no_other(app, key):
    label_key, drawn = SECTIONS[key]
    at = app("comparison", round=1)
    at.session_state[key] = True  # opened, as a click (or Enter on its summary) would
    at.run()
    assert not at.exception and not at.error
    assert charts(section(at, label_key)) == drawn
    assert charts(at) == ["fit", *drawn], "the other sections stay closed and empty"
    at.session_state[key] = False  # and closed again: its charts are gone
    at.run()
    assert charts(at) == ["fit"]


def test_the_self_view_follows_the_chosen_candidate(app, demo_store):
    interviewed = list(load_round(demo_store, 1).interviewed())
    at = app("comparison", round=1, candidate=interviewed[0])
    at.session_state["gap_section"] = True
    at.run()
    at.session_state["gap_candidate"] = interviewed[1]  # another candidate chosen, as the picker would
    at.run()
    assert not at.exception and not at.error
    assert section(at, "comparison.self_vs_interview").children, "the section stays open for the new candidate"
    assert charts(at) == ["fit", "gap"]
    assert at.query_params["candidate"] in (str(interviewed[1]), [str(interviewed[1])])
    name = demo_store.get_candidate(interviewed[1]).name
    assert name in section(at, "comparison.self_vs_interview").get("plotly_chart")[0].proto.spec
    heading = f"##### {i18n.t('debrief.candidate', 'en', name=name)}"
    assert heading in [m.value for m in at.markdown], "the debrief is about the same candidate"


def test_a_large_round_shows_its_ranking_as_a_table_and_folds_the_rest(app, demo_store):
    large = synthetic_round(demo_store, 60)
    at = app("comparison", round=large.id, lang="de")
    assert not at.exception and not at.error
    assert charts(at) == [], "a large round's first view draws no chart: its ranking is a table"
    shown = at.multiselect(key="shown_candidates").value
    assert len(shown) == 30, "the top of the ranking, and the committee picks whom else to compare"
    [table] = ranking_tables(at, "de")
    assert len(table) == 30 and table[i18n.t("ranking.col.rank", "de")].iloc[0] == 1
    advice = [m.value for m in at.markdown if m.value.startswith("- ") and "%" in m.value]
    assert advice and not any(re.search(r"\. [a-zäöüа-яё]", line) for line in advice), \
        advice  # whole sentences, each begun with a capital (what would help reads alone when no competency is left)
    assert not section(at, "comparison.fit_chart", "de").children
    at.session_state["fit_section"] = True
    at.run()
    assert charts(section(at, "comparison.fit_chart", "de")) == ["fit"], "the chart, once opened"
    overview = section(at, "debrief.overview", "de")
    assert not overview.children and not decision_tables(at, "de"), "closed: its table of everyone is not sent"
    at.session_state["debrief_overview"] = True
    at.session_state["heatmap_section"] = True
    at.run()
    assert not at.exception and not at.error
    tables = decision_tables(at, "de")
    interviewed = len(at.multiselect(key="shown_candidates").options)
    assert len(tables) == 1 and len(tables[0]) == interviewed, "opened: every interviewed candidate"
    assert charts(section(at, "comparison.heatmap", "de")) == ["distribution", "heatmap"]


def test_a_large_rounds_xlsx_file_is_prepared_on_request_and_its_export_recorded(app, demo_store):
    large = synthetic_round(demo_store, 300)  # LARGE_EXPORT of the comparison page
    at = app("comparison", round=large.id, lang="ru")
    assert not at.exception and not at.error
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("xlsx_ready")], "written only on request"
    at.button(key="prepare_xlsx").click().run()
    assert not at.exception and not at.error
    (ready,) = [b for b in at.get("download_button") if b.proto.id.endswith("xlsx_ready")]
    assert ready.proto.label == i18n.t("comparison.export", "ru", format="XLSX")
    exports = [e for e in demo_store.audit_events(large.id)
               if e.action == "round.export" and e.subject == f"round:{large.id}"]
    assert [e.actor for e in exports] == ["admin@demo.example"]
