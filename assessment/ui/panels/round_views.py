"""The comparison page's views of the round below the ranking table, each a folded section (`lazy_section`):
the ranking chart, the profiles, the heatmap, the disagreements and the chosen candidate's self-view. Each is
worked out and drawn only once opened: any chart costs a first page the 4.7 MB plotly.js, and each figure its
drawing (issue 18, bench_browser)."""

from __future__ import annotations

import streamlit as st

from assessment import charts
from assessment.candidates import person_labels
from assessment.results import RoundResults
from assessment.ui.common import lang, lazy_section, tr

CHART_CONFIG = {"displaylogo": False}


def candidate_labels(results: RoundResults) -> dict[int, str]:
    table = results.candidates
    emails = table["email"] if "email" in table else [None] * len(table)
    return person_labels(zip(table.index, table["name"], emails, strict=True))


def pick_candidates(results: RoundResults, key: str, default_count: int) -> list[int]:
    interviewed = list(results.interviewed())
    names = candidate_labels(results)
    ranked = results.fit.loc[interviewed, "fit"].sort_values(ascending=False).index.tolist()
    return st.multiselect(tr("comparison.choose_candidates"), interviewed, default=ranked[:default_count],
                          format_func=names.get, key=key)


def competency_key(results: RoundResults, key: str) -> None:
    """The key from the charts' short labels (C1, K1 …) to the competencies' full names, folded away inside its
    section (a compact toggle); its table is made only while it is open."""
    section = st.expander(tr("comparison.key"), key=key, on_change="rerun", type="compact")
    if not section.open:
        return
    with section:
        st.dataframe(charts.competency_key(results.catalog, lang()), hide_index=True, width="stretch",
                     height="content")


def fit_chart(results: RoundResults, shown: list[int] | None) -> None:
    """The ranking drawn with its intervals: open at first in a round whose ranking fits in one chart; folded in a
    larger one, whose first view is the table above (any chart costs a first page the 4.7 MB plotly.js)."""
    if (section := lazy_section(tr("comparison.fit_chart"), "fit_section", ":material/leaderboard:",
                                expanded=shown is None)) is None:
        return
    with section:
        st.caption(tr("comparison.fit_chart_help"))
        st.plotly_chart(charts.fit_ranking(results, lang(), candidate_ids=shown), config=CHART_CONFIG, key="fit")


def profiles(results: RoundResults) -> None:
    if (section := lazy_section(tr("comparison.profiles"), "profiles_section", ":material/radar:")) is None:
        return
    with section:
        chosen = pick_candidates(results, "radar_candidates", 3)
        st.plotly_chart(charts.profile_radar(results, chosen, lang()), config=CHART_CONFIG, key="radar")
        competency_key(results, "radar_key")


def heatmap(results: RoundResults, shown: list[int] | None) -> None:
    """Everyone's scores by competency: in a large round, the whole round's distribution in one small figure and
    the candidates chosen above the ranking in the heatmap."""
    if (section := lazy_section(tr("comparison.heatmap"), "heatmap_section", ":material/grid_on:")) is None:
        return
    with section:
        sources = {"interview": tr("common.interviewers_view"), "self": tr("common.self_view")}
        source = st.segmented_control(tr("comparison.source"), list(sources), default="interview",
                                      format_func=sources.get, key="heatmap_source") or "interview"
        if shown is not None:
            st.plotly_chart(charts.score_distribution(results, lang(), source), config=CHART_CONFIG,
                            key="distribution")
        st.plotly_chart(charts.competency_heatmap(results, lang(), source, candidate_ids=shown),
                        config=CHART_CONFIG, key="heatmap")
        st.caption(tr("comparison.heatmap_help"))
        competency_key(results, "heatmap_key")


def disagreements(results: RoundResults) -> None:
    if (section := lazy_section(tr("comparison.disagreements"), "disagreement_section",
                                ":material/difference:")) is None:
        return
    with section:
        st.caption(tr("comparison.disagreements_help"))
        st.plotly_chart(charts.disagreement_chart(results, lang()), config=CHART_CONFIG, key="disagreement")


def self_vs_interview(results: RoundResults, candidate: int) -> None:
    if (section := lazy_section(tr("comparison.self_vs_interview"), "gap_section",
                                ":material/compare_arrows:")) is None:
        return
    with section:
        st.plotly_chart(charts.self_vs_interview(results, candidate, lang()), config=CHART_CONFIG, key="gap")
        st.caption(tr("comparison.self_vs_help"))
