"""Comparison (committee): the round side by side — fit with intervals, profiles, self vs interviewers,
disagreements, reliability — and the exports."""

from __future__ import annotations

from functools import partial

import streamlit as st

from assessment import charts
from assessment.exchange import exports
from assessment.results import RoundResults
from assessment.ui.common import lang, query_int, refused, round_picker, set_query, tr, workspace
from assessment.ui.panels import documents_panel, plan_panel
from assessment.ui.panels import reliability as reliability_panel

CHART_CONFIG = {"displaylogo": False}


def pick_candidates(results: RoundResults, key: str, default_count: int) -> list[int]:
    interviewed = list(results.interviewed())
    names = results.candidates["name"].to_dict()
    ranked = results.fit.loc[interviewed, "fit"].sort_values(ascending=False).index.tolist()
    return st.multiselect(tr("comparison.choose_candidates"), interviewed, default=ranked[:default_count],
                          format_func=names.get, key=key)


def export_buttons(round_id: int) -> None:
    columns = st.columns(len(exports.FORMATS))
    mime = {"json": "application/json", "csv": "text/csv",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    for column, fmt in zip(columns, exports.FORMATS, strict=True):
        column.download_button(tr("comparison.export", format=fmt.upper()),
                               partial(workspace().export, round_id, fmt),  # made when clicked
                               file_name=f"round-{round_id}.{fmt}", mime=mime[fmt], width="stretch",
                               on_click="ignore")


def overview(results: RoundResults) -> None:
    counts = results.candidates["state"].value_counts()
    columns = st.columns(4)
    columns[0].metric(tr("comparison.candidates"), len(results.candidates))
    columns[1].metric(tr("comparison.self_done"), int(counts.get("submitted", 0) + counts.get("interviewed", 0)))
    columns[2].metric(tr("comparison.interviewed"), len(results.interviewed()))
    columns[3].metric(tr("comparison.interviews"), int((results.interviews["status"] == "submitted").sum()))


st.title(tr("comparison.title"))
current = round_picker()
if current is None:
    st.stop()
results = refused(workspace().results, current.id)
if results is None:
    st.stop()
if hidden := workspace().hidden(current.id):
    st.info(tr("comparison.hidden_own", count=len(hidden)))
overview(results)
plan_panel.plan_note(results)  # the round's plan: rationale, own weights, what is not assessed
if results.interviewed().empty:
    st.info(tr("comparison.no_interviews"))
    st.stop()

st.subheader(tr("comparison.ranking"))
st.caption(tr("comparison.ranking_help"))
st.plotly_chart(charts.fit_ranking(results, lang()), config=CHART_CONFIG, key="fit")

st.subheader(tr("comparison.profiles"))
chosen = pick_candidates(results, "radar_candidates", 3)
st.plotly_chart(charts.profile_radar(results, chosen, lang()), config=CHART_CONFIG, key="radar")

st.subheader(tr("comparison.heatmap"))
sources = {"interview": tr("common.interviewers_view"), "self": tr("common.self_view")}
source = st.segmented_control(tr("comparison.source"), list(sources), default="interview",
                              format_func=sources.get, key="heatmap_source")
st.plotly_chart(charts.competency_heatmap(results, lang(), source or "interview"), config=CHART_CONFIG,
                key="heatmap")

st.subheader(tr("comparison.self_vs_interview"))
interviewed = list(results.interviewed())
names = results.candidates["name"].to_dict()
wanted = query_int("candidate")
candidate = st.selectbox(tr("common.candidate"), interviewed, format_func=names.get,
                         index=interviewed.index(wanted) if wanted in interviewed else 0, key="gap_candidate")
set_query(candidate=candidate)
st.plotly_chart(charts.self_vs_interview(results, candidate, lang()), config=CHART_CONFIG, key="gap")

st.subheader(tr("comparison.disagreements"))
st.caption(tr("comparison.disagreements_help"))
st.plotly_chart(charts.disagreement_chart(results, lang()), config=CHART_CONFIG, key="disagreement")

reliability_panel.render(results)

st.subheader(tr("comparison.exports"))
export_buttons(current.id)
documents_panel.report_buttons(results, candidate)
