"""Charts of the Manager types page: pure functions from a typed round to plotly figures: the strip of
every candidate's relative strengths by type (`type_strip`) and each type's profile (`type_radar`).

The conventions of `charts.comparison` hold here too: one palette, translated titles, user text
made `plain` before it reaches a figure, and never a blank figure.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from assessment.catalog import SCALE
from assessment.i18n import number, t
from assessment.results import RoundTypes

from .style import COLORS, PALETTE, closed_loop, height_for, hover_text, labelled, new_figure, plain, rows_axis, short

STRIP_ROWS = 60  # up to this many candidates get a row each; beyond, each type gets one row (its mean)
NAMES_PX = 130  # the names' column: fixed, so a type's heading can start at the figure's edge (`xshift`)
STRIP_LABEL = 17  # characters of a candidate's row label (a type's: HEADING_LABEL); the full text is on hover and
HEADING_LABEL = 32  # in the table below the chart. Short, so a phone keeps room for the cells
TYPE_ROW_LABEL = 20  # a large round's row per type: its label widens the names' column (a phone keeps the cells)
DIMENSION_LABEL = 24
SPAN = 2.0  # scale points from the own average at which the colour is at its deepest
# Below the person's own average orange, above it blue (Okabe & Ito), at it white.
RELATIVE_COLORSCALE = [[0.0, "#D55E00"], [0.5, "#FFFFFF"], [1.0, "#0072B2"]]
NOT_MEASURED = "#9E9E9E"
BACKGROUND = "#EEF0F2"  # between the cells and on a type's heading row, so a white cell ("at average") shows
RADAR_HEIGHT = 460


def type_color(typed: RoundTypes, type_id: str) -> str:
    """The colour of a type, the same on its radar wherever it is drawn."""
    ids = typed.present_types()
    return PALETTE[ids.index(type_id) % len(PALETTE)] if type_id in ids else COLORS["note"]


def type_strip(typed: RoundTypes, lang: str = "en", *, headings_as_labels: bool = False) -> go.Figure:
    """Each candidate's relative strengths, grouped by type: a row per candidate under a heading row per
    type, a column per dimension, blue where the dimension lies above the person's own average and orange
    where below (the shape the types are read from), grey where not measured. Above STRIP_ROWS candidates,
    a row per type holds the mean of its candidates. A type's name is written across its own empty heading
    row, not beside it, so long names (German, Russian) do not narrow the cells on a phone; with
    `headings_as_labels` (for the PDF, which draws no annotations) it is the row's label instead."""
    dimensions = list(typed.profiles.columns)
    names = [_dimension_name(typed, d, lang) for d in dimensions]
    rows, labels, hovers, headings = _strip_rows(typed, lang)
    z = np.array([row if row is not None else [np.nan] * len(dimensions) for row in rows], dtype=float)
    hover = [[_cell_hover(head, name, value, lang) if head is not None else ""
              for name, value in zip(names, row, strict=True)] for head, row in zip(hovers, z, strict=True)]
    fig = new_figure(t("types.strip.title", lang), lang, height=height_for(len(rows), per_row=26))
    fig.add_trace(go.Heatmap(z=z, x=list(range(len(dimensions))), y=list(range(len(rows))), zmin=-SPAN,
                             zmax=SPAN, colorscale=RELATIVE_COLORSCALE, showscale=False, xgap=2, ygap=2,
                             hovertext=hover, hoverinfo="text", hoverongaps=False))
    missing = [[1.0 if head is not None and np.isnan(v) else np.nan for v in row]
               for head, row in zip(hovers, z, strict=True)]
    fig.add_trace(go.Heatmap(z=missing, x=list(range(len(dimensions))), y=list(range(len(rows))), xgap=2, ygap=2,
                             zmin=0, zmax=1, colorscale=[[0, NOT_MEASURED], [1, NOT_MEASURED]], showscale=False,
                             hoverinfo="skip"))
    for row, name, count in headings if not headings_as_labels else ():  # from the figure's left edge,
        fig.add_annotation(x=0, xref="paper", xanchor="left", xshift=4 - NAMES_PX, y=row, yref="y",  # across
                           text=f"<b>{name}</b> · {count}", showarrow=False,  # the names' column and the empty row
                           font={"size": 12, "color": COLORS["note"]})
    if headings_as_labels:
        for row, name, count in headings:
            labels[row] = f"{name} ({count})"
    rows_axis(fig, labels, None)
    # The names' column is fixed where headings are written across it; rows labelled by their type alone (a large
    # round's, or the PDF's) widen it to their labels instead of being cut off at the figure's edge.
    labelled = headings_as_labels or not headings
    fig.update_yaxes(autorange=False, range=[len(rows) - 0.5, -0.5], automargin=labelled)
    # Upright labels: a slanted one's box covers its neighbour's, and no check could tell them apart.
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(dimensions))), side="top", automargin=True,
                     range=[-0.5, len(dimensions) - 0.5],
                     tickangle=-90, ticktext=[short(name, DIMENSION_LABEL) for name in names], showgrid=False,
                     zeroline=False)
    left = NAMES_PX if headings or headings_as_labels else 10
    fig.update_layout(margin={"t": 60, "b": 10, "l": left}, title={"y": 1, "yanchor": "top", "pad": {"t": 12}},
                      plot_bgcolor=BACKGROUND)
    return fig


def _strip_rows(typed: RoundTypes, lang: str) -> tuple[list, list[str], list, list[tuple[int, str, int]]]:
    """Rows of the strip: per type a heading row (values None) and its candidates, the clearest first, or
    (for a large round) one row per type. Returns the rows' values, their labels, their hover headings and
    the (row, short name, number of candidates) of each type's heading."""
    relative = typed.relative_profiles()
    rows, labels, hovers, headings = [], [], [], []
    for type_id in typed.present_types():
        members = typed.table[typed.table["type"] == type_id].sort_values("probability", ascending=False)
        type_name = typed.type_name(type_id, lang)
        if len(typed.table) > STRIP_ROWS:
            rows.append(relative.loc[members.index].mean().tolist())
            labels.append(f"{short(type_name, TYPE_ROW_LABEL)} ({len(members)})")
            hovers.append(f"{type_name} ({len(members)})")
            continue
        headings.append((len(rows), short(type_name, HEADING_LABEL), len(members)))
        rows.append(None)
        labels.append("")
        hovers.append(None)
        for candidate, row in members.iterrows():
            rows.append(relative.loc[candidate].tolist())
            labels.append(short(row["name"], STRIP_LABEL))
            hovers.append(f"{row['name']} · {type_name}")
    return rows, labels, hovers, headings


def _cell_hover(heading: str, dimension: str, value: float, lang: str) -> str:
    if np.isnan(value):
        return hover_text(heading, labelled(dimension, t("types.strip.not_measured", lang)))
    key = "above" if value >= 0.05 else "below" if value <= -0.05 else "at"
    return hover_text(heading, labelled(dimension, t(f"types.strip.{key}", lang, points=number(abs(value), lang))))


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


__all__ = ["type_color", "type_radar", "type_strip"]
