"""The overview at the top of the Rounds page: every round the person runs, with its state, candidates,
progress and the next step."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.catalog import load_catalogs
from assessment.ui.common import lang, tr, workspace


def render() -> None:
    """Every round the person runs: its state, candidates, progress and what it waits for."""
    rounds = workspace().overview()
    if len(rounds) < 2:
        return  # one round: the page below is its overview
    with st.expander(tr("rounds.overview"), expanded=True, icon=":material/dashboard:"):
        rows = []
        roles = {loaded.catalog.id: loaded.catalog.name.get(lang()) for loaded in load_catalogs()}
        for r, p in rounds:
            step = p.next_step(r.status)
            left = p.candidates - (p.invited if step == "invite" else p.interviewed)
            rows.append({
                tr("rounds.col_round"): f"{r.name} · #{r.id}",
                tr("rounds.role"): roles.get(r.catalog_id, r.catalog_id),
                tr("rounds.col_state"): tr(f"round_state.{r.status}"),
                tr("rounds.col_next"): tr(f"rounds.next.{step}", count=left),
                tr("rounds.col_candidates"): p.candidates,
                tr("rounds.col_self_done"): round(100 * p.self_submitted / p.candidates) if p.candidates else 0,
                tr("rounds.col_interviewed"): round(100 * p.interviewed / p.candidates) if p.candidates else 0,
            })
        share = {"min_value": 0, "max_value": 100, "format": "%d %%"}
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config={
            tr("rounds.col_self_done"): st.column_config.ProgressColumn(**share),
            tr("rounds.col_interviewed"): st.column_config.ProgressColumn(**share),
        })
