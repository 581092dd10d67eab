"""Self-assessment (candidate, from the invite link): consent, short steps, review, submit, thank you."""

from __future__ import annotations

import streamlit as st

from assessment.errors import InvalidToken, UserError
from assessment.results.questionnaire import resume_at, steps
from assessment.saving import reconcile
from assessment.ui import candidate_feedback, privacy_panel
from assessment.ui.common import (
    error,
    error_text,
    lang,
    language_picker,
    plain,
    query_int,
    set_query,
    store,
    tr,
)
from assessment.ui.fragments import rerun_alone
from assessment.ui.questionnaire_panel import about, question_step, review
from assessment.ui.runs import in_page_run, this_run


def questionnaire_or_stop():
    """What the page shows for the link's candidate (one read), or the page that says the link does not work."""
    try:
        return this_run("questionnaire", lambda: store().questionnaire(st.query_params.get("token", "")))
    except InvalidToken:
        if not in_page_run():  # the questions alone (see `current_step`): the whole page says it
            st.rerun(scope="app")
        st.title(tr("self.invalid_title"))
        st.write(tr("self.invalid_text"))
        st.stop()


def widget_key(candidate_id: int, key: str) -> str:
    """The radio of one item; its generation goes up when the page must redraw it from the database."""
    generation = st.session_state.get(f"generation:{candidate_id}", {}).get(key, 0)
    return f"item:{key}" + (f"~{generation}" if generation else "")


def save_shown(candidate_id: int, shown: dict, answers: dict) -> tuple[dict, list[str]]:
    """Store what the radios show and the database does not hold yet (see `assessment.saving`).
    Returns the answers as now stored and the problems to tell; redraws stale or refused radios."""
    seen_key = f"seen:{candidate_id}"
    plan = reconcile(shown, answers, st.session_state.get(seen_key, {}))
    seen, problems, answers = {**st.session_state.get(seen_key, {}), **plan.seen}, [], dict(answers)
    for key, value in plan.save.items():
        try:
            store().save_answer(candidate_id, key, value)
            answers[key] = value
        except UserError as exc:
            problems.append(tr("self.not_saved", reason=error_text(exc)))
            seen[key] = answers.get(key)
    st.session_state[seen_key] = seen
    if plan.redraw:
        generations = st.session_state.setdefault(f"generation:{candidate_id}", {})
        for key in plan.redraw:
            generations[key] = generations.get(key, 0) + 1
        if plan.refuse:
            st.session_state["flash"] = tr("self.changed_elsewhere", count=len(plan.refuse))
        st.rerun()
    return answers, problems


def consent(candidate, catalog, answer_by) -> None:
    st.title(tr("self.welcome", name=plain(candidate.name)))
    about(catalog, answer_by)
    st.write(tr("self.instructions"))
    if (notice := privacy_panel.current_notice()) is None:
        return
    privacy_panel.show_notice(notice)
    agreed = st.checkbox(tr("self.consent"))
    if st.button(tr("self.start"), type="primary", disabled=not agreed):
        try:
            store().give_consent(candidate.id, notice)
        except UserError as exc:
            error(exc)
        else:
            st.rerun()


@rerun_alone
def current_step(index: int) -> None:
    """The step's statements under the saved state. An answer reruns only this (`fragments.rerun_alone`), which
    reads the link, its candidate and the answers afresh: closed, withdrawn or submitted meanwhile, the whole
    page says so."""
    seen = questionnaire_or_stop()
    candidate = seen.candidate
    if not answering(seen):
        st.rerun(scope="app")
    all_steps = steps(seen.catalog)
    total = sum(len(step.items) for step in all_steps)
    status = st.container()
    st.subheader(tr("self.step_title", step=index + 1, steps=len(all_steps),
                    title=plain(all_steps[index].title.get(lang()))))
    shown = question_step(candidate, all_steps[index], seen.catalog.self_scale, widget_key, seen.answers)
    answers, problems = save_shown(candidate.id, shown, seen.answers)
    with status:
        save_state(answers, total, problems)


def answering(seen) -> bool:
    """Whether the candidate is at the questions: consented, not withdrawn or submitted, the round open."""
    candidate = seen.candidate
    return (seen.takes_answers and candidate.consent_at is not None and candidate.withdrawn_at is None
            and candidate.submitted_at is None)


def save_state(answers: dict, total: int, problems: list[str]) -> None:
    st.progress(len(answers) / total, text=tr("self.progress", answered=len(answers), total=total))
    for problem in problems:
        st.error(problem, icon=":material/error:")
    if not problems and answers:
        st.caption(":material/cloud_done: " + tr("self.all_saved"))


def navigation(index: int, last: int) -> None:
    back, _, forward = st.columns([1, 3, 1])
    if index > 0 and back.button("← " + tr("self.back"), width="stretch"):
        set_query(step=index - 1)
        st.rerun()
    if index < last and forward.button(tr("self.next") + " →", type="primary", width="stretch"):
        set_query(step=index + 1)
        st.rerun()


seen = questionnaire_or_stop()
candidate = seen.candidate
if "lang" not in st.query_params and "lang" not in st.session_state:
    st.query_params["lang"] = candidate.language
_, picker = st.columns([4, 1])
language_picker(picker, label_visibility="collapsed")  # the names of the languages say what it is
if candidate.withdrawn_at is not None:
    privacy_panel.withdrawn_page()
    st.stop()
if candidate.consent_at is not None and privacy_panel.asked_to_withdraw():
    privacy_panel.confirm_withdrawal(candidate)
    st.stop()
if candidate.submitted_at is not None:
    st.title(tr("self.thanks_title"))
    st.write(tr("self.thanks_text"))
    candidate_feedback.feedback_button(candidate)
    privacy_panel.withdraw_button()
    st.stop()
if not seen.takes_answers:  # closed by hand or by its date, perhaps mid-questionnaire
    st.title(tr("self.closed_title"))
    st.write(tr("error.round_closed"))
    st.stop()
catalog = seen.catalog
if candidate.consent_at is None:
    consent(candidate, catalog, seen.answer_by)
    st.stop()

about(catalog, seen.answer_by)
all_steps = steps(catalog)
answers = seen.answers
index = query_int("step")
if index is None or index > len(all_steps):
    index = resume_at(all_steps, answers)
    set_query(step=index)

if message := st.session_state.pop("flash", None):
    st.warning(message, icon=":material/sync_problem:")
total = sum(len(step.items) for step in all_steps)
if total == 0:
    st.info(tr("self.no_items"))
    st.stop()
if index < len(all_steps):
    current_step(index)
else:
    status = st.container()
    review(candidate, all_steps, answers, catalog.self_scale)
    with status:
        save_state(answers, total, [])
navigation(index, len(all_steps))
privacy_panel.withdraw_button()
