"""Manager types (committee): each candidate's type, how clear the grouping is, everyone's relative strengths,
each type's profile with its description, and per candidate why they got their type."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from assessment.charts import manager_types as type_charts
from assessment.errors import UserError
from assessment.results.cache import types_of
from assessment.results.manager_types import FITS, REFIT_SHARE, SOURCES, RoundTypes, archetype_descriptions
from assessment.ui.common import lang, lazy_section, number, plain, round_picker, set_query, tr, workspace

CHART_CONFIG = {"displaylogo": False}
MEMBERS_LISTED = 30  # members of a type listed by name (the clearest first); the table above holds everyone
SOURCE_KEYS = {"interview": "common.interviewers_view", "self": "common.self_view", "both": "types.source_both"}


def pick_source() -> str:
    wanted = st.query_params.get("source")
    labels = {source: tr(key) for source, key in SOURCE_KEYS.items()}  # bound now: AppTest formats later
    chosen = st.segmented_control(tr("types.source"), list(SOURCES), format_func=labels.get,
                                  default=wanted if wanted in SOURCES else "interview", key="types_source")
    chosen = chosen or "interview"
    set_query(source=chosen)
    return chosen


def structure(typed: RoundTypes) -> None:
    """How far the grouping can be trusted, in plain words."""
    count = len(typed.profiles)
    clustering = typed.clustering
    if clustering is None:
        st.info(tr("types.structure.few", count=count, minimum=typed.model.min_samples),
                icon=":material/person_search:")
        st.caption(tr("types.direct_note"))
        return
    figures = {"count": len(typed.found_among), "k": clustering.k_, "silhouette": number(clustering.silhouette_, 2),
               "stability": number(clustering.stability_, 2)}
    show = {"none": st.warning, "weak": st.info, "clear": st.success}[clustering.structure_]
    show(tr(f"types.structure.{clustering.structure_}", **figures), icon=":material/hub:")
    st.caption(tr("types.structure.help") + (" " + tr("types.direct_note") if typed.direct else ""))
    if typed.placed:
        st.caption(tr("types.placed_note", found=len(typed.found_among), placed=typed.placed,
                      share=tr("charts.percent", value=number(100 * REFIT_SHARE, 0))))


def fit_words() -> dict[str, str]:
    return {fit: tr(f"types.fit.{fit}") for fit in FITS}


def candidates_table(typed: RoundTypes) -> None:
    """Everyone's type, how clearly, and why. A large round's table (one row per type in the strip above it) is
    folded and made only once opened: at 1,000 candidates its explanations were most of the first page's
    bytes, and its grid the reason the page came up last (bench_browser)."""
    if len(typed.table) > type_charts.STRIP_ROWS:
        section = lazy_section(tr("types.candidates_heading"), "types_table", ":material/table_rows:")
        if section is None:
            return
        with section:
            type_table(typed)
        return
    st.subheader(tr("types.candidates_heading"))
    type_table(typed)


def type_table(typed: RoundTypes) -> None:
    st.caption(tr("types.candidates_help"))
    total, fits, language = len(typed.profiles.columns), fit_words(), lang()
    names = {type_id: typed.type_name(type_id, language)
             for type_id in {*typed.table["type"], *typed.table["runner_up"]}}
    table = typed.table
    columns = {  # built a column at a time: a round of thousands asked for each heading thousands of times
        "common.candidate": list(table["name"]),
        "types.type": [names.get(t) or typed.type_name(t, language) for t in table["type"]],
        "types.fit": [fits[f] for f in table["fit"]],
        "types.explanation": [typed.explanations[c][language] for c in table.index],
        "types.level": table["level"].round(1).tolist(),
        "types.runner_up": [names.get(t) or typed.type_name(t, language) for t in table["runner_up"]],
        "types.coverage": [f"{round(c * total)} / {total}" for c in table["coverage"]],
    }
    frame = pd.DataFrame({tr(key): values for key, values in columns.items()})
    level = st.column_config.NumberColumn(tr("types.level"), format="%.1f")
    st.dataframe(frame, hide_index=True, width="stretch", column_config={tr("types.level"): level})


def type_section(typed: RoundTypes, type_id: str, descriptions: dict) -> None:
    """A type's panel, closed at first. Its radar, description and members are made only while it is open: closed,
    eight panels of radars cost the first page a plotly chart each that nobody sees (issue 18, bench_browser)."""
    members = typed.table[typed.table["type"] == type_id]
    section = st.expander(f"{plain(typed.type_name(type_id, lang()))} · {len(members)}", expanded=False,
                          key=f"type_section:{type_id}", on_change="rerun")
    if not section.open:
        return
    with section:
        left, right = st.columns([3, 2])
        left.plotly_chart(type_charts.type_radar(typed, type_id, lang()), config=CHART_CONFIG,
                          key=f"radar:{type_id}")
        with right:
            described(type_id, typed, descriptions)
        st.markdown(f"**{tr('types.members')}**")
        listed = members.sort_values("probability", ascending=False).head(MEMBERS_LISTED)
        fits = fit_words()
        st.markdown("\n".join(f"- **{plain(row.name)}** ({fits[row.fit]}): "
                               f"{plain(typed.explanations[row.Index][lang()])}" for row in listed.itertuples()))
        if len(members) > len(listed):
            st.caption(tr("types.members_more", shown=len(listed), total=len(members)))


def described(type_id: str, typed: RoundTypes, descriptions: dict) -> None:
    archetype = descriptions.get(type_id)
    if archetype is None:  # a group named after its distinctive dimensions
        st.caption(tr("types.custom"))
        if nearest := typed.matched_archetype(type_id):
            st.caption(tr("types.custom_nearest", name=plain(typed.type_name(nearest, lang()))))
        return
    st.text(archetype.description.get(lang()))
    for key, texts in (("types.strengths", archetype.strengths), ("types.risks", archetype.risks)):
        st.markdown(f"**{tr(key)}**")
        st.markdown("\n".join(f"- {plain(text.get(lang()))}" for text in texts))


st.title(tr("types.title"))
st.caption(tr("types.intro"))
current = round_picker()
if current is None:
    st.stop()
source = pick_source()
try:
    typed = types_of(workspace().results(current.id, reason="round.read_types"), source)
    descriptions = archetype_descriptions()
except UserError as exc:  # the catalog's types or dimensions missing or broken: the message names files
    logging.getLogger(__name__).warning("manager types unavailable: %s", exc)
    st.error(tr("types.unavailable"), icon=":material/error:")
    st.stop()
if typed is None:
    st.info(tr("types.no_profiles"))
    st.stop()

structure(typed)
st.plotly_chart(type_charts.type_strip(typed, lang()), config=CHART_CONFIG, key="types_strip")
st.caption(tr("types.strip.help_large" if len(typed.table) > type_charts.STRIP_ROWS else "types.strip.help"))
candidates_table(typed)
st.subheader(tr("types.types_heading"))
for type_id in typed.present_types():
    type_section(typed, type_id, descriptions)
