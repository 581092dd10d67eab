"""The round's candidates × competencies heatmap and, for a large round, the distribution of scores.

Columns are labelled by the competencies' short codes (C1, K1, К1 …: `labels`), upright, so no label runs into
the title however long the names are in German; the full names are in the hover text and in the key the page
shows under the chart. A cell without a score is drawn grey with a dash, never left blank: a blank cell would
look like the palest score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from assessment.i18n import number, t
from assessment.results import RoundResults

from . import labels
from .style import (
    SCORE_COLORSCALE,
    empty_figure,
    height_for,
    hover_text,
    labelled,
    new_figure,
    rows_axis,
    short,
    title_above,
)

SOURCES = ("interview", "self")
CANDIDATE_ROWS = 100  # candidates in one heatmap: a bounded figure for the browser; exports carry all
NO_SCORE_COLOR = "#BDBDBD"  # grey, outside the score scale (pale blue to navy)
NO_SCORE_TEXT = "–"


def competency_heatmap(results: RoundResults, lang: str = "en", source: str = "interview",
                       limit: int = CANDIDATE_ROWS, candidate_ids: list[int] | None = None) -> go.Figure:
    """Candidates × competencies, mean score 1-5 written in each cell; a cell without a score is grey with a
    dash (its hover says why: not rated or not observed, or not assessed in this round).

    `source` is "interview" (interviewers' means) or "self" (self-assessment). Candidates without
    any score from that source are left out; with `candidate_ids`, only those are drawn (best fit first).
    Beyond `limit` candidates, the best fits are shown (then the rest by name) and the title says how many.
    """
    if source not in SOURCES:
        raise ValueError(f"source is one of {', '.join(SOURCES)}, not {source!r}")
    competencies = results.catalog.competencies
    scores = (results.interview_means if source == "interview" else results.self_scores)
    if candidate_ids is not None:
        scores = scores.loc[best_first(results, scores.index.intersection(pd.Index(candidate_ids)))]
    scores = scores.reindex(columns=[c.id for c in competencies]).dropna(how="all")
    title = t(f"charts.heatmap.title_{source}", lang)
    if scores.empty:
        return empty_figure(title, t("charts.no_interviews" if source == "interview" else "charts.no_self", lang), lang)
    if len(scores) > limit:
        title += f"<br><sup>{t('charts.rows_shown', lang, shown=limit, total=number(len(scores), lang, 0))}</sup>"
        scores = scores.loc[best_first(results, scores.index)[:limit]]
    names = results.candidates["name"].reindex(scores.index)
    values = scores.to_numpy(dtype=float)
    label = t("common.interviewers_view" if source == "interview" else "common.self_view", lang)
    cells = [[number(v, lang) if not np.isnan(v) else "" for v in row] for row in values]
    hover = _heatmap_hover(results, names, cells, label, source, lang)
    low, high = results.catalog.bounds()
    columns, rows = list(range(len(competencies))), list(range(len(scores)))
    fig = new_figure(labels.wrap_title(title), lang, height=height_for(len(scores)))
    fig.add_trace(go.Heatmap(z=values, x=columns, y=rows, zmin=low, zmax=high, colorscale=SCORE_COLORSCALE,
                             text=cells, texttemplate="%{text}", hovertext=hover, hoverinfo="text",
                             hoverongaps=False, xgap=1, ygap=1, name=label,
                             colorbar={"title": {"text": t("charts.score", lang), "side": "top"}, "dtick": 1,
                                       "orientation": "h", "x": 0, "xanchor": "left", "y": -0.02,
                                       "yanchor": "top", "len": min(1.0, 260 / 700), "thickness": 12}))
    missing = np.isnan(values)
    if missing.any():
        fig.add_trace(go.Heatmap(z=np.where(missing, 0.0, np.nan), x=columns, y=rows, zmin=0, zmax=1,
                                 colorscale=[[0, NO_SCORE_COLOR], [1, NO_SCORE_COLOR]], showscale=False,
                                 text=np.where(missing, NO_SCORE_TEXT, ""), texttemplate="%{text}",
                                 hovertext=np.where(missing, np.array(hover, dtype=object), ""),  # only its own
                                 hoverinfo="text", hoverongaps=False, xgap=1, ygap=1,
                                 name=t("charts.heatmap.no_score", lang)))
    rows_axis(fig, [short(n) for n in names], None)
    fig.update_xaxes(tickmode="array", tickvals=columns, side="top", autotickangles=[0, -90],
                     ticktext=labels.codes(results.catalog, lang), showgrid=False, automargin=True)
    title_above(fig, ticks_px=56)  # room for the codes turned upright on a phone
    fig.update_layout(margin={"b": 90})
    return fig


def score_distribution(results: RoundResults, lang: str = "en", source: str = "interview") -> go.Figure:
    """The whole round at a glance, however large: competencies × score (1-5, each candidate's mean rounded),
    the share of candidates in each cell. One small figure whatever the number of candidates."""
    if source not in SOURCES:
        raise ValueError(f"source is one of {', '.join(SOURCES)}, not {source!r}")
    competencies = results.catalog.competencies
    scores = (results.interview_means if source == "interview" else results.self_scores)
    scores = scores.reindex(columns=[c.id for c in competencies]).dropna(how="all")
    title = t(f"charts.distribution.title_{source}", lang, count=number(len(scores), lang, 0))
    if scores.empty:
        return empty_figure(title, t("charts.no_interviews" if source == "interview" else "charts.no_self", lang), lang)
    low, high = results.catalog.bounds()
    levels = list(range(low, high + 1))
    rounded = scores.round().clip(low, high)
    counts = np.array([[int((rounded[c.id] == level).sum()) for level in levels] for c in competencies])
    shares = counts / np.maximum(scores.notna().sum().to_numpy()[:, None], 1)
    cells = [[t("charts.percent", lang, value=number(100 * v, lang, 0)) for v in row] for row in shares]
    names = [c.name.get(lang) for c in competencies]
    hover = [[hover_text(name, labelled(t("charts.score", lang), level), labelled(t("charts.candidates", lang),
                                                                                   int(count)), cell)
              for level, count, cell in zip(levels, row, cells_row, strict=True)]
             for name, row, cells_row in zip(names, counts, cells, strict=True)]
    fig = new_figure(labels.wrap_title(title), lang, height=height_for(len(competencies), per_row=44))
    fig.add_trace(go.Heatmap(z=shares, x=levels, y=list(range(len(competencies))), zmin=0, zmax=1,
                             colorscale="Blues", text=cells, texttemplate="%{text}", hovertext=hover,
                             hoverinfo="text", xgap=1, ygap=1, showscale=False))
    rows_axis(fig, labels.row_labels(results.catalog, lang), None)
    fig.update_xaxes(tickmode="array", tickvals=levels, title={"text": t("charts.score", lang)}, side="top")
    title_above(fig, ticks_px=64)  # the scores and the axis's title
    return fig


def best_first(results: RoundResults, candidate_ids: pd.Index) -> list:
    """`candidate_ids` by fit to the role, best first; those without a fit follow by name."""
    order = pd.DataFrame({"fit": results.fit["fit"].reindex(candidate_ids),
                          "name": results.candidates["name"].reindex(candidate_ids)}, index=candidate_ids)
    return order.sort_values(["fit", "name"], ascending=[False, True], na_position="last").index.tolist()


def _heatmap_hover(results: RoundResults, names: pd.Series, cells: list[list[str]], label: str, source: str,
                   lang: str) -> list[list[str]]:
    """Each cell's hover: candidate, full competency name, score (or why there is none), role target."""
    target = t("common.role_target", lang)
    competencies = results.catalog.competencies
    not_assessed = results.not_assessed() if source == "interview" else set()
    why = {True: t("charts.heatmap.not_assessed", lang),
           False: t(f"charts.heatmap.not_rated_{source}", lang)}
    return [[hover_text(name, f"{labels.code(index, lang)} · {c.name.get(lang)}",
                        labelled(label, cell) if cell else why[c.id in not_assessed], labelled(target, c.target))
             for index, (c, cell) in enumerate(zip(competencies, row, strict=True))]
            for name, row in zip(names, cells, strict=True)]


__all__ = ["best_first", "competency_heatmap", "score_distribution"]
