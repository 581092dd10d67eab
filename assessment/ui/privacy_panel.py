"""The candidate's side of the privacy notice: the notice before consenting, and withdrawing the consent through
the invite link (a confirmation step, then a page that says it is done). Used by the self-assessment page."""

from __future__ import annotations

import streamlit as st

from assessment import i18n, privacy
from assessment.errors import UserError
from assessment.ui.common import error, lang, plain, set_query, store, tr

WITHDRAW = "withdraw"  # the query parameter of the confirmation step, so a reload stays on it


def current_notice() -> privacy.PrivacyNotice | None:
    """The notice in use, or None after telling the candidate it cannot be shown (the file is broken: staff
    see why on the Privacy notice page)."""
    try:
        return privacy.notice()
    except UserError:
        st.error(tr("privacy.unavailable"), icon=":material/error:")
        return None


def show_notice(notice: privacy.PrivacyNotice, language: str | None = None, key: str = "privacy_notice") -> None:
    """The notice in `language` (default: the session's), as plain text: nothing in the file becomes a link or
    formatting (`st.text`, not Markdown, which turns even escaped addresses into links)."""
    language = language or lang()

    def words(name: str, **values) -> str:
        return i18n.t(f"privacy.{name}", language, **values)

    with st.container(border=True, key=key):
        st.subheader(words("title"), anchor=False)
        _section(words("controller"), f"{notice.controller_name[language]}\n{notice.controller_address[language]}")
        _section(words("contact"), notice.contact_email)
        _section(words("purpose"), notice.purpose[language])
        _section(words("retention"), words("retention_text", days=notice.retention_days))
        _section(words("rights"), notice.rights[language])
        st.caption(words("version", version=notice.version))


def _section(title: str, text: str) -> None:
    st.markdown(f"**{plain(title)}**")
    st.text(text)


def withdraw_button() -> None:
    """The way to withdraw, at the foot of every page the candidate reaches after consenting."""
    st.divider()
    st.caption(tr("privacy.withdraw_hint"))
    if st.button(tr("privacy.withdraw"), icon=":material/person_remove:", key="withdraw"):
        set_query(**{WITHDRAW: 1})
        st.rerun()


def asked_to_withdraw() -> bool:
    return st.query_params.get(WITHDRAW) == "1"


def confirm_withdrawal(candidate) -> None:
    """The confirmation step: what withdrawing does, then withdraw or go back."""
    st.title(tr("privacy.confirm_title"))
    st.warning(tr("privacy.confirm_text"), icon=":material/warning:")
    try:
        contact = privacy.notice().contact_email
    except UserError:
        contact = None
    if contact:
        st.text(tr("privacy.confirm_ratings", email=contact))
    yes, no = st.columns(2)
    if yes.button(tr("privacy.confirm_yes"), type="primary", width="stretch"):
        try:
            store().withdraw_consent(candidate.id)
        except UserError as exc:
            error(exc)
            return
        set_query(**{WITHDRAW: None})
        st.rerun()
    if no.button(tr("privacy.confirm_no"), width="stretch"):
        set_query(**{WITHDRAW: None})
        st.rerun()


def withdrawn_page() -> None:
    st.title(tr("privacy.withdrawn_title"))
    st.write(tr("privacy.withdrawn_text"))
