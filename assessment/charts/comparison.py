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
from assessment.results import RoundResults

from . import labels
from .disagreement import disagreement_chart
from .heatmap import CANDIDATE_ROWS, competency_heatmap, score_distribution
from .pieces import padded_scale, segments
from .style import (
    COLORS,
    LEGEND_BELOW,
    PALETTE,
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
    title_above,
)

FIT_GROUPS = ("leader", "tied", "behind")
NO_INTERVAL_COLOR = "#6E6E6E"
LEGEND_CHARS = 38  # characters per line of a legend entry: a phone's width


def profile_radar(results: RoundResults, candidate_ids: list[int], lang: str = "en") -> go.Figure:
    """Each chosen candidate's interviewers' mean per competency against the role target (dashed)."""
    ids = list(dict.fromkeys(int(c) for c in candidate_ids))
    names = _names(results, ids)
    competencies = results.catalog.competencies
    theta = closed_loop(labels.codes(results.catalog, lang))
    fig = new_figure(labels.wrap_title(t("charts.radar.title", lang)), lang,
                     height=min(900, height_for(len(ids), minimum=520)))
    targets = [c.target for c in competencies]
    target_hover = [hover_text(_full_label(index, c, lang), labelled(t("common.role_target", lang), c.target))
                    for index, c in enumerate(competencies)]
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
    # Spokes carry short codes (the key under the chart names them), the legend goes below: nothing is cut.
    fig.update_layout(polar={"radialaxis": {"range": list(results.catalog.bounds()), "dtick": 1},
                             "angularaxis": {"direction": "clockwise", "rotation": 90}},
                      legend={**LEGEND_BELOW, "y": -0.08}, margin={"l": 40, "r": 40, "b": 60})
    return fig


def _radar_trace(results: RoundResults, cid: int, name: str, means: pd.Series, lang: str) -> go.Scatterpolar:
    competencies = results.catalog.competencies
    label = t("common.interviewers_view", lang)
    hover = [hover_text(name, _full_label(index, c, lang), labelled(label, number(means[c.id], lang)),
                        labelled(t("common.role_target", lang), c.target)) for index, c in enumerate(competencies)]
    color = _candidate_color(results, cid)
    return go.Scatterpolar(r=closed_loop(list(means.to_numpy(dtype=float))),
                           theta=closed_loop(labels.codes(results.catalog, lang)),
                           name=short(name), mode="lines+markers", line={"color": color, "width": 2},
                           marker={"size": 6}, hovertext=closed_loop(hover), hoverinfo="text")


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
    fig = new_figure(labels.wrap_title(title), lang, height=height_for(len(fit), per_row=32) + 50)
    if pd.notna(leader["fit_low"]):
        fig.add_vrect(x0=leader["fit_low"], x1=leader["fit_high"], fillcolor=COLORS["leader"], opacity=0.08,
                      line_width=0, layer="below")
    for group in FIT_GROUPS:
        for trace in _interval_traces(fit[fit["group"] == group], ("fit", "fit_low", "fit_high"),
                                      labels.wrap(t(f"charts.fit.{group}", lang), LEGEND_CHARS),
                                      COLORS[group], group):
            fig.add_trace(trace)
    _no_interval_key(fig, fit["fit_low"].isna().any(), lang)
    rows_axis(fig, [short(n) for n in fit["name"]], None)
    suffix = t("charts.percent", lang, value="")
    fig.update_xaxes(range=_fit_range(fit), ticksuffix=suffix, zeroline=False, side="top")
    title_above(fig)
    fig.update_layout(legend=LEGEND_BELOW, margin={"b": 20})
    return fig


def _fit_range(fit: pd.DataFrame, pad: float = 4.0, least: float = 30.0) -> list[float]:
    """The ranking's x range (percent): the drawn fits and intervals with room for the markers, at least `least`
    points wide, within 0-100 %: on a phone a range of 0-100 % would crowd every candidate into a corner."""
    drawn = fit[["fit", "fit_low", "fit_high"]].to_numpy(dtype=float)
    low, high = float(np.nanmin(drawn)) - pad, float(np.nanmax(drawn)) + pad
    if high - low < least:
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    if low < -2:
        low, high = -2.0, min(102.0, high - low - 2)
    if high > 102:
        low, high = max(-2.0, low - (high - 102)), 102.0
    return [low, high]


