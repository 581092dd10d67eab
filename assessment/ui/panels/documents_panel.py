"""Download buttons for the printed documents (`assessment.documents`): the interview kit on the interview page,
the candidate and round reports on the comparison page, and the round setting that lets candidates download
their own feedback. Each document is made through the workspace (checked, and recorded in the audit log) only
when its button is clicked; Streamlit then calls the maker outside the page's run, so it gets what it needs
bound in advance."""

from __future__ import annotations

from functools import partial

import streamlit as st

from assessment import documents
from assessment.errors import UserError
from assessment.results import RoundResults
from assessment.ui.common import error, lang, plain, tr, workspace

PDF = "application/pdf"


def paper_choice(key: str) -> str:
    """A4 or Letter, remembered for the session."""
    labels = {"a4": "A4", "letter": "Letter"}
    return st.segmented_control(tr("documents.paper"), list(labels), default="a4", format_func=labels.get,
                                key=key) or "a4"


def kit_button(round_, candidate_id: int) -> None:
    """The interview kit of this candidate, to print and take into the room."""
    desk = workspace()
    name = desk.candidate(candidate_id).name
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        paper = paper_choice("kit_paper")
    right.download_button(tr("documents.kit"), partial(desk.kit, candidate_id, lang(), paper),
                          file_name=documents.safe_filename("kit", round_.name, name), mime=PDF,
                          on_click="ignore", icon=":material/print:", key="kit_download")


def report_buttons(results: RoundResults, candidate_id: int) -> None:
    """The chosen candidate's report and the round report, from the results this page shows."""
    desk = workspace()
    name = str(results.candidates.at[candidate_id, "name"])
    paper, candidate, whole = st.columns([1, 2, 2], vertical_alignment="bottom")
    with paper:
        size = paper_choice("report_paper")
    candidate.download_button(
        f"{tr('documents.candidate_report')} · {plain(name)}",
        partial(desk.candidate_report, results, candidate_id, lang(), size),
        file_name=documents.safe_filename("candidate", results.round.name, name), mime=PDF, on_click="ignore",
        icon=":material/picture_as_pdf:", key="candidate_report_download", width="stretch")
    whole.download_button(
        tr("documents.round_report"), partial(desk.round_report, results, lang(), size),
        file_name=documents.safe_filename("round", results.round.name), mime=PDF, on_click="ignore",
        icon=":material/picture_as_pdf:", key="round_report_download", width="stretch")


def feedback_setting(round_id: int) -> None:
    """Whether the round's candidates may download their own feedback report (off by default)."""
    round_ = workspace().round(round_id)
    allowed = st.toggle(tr("documents.allow_feedback"), value=bool(round_.candidate_feedback),
                        help=tr("documents.allow_feedback_help"), key=f"feedback_setting:{round_id}")
    if allowed != bool(round_.candidate_feedback):
        try:
            workspace().set_candidate_feedback(round_id, allowed)
        except UserError as exc:  # refused: shown, nothing changed
            error(exc)
        else:
            st.rerun()
