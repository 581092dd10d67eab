"""Comparison (committee): the round side by side — fit with intervals, profiles, self vs interviewers,
disagreements, reliability — and the exports."""

from __future__ import annotations

from functools import partial

import streamlit as st

from assessment import charts
from assessment.candidates import person_labels
from assessment.exchange import exports
from assessment.results import RoundResults
from assessment.ui.common import lang, number, query_int, refused, round_picker, set_query, tr, workspace
from assessment.ui.panels import debrief, documents_panel, plan_panel
from assessment.ui.panels import ranking as ranking_panel
from assessment.ui.panels import reliability as reliability_panel

CHART_CONFIG = {"displaylogo": False}
TOP = 30  # interviewed candidates above which the ranking and heatmap show a chosen few, the best first


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


MIME = {"json": "application/json", "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
LARGE_EXPORT = 300  # candidates from which the XLSX file is prepared first, with a progress bar


def shown_candidates(results: RoundResults) -> list[int] | None:
    """Whom the ranking and the heatmap draw: everyone in a small round (None); above `TOP` interviewed
    candidates, those the committee picks, the best fits to begin with."""
    interviewed = len(results.interviewed())
    if interviewed <= TOP:
        return None
    st.caption(tr("comparison.top_shown", shown=TOP, total=interviewed))
    return pick_candidates(results, "shown_candidates", TOP)


def export_buttons(round_id: int, candidates: int) -> None:
    columns = st.columns(len(exports.FORMATS))
    for column, fmt in zip(columns, exports.FORMATS, strict=True):
        if fmt == "xlsx" and candidates >= LARGE_EXPORT:
            with column:
                prepared_xlsx(round_id)
            continue
        column.download_button(tr("comparison.export", format=fmt.upper()),
                               partial(workspace().export, round_id, fmt, lang=lang()),  # made when clicked
                               file_name=f"round-{round_id}.{fmt}", mime=MIME[fmt], width="stretch",
                               on_click="ignore")


@st.fragment
def prepared_xlsx(round_id: int) -> None:
    """A large round's XLSX file: written when asked for, with a progress bar, then offered for download. Only
    this part of the page reruns; the file is not kept once the page moves on."""
    if not st.button(tr("comparison.prepare", format="XLSX"), width="stretch", key="prepare_xlsx"):
        return
    bar = st.progress(0.0)

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=tr("comparison.preparing", done=number(done, 0),
                                                   total=number(total, 0)))

    data = refused(workspace().export, round_id, "xlsx", progress, lang())
    bar.empty()
    if data is not None:
        st.download_button(tr("comparison.export", format="XLSX"), data, file_name=f"round-{round_id}.xlsx",
                           mime=MIME["xlsx"], width="stretch", on_click="ignore", type="primary", key="xlsx_ready")


def competency_key(results: RoundResults, key: str) -> None:
    """The key from the charts' short labels (C1, K1 …) to the competencies' full names, folded away; its table is
    made only while it is open (a closed one still cost the first page a table nobody sees)."""
    section = st.expander(tr("comparison.key"), key=key, on_change="rerun")
    if not section.open:
        return
    with section:
        st.dataframe(charts.competency_key(results.catalog, lang()), hide_index=True, width="stretch",
                     height="content")


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
shown = shown_candidates(results)
st.plotly_chart(charts.fit_ranking(results, lang(), candidate_ids=shown), config=CHART_CONFIG, key="fit")
ranking_panel.render(results)

st.subheader(tr("comparison.profiles"))
chosen = pick_candidates(results, "radar_candidates", 3)
st.plotly_chart(charts.profile_radar(results, chosen, lang()), config=CHART_CONFIG, key="radar")
competency_key(results, "radar_key")

st.subheader(tr("comparison.heatmap"))
sources = {"interview": tr("common.interviewers_view"), "self": tr("common.self_view")}
source = st.segmented_control(tr("comparison.source"), list(sources), default="interview",
                              format_func=sources.get, key="heatmap_source")
if shown is not None:  # a large round: the whole of it in one small figure, then the chosen candidates
    st.plotly_chart(charts.score_distribution(results, lang(), source or "interview"), config=CHART_CONFIG,
                    key="distribution")
st.plotly_chart(charts.competency_heatmap(results, lang(), source or "interview", candidate_ids=shown),
                config=CHART_CONFIG, key="heatmap")
st.caption(tr("comparison.heatmap_help"))
competency_key(results, "heatmap_key")

st.subheader(tr("comparison.self_vs_interview"))
interviewed = list(results.interviewed())
names = candidate_labels(results)
wanted = query_int("candidate")
candidate = st.selectbox(tr("common.candidate"), interviewed, format_func=names.get,
                         index=interviewed.index(wanted) if wanted in interviewed else 0, key="gap_candidate")
set_query(candidate=candidate)
st.plotly_chart(charts.self_vs_interview(results, candidate, lang()), config=CHART_CONFIG, key="gap")
st.caption(tr("comparison.self_vs_help"))

st.subheader(tr("comparison.disagreements"))
st.caption(tr("comparison.disagreements_help"))
st.plotly_chart(charts.disagreement_chart(results, lang()), config=CHART_CONFIG, key="disagreement")

reliability_panel.render(results)
debrief.render(results, candidate)

st.subheader(tr("comparison.exports"))
export_buttons(current.id, len(results.candidates))
documents_panel.report_buttons(results, candidate)
