"""The round report: the comparison page as a document, a table of the candidates, then one page per chart.

    >>> pdf = round_report(load_round(store, 1, hidden), lang="de", hidden=hidden)
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from assessment import charts
from assessment.charts.comparison import ranked_fit
from assessment.charts.manager_types import STRIP_ROWS, type_strip
from assessment.errors import UserError
from assessment.i18n import t
from assessment.results import RoundResults
from assessment.results.cache import types_of

from .figures import draw_figure
from .pdf import Document
from .words import day, percent, tx

RADAR_CANDIDATES = 3  # the comparison page's default choice: the best fits
PAGE_ROWS = 60  # candidates in a ranking or heatmap on one printed page (the title says how many are shown)
DISAGREEMENT_ROWS = 45  # rows of the disagreement chart on one printed page, widest first


def round_report(results: RoundResults, lang: str = "en", paper: str = "a4", hidden: frozenset[int] = frozenset(),
                 when: date | None = None) -> bytes:
    """The report as PDF bytes, from the results the reader may see (`hidden` as passed to `load_round`)."""
    role = results.catalog.name.get(lang)
    doc = Document(lang, paper, title=tx("round_report.title", lang) + f": {results.round.name}",
                   footer_text=tx("round_report.footer", lang, round=results.round.name), page_label=tx("page", lang))
    doc.add_page()
    doc.title_block(tx("round_report.title", lang), results.round.name)
    _facts(doc, results, role, lang, when)
    if hidden:
        doc.note_box(t("comparison.hidden_own", lang, count=len(hidden)))
    typed = _typed(results)
    doc.heading(t("comparison.candidates", lang), 1)
    doc.grid(*_candidate_table(results, typed, lang), size=8)
    if results.interviewed().empty:
        doc.note_box(t("comparison.no_interviews", lang))
        return bytes(doc.output())
    best = ranked_fit(results).index[:RADAR_CANDIDATES].tolist()
    figures = [(charts.fit_ranking(results, lang, limit=PAGE_ROWS), t("comparison.ranking_help", lang)),
               (charts.profile_radar(results, best, lang), ""),
               (charts.competency_heatmap(results, lang, "interview", limit=PAGE_ROWS), ""),
               (charts.competency_heatmap(results, lang, "self", limit=PAGE_ROWS), ""),
               (charts.disagreement_chart(results, lang, limit=DISAGREEMENT_ROWS),
                t("comparison.disagreements_help", lang))]
    if typed is not None:
        help_key = "types.strip.help_large" if len(typed.table) > STRIP_ROWS else "types.strip.help"
        figures.append((type_strip(typed, lang, headings_as_labels=True), t(help_key, lang)))
    for figure, caption in figures:
        doc.add_page()
        draw_figure(doc, figure, doc.h - doc.t_margin - doc.b_margin - (22 if caption else 4))
        doc.para(caption, size=8.5)
    return bytes(doc.output())


def _typed(results: RoundResults):
    """The round typed from the interviewers' view; None without interviews or without the archetype files
    (the manager-types page says why; the round report leaves the types out)."""
    if results.interviewed().empty:
        return None
    try:
        return types_of(results, "interview")
    except UserError:
        return None


def _facts(doc: Document, results: RoundResults, role: str, lang: str, when: date | None) -> None:
    counts = results.candidates["state"].value_counts()
    for label, value in ((tx("role", lang), role), (tx("date_label", lang), day(when, lang)),
                         (t("comparison.candidates", lang), str(len(results.candidates))),
                         (t("comparison.self_done", lang), str(int(counts.get("submitted", 0)
                                                                  + counts.get("interviewed", 0)))),
                         (t("comparison.interviewed", lang), str(len(results.interviewed()))),
                         (t("comparison.interviews", lang), str(len(results.interviews)))):
        doc.label_value(label, value, label_width=62)


def _candidate_table(results: RoundResults, typed, lang: str) -> tuple[list[str], list[list[str]], tuple]:
    """Every candidate, the best fits first, then those not interviewed by name."""
    ranked = ranked_fit(results)
    rest = results.candidates.drop(index=ranked.index).sort_values("name").index
    header = ["#", t("common.candidate", lang), tx("report.status", lang), tx("round_report.fit", lang),
              tx("round_report.self_fit", lang), t("types.type", lang)]
    rows = []
    for place, cid in enumerate([*ranked.index, *rest], start=1):
        row = results.candidates.loc[cid]
        rows.append([str(place) if cid in ranked.index else "", row["name"],
                     t(f"status.{row['state']}", lang, answered=row["answered"], items=row["items"]),
                     _fit(results, cid, lang) if cid in ranked.index else "–",
                     percent(results.self_fit["fit"].get(cid), lang), _type(typed, cid, lang)])
    return header, rows, (0.05, 0.26, 0.19, 0.2, 0.12, 0.18)


def _fit(results: RoundResults, cid: int, lang: str) -> str:
    """``86 % (74 % – 97 %)``: the fit with its interval, where it has one."""
    fit = results.fit.loc[cid]
    if pd.isna(fit["fit_low"]):
        return percent(fit["fit"], lang)
    return f"{percent(fit['fit'], lang)} ({percent(fit['fit_low'], lang)} – {percent(fit['fit_high'], lang)})"


def _type(typed, cid: int, lang: str) -> str:
    if typed is None or cid not in typed.table.index:
        return "–"
    return typed.type_name(typed.table.at[cid, "type"], lang)


__all__ = ["round_report"]
