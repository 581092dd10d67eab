"""Interview (interviewer): per competency the questions, probes and anchors; a rating and notes saved as entered."""

from __future__ import annotations

import streamlit as st

from assessment.catalog import SCALE
from assessment.errors import Conflict, UserError
from assessment.inputs import normalise_text
from assessment.saving import reconcile
from assessment.ui.all_ratings import all_ratings
from assessment.ui.common import (
    error,
    error_text,
    lang,
    plain,
    query_int,
    refused,
    round_picker,
    set_query,
    tr,
    workspace,
)
from assessment.ui.competency_guide import guide
from assessment.ui.panels import documents_panel
from assessment.ui.panels.brief import render_brief
from assessment.workspace import RECOMMENDATIONS

NOT_OBSERVED = "n/o"
OPTIONS = [*range(SCALE[0], SCALE[1] + 1), NOT_OBSERVED]


def widget_key(kind: str, interview_id: int, competency_id: str | None = None) -> str:
    """The key of a rating, notes or recommendation widget. When the page must show what is stored instead of
    what a widget holds (changed elsewhere, or a refused save), the generation goes up: fresh widgets then
    start from the database."""
    generation = st.session_state.get(f"generation:{interview_id}", 0)
    key = f"{kind}:{interview_id}" + (f":{competency_id}" if competency_id else "")
    return key + (f"~{generation}" if generation else "")


def stored_fields(interview, ratings: dict, catalog) -> dict:
    """What the database holds, in the shape the widgets show it (see `shown` of `competency_panel`):
    no rating is None, no notes are ""."""
    fields = {("recommendation",): interview.recommendation}
    for competency in catalog.competencies:
        rating = ratings.get(competency.id)
        fields[("rating", competency.id)] = None if rating is None else NOT_OBSERVED if rating.not_observed \
            else rating.value
        fields[("notes", competency.id)] = rating.notes or "" if rating is not None else ""
    return fields


def save_field(interview_id: int, version: int, field: tuple, value) -> int:
    """Store one changed field with the interview's version; returns the new version."""
    kind, *competency = field
    desk = workspace()
    if kind == "recommendation":
        return desk.set_recommendation(interview_id, version, value)
    if kind == "notes":
        return desk.save_notes(interview_id, version, competency[0], value)
    return desk.save_rating(interview_id, version, competency[0], None if value in (None, NOT_OBSERVED)
                            else int(value), not_observed=value == NOT_OBSERVED)


def save_shown(interview, shown: dict, ratings: dict, catalog) -> int:
    """Store what the widgets show and the database does not hold yet (see `assessment.saving`); returns the
    interview's version after the saves. Stale or refused widgets are redrawn from the database."""
    seen_key = f"seen:{interview.id}"
    plan = reconcile(shown, stored_fields(interview, ratings, catalog), st.session_state.get(seen_key, {}))
    seen, version, redraw = {**st.session_state.get(seen_key, {}), **plan.seen}, interview.version, bool(plan.redraw)
    for field, value in plan.save.items():
        try:
            version = save_field(interview.id, version, field, value)
        except Conflict as exc:  # saved elsewhere between this run's read and this write
            st.session_state["flash"] = error_text(exc)
            redraw = True
            break
        except UserError as exc:
            st.session_state["flash"] = error_text(exc)
            seen.pop(field, None)
            redraw = True
    st.session_state[seen_key] = seen
    if plan.refuse:
        st.session_state["flash"] = error_text(Conflict(code="interview_changed"))
        refused_notes = [shown[field] for field in plan.refuse if field[0] == "notes" and shown[field]]
        if refused_notes:
            st.session_state["refused_text"] = "\n\n".join(refused_notes)
    if redraw:
        st.session_state[f"generation:{interview.id}"] = st.session_state.get(f"generation:{interview.id}", 0) + 1
        st.rerun()
    return version


def pick_candidate(round_id: int) -> int | None:
    """One of the candidates the signed-in person is assigned to interview in this round. A candidate id in
    the URL that is not one of them is refused (said, and recorded)."""
    candidates = workspace().my_candidates(round_id)
    names = {c.id: f"{c.name} · #{c.id}" for c in candidates}
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


