"""The disagreement chart: where a candidate's interviewers differ by a point or more, who rated what.

Rows are candidate × competency, widest spread first; each interviewer's rating is a point of its own colour.
Conventions as in `comparison` (user text made plain, rows at 0, 1, 2 …, a note instead of a blank figure)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from assessment.i18n import number, t
from assessment.psychometrics import DISAGREEMENT_THRESHOLD, rating_ranges
from assessment.results import RoundResults

from . import labels
from .pieces import competency_name, padded_scale, segments
from .style import (
    COLORS,
    LEGEND_BELOW,
    PALETTE,
    SYMBOLS,
    empty_figure,
    height_for,
    hover_text,
    labelled,
    new_figure,
    short,
    title_above,
)

DISAGREEMENT_ROWS = 150  # beyond this the chart stops being readable; exports carry the rest
JITTER_GAP = 22  # pixels between a disagreement row's line and its title: interviewers' points sit above the line


def disagreement_chart(results: RoundResults, lang: str = "en", threshold: float = DISAGREEMENT_THRESHOLD,
                       limit: int = DISAGREEMENT_ROWS) -> go.Figure:
    """Every candidate × competency whose interviewers' ratings span `threshold` points or more,
    with each interviewer's rating as a point of its own colour: who rated what, at a glance.

    Rows are sorted by the spread, widest first; beyond `limit` rows the rest are left out and the
    title says how many are shown.
    """
    rated = results.ratings.dropna(subset=["value"])
    flagged = _disagreements(results, rated, threshold)
    amount = number(threshold, lang, 0 if float(threshold).is_integer() else 1)
    title = t("charts.disagreement.title", lang, threshold=amount)
    if flagged.empty:
        return empty_figure(title, t("charts.disagreement.none", lang, threshold=amount), lang)
    if len(flagged) > limit:
        title += f"<br><sup>{t('charts.disagreement.shown', lang, shown=limit, total=len(flagged))}</sup>"
        flagged = flagged.head(limit)
    flagged = flagged.assign(label=_row_labels(results, flagged, lang))  # only for the rows drawn
    points = rated.merge(flagged[["candidate", "competency", "row"]], on=["candidate", "competency"])
    points["y"] = points["row"] + _jitter(points)
    fig = new_figure(labels.wrap_title(title), lang,
                     height=height_for(len(flagged), per_row=labels.row_height(list(flagged["label"]), JITTER_GAP)))
    fig.add_trace(go.Scatter(x=segments(flagged["low"], flagged["high"]),
                             y=segments(flagged["row"], flagged["row"]), mode="lines", hoverinfo="skip",
                             line={"color": COLORS["range"], "width": 8}, showlegend=False))
    for index, (interviewer, own) in enumerate(points.groupby("interviewer", sort=True)):
        fig.add_trace(_interviewer_trace(results, interviewer, own, index, lang))
    labels.row_titles(fig, list(flagged["label"]), JITTER_GAP)
    fig.update_xaxes(range=padded_scale(results), dtick=1, side="top")
    title_above(fig)
    fig.update_layout(legend={**LEGEND_BELOW, "title": {"text": t("charts.interviewer", lang), "side": "top"}},
                      margin={"b": 20})
    return fig


def _disagreements(results: RoundResults, rated: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Columns candidate, competency, low, high, spread, row; widest spread first."""
    spread = rating_ranges(rated).rename(columns={"min": "low", "max": "high", "n_raters": "n", "range": "spread"})
    flagged = spread[(spread["n"] >= 2) & (spread["spread"] >= threshold)].copy()
    candidates = {cid: index for index, cid in enumerate(results.candidates.index)}
    order = {c.id: index for index, c in enumerate(results.catalog.competencies)}
    flagged["by_candidate"] = flagged["candidate"].map(candidates)
    flagged["by_competency"] = flagged["competency"].map(order)
    flagged = flagged.sort_values(["spread", "by_candidate", "by_competency"], ascending=[False, True, True])
    return flagged.assign(row=np.arange(len(flagged))).reset_index(drop=True)


def _row_labels(results: RoundResults, flagged: pd.DataFrame, lang: str) -> list[str]:
    """Each row's title: the candidate, the competency's code, and its name wrapped above the row."""
    names = results.candidates["name"]
    order = {c.id: index for index, c in enumerate(results.catalog.competencies)}
    wrapped = {comp: labels.wrap(competency_name(results, comp, lang), labels.ROW_TITLE_CHARS, lines=2)
               for comp in set(flagged["competency"])}
    return [f"{short(names.get(cid))} · {_code(order, comp, lang)}<br>{wrapped[comp]}"
            for cid, comp in zip(flagged["candidate"], flagged["competency"], strict=True)]


def _code(order: dict[str, int], competency_id: str, lang: str) -> str:
    """The competency's short label, or its id (plain) for one the catalog no longer has."""
    return labels.code(order[competency_id], lang) if competency_id in order else short(competency_id)


def _jitter(points: pd.DataFrame) -> np.ndarray:
    """Small vertical offsets so interviewers who gave the same rating stay side by side."""
    rank = points.groupby("row").cumcount().to_numpy()
    count = points.groupby("row")["row"].transform("size").to_numpy()
    return (rank - (count - 1) / 2) * np.minimum(0.14, 0.7 / np.maximum(count, 1))


def _interviewer_trace(results: RoundResults, interviewer: str, own: pd.DataFrame, index: int,
                       lang: str) -> go.Scatter:
    names = results.candidates["name"]
    hover = [hover_text(names.get(row.candidate), competency_name(results, row.competency, lang),
                    labelled(t("charts.interviewer", lang), interviewer),
                    labelled(t("charts.rating", lang), int(row.value)))
             for row in own.itertuples()]
    color = PALETTE[index % len(PALETTE)]
    return go.Scatter(x=own["value"], y=own["y"], mode="markers", name=short(interviewer),
                      marker={"color": color, "size": 11, "symbol": SYMBOLS[index // len(PALETTE) % len(SYMBOLS)],
                              "line": {"width": 1, "color": "white"}},
                      hovertext=hover, hoverinfo="text")


__all__ = ["DISAGREEMENT_ROWS", "disagreement_chart"]
