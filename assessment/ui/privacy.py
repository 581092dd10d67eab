"""Privacy notice (staff): the notice candidates read before consenting, in every language, with its version
and the file it comes from; a broken file is named with the line of its first problem."""

from __future__ import annotations

import streamlit as st

from assessment import i18n, privacy
from assessment.errors import UserError
from assessment.ui.common import error, tr
from assessment.ui.privacy_panel import show_notice

st.title(tr("privacy.page_title"))
st.caption(tr("privacy.page_intro"))
path = privacy.notice_path()
try:
    notice = privacy.notice()
except UserError as exc:
    st.text(f"{tr('privacy.page_file')}: {path}")
    error(exc)
    st.stop()
if notice.example:
    st.warning(tr("privacy.page_example"), icon=":material/warning:")
left, right = st.columns(2)
left.metric(tr("privacy.page_version"), notice.version)
right.metric(tr("privacy.page_retention"), tr("privacy.page_days", days=notice.retention_days))
st.text(f"{tr('privacy.page_file')}: {path}")
for tab, language in zip(st.tabs([i18n.LANGUAGE_NAMES[code] for code in i18n.LANGUAGES]), i18n.LANGUAGES,
                         strict=True):
    with tab:
        show_notice(notice, language, key=f"privacy_notice_{language}")
