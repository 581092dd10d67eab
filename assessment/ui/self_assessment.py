"""Self-assessment (candidate, from the invite link): consent, short steps, review, submit, thank you."""

from __future__ import annotations

import streamlit as st

from assessment.errors import InvalidToken, UserError
from assessment.results.questionnaire import resume_at, steps, unanswered
from assessment.ui.common import error, error_text, lang, language_picker, plain, query_int, set_query, store, tr


def candidate_or_stop():
    try:
        return store().resolve_token(st.query_params.get("token", ""))
    except InvalidToken:
        st.title(tr("self.invalid_title"))
        st.write(tr("self.invalid_text"))
        st.stop()


def save(candidate_id: int, key: str) -> None:
    """Widget callback: store the answer the moment it is chosen."""
    try:
        store().save_answer(candidate_id, key, st.session_state[f"item:{key}"])
    except UserError as exc:
        st.session_state["flash"] = error_text(exc)


def consent(candidate) -> None:
    st.title(tr("self.welcome", name=plain(candidate.name)))
    st.write(tr("self.instructions"))
    st.info(tr("self.privacy"))
    agreed = st.checkbox(tr("self.consent"))
    if st.button(tr("self.start"), type="primary", disabled=not agreed):
        store().give_consent(candidate.id)
        st.rerun()


def question_step(candidate, step, scale, answers) -> None:
    labels = {level: f"{level} · {text.get(lang())}" for level, text in scale.items()}
    for key, item in step.items:
        value = answers.get(key)
        st.radio(plain(item.text.get(lang())), [1, 2, 3, 4, 5], index=None if value is None else value - 1,
                 format_func=labels.get, horizontal=True, key=f"item:{key}",
                 on_change=save, args=(candidate.id, key))
        st.divider()


def review(candidate, all_steps, answers) -> None:
    st.subheader(tr("self.review_title"))
    missing = unanswered(all_steps, answers)
    if missing:
        st.warning(tr("self.review_missing", count=len(missing)))
        for index in sorted({i for i, _ in missing}):
            if st.button(tr("self.review_go", step=index + 1, title=all_steps[index].title.get(lang())),
                         key=f"go:{index}"):
                set_query(step=index)
                st.rerun()
        return
    st.success(tr("self.review_complete"))
    if st.button(tr("self.submit"), type="primary"):
        try:
            store().submit_self_assessment(candidate.id)
        except UserError as exc:
            error(exc)
        else:
            st.rerun()


def navigation(index: int, last: int) -> None:
    back, _, forward = st.columns([1, 3, 1])
    if index > 0 and back.button("← " + tr("self.back"), width="stretch"):
        set_query(step=index - 1)
        st.rerun()
    if index < last and forward.button(tr("self.next") + " →", type="primary", width="stretch"):
        set_query(step=index + 1)
        st.rerun()


candidate = candidate_or_stop()
if "lang" not in st.query_params and "lang" not in st.session_state:
    st.query_params["lang"] = candidate.language
_, picker = st.columns([4, 1])
language_picker(picker)
if candidate.submitted_at is not None:
    st.title(tr("self.thanks_title"))
    st.write(tr("self.thanks_text"))
    st.stop()
if candidate.consent_at is None:
    consent(candidate)
    st.stop()

catalog = store().catalog_of_round(candidate.round_id)
all_steps = steps(catalog)
answers = store().answers_of(candidate.id)
index = query_int("step")
if index is None or index > len(all_steps):
    index = resume_at(all_steps, answers)
    set_query(step=index)

if message := st.session_state.pop("flash", None):
    st.error(message)
total = sum(len(step.items) for step in all_steps)
st.progress(len(answers) / total, text=tr("self.progress", answered=len(answers), total=total))
if index < len(all_steps):
    st.subheader(tr("self.step_title", step=index + 1, steps=len(all_steps),
                    title=all_steps[index].title.get(lang())))
    st.caption(tr("self.step_hint"))
    question_step(candidate, all_steps[index], catalog.self_scale, answers)
else:
    review(candidate, all_steps, answers)
navigation(index, len(all_steps))
