"""Charts of the Manager types page: pure functions from a typed round to plotly figures.

The conventions of `charts.comparison` hold here too: one palette, translated titles, user text
made `plain` before it reaches a figure, and never a blank figure.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from assessment.catalog import SCALE
from assessment.i18n import number, t
from assessment.results import RoundTypes

from .style import COLORS, PALETTE, closed_loop, hover_text, labelled, new_figure, plain, short

MAP_HEIGHT = 600
NAMED_ON_MAP = 25  # up to this many candidates carry their name on the map; beyond, only on hover
MAP_PAD = 0.18  # share of the data's extent added on each side, so labels near the edge stay readable
RADAR_HEIGHT = 460
MAP_POINTS = 400  # above this many candidates, the map gathers them on a grid (`_binned_trace`)
MAP_BINS = 40


def type_color(typed: RoundTypes, type_id: str) -> str:
    """The colour of a type, the same on the map and on its radar."""
    ids = typed.present_types()
    return PALETTE[ids.index(type_id) % len(PALETTE)] if type_id in ids else COLORS["note"]


def type_map(typed: RoundTypes, lang: str = "en") -> go.Figure:
    """Candidates in the plane of the two main axes of variation, coloured by type, with the
    archetypes' profiles as hollow diamonds: near an archetype means a profile like it."""
    fig = new_figure(t("types.map.title", lang), lang, height=MAP_HEIGHT)
    for type_id in typed.present_types():  # the largest type first in the legend
        fig.add_trace(_candidates_trace(typed, type_id, lang))
    fig.add_trace(_archetypes_trace(typed, lang))
    for axis, column in (("xaxis", "x"), ("yaxis", "y")):
        fig.update_layout({axis: {"range": _padded(typed, column)}})
    share = [number(100 * value, lang, digits=0) for value in typed.explained]
    for axis, position in (("xaxis", 1), ("yaxis", 2)):
        title = t("types.map.axis", lang, number=position, share=share[position - 1])
        fig.update_layout({axis: {"title": {"text": title}, "zeroline": False, "showticklabels": False}})
    fig.update_layout(legend={"orientation": "h", "y": -0.12, "yanchor": "top"}, margin={"b": 110})
    return fig


def _candidates_trace(typed: RoundTypes, type_id: str, lang: str) -> go.Scatter:
    if len(typed.table) > MAP_POINTS:
        return _binned_trace(typed, type_id, lang)
    rows = typed.table[typed.table["type"] == type_id]
    points = typed.points.loc[rows.index]
    type_name = typed.type_name(type_id, lang)
    hover = [hover_text(row.name, labelled(t("types.type", lang), type_name),
                    labelled(t("types.probability", lang), number(100 * row.probability, lang, digits=0) + " %"),
                    labelled(t("types.runner_up", lang), typed.type_name(row.runner_up, lang)))
             for row in rows.itertuples()]
    named = len(typed.table) <= NAMED_ON_MAP
    return go.Scatter(x=points["x"], y=points["y"], mode="markers+text" if named else "markers",
                      name=short(type_name), text=[short(name, 20) for name in rows["name"]] if named else None,
                      textposition="bottom center", textfont={"size": 11, "color": type_color(typed, type_id)},
                      marker={"size": 12, "color": type_color(typed, type_id), "line": {"width": 1, "color": "white"}},
                      hovertext=hover, hoverinfo="text")


def _binned_trace(typed: RoundTypes, type_id: str, lang: str) -> go.Scatter:
    """A large round's candidates of one type, gathered on a MAP_BINS × MAP_BINS grid: one marker per occupied
    cell, its area by the number of candidates there. The browser gets a few hundred points, not thousands."""
    x_range, y_range = _padded(typed, "x"), _padded(typed, "y")
    points = typed.points.loc[typed.table.index[typed.table["type"] == type_id]]
    counts, x_edges, y_edges = np.histogram2d(points["x"], points["y"], bins=MAP_BINS, range=[x_range, y_range])
    ix, iy = np.nonzero(counts)
    number_of = counts[ix, iy].astype(int)
    type_name = typed.type_name(type_id, lang)
    hover = [hover_text(type_name, labelled(t("charts.candidates", lang), n)) for n in number_of]
    return go.Scatter(x=(x_edges[ix] + x_edges[ix + 1]) / 2, y=(y_edges[iy] + y_edges[iy + 1]) / 2, mode="markers",
                      name=short(type_name), hovertext=hover, hoverinfo="text",
                      marker={"size": 6 + 18 * np.sqrt(number_of / number_of.max()), "opacity": 0.75,
                              "color": type_color(typed, type_id), "line": {"width": 1, "color": "white"}})


