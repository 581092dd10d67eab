"""One candidate (HR and the committee): everything about the person in one place — status, self-assessment
answers, the interviewers' ratings and notes, manager type, and for those who run the round the links and
messages sent."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from assessment.candidates import person_labels
from assessment.errors import UserError
from assessment.i18n import LANGUAGE_NAMES
from assessment.results.cache import types_of
from assessment.ui.common import lang, plain, query_int, refused, round_picker, set_query, tr, workspace


def when(value: str | None) -> str:
    """An ISO time from the record, as a short local date and time; a dash where there is none."""
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def pick_candidate(round_id: int):
    """The candidate chosen (remembered in the URL); two people with one name are told apart by e-mail
    address or number."""
    candidates = workspace().candidate_names(round_id)
    if not candidates:
        st.info(tr("rounds.no_candidates"))
        return None
    ids = [c.id for c in candidates]
    wanted = query_int("candidate")
    if wanted is not None and wanted not in ids:
        refused(workspace().candidate, wanted)
        set_query(candidate=None)
    labels = person_labels((c.id, c.name, c.email) for c in candidates)
    chosen = st.selectbox(tr("common.candidate"), ids, index=ids.index(wanted) if wanted in ids else 0,
                          format_func=labels.get, key="candidate_picker")
    set_query(candidate=chosen)
    return chosen


def summary(record: dict, fit: tuple[float, float, float] | None, type_name: str | None) -> None:
    person, state = record["candidate"], record["state"]
    st.subheader(person["name"], anchor=False)
    facts = [tr("candidate.status", status=tr(f"status.{state['state']}", answered=state["answered"],
                                              items=state["items"])),
             tr("candidate.language", language=LANGUAGE_NAMES.get(person["language"], person["language"]))]
    if person["email"]:
        facts.append(tr("candidate.email", email=person["email"]))  # st.text: shown as typed, never markdown
    st.text("\n".join(facts))
    columns = st.columns(2)
    columns[0].metric(tr("candidate.fit"), "—" if fit is None else f"{fit[0]:.0f} %",
                      help=None if fit is None else tr("candidate.fit_interval", low=f"{fit[1]:.0f}",
                                                       high=f"{fit[2]:.0f}"))
    columns[1].metric(tr("candidate.interviews"), sum(i["status"] == "submitted" for i in record["interviews"]))
    st.text(tr("candidate.type_line", type=type_name or "—"))


def answers(record: dict) -> None:
    st.subheader(tr("candidate.answers"), anchor=False)
    if record["candidate"]["withdrawn_at"]:
        st.info(tr("candidate.withdrawn", at=when(record["candidate"]["withdrawn_at"])))
        return
    given = record["self_assessment"]
    if not given:
        st.info(tr("candidate.no_answers"))
        return
    scale = record["scale"]
    names = record["competency_names"]
    st.dataframe(pd.DataFrame([{tr("common.competency"): names.get(a["item"].split(".")[0], ""),
                                tr("candidate.statement"): record["statements"].get(a["item"]) or a["statement"],
                                tr("candidate.answer"): f"{a['answer']} · {scale.get(a['answer'], '')}"}
                               for a in given]), hide_index=True, width="stretch")


def ratings(record: dict) -> None:
    st.subheader(tr("candidate.ratings"), anchor=False)
    if record["ratings_hidden"]:
        st.info(tr("interview.hidden"))
        return
    if not record["interviews"]:
        st.info(tr("candidate.no_interviews"))
        return
    rows, notes = {}, []
    for interview in record["interviews"]:
        who = interview["interviewer"]
        if interview["status"] != "submitted":
            st.caption(tr("candidate.interview_open", name=plain(who)))
            continue
        for rating in interview["ratings"]:
            row = rows.setdefault(rating["competency"], {tr("common.competency"): rating["competency_name"]})
            row[who] = tr("common.not_observed_short") if rating["not_observed"] else \
                "—" if rating["rating"] is None else str(rating["rating"])
            if rating["notes"]:
                notes.append({tr("common.competency"): rating["competency_name"],
                              tr("interview.interviewer"): who, tr("interview.notes"): rating["notes"]})
        if interview["recommendation"]:
            st.caption(tr("candidate.recommendation", name=plain(who),
                          answer=tr("recommendation." + interview["recommendation"])))
    if rows:
        st.dataframe(pd.DataFrame(list(rows.values())).fillna("—"), hide_index=True, width="stretch")
        st.caption(tr("interview.table_legend"))
    if notes:
        st.dataframe(pd.DataFrame(notes), hide_index=True, width="stretch")


def contact(record: dict) -> None:
    st.subheader(tr("candidate.contact"), anchor=False)
    links = [{tr("candidate.link_issued"): when(i["created_at"]), tr("candidate.link_expires"): when(i["expires_at"]),
              tr("candidate.link_done"): when(i["used_or_replaced_at"])} for i in record["invitations"]]
    if links:
        st.dataframe(pd.DataFrame(links), hide_index=True, width="stretch")
    else:
        st.info(tr("candidate.no_links"))
    messages = [{tr("mailui.col_kind"): tr(f"mailui.kind_{m['kind']}"),
                 tr("mailui.col_state"): tr(f"mailui.state_{m['state']}"),
                 tr("mailui.col_queued"): when(m["queued_at"]), tr("mailui.col_sent"): when(m["sent_at"])}
                for m in record["messages"]]
    if messages:
        st.dataframe(pd.DataFrame(messages), hide_index=True, width="stretch")


def typed(results, candidate_id: int) -> str | None:
    """The candidate's manager type in the interviewers' view, if the round can be typed."""
    try:
        round_types = types_of(results, "interview")
    except UserError:
        return None
    if round_types is None or candidate_id not in round_types.table.index:
        return None
    row = round_types.table.loc[candidate_id]
    return None if pd.isna(row["type"]) else round_types.type_name(row["type"], lang())


st.title(tr("candidate.title"))
st.caption(tr("candidate.intro"))
current = round_picker()
if current is not None:
    chosen = pick_candidate(current.id)
    if chosen is not None:
        record = refused(workspace().candidate_file, chosen)
        if record is not None:
            results = workspace().results(current.id)
            catalog = results.catalog
            record["scale"] = {level: text.get(lang()) for level, text in catalog.self_scale.items()}
            record["competency_names"] = {c.id: c.name.get(lang()) for c in catalog.competencies}
            # In the reader's language; the candidate answered the same statement in theirs.
            record["statements"] = {entry.key: entry.item.text.get(lang()) for entry in catalog.self_items}
            fit = results.fit.loc[chosen] if chosen in results.fit.index else None
            figures = None if fit is None or pd.isna(fit["fit"]) else (fit["fit"], fit["fit_low"], fit["fit_high"])
            summary(record, figures, typed(results, chosen))
            answers(record)
            ratings(record)
            if record["runs_round"]:
                contact(record)
