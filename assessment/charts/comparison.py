"""The committee's charts: pure functions from a round's results to plotly figures.

Every builder takes a `RoundResults` and a language and returns a `plotly.graph_objects.Figure`,
so the comparison page, the exports and the tests all see the same figure. Nothing here reads
the database or imports streamlit.

Conventions shared by every figure:

- Rows (candidates, competencies) sit at positions 0, 1, 2 … with their labels as tick texts, so
  two candidates with the same name keep two rows; labels are shortened with an ellipsis, and
  the hover text always carries the full name.
- Heights grow with the number of rows; colours come from one colour-blind-safe palette (`style`).
- A figure never comes back blank: without data it carries a translated note saying so.
- User text (candidate and interviewer names, catalog texts) passes through `plain` before it
  reaches a figure, because plotly.js renders tags such as ``<b>`` or ``<a href>`` in titles,
  tick labels, legends and hover labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from assessment.errors import NotFound
from assessment.i18n import number, t
from assessment.psychometrics import DISAGREEMENT_THRESHOLD, rating_ranges
from assessment.results import RoundResults

from .style import (
    COLORS,
    PALETTE,
    SCORE_COLORSCALE,
    SYMBOLS,
    TITLE_CHARS,
    add_footnote,
    add_note,
    closed_loop,
    empty_figure,
    height_for,
    hover_text,
    labelled,
    name_list,
    new_figure,
    rows_axis,
    short,
)

FIT_GROUPS = ("leader", "tied", "behind")
SOURCES = ("interview", "self")
DISAGREEMENT_ROWS = 150  # beyond this the chart stops being readable; exports carry the rest
CANDIDATE_ROWS = 100  # candidates in one ranking or heatmap: a bounded figure for the browser; exports carry all


def profile_radar(results: RoundResults, candidate_ids: list[int], lang: str = "en") -> go.Figure:
    """Each chosen candidate's interviewers' mean per competency against the role target (dashed)."""
    ids = list(dict.fromkeys(int(c) for c in candidate_ids))
    names = _names(results, ids)
    competencies = results.catalog.competencies
    theta = closed_loop([short(c.name.get(lang)) for c in competencies])
    fig = new_figure(t("charts.radar.title", lang), lang, height=min(900, height_for(len(ids), minimum=520)))
    targets = [c.target for c in competencies]
    target_hover = [hover_text(c.name.get(lang), labelled(t("common.role_target", lang), c.target))
                    for c in competencies]
    fig.add_trace(go.Scatterpolar(r=closed_loop(targets), theta=theta, name=t("common.role_target", lang),
                                  mode="lines", line={"color": COLORS["target"], "dash": "dash", "width": 2},
                                  hovertext=closed_loop(target_hover), hoverinfo="text"))
    means = results.interview_means.reindex(index=ids)
    drawn = [cid for cid in ids if means.loc[cid].notna().any()]
    for cid in drawn:
        fig.add_trace(_radar_trace(results, cid, names[cid], means.loc[cid], lang))
    if not drawn:
        add_note(fig, t("charts.radar.choose" if not ids else "charts.radar.empty", lang), hide_axes=False)
    elif len(drawn) < len(ids):
        add_footnote(fig, t("charts.radar.left_out", lang, names=name_list([names[c] for c in ids if c not in drawn])))
    # The legend goes below and the sides keep room, so long competency names are not cut off.
    fig.update_layout(polar={"radialaxis": {"range": list(results.catalog.bounds()), "dtick": 1}},
                      legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0},
                      margin={"l": 110, "r": 110, "b": 90})
    return fig


def _radar_trace(results: RoundResults, cid: int, name: str, means: pd.Series, lang: str) -> go.Scatterpolar:
    competencies = results.catalog.competencies
    label = t("common.interviewers_view", lang)
    hover = [hover_text(name, c.name.get(lang), labelled(label, number(means[c.id], lang)),
                    labelled(t("common.role_target", lang), c.target)) for c in competencies]
    color = _candidate_color(results, cid)
    return go.Scatterpolar(r=closed_loop(list(means.to_numpy(dtype=float))),
                           theta=closed_loop([short(c.name.get(lang)) for c in competencies]),
                           name=short(name), mode="lines+markers", line={"color": color, "width": 2},
                           marker={"size": 6}, hovertext=closed_loop(hover), hoverinfo="text")


def competency_heatmap(results: RoundResults, lang: str = "en", source: str = "interview",
                       limit: int = CANDIDATE_ROWS, candidate_ids: list[int] | None = None) -> go.Figure:
    """Candidates × competencies, mean score 1-5 written in each cell; cells without a score stay empty.

    `source` is "interview" (interviewers' means) or "self" (self-assessment). Candidates without
    any score from that source are left out; with `candidate_ids`, only those are drawn (best fit first).
    Beyond `limit` candidates, the best fits are shown (then the rest by name) and the title says how many.
    """
    if source not in SOURCES:
        raise ValueError(f"source is one of {', '.join(SOURCES)}, not {source!r}")
    competencies = results.catalog.competencies
    scores = (results.interview_means if source == "interview" else results.self_scores)
    if candidate_ids is not None:
        scores = scores.loc[_best_first(results, scores.index.intersection(pd.Index(candidate_ids)))]
    scores = scores.reindex(columns=[c.id for c in competencies]).dropna(how="all")
    title = t(f"charts.heatmap.title_{source}", lang)
    if scores.empty:
        return empty_figure(title, t("charts.no_interviews" if source == "interview" else "charts.no_self", lang), lang)
    if len(scores) > limit:
        title += f"<br><sup>{t('charts.rows_shown', lang, shown=limit, total=number(len(scores), lang, 0))}</sup>"
        scores = scores.loc[_best_first(results, scores.index)[:limit]]
    names = results.candidates["name"].reindex(scores.index)
    values = scores.to_numpy(dtype=float)
    label = t("common.interviewers_view" if source == "interview" else "common.self_view", lang)
    cells = [[number(v, lang) for v in row] for row in values]
    if source == "interview":
        cells = _not_assessed_cells(results, cells, lang)
    hover = _heatmap_hover(results, names, cells, label, lang)
    low, high = results.catalog.bounds()
    fig = new_figure(title, lang, height=height_for(len(scores)))
    fig.add_trace(go.Heatmap(z=values, x=list(range(len(competencies))), y=list(range(len(scores))),
                             zmin=low, zmax=high, colorscale=SCORE_COLORSCALE, text=cells,
                             texttemplate="%{text}", hovertext=hover, hoverinfo="text", hoverongaps=False,
                             xgap=1, ygap=1, colorbar={"title": {"text": t("charts.score", lang)}, "dtick": 1}))
    rows_axis(fig, [short(n) for n in names], t("common.candidate", lang))
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(competencies))), side="top", tickangle=-35,
                     ticktext=[short(c.name.get(lang)) for c in competencies], showgrid=False, automargin=True)
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
    fig = new_figure(title, lang, height=height_for(len(competencies)))
    fig.add_trace(go.Heatmap(z=shares, x=levels, y=list(range(len(competencies))), zmin=0, zmax=1,
                             colorscale="Blues", text=cells, texttemplate="%{text}", hovertext=hover,
                             hoverinfo="text", xgap=1, ygap=1, showscale=False))
    rows_axis(fig, [short(n) for n in names], None)
    fig.update_xaxes(tickmode="array", tickvals=levels, title={"text": t("charts.score", lang)}, side="top")
    return fig


def _not_assessed_cells(results: RoundResults, cells: list[list[str]], lang: str) -> list[list[str]]:
    """Cells of competencies no interviewer was asked to rate (a round's plan, issue 13) say so; an empty cell
    otherwise means not rated or not observed."""
    missing = results.not_assessed()
    if not missing:
        return cells
    word = t("plan.not_assessed", lang)
    flags = [c.id in missing for c in results.catalog.competencies]
    return [[word if flag and not cell else cell for cell, flag in zip(row, flags, strict=True)] for row in cells]


def _heatmap_hover(results: RoundResults, names: pd.Series, cells: list[list[str]], label: str,
                   lang: str) -> list[list[str]]:
    target = t("common.role_target", lang)
    competencies = results.catalog.competencies
    return [[hover_text(name, c.name.get(lang), labelled(label, cell), labelled(target, c.target)) if cell else ""
             for c, cell in zip(competencies, row, strict=True)] for name, row in zip(names, cells, strict=True)]


def fit_ranking(results: RoundResults, lang: str = "en", limit: int = CANDIDATE_ROWS,
                candidate_ids: list[int] | None = None) -> go.Figure:
    """Interviewed candidates by fit to the role target, best first, with asymmetric 95% intervals;
    beyond `limit` candidates the best are shown and the title says how many. With `candidate_ids`, the
    leader and the groups are still those of the whole round, and only the chosen are drawn.

    The leader is the best fit (ties: the higher lower bound). Candidates whose interval (or, without
    one, whose fit) overlaps the leader's are "tied": the data cannot tell them apart from the leader.
    The leader's interval is shaded so the overlap can be read off the chart.
    """
    title = t("charts.fit.title", lang)
    fit = ranked_fit(results)
    if fit.empty:
        return empty_figure(title, t("charts.no_interviews", lang), lang)
    total, leader = len(fit), fit.iloc[0]
    if candidate_ids is not None:
        fit = fit[fit.index.isin(candidate_ids)]
    if len(fit) > limit:
        fit = fit.head(limit)
    if len(fit) < total:
        title += f"<br><sup>{t('charts.rows_shown', lang, shown=len(fit), total=number(total, lang, 0))}</sup>"
    if fit.empty:
        return empty_figure(title, t("charts.radar.choose", lang), lang)
    fit = fit.assign(row=np.arange(len(fit)))
    fit["hover"] = [_fit_hover(row, lang) for row in fit.itertuples()]
    fig = new_figure(title, lang, height=height_for(len(fit)))
    if pd.notna(leader["fit_low"]):
        fig.add_vrect(x0=leader["fit_low"], x1=leader["fit_high"], fillcolor=COLORS["leader"], opacity=0.08,
                      line_width=0, layer="below")
    for group in FIT_GROUPS:
        for trace in _interval_traces(fit[fit["group"] == group], ("fit", "fit_low", "fit_high"),
                                      t(f"charts.fit.{group}", lang), COLORS[group], group):
            fig.add_trace(trace)
    rows_axis(fig, [short(n) for n in fit["name"]], t("common.candidate", lang))
    suffix = t("charts.percent", lang, value="")
    fig.update_xaxes(range=[-2, 102], ticksuffix=suffix, title={"text": t("charts.fit.axis", lang)}, zeroline=False)
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    return fig


def ranked_fit(results: RoundResults) -> pd.DataFrame:
    """Interviewed candidates with a fit, best first: fit, fit_low, fit_high, name, row (0 = best) and group
    (leader, tied, behind), as `fit_ranking` draws them."""
    fit = results.fit.reindex(results.interviewed()).dropna(subset=["fit"])
    if fit.empty:
        return fit.assign(name=pd.Series(dtype=object), row=pd.Series(dtype=int), group=pd.Series(dtype=object))
    return _ranked(fit.assign(name=results.candidates["name"].reindex(fit.index)))


def _best_first(results: RoundResults, candidate_ids: pd.Index) -> list:
    """`candidate_ids` by fit to the role, best first; those without a fit follow by name."""
    order = pd.DataFrame({"fit": results.fit["fit"].reindex(candidate_ids),
                          "name": results.candidates["name"].reindex(candidate_ids)}, index=candidate_ids)
    return order.sort_values(["fit", "name"], ascending=[False, True], na_position="last").index.tolist()


def _ranked(fit: pd.DataFrame) -> pd.DataFrame:
    """Best first, with position (row) and group (leader, tied, behind)."""
    fit = fit.sort_values(["fit", "fit_low", "name"], ascending=[False, False, True], na_position="last")
    low, high = fit["fit_low"].fillna(fit["fit"]), fit["fit_high"].fillna(fit["fit"])
    overlaps = (high >= low.iloc[0]) & (low <= high.iloc[0])
    group = np.where(overlaps, "tied", "behind")
    group[0] = "leader"
    return fit.assign(row=np.arange(len(fit)), group=group)


def _fit_hover(row, lang: str) -> str:
    def percent(value: float) -> str:
        return t("charts.percent", lang, value=number(value, lang, 0))

    interval = (t("charts.fit.no_interval", lang) if pd.isna(row.fit_low)
                else t("charts.interval", lang, low=percent(row.fit_low), high=percent(row.fit_high)))
    return hover_text(row.name, labelled(t("charts.fit.value", lang), percent(row.fit)), interval,
                  t(f"charts.fit.{row.group}", lang))


def self_vs_interview(results: RoundResults, candidate_id: int, lang: str = "en") -> go.Figure:
    """Per competency, the candidate's self-view and the interviewers' mean (with its 95% interval),
    joined by a line whose length is the gap; the role target is marked as a grey tick."""
    name = _names(results, [candidate_id])[int(candidate_id)]
    title = t("charts.self_vs.title", lang, name=short(name, TITLE_CHARS))
    table = _self_vs_table(results, int(candidate_id), lang)
    table["hover"] = [_self_vs_hover(name, row, lang) for row in table.itertuples()]
    if table[["self", "mean"]].isna().all(axis=None):
        return empty_figure(title, t("charts.self_vs.empty", lang), lang)
    fig = new_figure(title, lang, height=height_for(len(table)))
    both = table.dropna(subset=["self", "mean"])
    fig.add_trace(go.Scatter(x=_segments(both["self"], both["mean"]), y=_segments(both["row"], both["row"]),
                             mode="lines", line={"color": COLORS["range"], "width": 6}, hoverinfo="skip",
                             showlegend=False))
    fig.add_trace(go.Scatter(x=table["target"], y=table["row"], mode="markers", name=t("common.role_target", lang),
                             marker={"symbol": "line-ns-open", "size": 18, "color": COLORS["target"],
                                     "line": {"width": 2}}, hoverinfo="skip"))
    self_rows = table.dropna(subset=["self"])
    fig.add_trace(go.Scatter(x=self_rows["self"], y=self_rows["row"], mode="markers", name=t("common.self_view", lang),
                             marker={"color": COLORS["self"], "size": 12}, hovertext=list(self_rows["hover"]),
                             hoverinfo="text"))
    for trace in _interval_traces(table.dropna(subset=["mean"]), ("mean", "ci_low", "ci_high"),
                                  t("common.interviewers_view", lang), COLORS["interview"], "interview"):
        fig.add_trace(trace)
    rows_axis(fig, [short(label) for label in table["label"]], t("common.competency", lang))
    fig.update_xaxes(range=_padded_scale(results), dtick=1, title={"text": t("charts.score", lang)})
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    return fig


def _self_vs_table(results: RoundResults, candidate_id: int, lang: str) -> pd.DataFrame:
    """One row per competency: mean, ci_low, ci_high, n, self, gap, target, label, row."""
    competencies = results.catalog.competencies
    ids = [c.id for c in competencies]
    interview = results.interview[results.interview["candidate"] == candidate_id].set_index("competency")
    table = interview.reindex(ids)[["mean", "ci_low", "ci_high", "n"]]
    self_view = results.self_scores.reindex(index=[candidate_id], columns=ids)
    table["self"] = self_view.iloc[0].to_numpy(dtype=float)
    table["gap"] = table["self"] - table["mean"]
    table["target"] = [c.target for c in competencies]
    table["label"] = [c.name.get(lang) for c in competencies]
    table["row"] = np.arange(len(ids))
    return table


def _self_vs_hover(name: str, row, lang: str) -> str:
    lines = [name, row.label]
    if pd.notna(row.self):
        lines.append(labelled(t("common.self_view", lang), number(row.self, lang)))
    if pd.notna(row.mean):
        lines.append(labelled(t("common.interviewers_view", lang), number(row.mean, lang)))
        if pd.notna(row.ci_low):
            lines.append(t("charts.interval", lang, low=number(row.ci_low, lang), high=number(row.ci_high, lang)))
        lines.append(labelled(t("charts.raters", lang), int(row.n)))
    if pd.notna(row.gap):
        lines.append(labelled(t("charts.gap", lang), number(row.gap, lang, signed=True)))
    lines.append(labelled(t("common.role_target", lang), row.target))
    return hover_text(*lines)


def disagreement_chart(results: RoundResults, lang: str = "en", threshold: float = DISAGREEMENT_THRESHOLD,
                       limit: int = DISAGREEMENT_ROWS) -> go.Figure:
    """Every candidate × competency whose interviewers' ratings span `threshold` points or more,
    with each interviewer's rating as a point of its own colour: who rated what, at a glance.

    Rows are sorted by the spread, widest first; beyond `limit` rows the rest are left out and the
    title says how many are shown.
    """
    rated = results.ratings.dropna(subset=["value"])
    flagged = _disagreements(results, rated, threshold, lang)
    amount = number(threshold, lang, 0 if float(threshold).is_integer() else 1)
    title = t("charts.disagreement.title", lang, threshold=amount)
    if flagged.empty:
        return empty_figure(title, t("charts.disagreement.none", lang, threshold=amount), lang)
    if len(flagged) > limit:
        title += f"<br><sup>{t('charts.disagreement.shown', lang, shown=limit, total=len(flagged))}</sup>"
        flagged = flagged.head(limit)
    points = rated.merge(flagged[["candidate", "competency", "row"]], on=["candidate", "competency"])
    points["y"] = points["row"] + _jitter(points)
    fig = new_figure(title, lang, height=height_for(len(flagged), per_row=30))
    fig.add_trace(go.Scatter(x=_segments(flagged["low"], flagged["high"]),
                             y=_segments(flagged["row"], flagged["row"]), mode="lines", hoverinfo="skip",
                             line={"color": COLORS["range"], "width": 8}, showlegend=False))
    for index, (interviewer, own) in enumerate(points.groupby("interviewer", sort=True)):
        fig.add_trace(_interviewer_trace(results, interviewer, own, index, lang))
    rows_axis(fig, list(flagged["label"]), None)
    fig.update_xaxes(range=_padded_scale(results), dtick=1, title={"text": t("charts.rating", lang)})
    fig.update_layout(legend={"title": {"text": t("charts.interviewer", lang)}})
    return fig


def _disagreements(results: RoundResults, rated: pd.DataFrame, threshold: float, lang: str) -> pd.DataFrame:
    """Columns candidate, competency, low, high, spread, label, row; widest spread first."""
    spread = rating_ranges(rated).rename(columns={"min": "low", "max": "high", "n_raters": "n", "range": "spread"})
    flagged = spread[(spread["n"] >= 2) & (spread["spread"] >= threshold)].copy()
    candidates = {cid: index for index, cid in enumerate(results.candidates.index)}
    order = {c.id: index for index, c in enumerate(results.catalog.competencies)}
    flagged["by_candidate"] = flagged["candidate"].map(candidates)
    flagged["by_competency"] = flagged["competency"].map(order)
    flagged = flagged.sort_values(["spread", "by_candidate", "by_competency"], ascending=[False, True, True])
    names = results.candidates["name"]
    flagged["label"] = [f"{short(names.get(cid), 18)} · {short(_competency_name(results, comp, lang), 22)}"
                        for cid, comp in zip(flagged["candidate"], flagged["competency"], strict=True)]
    return flagged.assign(row=np.arange(len(flagged))).reset_index(drop=True)


def _jitter(points: pd.DataFrame) -> np.ndarray:
    """Small vertical offsets so interviewers who gave the same rating stay side by side."""
    rank = points.groupby("row").cumcount().to_numpy()
    count = points.groupby("row")["row"].transform("size").to_numpy()
    return (rank - (count - 1) / 2) * np.minimum(0.14, 0.7 / np.maximum(count, 1))


def _interviewer_trace(results: RoundResults, interviewer: str, own: pd.DataFrame, index: int,
                       lang: str) -> go.Scatter:
    names = results.candidates["name"]
    hover = [hover_text(names.get(row.candidate), _competency_name(results, row.competency, lang),
                    labelled(t("charts.interviewer", lang), interviewer),
                    labelled(t("charts.rating", lang), int(row.value)))
             for row in own.itertuples()]
    color = PALETTE[index % len(PALETTE)]
    return go.Scatter(x=own["value"], y=own["y"], mode="markers", name=short(interviewer),
                      marker={"color": color, "size": 11, "symbol": SYMBOLS[index // len(PALETTE) % len(SYMBOLS)],
                              "line": {"width": 1, "color": "white"}},
                      hovertext=hover, hoverinfo="text")


# -- shared pieces ------------------------------------------------------------------------------


def _interval_traces(rows: pd.DataFrame, columns: tuple[str, str, str], name: str, color: str,
                     group: str) -> list[go.Scatter]:
    """Points at `value` with asymmetric bars from `low` to `high` (`columns`), placed on `rows["row"]`
    with `rows["hover"]`. Points without an interval are drawn as open markers in a trace of their
    own: plotly would draw a missing interval as a zero-length bar, which reads as certainty."""
    value, low, high = columns
    has = rows[low].notna() & rows[high].notna()
    traces = []
    for part, with_interval in ((rows[has], True), (rows[~has], False)):
        if part.empty:
            continue
        error = {"type": "data", "symmetric": False, "array": (part[high] - part[value]).to_numpy(),
                 "arrayminus": (part[value] - part[low]).to_numpy(), "thickness": 2, "width": 5,
                 "color": color} if with_interval else None
        traces.append(go.Scatter(
            x=part[value].to_numpy(), y=part["row"].to_numpy(), mode="markers", error_x=error, name=name,
            legendgroup=group, showlegend=not traces, hovertext=list(part["hover"]), hoverinfo="text",
            marker={"color": color, "size": 11, "line": {"width": 2, "color": color},
                    "symbol": "circle" if with_interval else "circle-open"}))
    return traces


def _names(results: RoundResults, candidate_ids: list[int]) -> dict[int, str]:
    """Full names of the candidates, NotFound for an id that is not in this round."""
    names = results.candidates["name"]
    unknown = [str(c) for c in candidate_ids if c not in names.index]
    if unknown:
        raise NotFound(f"no candidate {', '.join(unknown)} in this round", code="candidate_not_in_round",
                       ids=", ".join(unknown))
    return {int(c): names[c] for c in candidate_ids}


def _candidate_color(results: RoundResults, candidate_id: int) -> str:
    """The same colour for a candidate in every figure: by their place in the round."""
    return PALETTE[results.candidates.index.get_loc(candidate_id) % len(PALETTE)]


def _competency_name(results: RoundResults, competency_id: str, lang: str) -> str:
    try:
        return results.catalog.competency(competency_id).name.get(lang)
    except KeyError:  # a rating for a competency the catalog no longer has
        return competency_id


def _padded_scale(results: RoundResults, pad: float = 0.3) -> list[float]:
    """An axis over the catalog's rating scale with room for the markers at both ends."""
    low, high = results.catalog.bounds()
    return [low - pad, high + pad]


def _segments(starts: pd.Series, ends: pd.Series) -> list:
    """x or y coordinates of separate line segments for one trace: start, end, gap, start, end, gap …"""
    return [value for a, b in zip(starts, ends, strict=True) for value in (a, b, None)]


__all__ = [
    "competency_heatmap", "disagreement_chart", "fit_ranking", "profile_radar", "ranked_fit", "score_distribution",
    "self_vs_interview",
]
