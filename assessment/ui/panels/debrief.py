"""The debrief panel of the comparison page: per competency the interviewers' ratings, their mean and spread
beside the committee's consensus; the final decision with its reasons; and every candidate's decision at a
glance. Whoever may record the debrief (`debrief.record`) gets the two forms; everyone else reads.

Names, notes and reasons are user text: shown in tables (`st.dataframe`) or through `plain()`, never as HTML.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from assessment.results import RoundResults
from assessment.ui.common import lang, lazy_section, number, plain, refused, tr, workspace
from assessment.workspace import NOTE_GAP, VERDICTS

OVERVIEW_ROWS = 25  # a longer overview scrolls inside its table
SAVED = "debrief_saved"  # what was just saved, shown once after the page reruns


def heading(results: RoundResults) -> None:
    """The panel's top, for one round's results: its title, what was just saved, and every candidate's decision.
    The page puts its choice of candidate below it, then `render` about that candidate."""
    st.subheader(tr("debrief.title"))
    st.caption(tr("debrief.intro", gap=number(NOTE_GAP, 1)))
    if saved := st.session_state.pop(SAVED, None):
        st.success(tr(f"debrief.saved.{saved}"), icon=":material/check_circle:")
    overview(results)


def render(results: RoundResults, candidate_id: int) -> None:
    """The debrief of the candidate chosen on the page: the ratings per competency, the decision, the forms."""
    name = str(results.candidates.at[candidate_id, "name"])
    st.markdown(f"##### {tr('debrief.candidate', name=plain(name))}")
    st.dataframe(competency_table(results, candidate_id), hide_index=True, width="stretch", height="content")
    decision_line(results, candidate_id)
    if workspace().may("debrief.record", results.round.id):
        consensus_form(results, candidate_id)
        decision_form(results, candidate_id)


def verdict_words() -> dict[str, str]:
    return {verdict: tr(f"debrief.verdict.{verdict}") for verdict in VERDICTS}


def basis_words() -> dict[str, str]:
    return {basis: tr(f"debrief.basis.{basis}") for basis in ("interviewers", "mixed", "consensus")}


def overview(results: RoundResults) -> None:
    """Every interviewed candidate: fit, the basis of the fit, and the decision if there is one. Open at first in
    a round that fits in its table; a larger round's is folded and made only once opened (at 1,000 candidates
    its table was the first page's largest message, 63 kB; bench_browser)."""
    interviewed = results.interviewed()
    if interviewed.empty:
        return
    section = lazy_section(tr("debrief.overview"), "debrief_overview", ":material/checklist:",
                           expanded=len(interviewed) <= OVERVIEW_ROWS)
    if section is None:
        return
    decisions = results.decisions.reindex(interviewed)
    fit = results.fit.reindex(interviewed)
    table = pd.DataFrame({
        tr("common.candidate"): results.candidates["name"].reindex(interviewed).astype(str),
        tr("debrief.col.fit"): [number(v, 0) for v in fit["fit"]],
        tr("debrief.col.basis"): fit["basis"].map(basis_words()).fillna(""),
        tr("debrief.col.decision"): decisions["verdict"].map(verdict_words()).fillna("–"),
        tr("debrief.col.reasons"): decisions["reasons"].astype(object).fillna("").astype(str),
    }).iloc[np.argsort(-np.nan_to_num(fit["fit"].to_numpy(float), nan=-1), kind="stable")]
    section.dataframe(table, hide_index=True, width="stretch",
                      height="content" if len(table) <= OVERVIEW_ROWS else "auto")


def competency_table(results: RoundResults, candidate_id: int) -> pd.DataFrame:
    """One row per competency: each interviewer's rating, mean, spread (SD), consensus and its note."""
    ratings = results.ratings[results.ratings["candidate"] == candidate_id]
    by_interviewer = ratings.pivot_table(index="competency", columns="interviewer", values="value", aggfunc="first")
    scores = results.interview[results.interview["candidate"] == candidate_id].set_index("competency")
    consensus = results.consensus[results.consensus["candidate"] == candidate_id].set_index("competency")
    rows = []
    for competency in results.catalog.competencies:
        row = {tr("common.competency"): competency.name.get(lang())}
        for interviewer in by_interviewer.columns:
            row[str(interviewer)] = number(by_interviewer.get(interviewer, pd.Series()).get(competency.id), 0)
        row[tr("debrief.col.mean")] = number(scores["mean"].get(competency.id), 1)
        row[tr("debrief.col.spread")] = number(scores["sd"].get(competency.id), 1)
        row[tr("debrief.col.consensus")] = number(consensus["value"].get(competency.id), 0)
        row[tr("debrief.col.note")] = str(consensus["note"].get(competency.id, ""))
        rows.append(row)
    return pd.DataFrame(rows)


def decision_line(results: RoundResults, candidate_id: int) -> None:
    if candidate_id not in results.decisions.index:
        st.caption(tr("debrief.no_decision"))
        return
    row = results.decisions.loc[candidate_id]
    st.markdown(f"**{tr('debrief.col.decision')}: {verdict_words()[row['verdict']]}** · "
                f"{tr('debrief.decided_by', who=plain(row['decided_by']))}")
    st.text(str(row["reasons"]))


def consensus_form(results: RoundResults, candidate_id: int) -> None:
    competencies = {c.id: c.name.get(lang()) for c in results.catalog.competencies}
    low, high = results.catalog.bounds()
    with st.form(f"consensus_{candidate_id}", clear_on_submit=False, border=True):
        st.markdown(f"**{tr('debrief.consensus_form')}**")
        competency = st.selectbox(tr("common.competency"), list(competencies), format_func=competencies.get,
                                  key="debrief_competency")
        value = st.segmented_control(tr("debrief.rating"), list(range(low, high + 1)), key="debrief_rating")
        note = st.text_area(tr("debrief.note"), help=tr("debrief.note_help", gap=number(NOTE_GAP, 1)),
                            max_chars=20_000, key="debrief_note")
        if st.form_submit_button(tr("debrief.save_consensus"), icon=":material/how_to_vote:"):
            if value is None:
                st.error(tr("debrief.choose_rating"), icon=":material/error:")
            elif refused(workspace().record_consensus, results.round.id, candidate_id, competency, int(value),
                         note) is not None:
                st.session_state[SAVED] = "consensus"
                st.rerun()


def decision_form(results: RoundResults, candidate_id: int) -> None:
    words = verdict_words()
    with st.form(f"decision_{candidate_id}", border=True):
        st.markdown(f"**{tr('debrief.decision_form')}**")
        verdict = st.segmented_control(tr("debrief.verdict_label"), list(VERDICTS), format_func=words.get,
                                       key="debrief_verdict")
        reasons = st.text_area(tr("debrief.reasons"), max_chars=20_000, key="debrief_reasons")
        if st.form_submit_button(tr("debrief.save_decision"), icon=":material/gavel:"):
            if verdict is None:
                st.error(tr("debrief.choose_verdict"), icon=":material/error:")
            elif refused(workspace().record_decision, results.round.id, candidate_id, verdict, reasons) is not None:
                st.session_state[SAVED] = "decision"
                st.rerun()