def ranked_fit(results: RoundResults) -> pd.DataFrame:
    """Interviewed candidates with a fit, best first: fit, fit_low, fit_high, name, row (0 = best) and group
    (leader, tied, behind), as `fit_ranking` draws them."""
    fit = results.fit.reindex(results.interviewed()).dropna(subset=["fit"])
    if fit.empty:
        return fit.assign(name=pd.Series(dtype=object), row=pd.Series(dtype=int), group=pd.Series(dtype=object))
    return _ranked(fit.assign(name=results.candidates["name"].reindex(fit.index)))


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
    """Per competency, the candidate's self-view and the interviewers' mean with a bar from the lowest to the
    highest interviewer's rating, joined by a line whose length is the gap, written out in a column on the right;
    the role target is marked as a grey tick. The axis spans what is drawn (not the whole scale), so small gaps
    stay readable.

    The bar is the interviewers' own spread, not the 95% interval (that one is in the hover): with two
    interviewers the interval spans the whole scale and would say nothing."""
    name = _names(results, [candidate_id])[int(candidate_id)]
    title = t("charts.self_vs.title", lang, name=short(name, TITLE_CHARS))
    table = _self_vs_table(results, int(candidate_id), lang)
    table["hover"] = [_self_vs_hover(name, row, lang) for row in table.itertuples()]
    if table[["self", "mean"]].isna().all(axis=None):
        return empty_figure(title, t("charts.self_vs.empty", lang), lang)
    rows = labels.row_labels(results.catalog, lang, labels.ROW_TITLE_CHARS)
    fig = new_figure(labels.wrap_title(title), lang, height=height_for(len(table), per_row=labels.row_height(rows)))
    both = table.dropna(subset=["self", "mean"])
    fig.add_trace(go.Scatter(x=segments(both["self"], both["mean"]), y=segments(both["row"], both["row"]),
                             mode="lines", line={"color": COLORS["range"], "width": 6}, hoverinfo="skip",
                             showlegend=False))
    fig.add_trace(go.Scatter(x=table["target"], y=table["row"], mode="markers", name=t("common.role_target", lang),
                             marker={"symbol": "line-ns-open", "size": 18, "color": COLORS["target"],
                                     "line": {"width": 2}}, hoverinfo="skip"))
    self_rows = table.dropna(subset=["self"])
    fig.add_trace(go.Scatter(x=self_rows["self"], y=self_rows["row"], mode="markers",
                             name=labels.wrap(t("charts.self_vs.self_legend", lang), LEGEND_CHARS),
                             marker={"color": COLORS["self"], "size": 13, "symbol": "diamond",
                                     "line": {"width": 1, "color": "white"}},
                             hovertext=list(self_rows["hover"]), hoverinfo="text"))
    interviewed = table.dropna(subset=["mean"])
    for trace in _interval_traces(interviewed, ("mean", "low", "high"),
                                  labels.wrap(t("charts.self_vs.interview_legend", lang), LEGEND_CHARS),
                                  COLORS["interview"], "interview"):
        fig.add_trace(trace)
    _no_interval_key(fig, interviewed["low"].isna().any(), lang, "charts.self_vs.one_interviewer")
    _gap_column(fig, table, lang)
    labels.row_titles(fig, rows)
    low, high = _fitted_range(results, table)
    fig.update_xaxes(range=[low, high], dtick=0.5 if high - low <= 2.6 else 1, side="top")
    title_above(fig)
    fig.update_layout(legend=LEGEND_BELOW, margin={"b": 20, "r": 72})
    return fig


def _fitted_range(results: RoundResults, table: pd.DataFrame, pad: float = 0.25,
                  least: float = 1.0) -> tuple[float, float]:
    """An x range over what the self-vs chart draws (self, means, intervals, targets) with room for the markers,
    at least `least` points wide and never beyond the catalog's scale (padded)."""
    drawn = table[["self", "mean", "low", "high", "target"]].to_numpy(dtype=float)
    low, high = float(np.nanmin(drawn)) - pad, float(np.nanmax(drawn)) + pad
    if high - low < least:
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    bottom, top = padded_scale(results)
    return max(low, bottom), min(high, top)


