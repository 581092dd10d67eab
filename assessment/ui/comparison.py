"""Comparison (committee): the round side by side — fit with intervals, profiles, self vs interviewers,
disagreements, reliability — the debrief and the exports.

The first view shows the ranking and little else: the profiles, the heatmap, the disagreements, the reliability
and the chosen candidate's self-view are folded sections (`panels.round_views`), worked out and drawn only once
opened (issue 18: a page's charts cost the browser far more than the server's run)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from assessment.exchange import exports
from assessment.results import RoundResults
from assessment.ui.common import lang, number, query_int, refused, round_picker, set_query, tr, workspace
from assessment.ui.fragments import rerun_alone
from assessment.ui.panels import debrief, documents_panel, plan_panel
from assessment.ui.panels import ranking as ranking_panel
from assessment.ui.panels import reliability as reliability_panel
from assessment.ui.panels.round_views import (
    candidate_labels,
    disagreements,
    fit_chart,
    heatmap,
    pick_candidates,
    profiles,
    self_vs_interview,
)

TOP = 30  # interviewed candidates above which the ranking and heatmap show a chosen few, the best first


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


@rerun_alone
def prepared_xlsx(round_id: int) -> None:
    """A large round's XLSX file: written when asked for, with a progress bar, then offered for download. Only
    this part of the page reruns (who is signed in checked again); the file is not kept once the page moves
    on."""
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


def overview(results: RoundResults) -> None:
    counts = results.candidates["state"].value_counts()
    columns = st.columns(4)
    columns[0].metric(tr("comparison.candidates"), len(results.candidates))
    columns[1].metric(tr("comparison.self_done"), int(counts.get("submitted", 0) + counts.get("interviewed", 0)))
    columns[2].metric(tr("comparison.interviewed"), len(results.interviewed()))
    columns[3].metric(tr("comparison.interviews"), int((results.interviews["status"] == "submitted").sum()))


def candidate_picker(results: RoundResults) -> int:
    """The candidate the debrief, the self-view chart and the candidate report are about; kept in the URL."""
    interviewed = list(results.interviewed())
    names = candidate_labels(results)
    wanted = query_int("candidate")
    candidate = st.selectbox(tr("common.candidate"), interviewed, format_func=names.get,
                             index=interviewed.index(wanted) if wanted in interviewed else 0, key="gap_candidate")
    set_query(candidate=candidate)
    return candidate


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


# The first view draws the ranking and little else (issue 18: plotly.js and every figure cost the browser more
# than the server's run); the round's other views are folded sections, made only when the committee opens them.
# A large round's first view has no chart at all: its ranking is a table, the chart one click away.
st.subheader(tr("comparison.ranking"))
st.caption(tr("comparison.ranking_table_help"))
shown = shown_candidates(results)
ranking_panel.fit_table(results, shown)
fit_chart(results, shown)
ranking_panel.render(results)

profiles(results)
heatmap(results, shown)
disagreements(results)
reliability_panel.render(results)

debrief.heading(results)
candidate = candidate_picker(results)
self_vs_interview(results, candidate)
debrief.render(results, candidate)

st.subheader(tr("comparison.exports"))
export_buttons(current.id, len(results.candidates))
documents_panel.report_buttons(results, candidate)
