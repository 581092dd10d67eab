"""Interview (interviewer): the focus competencies one at a time — questions, probes, the rating beside its
anchors, notes — saved as entered (`panels.kit_panel`); then the recommendation and submitting."""

from __future__ import annotations

import streamlit as st

from assessment.candidates import person_labels
from assessment.catalog.planning import interview_minutes
from assessment.errors import UserError
from assessment.ui.all_ratings import all_ratings
from assessment.ui.common import (
    plain,
    query_int,
    refused,
    round_picker,
    set_query,
    tr,
    workspace,
)
from assessment.ui.fragments import rerun_alone
from assessment.ui.panels import documents_panel
from assessment.ui.panels.brief import render_brief
from assessment.ui.panels.interview_submit import submit_area
from assessment.ui.panels.kit_panel import competency_panel, competency_picker, save_shown, widget_key
from assessment.workspace import RECOMMENDATIONS


def pick_candidate(round_id: int) -> int | None:
    """One of the candidates the signed-in person is assigned to interview in this round. A candidate id in
    the URL that is not one of them is refused (said, and recorded)."""
    candidates = workspace().my_candidates(round_id)
    names = person_labels((c.id, c.name, c.email) for c in candidates)
    current = query_int("candidate")
    if current is not None and current not in names:
        refused(workspace().require, "interview.rate", round_id, current)
        set_query(candidate=None)
    if not candidates:
        st.info(tr("interview.none_assigned"))
        return None
    candidate_id = st.selectbox(tr("common.candidate"), list(names), format_func=names.get,
                                index=list(names).index(current) if current in names else 0)
    set_query(candidate=candidate_id)
    return candidate_id


def recommendation_widget(interview):
    st.subheader(tr("interview.recommendation"))
    return st.radio(tr("interview.recommendation_label"), RECOMMENDATIONS, horizontal=True,
                    index=RECOMMENDATIONS.index(interview.recommendation) if interview.recommendation else None,
                    format_func={r: tr(f"recommendation.{r}") for r in RECOMMENDATIONS}.get,
                    key=widget_key("recommendation", interview.id))


@rerun_alone
def interview_form(candidate_id: int, round_id: int) -> None:
    """The focus competencies one at a time (see `competency_panel`), then the recommendation and submitting.

    A click here reruns only this form (`fragments.rerun_alone`), which reads what it shows: run alone, it is
    not handed what the page read. Submitted meanwhile, or no longer the person's to rate: the whole page says
    so."""
    desk = workspace()
    try:
        interview = desk.open_interview(candidate_id)
    except UserError:
        st.rerun(scope="app")
    if interview.status == "submitted":
        st.rerun(scope="app")
    catalog, stage = desk.catalog(round_id), desk.my_stage(round_id)
    focus_ids = desk.my_focus(round_id)
    ratings = desk.own_ratings(interview.id)
    focus = [c for c in catalog.competencies if c.id in focus_ids]
    hint = tr("interview.saved_hint")
    if stage is not None:
        hint = tr("interview.stage", stage=plain(stage.name), count=len(focus),
                  minutes=f"{interview_minutes(catalog, focus_ids):.0f}") + " · " + hint
    st.caption(hint)
    chosen = competency_picker(interview, focus, ratings)
    with st.container(border=True):
        order = [c.id for c in focus]
        following = order[order.index(chosen) + 1] if chosen != order[-1] else None
        competency_panel(candidate_id, catalog.competency(chosen), catalog.scale, following)
    interview = desk.open_interview(candidate_id)  # the panel may have saved in this run
    shown = {("recommendation",): recommendation_widget(interview)}
    version = save_shown(interview, shown, ratings, catalog)
    submit_area(desk.open_interview(candidate_id), version, focus, catalog.scale)


st.title(tr("interview.title"))
round_column, candidate_column = st.columns(2)  # side by side: the kit starts higher on a laptop screen
with round_column:
    current_round = round_picker()
with candidate_column:
    candidate_id = pick_candidate(current_round.id) if current_round else None
if candidate_id is None:
    st.stop()
interview = refused(workspace().open_interview, candidate_id)
if interview is None:
    st.stop()
if message := st.session_state.pop("flash", None):
    st.error(message)
if refused := st.session_state.pop("refused_text", None):
    st.caption(tr("interview.refused_text"))
    st.code(refused, language=None, wrap_lines=True)  # shown as typed, with a copy button
catalog = workspace().catalog(current_round.id)
if interview.status == "submitted":
    st.success(tr("interview.submitted", name=plain(workspace().candidate(candidate_id).name)))
else:
    render_brief(candidate_id, catalog, list(workspace().my_focus(current_round.id)))
    interview_form(candidate_id, current_round.id)
all_ratings(candidate_id, catalog)
documents_panel.kit_button(current_round, candidate_id)  # the printed kit, for before the interview
