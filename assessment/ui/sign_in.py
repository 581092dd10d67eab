"""The only staff page open without signing in: it says so and leads to the sign-in."""

from __future__ import annotations

import streamlit as st

from assessment.ui.account import sign_in_link, sso_configured
from assessment.ui.common import language_picker, tr

_, picker = st.columns([4, 1])
language_picker(picker)
if refused := st.session_state.pop("sso_refused", None):
    st.title(tr("signin.sso_refused_title"))
    st.error(refused, icon=":material/block:")
    if st.button(tr("signin.sign_out")):
        st.logout()
    st.stop()
st.title(tr("signin.page_title"))
st.write(tr("signin.page_text"))
st.link_button(tr("signin.with_password"), sign_in_link(), type="primary", icon=":material/login:")
if sso_configured() and st.button(tr("signin.with_sso"), icon=":material/badge:"):
    st.login()
