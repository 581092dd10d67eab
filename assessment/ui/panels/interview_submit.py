"""The interview's final submit (Interview page): a summary of what is rated, what is missing and where notes
are missing, then an explicit confirmation before the interview becomes final and colleagues' ratings show."""

from __future__ import annotations

import streamlit as st

from assessment.errors import UserError
from assessment.ui.common import error, lang, plain, tr, workspace
from assessment.ui.panels.kit_panel import done


def rating_text(rating, scale) -> str:
    """A rating as the summary shows it: its level with the scale's short name ("3 · Solid"), "not observed",
    or not rated yet (Markdown)."""
    if not done(rating):
        return f":orange[**{tr('interview.summary_open')}**]"
    if rating.not_observed:
        return f"**{tr('common.not_observed')}**"
    wording = scale[rating.value].get(lang()) if rating.value in scale else ""
    return f"**{rating.value} · {plain(wording.split(':', 1)[0])}**" if wording else f"**{rating.value}**"


def summary(focus: list, ratings: dict, recommendation: str | None, scale) -> list[str]:
    """Lines of Markdown: one per competency (its rating, and whether notes are missing), then the
    recommendation."""
    lines = []
    for competency in focus:
        rating = ratings.get(competency.id)
        mark = ":green[:material/check_circle:]" if done(rating) else ":orange[:material/radio_button_unchecked:]"
        line = f"{mark} {plain(competency.name.get(lang()))}: {rating_text(rating, scale)}"
        if rating is None or not rating.notes:
            line += " · " + f":gray[{tr('interview.summary_no_notes')}]"
        lines.append(line)
    given = tr(f"recommendation.{recommendation}") if recommendation \
        else f":orange[{tr('interview.summary_recommendation_open')}]"
    lines.append(f"**{tr('interview.recommendation')}:** {given}")
    return lines


def submit_area(interview, version: int, focus: list, scale) -> None:
    """Progress, the summary and the confirmed submit."""
    ratings = workspace().own_ratings(interview.id)
    rated = [c for c in focus if done(ratings.get(c.id))]
    st.progress(len(rated) / len(focus), text=tr("interview.progress", rated=len(rated), total=len(focus)))
    st.caption(":material/cloud_done: " + tr("interview.all_saved"))
    with st.container(border=True, key="interview_summary"):
        st.markdown(f"**{tr('interview.summary_title')}**")
        without_notes = sum(1 for c in focus if not (ratings.get(c.id) and ratings[c.id].notes))
        st.caption(tr("interview.summary_counts", rated=len(rated), total=len(focus), without_notes=without_notes))
        st.markdown("  \n".join(summary(focus, ratings, interview.recommendation, scale)))
        missing = len(focus) - len(rated)
        gaps = [tr("interview.summary_missing", count=missing)] if missing else []
        if interview.recommendation is None:
            gaps.append(tr("interview.summary_no_recommendation"))
        if gaps:
            st.warning("  \n".join(gaps), icon=":material/warning:")
            return
        # Keyed by the version: any change after ticking it asks again.
        confirmed = st.checkbox(tr("interview.submit_confirm"), key=f"confirm_interview:{interview.id}:{version}")
        if st.button(tr("interview.submit"), type="primary", disabled=not confirmed):
            try:
                workspace().submit_interview(interview.id, version)
            except UserError as exc:
                error(exc)
            else:
                st.rerun()
