"""Every interviewer's ratings, notes and recommendation of one candidate: shown to an interviewer only once
their own interview is submitted, so that each rates independently."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.ui.common import lang, plain, store, tr


def all_ratings(candidate_id: int, own, catalog) -> None:
    st.subheader(tr("interview.all_ratings"))
    if own.status != "submitted":
        st.info(tr("interview.hidden"))
        return
    # Drafts are their authors' alone: only submitted interviews show, one's own included.
    interviews = [i for i in store().interviews_of(candidate_id) if i.status == "submitted"]
    ratings = {i.interviewer: store().ratings_of(i.id) for i in interviews}
    rows, notes = [], []
    for competency in catalog.competencies:
        row = {tr("common.competency"): competency.name.get(lang())}
        for name, given in ratings.items():
            rating = given.get(competency.id)
            row[name] = "—" if rating is None else tr("common.not_observed_short") if rating.not_observed \
                else str(rating.value)
            if rating is not None and rating.notes:
                notes.append({tr("common.competency"): competency.name.get(lang()),
                              tr("interview.interviewer"): name, tr("interview.notes"): rating.notes})
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(tr("interview.table_legend"))
    recommendations = {i.interviewer: tr(f"recommendation.{i.recommendation}") if i.recommendation else "—"
                       for i in interviews}
    st.caption(" · ".join(f"{plain(name)}: {text}" for name, text in recommendations.items()))
    with st.expander(tr("interview.notes")):
        st.dataframe(pd.DataFrame(notes), hide_index=True, width="stretch")