def competency_panel(interview, competency, rating, scale) -> dict:
    """The panel of one competency; returns what its rating and notes widgets show."""
    done = rating is not None and (rating.value is not None or rating.not_observed)
    # Open what is still to rate when the interview is opened, then keep each panel as it was: a panel
    # must not fold away under the interviewer's hands the moment its rating is saved.
    expanded = st.session_state.setdefault(f"open:{interview.id}:{competency.id}", not done)
    with st.expander(plain(competency.name.get(lang())), expanded=expanded,
                     icon=":material/check_circle:" if done else ":material/radio_button_unchecked:"):
        guide(competency)
        current = None if rating is None else NOT_OBSERVED if rating.not_observed else rating.value
        labels = {o: f"{o} · {plain(scale[o].get(lang()))}" if o in SCALE else str(o) for o in OPTIONS[:-1]}
        labels[NOT_OBSERVED] = tr("common.not_observed")
        chosen = st.segmented_control(tr("interview.rating", target=competency.target), OPTIONS, default=current,
                                      format_func=labels.get, key=widget_key("rating", interview.id, competency.id))
        notes = st.text_area(tr("interview.notes"), value=rating.notes if rating else "", max_chars=20_000,
                             key=widget_key("notes", interview.id, competency.id), height=90)
    return {("rating", competency.id): chosen, ("notes", competency.id): normalise_text(notes, multiline=True)}


def recommendation_widget(interview):
    st.subheader(tr("interview.recommendation"))
    return st.radio(tr("interview.recommendation_label"), RECOMMENDATIONS, horizontal=True,
                    index=RECOMMENDATIONS.index(interview.recommendation) if interview.recommendation else None,
                    format_func={r: tr(f"recommendation.{r}") for r in RECOMMENDATIONS}.get,
                    key=widget_key("recommendation", interview.id))


def submit_area(interview_id: int, version: int, total: int) -> None:
    ratings = workspace().own_ratings(interview_id)
    rated = sum(1 for r in ratings.values() if r.value is not None or r.not_observed)
    st.progress(rated / total, text=tr("interview.progress", rated=rated, total=total))
    st.caption(":material/cloud_done: " + tr("interview.all_saved"))
    if st.button(tr("interview.submit"), type="primary"):
        try:
            workspace().submit_interview(interview_id, version)
        except UserError as exc:
            error(exc)
        else:
            st.rerun()


def interview_form(interview, catalog) -> None:
    """Every competency's panel and the recommendation; what they show is saved before anything else runs."""
    ratings = workspace().own_ratings(interview.id)
    st.caption(tr("interview.saved_hint"))
    shown = {}
    for area in catalog.areas:
        st.markdown(f"#### {plain(area.name.get(lang()))}")
        for competency in area.competencies:
            shown |= competency_panel(interview, competency, ratings.get(competency.id), catalog.scale)
    shown[("recommendation",)] = recommendation_widget(interview)
    version = save_shown(interview, shown, ratings, catalog)
    submit_area(interview.id, version, len(catalog.competencies))


st.title(tr("interview.title"))
current_round = round_picker()
candidate_id = pick_candidate(current_round.id) if current_round else None
if candidate_id is None:
    st.stop()
interview = refused(workspace().open_interview, candidate_id)
if interview is None:
    st.stop()
documents_panel.kit_button(current_round, candidate_id)
if message := st.session_state.pop("flash", None):
    st.error(message)
if refused := st.session_state.pop("refused_text", None):
    st.caption(tr("interview.refused_text"))
    st.code(refused, language=None, wrap_lines=True)  # shown as typed, with a copy button
catalog = workspace().catalog(current_round.id)
if interview.status == "submitted":
    st.success(tr("interview.submitted", name=plain(workspace().candidate(candidate_id).name)))
else:
    render_brief(candidate_id, catalog)
    interview_form(interview, catalog)
all_ratings(candidate_id, catalog)
