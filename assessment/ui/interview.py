"""Interview (interviewer): per competency the questions, probes and anchors; a rating and notes saved as entered."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.catalog import SCALE
from assessment.errors import Conflict, UserError
from assessment.store import RECOMMENDATIONS
from assessment.ui.common import error, error_text, lang, plain, query_int, round_picker, set_query, store, tr

NOT_OBSERVED = "n/o"
OPTIONS = [*range(SCALE[0], SCALE[1] + 1), NOT_OBSERVED]


def version_key(interview_id: int) -> str:
    return f"version:{interview_id}"


def widget_key(kind: str, interview_id: int, competency_id: str | None = None) -> str:
    """The key of a rating, notes or recommendation widget. After a refused save the generation goes
    up: the page then draws fresh widgets, which show what is stored instead of the refused change."""
    generation = st.session_state.get(f"generation:{interview_id}", 0)
    key = f"{kind}:{interview_id}" + (f":{competency_id}" if competency_id else "")
    return key + (f"~{generation}" if generation else "")


def saved(action, typed: str | None = None) -> None:
    """Run a save with the version this session last saw; a conflict reloads the latest version.
    `typed` is text the person wrote: when its save is refused, the page offers it for copying."""
    interview_id = st.session_state["interview_id"]
    try:
        st.session_state[version_key(interview_id)] = action(st.session_state[version_key(interview_id)])
    except Conflict as exc:
        st.session_state["flash"] = error_text(exc)
        if typed:
            st.session_state["refused_text"] = typed
        st.session_state[version_key(interview_id)] = store().get_interview(interview_id).version
        st.session_state[f"generation:{interview_id}"] = st.session_state.get(f"generation:{interview_id}", 0) + 1
    except UserError as exc:
        st.session_state["flash"] = error_text(exc)


def save_rating(interview_id: int, competency_id: str) -> None:
    choice = st.session_state[widget_key("rating", interview_id, competency_id)]
    saved(lambda v: store().save_rating(interview_id, v, competency_id, None if choice in (None, NOT_OBSERVED)
                                        else int(choice), not_observed=choice == NOT_OBSERVED, notes=None))


def save_notes(interview_id: int, competency_id: str) -> None:
    notes = st.session_state[widget_key("notes", interview_id, competency_id)]
    saved(lambda v: store().save_notes(interview_id, v, competency_id, notes), typed=notes)


def save_recommendation(interview_id: int) -> None:
    choice = st.session_state[widget_key("recommendation", interview_id)]
    if choice is not None:
        saved(lambda v: store().set_recommendation(interview_id, v, choice))


def pick_people(round_id: int):
    candidates = store().list_candidates(round_id)
    if not candidates:
        st.info(tr("rounds.no_candidates"))
        return None, None
    names = {c.id: c.name for c in candidates}
    current = query_int("candidate")
    left, right = st.columns(2)
    candidate_id = left.selectbox(tr("common.candidate"), list(names), format_func=names.get,
                                  index=list(names).index(current) if current in names else 0)
    interviewer = right.text_input(tr("interview.your_name"), value=st.query_params.get("interviewer", ""),
                                   max_chars=200).strip()
    set_query(candidate=candidate_id, interviewer=interviewer or None)
    return candidate_id, interviewer


def competency_panel(interview, competency, rating, scale) -> None:
    done = rating is not None and (rating.value is not None or rating.not_observed)
    # Open what is still to rate when the interview is opened, then keep each panel as it was: a panel
    # must not fold away under the interviewer's hands the moment its rating is saved.
    expanded = st.session_state.setdefault(f"open:{interview.id}:{competency.id}", not done)
    with st.expander(competency.name.get(lang()), expanded=expanded,
                     icon=":material/check_circle:" if done else ":material/radio_button_unchecked:"):
        st.markdown(f"*{competency.definition.get(lang())}*")
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{tr('interview.questions')}**")
            for question in competency.questions:
                st.markdown(f"- {question.text.get(lang())}  \n  " + "  \n  ".join(
                    f"↳ {probe.get(lang())}" for probe in question.probes))
            st.markdown(f"**{tr('interview.indicators')}**")
            st.markdown("\n".join(f"- {i.get(lang())}" for i in competency.indicators))
        with right:
            st.markdown(f"**{tr('interview.anchors')}**")
            for level, anchor in sorted(competency.anchors.items()):
                st.markdown(f"**{level}** — {anchor.get(lang())}")
            st.markdown(f"**{tr('interview.red_flags')}**")
            st.markdown("\n".join(f"- {flag.get(lang())}" for flag in competency.red_flags))
        current = None if rating is None else NOT_OBSERVED if rating.not_observed else rating.value
        labels = {o: f"{o} · {scale[o].get(lang())}" if o in SCALE else str(o) for o in OPTIONS[:-1]}
        labels[NOT_OBSERVED] = tr("common.not_observed")
        st.segmented_control(tr("interview.rating", target=competency.target), OPTIONS, default=current,
                             format_func=labels.get,
                             key=widget_key("rating", interview.id, competency.id), on_change=save_rating,
                             args=(interview.id, competency.id))
        st.text_area(tr("interview.notes"), value=rating.notes if rating else "", max_chars=20_000,
                     key=widget_key("notes", interview.id, competency.id), on_change=save_notes,
                     args=(interview.id, competency.id), height=90)


def others(candidate_id: int, interviewer: str, catalog) -> None:
    st.subheader(tr("interview.all_ratings"))
    if not store().others_visible(candidate_id, interviewer):
        st.info(tr("interview.hidden"))
        return
    interviews = store().interviews_of(candidate_id)
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


def submit_area(interview, ratings, total) -> None:
    st.subheader(tr("interview.recommendation"))
    st.radio(tr("interview.recommendation_label"), RECOMMENDATIONS, horizontal=True,
             index=RECOMMENDATIONS.index(interview.recommendation) if interview.recommendation else None,
             format_func={r: tr(f"recommendation.{r}") for r in RECOMMENDATIONS}.get,
             key=widget_key("recommendation", interview.id),
             on_change=save_recommendation, args=(interview.id,))
    rated = sum(1 for r in ratings.values() if r.value is not None or r.not_observed)
    st.progress(rated / total, text=tr("interview.progress", rated=rated, total=total))
    if st.button(tr("interview.submit"), type="primary"):
        try:
            store().submit_interview(interview.id, st.session_state[version_key(interview.id)])
        except UserError as exc:
            error(exc)
        else:
            st.rerun()


st.title(tr("interview.title"))
current_round = round_picker()
candidate_id, interviewer = pick_people(current_round.id) if current_round else (None, None)
if not interviewer:
    if current_round is not None:
        st.info(tr("interview.enter_name"))
    st.stop()
interview = store().start_interview(candidate_id, interviewer)
st.session_state["interview_id"] = interview.id
st.session_state.setdefault(version_key(interview.id), interview.version)
if message := st.session_state.pop("flash", None):
    st.error(message)
if refused := st.session_state.pop("refused_text", None):
    st.caption(tr("interview.refused_text"))
    st.code(refused, language=None, wrap_lines=True)  # shown as typed, with a copy button
catalog = store().catalog_of_round(current_round.id)
ratings = store().ratings_of(interview.id)
if interview.status == "submitted":
    st.success(tr("interview.submitted", name=plain(store().get_candidate(candidate_id).name)))
else:
    st.caption(tr("interview.saved_hint"))
    for area in catalog.areas:
        st.markdown(f"#### {area.name.get(lang())}")
        for competency in area.competencies:
            competency_panel(interview, competency, ratings.get(competency.id), catalog.scale)
    submit_area(interview, ratings, len(catalog.competencies))
others(candidate_id, interviewer, catalog)
