"""The candidate's own feedback report, offered on their thank-you page when their round gives one. The
candidate is known by their invite link, not by a staff account, so this reads the store directly."""

from __future__ import annotations

from functools import partial

import streamlit as st

from assessment import documents
from assessment.results.loader import load_round
from assessment.store import Store
from assessment.ui.common import lang, store, tr

PDF = "application/pdf"


def feedback_pdf(source: Store, round_id: int, candidate_id: int, language: str) -> bytes:
    data = documents.feedback_report(load_round(source, round_id), candidate_id, language)
    source.record_read(f"candidate:{candidate_id}", "candidate.document", f"candidate:{candidate_id}",
                       document="feedback")
    return data


def feedback_button(candidate) -> None:
    """The candidate's own feedback report, when their round gives one."""
    round_ = store().get_round(candidate.round_id)
    if not round_.candidate_feedback:
        return
    st.caption(tr("documents.feedback_help"))
    st.download_button(tr("documents.feedback"), partial(feedback_pdf, store(), round_.id, candidate.id, lang()),
                       file_name=documents.safe_filename("feedback", candidate.name), mime=PDF, on_click="ignore",
                       icon=":material/download:", key="feedback_download", type="primary")
