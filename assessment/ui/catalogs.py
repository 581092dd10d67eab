"""Catalog browser: a role's areas, competencies, questions and anchors, in any language."""

from __future__ import annotations

import streamlit as st

from assessment.catalog import catalog_summary, load_catalogs, load_dimensions
from assessment.errors import UserError
from assessment.ui.common import lang, plain, tr
from assessment.ui.competency_guide import bullets


def competency_details(competency, dimensions) -> None:
    st.markdown(f"*{plain(competency.definition.get(lang()))}*")
    dimension = dimensions.get(competency.dimension)
    st.caption(tr("catalogs.meta", dimension=plain(dimension.name.get(lang()) if dimension else competency.dimension),
                  target=competency.target, weight=f"{competency.weight:g}"))
    questions, anchors, self_items = st.tabs([tr("interview.questions"), tr("interview.anchors"),
                                              tr("catalogs.self_items")])
    with questions:
        for question in competency.questions:
            kind = tr(f"catalogs.kind_{question.kind}")
            st.markdown(f"**{plain(question.text.get(lang()))}** · _{kind}_")
            st.markdown(bullets(probe.get(lang()) for probe in question.probes))
        st.markdown(f"**{tr('interview.indicators')}**")
        st.markdown(bullets(i.get(lang()) for i in competency.indicators))
        st.markdown(f"**{tr('interview.red_flags')}**")
        st.markdown(bullets(flag.get(lang()) for flag in competency.red_flags))
    with anchors:
        for level, anchor in sorted(competency.anchors.items()):
            st.markdown(f"**{level}** — {plain(anchor.get(lang()))}")
    with self_items:
        for item in competency.self_items:
            marker = f" _({tr('catalogs.reverse')})_" if item.reverse else ""
            st.markdown(f"- {plain(item.text.get(lang()))}{marker}")


st.title(tr("catalogs.title"))
catalogs = {loaded.catalog.id: loaded.catalog for loaded in load_catalogs()}
if not catalogs:
    st.warning(tr("catalogs.none"))
    st.stop()
labels = {key: value.name.get(lang()) for key, value in catalogs.items()}
chosen = st.selectbox(tr("rounds.role"), list(catalogs), format_func=labels.get)
catalog = catalogs[chosen]
summary = catalog_summary(catalog)
st.text(catalog.summary.get(lang()))
columns = st.columns(4)
for column, key in zip(columns, ("areas", "competencies", "questions", "self_items"), strict=True):
    column.metric(tr(f"catalogs.count_{key}"), summary[key])
try:
    dimensions = {d.id: d for d in load_dimensions()}
except UserError:  # a broken dimensions.yaml: the catalogs still read, with dimension ids instead of names
    dimensions = {}
for area in catalog.areas:
    st.subheader(plain(area.name.get(lang())))
    for competency in area.competencies:
        with st.expander(plain(competency.name.get(lang()))):
            competency_details(competency, dimensions)
