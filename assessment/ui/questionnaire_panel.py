"""The candidate's questionnaire, drawn (used by the self-assessment page): who asks and by when, a step's
statements with the five answers in one row, and the review that shows every answer before the confirmed submit.

The answers are numbered 1-5 in one horizontal radio group per statement, so that the scale reads left to right
even on a phone; the scale's five labels show once above the statements and in each statement's help."""

from __future__ import annotations

import streamlit as st

from assessment import privacy
from assessment.errors import UserError
from assessment.mail import mail_settings
from assessment.mail.templates import deadline
from assessment.results.questionnaire import unanswered
from assessment.ui.common import error, lang, plain, set_query, store, tr


def organisation() -> str | None:
    """Who runs the selection: the company name the invitations are signed with, else the privacy notice's
    controller."""
    try:
        if company := mail_settings().company:
            return company
        return privacy.notice().controller_name[lang()]
    except UserError:  # a broken setting or notice: staff see why on their pages
        return None


def contact() -> str | None:
    """The address the invitations come from, to reply to with questions (None: mail is not set up)."""
    try:
        sender = mail_settings().sender
    except UserError:
        return None
    return sender[1] if sender else None


def about(catalog, answer_by) -> None:
    """One line: the organisation, the role, the time by which to answer (`answer_by`) and whom to ask."""
    parts = [plain(name) for name in [organisation()] if name]
    parts.append(tr("self.role", role=plain(catalog.name.get(lang()))))
    parts.append(tr("self.answer_by", deadline=deadline(answer_by, lang())))
    if address := contact():
        parts.append(tr("self.contact", email=plain(address)))
    st.caption(" · ".join(parts))


def scale_labels(scale) -> dict[int, str]:
    """Each level with its words, for the legend and the review: {1: "1 · Not true at all", ...}."""
    return {level: f"{level} · {scale[level].get(lang())}" for level in sorted(scale)}


def scale_legend(scale) -> str:
    return "  \n".join(plain(text) for text in scale_labels(scale).values())


def question_step(candidate, step, scale, widget_key, answers: dict) -> dict:
    """The step's statements under the scale's legend, showing the stored `answers` (read afresh by the run);
    returns what each radio shows (None where nothing is chosen). `widget_key(candidate_id, item key)` names each
    radio."""
    levels = sorted(scale)
    legend = scale_legend(scale)
    # No-break spaces: on a phone the legend wraps between labels, never inside one.
    st.caption(tr("self.step_hint") + "  \n" + " · ".join(
        plain(text).replace(" ", "\u00a0") for text in scale_labels(scale).values()))
    shown = {}
    with st.container(key="questionnaire_items"):
        for key, item in step.items:
            value = answers.get(key)
            shown[key] = st.radio(plain(item.text.get(lang())), levels,
                                  index=levels.index(value) if value in levels else None,
                                  format_func=str, horizontal=True, help=legend,
                                  key=widget_key(candidate.id, key))
    return shown


def review(candidate, all_steps, answers, scale) -> None:
    """Every answer, grouped by step, each step with a way back to change it; then the confirmed submit."""
    st.subheader(tr("self.review_title"))
    total = sum(len(step.items) for step in all_steps)
    missing = unanswered(all_steps, answers)
    if missing:
        st.warning(tr("self.review_missing", count=len(missing)), icon=":material/warning:")
    else:
        st.success(tr("self.review_complete"), icon=":material/check_circle:")
    labels = scale_labels(scale)
    for index, step in enumerate(all_steps):
        with st.container(border=True, key=f"review_step_{index}"):
            title = plain(step.title.get(lang()))
            st.markdown(f"**{tr('self.step_title', step=index + 1, steps=len(all_steps), title=title)}**")
            for key, item in step.items:
                chosen = f"**{plain(labels[answers[key]])}**" if key in answers else \
                    f":orange[**{tr('self.review_open')}**]"
                st.markdown(f"{plain(item.text.get(lang()))}  \n↳ {chosen}")
            if st.button(tr("self.review_change", step=index + 1), key=f"go:{index}", icon=":material/edit:"):
                set_query(step=index)
                st.rerun()
    if not missing:
        submit(candidate, len(answers), total)


def submit(candidate, answered: int, total: int) -> None:
    """The final submit: a summary and an explicit confirmation first."""
    with st.container(border=True, key="self_submit"):
        st.markdown(f"**{tr('self.submit_summary', answered=answered, total=total)}**")
        confirmed = st.checkbox(tr("self.submit_confirm"), key=f"confirm_submit:{candidate.id}")
        if st.button(tr("self.submit"), type="primary", disabled=not confirmed):
            try:
                store().submit_self_assessment(candidate.id)
            except UserError as exc:
                error(exc)
            else:
                st.rerun()
