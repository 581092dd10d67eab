"""Download buttons for the printed documents (`assessment.documents`): the interview kit on the interview page,
the candidate and round reports on the comparison page, the candidate's own feedback after submitting, and the
round setting that allows it.

A PDF is made only when its button is clicked (Streamlit calls the function then, outside the page's run), so
each maker takes everything it needs as arguments, and records the read in the audit log itself.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from assessment import documents
from assessment.errors import UserError
from assessment.results import RoundResults
from assessment.results.loader import load_round
from assessment.store import Store
from assessment.ui.common import error, lang, me, plain, store, tr

PDF = "application/pdf"


def paper_choice(key: str) -> str:
    """A4 or Letter, remembered for the session."""
    labels = {"a4": "A4", "letter": "Letter"}
    return st.segmented_control(tr("documents.paper"), list(labels), default="a4", format_func=labels.get,
                                key=key) or "a4"


# -- interview page ------------------------------------------------------------------------------------------


def kit_pdf(source: Store, round_id: int, candidate_id: int, interviewer: str, actor: str, staff_id: int,
            language: str, paper: str) -> bytes:
    hidden = source.awaiting_own_submission(staff_id, round_id)
    data = documents.interview_kit(load_round(source, round_id, hidden), candidate_id, interviewer, language, paper)
    source.record_read(actor, "candidate.document", f"candidate:{candidate_id}", document="kit")
    return data


def kit_button(round_, candidate_id: int) -> None:
    """The interview kit of this candidate, to print and take into the room."""
    round_id, name = round_.id, store().get_candidate(candidate_id).name
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        paper = paper_choice("kit_paper")
    right.download_button(tr("documents.kit"), partial(kit_pdf, store(), round_id, candidate_id, me().name,
                                                       me().email, me().id, lang(), paper),
                          file_name=documents.safe_filename("kit", round_.name, name), mime=PDF,
                          on_click="ignore", icon=":material/print:", key="kit_download")


# -- comparison page -------------------------------------------------------------------------------------------


def candidate_pdf(source: Store, results: RoundResults, candidate_id: int, actor: str, hidden: frozenset[int],
                  language: str, paper: str) -> bytes:
    data = documents.candidate_report(results, candidate_id, language, paper, hidden)
    source.record_read(actor, "candidate.document", f"candidate:{candidate_id}", document="candidate")
    return data


def round_pdf(source: Store, results: RoundResults, actor: str, hidden: frozenset[int], language: str,
              paper: str) -> bytes:
    data = documents.round_report(results, language, paper, hidden)
    source.record_read(actor, "round.document", f"round:{results.round.id}", document="round_report")
    return data


def report_buttons(results: RoundResults, candidate_id: int, hidden: frozenset[int]) -> None:
    """The chosen candidate's report and the round report, from the results this page shows."""
    name = str(results.candidates.at[candidate_id, "name"])
    paper, candidate, whole = st.columns([1, 2, 2], vertical_alignment="bottom")
    with paper:
        size = paper_choice("report_paper")
    make = partial(candidate_pdf, store(), results, candidate_id, me().email, hidden, lang(), size)
    candidate.download_button(
        f"{tr('documents.candidate_report')} · {plain(name)}", make,
        file_name=documents.safe_filename("candidate", results.round.name, name), mime=PDF, on_click="ignore",
        icon=":material/picture_as_pdf:", key="candidate_report_download", width="stretch")
    whole.download_button(
        tr("documents.round_report"), partial(round_pdf, store(), results, me().email, hidden, lang(), size),
        file_name=documents.safe_filename("round", results.round.name), mime=PDF, on_click="ignore",
        icon=":material/picture_as_pdf:", key="round_report_download", width="stretch")


# -- the candidate's page after submitting -------------------------------------------------------------------


def feedback_pdf(source: Store, round_id: int, candidate_id: int, language: str) -> bytes:
    results = load_round(source, round_id)
    data = documents.feedback_report(results, candidate_id, language)
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


# -- rounds page ------------------------------------------------------------------------------------------------


def feedback_setting(round_id: int) -> None:
    """Whether the round's candidates may download their own feedback report (off by default)."""
    round_ = store().get_round(round_id)
    allowed = st.toggle(tr("documents.allow_feedback"), value=bool(round_.candidate_feedback),
                        help=tr("documents.allow_feedback_help"), key=f"feedback_setting:{round_id}")
    if allowed != bool(round_.candidate_feedback):
        try:
            store().require(me(), "round.edit", round_id)
            store().set_candidate_feedback(round_id, allowed, actor=me().email)
        except UserError as exc:  # refused: shown, nothing changed
            error(exc)
        else:
            st.rerun()
