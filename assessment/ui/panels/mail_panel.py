"""The E-mail tab of the Rounds page (HR): invite many candidates at once, send a candidate a new link, and see
what was sent to whom and when. Whether mail is set up is said first; without it, messages wait in the outbox."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.errors import UserError
from assessment.mail import mail_settings
from assessment.ui.common import error, error_text, plain, tr, workspace

FINISHED = ("submitted", "interviewed")


def render(round_id: int) -> None:
    """Below the Rounds page's tabs, for those who may edit the round: whether mail is set up, then the rest in
    an expander, whose content is read from the database only while it is open."""
    if not workspace().may("round.edit", round_id):
        return  # the Team tab above already says why
    setup_line()
    section = st.expander(tr("mailui.title"), icon=":material/mail:", key="mail_section", on_change="rerun")
    if not section.open:
        return
    with section:
        statuses = workspace().statuses(round_id)
        days = st.number_input(tr("rounds.invite_days"), min_value=1, max_value=365, value=14, key="mail_days")
        bulk_invite(statuses, int(days))
        resend(statuses, int(days))
        history(round_id)


def setup_line() -> None:
    try:
        settings = mail_settings()
    except UserError as exc:
        error(exc)
        return
    if settings.server is None:
        st.warning(tr("mailui.not_set_up"), icon=":material/mail_off:")
    elif missing := settings.missing():
        st.warning(tr("mailui.incomplete", missing=", ".join(missing)), icon=":material/mail_off:")
    else:
        server = settings.server
        st.caption(tr("mailui.set_up", server=plain(f"{server.host}:{server.port}"), sender=plain(settings.sender[1]),
                      security=tr(f"mailui.security_{server.security}")))


def _send(candidate_ids: list[int], days: int) -> tuple[int, list[str]]:
    done, problems = 0, []
    for candidate_id in candidate_ids:
        try:
            workspace().invite(candidate_id, days, send=True)
            done += 1
        except UserError as exc:
            problems.append(error_text(exc))
    return done, problems


def _report(done: int, problems: list[str], key: str) -> None:
    if done:
        st.success(tr(key, count=done), icon=":material/outgoing_mail:")
    for problem in problems:
        st.warning(problem)


def bulk_invite(statuses, days: int) -> None:
    open_ = {s.candidate.id: s for s in statuses if s.candidate.email and s.state not in FINISHED}
    names = {cid: f"{s.candidate.name} · {s.candidate.email}" for cid, s in open_.items()}
    with st.form("mail_bulk_invite"):
        st.markdown(f"**{tr('mailui.bulk_title')}**")
        chosen = st.multiselect(tr("mailui.bulk_who"), list(names), format_func=names.get,
                                default=[cid for cid, s in open_.items() if s.state == "added"],
                                placeholder=tr("mailui.bulk_placeholder"))
        clicked = st.form_submit_button(tr("mailui.bulk_send"), type="primary", icon=":material/send:")
    without = [s.candidate.name for s in statuses if not s.candidate.email]
    if without:
        st.caption(tr("mailui.without_email", names=plain(", ".join(without))))
    if clicked:
        _report(*_send(chosen, days), "mailui.bulk_done")


def resend(statuses, days: int) -> None:
    reachable = {s.candidate.id: s.candidate for s in statuses if s.candidate.email}
    if not reachable:
        return
    st.markdown(f"**{tr('mailui.resend_title')}**")
    st.caption(tr("mailui.resend_note"))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(tr("common.candidate"), list(reachable), key="mail_resend_who",
                            format_func=lambda cid: f"{reachable[cid].name} · {reachable[cid].email}")
    if right.button(tr("mailui.resend"), icon=":material/forward_to_inbox:", key="mail_resend"):
        _report(*_send([chosen], days), "mailui.resend_done")


def history(round_id: int) -> None:
    st.markdown(f"**{tr('mailui.history_title')}**")
    sent = workspace().round_mail(round_id)
    if not sent:
        st.caption(tr("mailui.history_empty"))
        return
    st.dataframe(pd.DataFrame([{
        tr("rounds.col_name"): name,
        tr("mailui.col_to"): message.recipient,
        tr("mailui.col_kind"): tr(f"mailui.kind_{message.kind}"),
        tr("mailui.col_state"): tr(f"mailui.state_{message.state}"),
        tr("mailui.col_queued"): _when(message.created_at),
        tr("mailui.col_sent"): _when(message.sent_at),
        tr("mailui.col_answer"): message.answer or "",
    } for message, name in sent]), hide_index=True, width="stretch")


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else ""
