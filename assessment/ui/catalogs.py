"""Catalog browser: a role's areas, competencies, questions and anchors, in any language."""

from __future__ import annotations

import streamlit as st

from assessment.catalog import catalog_summary, load_catalogs, load_dimensions
from assessment.ui.common import lang, tr


def competency_details(competency, dimensions) -> None:
    st.markdown(f"*{competency.definition.get(lang())}*")
    st.caption(tr("catalogs.meta", dimension=dimensions[competency.dimension].name.get(lang()),
                  target=competency.target, weight=f"{competency.weight:g}"))
    questions, anchors, self_items = st.tabs([tr("interview.questions"), tr("interview.anchors"),
                                              tr("catalogs.self_items")])
    with questions:
        for question in competency.questions:
            kind = tr(f"catalogs.kind_{question.kind}")
            st.markdown(f"**{question.text.get(lang())}** · _{kind}_")
            st.markdown("\n".join(f"- {probe.get(lang())}" for probe in question.probes))
        st.markdown(f"**{tr('interview.indicators')}**")
        st.markdown("\n".join(f"- {i.get(lang())}" for i in competency.indicators))
        st.markdown(f"**{tr('interview.red_flags')}**")
        st.markdown("\n".join(f"- {flag.get(lang())}" for flag in competency.red_flags))
    with anchors:
        for level, anchor in sorted(competency.anchors.items()):
            st.markdown(f"**{level}** — {anchor.get(lang())}")
    with self_items:
        for item in competency.self_items:
            marker = f" _({tr('catalogs.reverse')})_" if item.reverse else ""
            st.markdown(f"- {item.text.get(lang())}{marker}")


st.title(tr("catalogs.title"))
catalogs = {loaded.catalog.id: loaded.catalog for loaded in load_catalogs()}
if not catalogs:
    st.warning(tr("catalogs.none"))
    st.stop()
labels = {key: value.name.get(lang()) for key, value in catalogs.items()}
chosen = st.selectbox(tr("rounds.role"), list(catalogs), format_func=labels.get)
catalog = catalogs[chosen]
summary = catalog_summary(catalog)
st.write(catalog.summary.get(lang()))
columns = st.columns(4)
for column, key in zip(columns, ("areas", "competencies", "questions", "self_items"), strict=True):
    column.metric(tr(f"catalogs.count_{key}"), summary[key])
dimensions = {d.id: d for d in load_dimensions()}
for area in catalog.areas:
    st.subheader(area.name.get(lang()))
    for competency in area.competencies:
        with st.expander(competency.name.get(lang())):
            competency_details(competency, dimensions)
