"""How sure the ranking is, on the comparison page: for the top candidates by fit, the probability that each
one's fit is higher than the next one's (`assessment.results.ranking`), the basis of each fit, and where two
candidates cannot be told apart, what would most reduce the uncertainty. Names are shown through `plain()`
or in a table, never as HTML."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.charts.comparison import ranked_fit
from assessment.results import RoundResults, ranking
from assessment.ui.common import lang, number, plain, tr

TOP = 5
TABLE_ROWS = 12  # a longer ranking table scrolls inside its frame


def fit_table(results: RoundResults, candidate_ids: list[int] | None) -> None:
    """The ranking as a table, best first: each candidate's fit, its 95 % interval and where it stands against the
    highest fit (as the ranking chart groups them), for `candidate_ids` or everyone interviewed. Drawn without a
    chart: the first view of a large round stays light (issue 18), and a table reads aloud."""
    fit = ranked_fit(results)
    if candidate_ids is not None:
        fit = fit[fit.index.isin(candidate_ids)]
    standing = {group: tr(f"comparison.standing.{group}") for group in ("leader", "tied", "behind")}
    no_interval = tr("charts.fit.no_interval")
    interval = [no_interval if pd.isna(low) else f"{number(low, 0)}–{number(high, 0)}"
                for low, high in zip(fit["fit_low"], fit["fit_high"], strict=True)]
    table = pd.DataFrame({
        tr("ranking.col.rank"): fit["row"].to_numpy() + 1,
        tr("common.candidate"): fit["name"].astype(str).to_numpy(),
        tr("debrief.col.fit"): fit["fit"].round(0).to_numpy(),
        tr("comparison.col.interval"): interval,
        tr("comparison.col.standing"): [standing[group] for group in fit["group"]],
    })
    bar = st.column_config.ProgressColumn(tr("debrief.col.fit"), min_value=0, max_value=100, format="%.0f")
    st.dataframe(table, hide_index=True, width="stretch", column_config={tr("debrief.col.fit"): bar},
                 height="content" if len(table) <= TABLE_ROWS else "auto", key="fit_table")


def render(results: RoundResults) -> None:
    """The panel, for one round's results (nothing when fewer than two candidates were interviewed)."""
    if len(results.interviewed()) < 2:
        return
    certainty = ranking.ranking_certainty(results, top=TOP, seed=results.round.id)
    st.markdown(f"##### {tr('ranking.title', count=len(certainty.candidates))}")
    st.caption(tr("ranking.model", low=percent(ranking.UNDECIDED[0]), high=percent(ranking.UNDECIDED[1])))
    st.dataframe(table(results, certainty), hide_index=True, width="stretch")
    names = results.candidates["name"].to_dict()
    for k, suggestion in enumerate(certainty.suggestions):
        if suggestion is not None:
            st.markdown("- " + advice(certainty, k, suggestion, names, results))


def percent(p: float) -> str:
    """A probability in percent; beyond 99 % (or under 1 %) as a bound: a simulation never proves certainty."""
    if p > 0.99:
        return "> " + tr("ranking.percent", value=99)
    if p < 0.01:
        return "< " + tr("ranking.percent", value=1)
    return tr("ranking.percent", value=number(100 * p, 0))


def table(results: RoundResults, certainty: ranking.RankingCertainty) -> pd.DataFrame:
    bases = {basis: tr(f"debrief.basis.{basis}") for basis in ("interviewers", "mixed", "consensus")}
    names = results.candidates["name"].to_dict()
    ahead = [*(percent(p) for p in certainty.ahead), "–"]
    return pd.DataFrame({
        tr("ranking.col.rank"): range(1, len(certainty.candidates) + 1),
        tr("common.candidate"): [str(names[c]) for c in certainty.candidates],
        tr("debrief.col.fit"): [number(f, 0) for f in certainty.fit],
        tr("debrief.col.basis"): [bases.get(results.fit.at[c, "basis"], "") for c in certainty.candidates],
        tr("ranking.col.ahead"): ahead,
    })


def advice(certainty: ranking.RankingCertainty, k: int, suggestion: ranking.Suggestion, names: dict,
           results: RoundResults) -> str:
    """One sentence: the pair cannot be told apart; what would help most, with its expected effect."""
    first, second = (plain(names[c]) for c in certainty.candidates[k:k + 2])
    parts = [tr("ranking.undecided", first=first, second=second, p=percent(certainty.ahead[k]))]
    if suggestion.competency is not None:
        competency = results.catalog.competency(suggestion.competency).name.get(lang())
        parts.append(tr("ranking.rate_competency", competency=plain(competency),
                        name=plain(names[suggestion.competency_candidate]),
                        share=percent(suggestion.competency_reduction)))
    # After the competency's half-sentence, its second half; alone (no competency left to rate), a sentence
    parts.append(tr("ranking.extra_interviewer" if len(parts) > 1 else "ranking.extra_interviewer_alone",
                    name=plain(names[suggestion.interviewer_candidate]),
                    share=percent(suggestion.interviewer_reduction)))
    return " ".join(parts)
