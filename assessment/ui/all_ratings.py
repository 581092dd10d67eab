"""Every interviewer's ratings, notes and recommendation of one candidate: shown to an interviewer only once
their own interview is submitted, so that each rates independently."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.ui.common import lang, plain, tr, workspace


def all_ratings(candidate_id: int, catalog) -> None:
    st.subheader(tr("interview.all_ratings"))
    # Drafts are their authors' alone: only submitted interviews show, one's own included.
    submitted = workspace().colleagues(candidate_id)
    if submitted is None:
        st.info(tr("interview.hidden"))
        return
    interviews = [interview for interview, _ in submitted]
    ratings = {interview.interviewer: given for interview, given in submitted}
    rows, notes = [], []
    for competency in catalog.competencies:
        row = {tr("common.competency"): competency.name.get(lang())}
        for name, given in ratings.items():
            rating = given.get(competency.id)
            row[name] = rating_cell(rating)
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


def rating_cell(rating) -> str:
    """One interviewer's rating of one competency in the table: its level, "n/o", or a dash where none was
    given (no rating, or notes written without one)."""
    if rating is not None and rating.not_observed:
        return tr("common.not_observed_short")
    return "—" if rating is None or rating.value is None else str(rating.value)