def _gap_column(fig: go.Figure, table: pd.DataFrame, lang: str) -> None:
    """The gap (self minus interviewers) of each row written in a column right of the plot, under a header."""
    fig.add_annotation(text=t("charts.self_vs.gap_header", lang), x=1, xref="paper", xanchor="left", xshift=6,
                       y=1, yref="paper", yanchor="bottom", showarrow=False, font={"size": 12, "color": COLORS["note"]})
    fig.layout.annotations = (*fig.layout.annotations, *(  # in one go (see `labels.row_titles`)
        {"text": number(row.gap, lang, signed=True), "x": 1, "xref": "paper", "xanchor": "left", "xshift": 6,
         "y": row.row, "yref": "y", "showarrow": False, "font": {"size": 12, "color": COLORS["note"]}}
        for row in table.dropna(subset=["gap"]).itertuples()))


def _self_vs_table(results: RoundResults, candidate_id: int, lang: str) -> pd.DataFrame:
    """One row per competency: mean, ci_low, ci_high, n, low and high (the lowest and highest interviewer's rating,
    NaN with fewer than two), self, gap, target, label, row."""
    competencies = results.catalog.competencies
    ids = [c.id for c in competencies]
    interview = results.interview[results.interview["candidate"] == candidate_id].set_index("competency")
    table = interview.reindex(ids)[["mean", "ci_low", "ci_high", "n"]]
    rated = results.ratings[results.ratings["candidate"] == candidate_id].dropna(subset=["value"])
    spread = rated.groupby("competency")["value"].agg(["min", "max", "count"]).reindex(ids)
    several = spread["count"] >= 2
    table["low"] = spread["min"].where(several).to_numpy(dtype=float)
    table["high"] = spread["max"].where(several).to_numpy(dtype=float)
    self_view = results.self_scores.reindex(index=[candidate_id], columns=ids)
    table["self"] = self_view.iloc[0].to_numpy(dtype=float)
    table["gap"] = table["self"] - table["mean"]
    table["target"] = [c.target for c in competencies]
    table["label"] = [c.name.get(lang) for c in competencies]
    table["row"] = np.arange(len(ids))
    return table


def _self_vs_hover(name: str, row, lang: str) -> str:
    lines = [name, f"{labels.code(row.row, lang)} · {row.label}"]
    if pd.notna(row.self):
        lines.append(labelled(t("common.self_view", lang), number(row.self, lang)))
    if pd.notna(row.mean):
        lines.append(labelled(t("common.interviewers_view", lang), number(row.mean, lang)))
        if pd.notna(row.low):
            lines.append(t("charts.self_vs.spread", lang, low=number(row.low, lang, 0), high=number(row.high, lang, 0)))
        if pd.notna(row.ci_low):
            lines.append(t("charts.interval", lang, low=number(row.ci_low, lang), high=number(row.ci_high, lang)))
        lines.append(labelled(t("charts.raters", lang), int(row.n)))
    if pd.notna(row.gap):
        lines.append(labelled(t("charts.gap", lang), number(row.gap, lang, signed=True)))
    lines.append(labelled(t("common.role_target", lang), row.target))
    return hover_text(*lines)


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
            legendgroup=group, showlegend=with_interval, hovertext=list(part["hover"]), hoverinfo="text",
            marker={"color": color, "size": 11, "line": {"width": 2, "color": color},
                    "symbol": "circle" if with_interval else "circle-open"}))
    if traces and not has.any():  # the legend shows the group's filled marker; the hollow one has a key entry
        traces.append(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=group,
                                 marker={"color": color, "size": 11}, hoverinfo="skip"))
    return traces


def _no_interval_key(fig: go.Figure, needed: bool, lang: str, key: str = "charts.no_interval_legend") -> None:
    """A legend entry explaining the hollow marker (a value without an interval), when the figure has one."""
    if needed:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels.wrap(t(key, lang), LEGEND_CHARS),
                                 marker={"symbol": "circle-open", "size": 11, "color": NO_INTERVAL_COLOR,
                                         "line": {"width": 2}}, hoverinfo="skip"))


def _full_label(index: int, competency, lang: str) -> str:
    """A competency's short label and full name, for hover texts."""
    return f"{labels.code(index, lang)} · {competency.name.get(lang)}"


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


__all__ = [
    "competency_heatmap", "disagreement_chart", "fit_ranking", "profile_radar", "ranked_fit", "score_distribution",
    "self_vs_interview",
]
