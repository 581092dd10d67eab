"""The candidate report for the hiring committee: one candidate of a round, on paper.

Fit to the role with its interval and place in the round, the interviewers' recommendations, the profile
against the role target, self-view against the interviewers' view, where the interviewers disagree, the
manager type with how sure it is, and how far to trust these numbers, each in plain words. The charts are
the comparison page's figures (`assessment.charts`), drawn as vector graphics.

    >>> pdf = candidate_report(load_round(store, 1, hidden), candidate_id=7, lang="de", hidden=hidden)
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from assessment import charts
from assessment.charts.comparison import ranked_fit
from assessment.errors import UserError
from assessment.i18n import error_text, t
from assessment.results import RoundResults, RoundTypes, archetype_descriptions, round_reliability
from assessment.results.cache import types_of
from assessment.results.manager_types import REFIT_SHARE
from assessment.results.reliability import RoundReliability

from .common import candidate_name
from .figures import draw_figure
from .pdf import MUTED, Document
from .words import day, number, percent, tx

MEASURE_STYLE = {"lenient": "points", "severe": "points", "halo": "percent", "central_tendency": "percent",
                 "straight_lining": "percent", "speeding": "seconds", "contradicting": "count"}


def candidate_report(results: RoundResults, candidate_id: int, lang: str = "en", paper: str = "a4",
                     hidden: frozenset[int] = frozenset(), when: date | None = None) -> bytes:
    """The report as PDF bytes, from the results the reader may see (`hidden`: candidates whose colleagues'
    ratings the reader may not see yet, as passed to `load_round`)."""
    cid = int(candidate_id)
    name = candidate_name(results, cid)
    role = results.catalog.name.get(lang)
    doc = Document(lang, paper, title=tx("report.title", lang) + f": {name}", page_label=tx("page", lang),
                   footer_text=tx("report.footer", lang, candidate=name, round=results.round.name))
    doc.add_page()
    doc.title_block(tx("report.title", lang), name)
    _facts(doc, results, cid, role, lang, when)
    if cid in hidden:
        doc.note_box(tx("report.hidden", lang))
    interviewed = cid in results.interviewed()
    _fit(doc, results, cid, interviewed, lang)
    _recommendations(doc, results, cid, lang)
    _profile(doc, results, cid, interviewed, lang)
    doc.heading(tx("report.self_vs", lang), 1, keep=_rows_height(results))
    draw_figure(doc, charts.self_vs_interview(results, cid, lang), _rows_height(results))
    reliability = round_reliability(results, lang)
    _disagreements(doc, reliability, cid, lang)
    _manager_type(doc, results, cid, lang)
    _trust(doc, results, reliability, cid, lang)
    return bytes(doc.output())


def _facts(doc: Document, results: RoundResults, cid: int, role: str, lang: str, when: date | None) -> None:
    row = results.candidates.loc[cid]
    state = t(f"status.{row['state']}", lang, answered=row["answered"], items=row["items"])
    for label, value in ((tx("role", lang), role), (tx("round", lang), results.round.name),
                         (tx("report.status", lang), state),
                         (tx("report.interviews", lang), str(int(row["interviews"]))),
                         (tx("date_label", lang), day(when, lang))):
        doc.label_value(label, value)
    doc.ln(1)


def _fit(doc: Document, results: RoundResults, cid: int, interviewed: bool, lang: str) -> None:
    doc.heading(tx("report.fit", lang), 1)
    if not interviewed:
        doc.note_box(tx("report.no_interview", lang))
    else:
        fit = results.fit.loc[cid]
        low, high = percent(fit["fit_low"], lang), percent(fit["fit_high"], lang)
        interval = tx("report.no_interval", lang) if pd.isna(fit["fit_low"]) else \
            t("charts.interval", lang, low=low, high=high)
        doc.para(tx("report.fit_value", lang, fit=percent(fit["fit"], lang), interval=interval), size=11, style="B")
        ranked = ranked_fit(results)
        place = ranked.loc[cid]
        doc.para(tx("report.place", lang, place=int(place["row"]) + 1, count=len(ranked),
                    group=t(f"charts.fit.{place['group']}", lang)), size=9.5)
    self_fit = results.self_fit["fit"].get(cid)
    if pd.notna(self_fit):
        doc.para(tx("report.self_fit", lang, fit=percent(self_fit, lang)), size=9.5)
    doc.para(t("comparison.ranking_help", lang), size=8.5, color=MUTED)


def _recommendations(doc: Document, results: RoundResults, cid: int, lang: str) -> None:
    given = results.interviews[results.interviews["candidate"] == cid]["recommendation"].dropna()
    if given.empty:
        return
    counts = given.value_counts()
    parts = [f"{t(f'recommendation.{key}', lang)}: {counts[key]}" for key in
             ("strong_yes", "yes", "no", "strong_no") if key in counts]
    doc.label_value(tx("report.recommendations", lang), " · ".join(parts), label_width=60)


def _profile(doc: Document, results: RoundResults, cid: int, interviewed: bool, lang: str) -> None:
    doc.heading(tx("report.profile", lang), 1, keep=90)
    if interviewed:
        draw_figure(doc, charts.profile_radar(results, [cid], lang), 105)
    table = _competency_table(results, cid, lang)
    doc.grid([t("common.competency", lang), t("common.role_target", lang), t("common.interviewers_view", lang),
              tx("report.interval", lang), tx("report.self_view", lang), tx("report.gap", lang)],
             table, widths=(0.28, 0.12, 0.15, 0.16, 0.15, 0.14), size=7.5,
             align=("LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER"))
    doc.para(tx("report.gap_help", lang), size=8, color=MUTED)


def _competency_table(results: RoundResults, cid: int, lang: str) -> list[list[str]]:
    interview = results.interview[results.interview["candidate"] == cid].set_index("competency")
    own = results.self_scores.reindex(index=[cid]).iloc[0] if cid in results.self_scores.index else pd.Series()
    rows = []
    for competency in results.catalog.competencies:
        mean = interview["mean"].get(competency.id)
        low, high = interview["ci_low"].get(competency.id), interview["ci_high"].get(competency.id)
        self_view = own.get(competency.id)
        gap = self_view - mean if pd.notna(self_view) and pd.notna(mean) else None
        interval = "–" if pd.isna(low) else f"{number(low, lang)} – {number(high, lang)}"
        rows.append([competency.name.get(lang), str(competency.target), number(mean, lang), interval,
                     number(self_view, lang), number(gap, lang, signed=True)])
    return rows


def _rows_height(results: RoundResults) -> float:
    return min(40 + 7 * len(results.catalog.competencies), 200)


def _disagreements(doc: Document, reliability: RoundReliability, cid: int, lang: str) -> None:
    doc.heading(tx("report.disagreements", lang), 1)
    doc.para(t("comparison.disagreements_help", lang), size=8.5, color=MUTED)
    agenda = reliability.agenda
    if agenda.reason:
        doc.para(t(f"trust.reason.{agenda.reason}", lang), size=9.5)
        return
    rows = agenda.rows[agenda.rows["candidate"] == cid]
    if rows.empty:
        doc.para(tx("report.no_disagreements", lang), size=9.5)
        return
    table = [[row["competency_name"], _who(row["min"], row["interviewers_at_min"], lang),
              _who(row["max"], row["interviewers_at_max"], lang)] for row in rows.to_dict("records")]
    doc.grid([t("common.competency", lang), t("trust.col.lowest", lang), t("trust.col.highest", lang)], table,
             widths=(0.4, 0.3, 0.3), size=8.5)


def _who(value: float, names: list[str], lang: str) -> str:
    return f"{number(value, lang, 0)} ({', '.join(names)})"


def _manager_type(doc: Document, results: RoundResults, cid: int, lang: str) -> None:
    doc.heading(tx("report.type", lang), 1)
    try:
        typed = types_of(results, "interview")
        descriptions = archetype_descriptions()
    except UserError as exc:  # manager_types.yaml or dimensions.yaml missing or broken
        doc.para(error_text(exc, lang), size=9.5)
        return
    if typed is None or cid not in typed.table.index:
        doc.para(tx("report.no_type", lang), size=9.5)
        return
    row = typed.table.loc[cid]
    doc.para(typed.type_name(row["type"], lang), size=12, style="B")
    doc.para(_how_sure(typed, row, lang), size=9.5)
    doc.para(typed.explanations[cid][lang], size=9.5)
    archetype = descriptions.get(row["type"])
    if archetype is not None:
        doc.para(archetype.description.get(lang), size=9, color=MUTED)
        for key, texts in (("types.strengths", archetype.strengths), ("types.risks", archetype.risks)):
            doc.para(t(key, lang), size=9.5, style="B", after=0.5)
            doc.bullets([text.get(lang) for text in texts], size=9)
    doc.para(_structure(typed, lang), size=8.5, color=MUTED)


def _how_sure(typed: RoundTypes, row: pd.Series, lang: str) -> str:
    """The page's words for the fit (`results.manager_types.fit_band`); a round typed against the archetypes
    directly shows no percentage, which would read as certainty there."""
    probability = percent(100 * row["probability"], lang)
    band = {"clear": "clear", "likely": "likely", "unclear": "between"}[row["fit"]]
    if typed.direct and band == "likely":
        band = "direct"
    return tx(f"report.sure.{band}", lang, probability=probability,
              runner_up=typed.type_name(row["runner_up"], lang))


def _structure(typed: RoundTypes, lang: str) -> str:
    clustering = typed.clustering
    if clustering is None:
        return t("types.structure.few", lang, count=len(typed.found_among), minimum=typed.model.min_samples)
    text = t(f"types.structure.{clustering.structure_}", lang, count=len(typed.found_among), k=clustering.k_,
             silhouette=number(clustering.silhouette_, lang, 2), stability=number(clustering.stability_, lang, 2))
    if typed.placed:
        text += " " + t("types.placed_note", lang, found=len(typed.found_among), placed=typed.placed,
                        share=percent(100 * REFIT_SHARE, lang))
    return text


def _trust(doc: Document, results: RoundResults, reliability: RoundReliability, cid: int, lang: str) -> None:
    doc.heading(t("trust.title", lang), 1)
    notes = [_interviewers_note(results, cid, lang), _agreement_note(reliability, lang)]
    answers = reliability.response_quality.flagged()
    for row in answers[answers["candidate"] == cid].to_dict("records") if not answers.empty else []:
        notes.append(tx("report.answers_flag", lang, flag=t(f"trust.flag.{row['flag']}", lang),
                        reading=_reading(row["flag"], row["measure"], lang)))
    raters = set(results.ratings.loc[results.ratings["candidate"] == cid, "interviewer"])
    habits = reliability.rater_effects.flagged()
    for row in habits[habits["interviewer"].isin(raters)].to_dict("records") if not habits.empty else []:
        flag = t(f"trust.flag.{row['flag']}", lang)
        notes.append(f"{row['interviewer']} — {flag}: {_reading(row['flag'], row['measure'], lang)}")
    doc.bullets(notes, size=9.5)


def _interviewers_note(results: RoundResults, cid: int, lang: str) -> str:
    count = int((results.interviews["candidate"] == cid).sum())
    return tx("report.interviewers.none" if count == 0 else "report.interviewers.one" if count == 1
              else "report.interviewers.many", lang, count=count)


def _agreement_note(reliability: RoundReliability, lang: str) -> str:
    agreement = reliability.agreement
    if agreement.reason:
        return t(f"trust.reason.{agreement.reason}", lang)
    return t(f"trust.icc.panel.{agreement.panel_band}", lang)


def _reading(flag: str, measure: float, lang: str) -> str:
    style = MEASURE_STYLE[flag]
    value = (percent(100 * measure, lang) if style == "percent" else str(int(measure)) if style == "count"
             else number(abs(measure), lang, 1 if style == "points" else 0))
    return t(f"trust.flag.{flag}.reading", lang, value=value)


__all__ = ["candidate_report"]