def _archetypes_trace(typed: RoundTypes, lang: str) -> go.Scatter:
    points = typed.archetype_points
    names = [typed.type_name(type_id, lang) for type_id in points.index]
    return go.Scatter(x=points["x"], y=points["y"], mode="markers+text", name=t("types.map.archetypes", lang),
                      text=[short(name, 22) for name in names], textposition=_label_positions(points),
                      textfont={"size": 11, "color": COLORS["note"]},
                      marker={"symbol": "diamond-open", "size": 13, "color": COLORS["note"], "line": {"width": 2}},
                      hovertext=[hover_text(name, t("types.map.archetype", lang)) for name in names], hoverinfo="text")


def _padded(typed: RoundTypes, column: str) -> list[float]:
    values = list(typed.points[column]) + list(typed.archetype_points[column])
    low, high = min(values), max(values)
    pad = MAP_PAD * ((high - low) or 1.0)
    return [low - pad, high + pad]


def _label_positions(points) -> list[str]:
    """Above each archetype, unless an earlier label sits close by: then below, then to the sides,
    so the names of neighbouring archetypes do not print over each other."""
    extent = max(float(points["x"].max() - points["x"].min()), float(points["y"].max() - points["y"].min()), 1e-9)
    placed: list[tuple[float, float, str]] = []
    options = ("top center", "bottom center", "middle right", "middle left")
    for x, y in zip(points["x"], points["y"], strict=True):
        near = {where for px, py, where in placed if abs(px - x) < 0.25 * extent and abs(py - y) < 0.08 * extent}
        where = next((o for o in options if o not in near), options[0])
        placed.append((x, y, where))
    return [where for _, _, where in placed]


def type_radar(typed: RoundTypes, type_id: str, lang: str = "en") -> go.Figure:
    """A type's profile over the dimensions: the mean of its candidates and, dashed, the archetype
    it is named after (or matched to)."""
    dimensions = list(typed.profiles.columns)
    members = typed.members_profile(type_id)
    archetype = typed.matched_archetype(type_id)
    labels = closed_loop([short(_dimension_name(typed, d, lang)) for d in dimensions])
    fig = new_figure(t("types.radar.title", lang, name=plain(typed.type_name(type_id, lang))), lang,
                  height=RADAR_HEIGHT)
    if archetype is not None and archetype in typed.archetypes.profiles.index:
        profile = typed.archetypes.profiles.loc[archetype, dimensions]
        name = t("types.radar.archetype", lang, name=typed.type_name(archetype, lang))
        fig.add_trace(_radar(profile.tolist(), labels, dimensions, typed, name, COLORS["target"], lang, dash="dash"))
    count = int((typed.table["type"] == type_id).sum())
    fig.add_trace(_radar(members.tolist(), labels, dimensions, typed, t("types.radar.candidates", lang, count=count),
                         type_color(typed, type_id), lang))
    fig.update_layout(polar={"radialaxis": {"range": list(SCALE), "dtick": 1}},
                      legend={"orientation": "h", "y": -0.08, "yanchor": "top"},
                      margin={"l": 80, "r": 80, "b": 80})
    return fig


def _radar(values: list[float], labels: list[str], dimensions: list[str], typed: RoundTypes, name: str,
           color: str, lang: str, dash: str = "solid") -> go.Scatterpolar:
    hover = [hover_text(name, _dimension_name(typed, d, lang), number(v, lang))
             for d, v in zip(dimensions, values, strict=True)]
    return go.Scatterpolar(r=closed_loop(values), theta=labels, name=short(name, 40), mode="lines+markers",
                           line={"color": color, "width": 2, "dash": dash}, marker={"size": 5},
                           hovertext=closed_loop(hover), hoverinfo="text")


def _dimension_name(typed: RoundTypes, dimension: str, lang: str) -> str:
    names = typed.archetypes.dimension_names.get(dimension, {})
    return names.get(lang) or names.get("en") or dimension


__all__ = ["type_color", "type_map", "type_radar"]
