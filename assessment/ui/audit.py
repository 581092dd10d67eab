"""Audit log (admin): who read or changed which round's or candidate's data, when; filtered and exported."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pandas as pd
import streamlit as st

from assessment import i18n
from assessment.errors import UserError
from assessment.ui.common import error, round_labels, tr, workspace


def action_words(action: str) -> str:
    """What an action id means, in the page's language; the id itself for one recorded by a newer version."""
    key = f"audit.action.{action}"
    return tr(key) if key in i18n.strings() else action


st.title(tr("audit.title"))
st.caption(tr("audit.intro"))
try:
    rounds = round_labels(workspace().all_rounds())
except UserError as exc:
    error(exc)
    st.stop()
left, middle, right = st.columns([3, 2, 3])
round_id = left.selectbox(tr("common.round"), list(rounds), format_func=rounds.get, index=None,
                          placeholder=tr("audit.all_rounds"))
since = middle.date_input(tr("audit.since"), value=None)
actor = right.text_input(tr("audit.actor"), max_chars=320).strip().lower()
start = datetime.combine(since, time.min, tzinfo=UTC) if since else None
events = workspace().audit_events(round_id, start)
table = pd.DataFrame([{"at": e.at, "actor": e.actor, "action": action_words(e.action), "subject": e.subject,
                       "detail": ", ".join(f"{k}={v}" for k, v in sorted(e.detail.items())), "action_id": e.action}
                      for e in events if actor in e.actor.lower()],
                     columns=["at", "actor", "action", "subject", "detail", "action_id"])
st.caption(tr("audit.count", count=len(table)))
labels = {column: tr(f"audit.col_{column}") for column in table.columns}
st.dataframe(table.drop(columns="action_id").rename(columns=labels), hide_index=True, width="stretch")
st.download_button(tr("audit.export"), table.to_csv(index=False).encode("utf-8-sig"), file_name="audit.csv",
                   mime="text/csv", on_click="ignore")
