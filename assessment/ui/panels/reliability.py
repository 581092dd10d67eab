"""The reliability panel of the comparison page: how far to trust the round's numbers, each read in plain words.

The figures come from `assessment.results.reliability`; this module only lays them out. Names of people are user
text: they are shown in tables (`st.dataframe`) or made inert with `plain()`, never as HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.results import RoundResults
from assessment.results import reliability as trust
from assessment.results.cache import reliability_of
from assessment.ui.common import lang, lazy_section, number, plain, tr

AGENDA_ROWS = 25  # a longer agenda scrolls inside its table
# how the figure behind a flag is written into the flag's sentence
MEASURE_STYLE = {"lenient": "points", "severe": "points", "halo": "percent", "central_tendency": "percent",
                 "straight_lining": "percent", "speeding": "seconds", "contradicting": "count"}


def render(results: RoundResults) -> None:
    """The panel, in an expander, for one round's results: worked out and sent only while it is open (closed, the
    agenda of a 1,000-candidate round still cost the first page a table of 225 kB nobody saw; bench_browser)."""
    section = lazy_section(tr("trust.title"), "trust_panel", ":material/fact_check:")
    if section is None:
        return
    reliability = reliability_of(results, lang())
    with section:
        st.caption(tr("trust.intro"))
        agreement(reliability.agreement)
        areas(reliability.areas)
        flags("raters", reliability.rater_effects, "interviewer")
        flags("answers", reliability.response_quality, "name")
        agenda(reliability.agenda)


def heading(section: str) -> None:
    st.markdown(f"##### {tr(f'trust.{section}.heading')}")
    st.caption(tr(f"trust.{section}.help"))


def agreement(figure: trust.Agreement) -> None:
    """ICC1 and ICC1k side by side, each with the sentence of its band and its interval."""
    heading("icc")
    if figure.reason:
        st.info(tr(f"trust.reason.{figure.reason}"), icon=":material/hourglass_empty:")
        return
    columns = st.columns(2)
    forms = (("single", figure.single, figure.single_ci95, figure.single_band),
             ("panel", figure.panel, figure.panel_ci95, figure.panel_band))
    for column, (form, value, interval, band) in zip(columns, forms, strict=True):
        column.metric(tr(f"trust.icc.{form}"), number(value, 2), help=tr(f"trust.icc.{form}_help"))
        column.caption(tr("trust.interval", low=number(interval[0], 2), high=number(interval[1], 2)))
        column.markdown(tr(f"trust.icc.{form}.{band}"))
    st.caption(tr("trust.icc.basis", targets=figure.n_targets, candidates=figure.n_candidates,
                  single=figure.n_single))


def areas(figures: tuple[trust.AreaAlpha, ...]) -> None:
    """One line per competency area: its alpha and what it means, or why there is none yet."""
    heading("alpha")
    lines = []
    for figure in figures:
        if figure.reason:
            reading = tr(f"trust.reason.{figure.reason}")
        else:
            shown = tr("trust.alpha.figure", alpha=number(figure.alpha, 2), n=figure.n_respondents)
            reading = f"{shown} — {tr(f'trust.alpha.{figure.band}')}"
        lines.append(f"- **{plain(figure.name)}**: {reading}")
    st.markdown("\n".join(lines))


def flags(section: str, check: trust.Check, who: str) -> None:
    """The raised flags of one check, one line per person and flag; or that none was raised, or why not."""
    heading(section)
    flagged = check.flagged()
    if not flagged.empty:
        st.markdown("\n".join(flag_line(row[who], row["flag"], row["measure"])
                              for row in flagged.to_dict("records")))
    elif check.reason:
        st.info(tr(f"trust.reason.{check.reason}"), icon=":material/hourglass_empty:")
    else:
        st.success(tr(f"trust.{section}.none"), icon=":material/check_circle:")


def flag_line(name: object, flag: str, measure: float) -> str:
    """``- **name** — Flag: what it means``, the name made inert for Markdown."""
    sentence = tr(f"trust.flag.{flag}.reading", value=measure_text(flag, measure))
    return f"- **{plain(name)}** — {tr(f'trust.flag.{flag}')}: {sentence}"


def measure_text(flag: str, measure: float) -> str:
    style = MEASURE_STYLE[flag]
    if style == "percent":
        return tr("trust.percent", value=number(100 * measure, 0))
    if style == "count":
        return str(int(measure))
    return number(abs(measure), 1 if style == "points" else 0)


def agenda(check: trust.Check) -> None:
    """The debrief agenda as a table: candidate, competency, the lowest and the highest rating and who gave them."""
    heading("agenda")
    if check.reason:
        st.info(tr(f"trust.reason.{check.reason}"), icon=":material/hourglass_empty:")
        return
    if check.rows.empty:
        st.success(tr("trust.agenda.none"), icon=":material/check_circle:")
        return
    rows = check.rows
    table = pd.DataFrame({
        tr("common.candidate"): rows["name"],
        tr("common.competency"): rows["competency_name"],
        tr("trust.col.lowest"): who_rated(rows["min"], rows["interviewers_at_min"]),
        tr("trust.col.highest"): who_rated(rows["max"], rows["interviewers_at_max"]),
    })
    st.dataframe(table, hide_index=True, width="stretch", height="content" if len(table) <= AGENDA_ROWS else "auto")


def who_rated(values: pd.Series, interviewers: pd.Series) -> list[str]:
    """``4 (Mark Ellis, Ирина Лебедева)``: a rating and who gave it."""
    figures = {value: number(value, 0) for value in set(values)}  # a handful of levels, however many rows
    return [f"{figures[value]} ({', '.join(names)})" for value, names in zip(values, interviewers, strict=True)]


