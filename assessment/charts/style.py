"""The look every chart shares: one colour-blind-safe palette, the figure frame, notes, and user text made plain.

plotly.js renders tags such as ``<b>`` or ``<a href>`` in titles, tick labels, legends and hover labels,
so user text (candidate and interviewer names, catalog texts) passes through `plain` or `short` first.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from assessment.i18n import SEPARATORS, language

# Okabe & Ito's colour-blind-safe palette (without its yellow, unreadable on white), then more.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000",
           "#999933", "#882255", "#44AA99", "#661100", "#6699CC")
COLORS = {"interview": "#0072B2", "self": "#E69F00", "target": "#6E6E6E", "leader": "#0072B2",
          "tied": "#CC79A7", "behind": "#A3ACB6", "range": "#C9CFD6", "note": "#5A5A5A"}
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
SCORE_COLORSCALE = [[0.0, "#F3F7FB"], [0.5, "#7FB3D9"], [1.0, "#08306B"]]
TEMPLATE = "plotly_white"
LABEL_CHARS = 28  # tick labels and legend entries
TITLE_CHARS = 60
ROW_PX, BASE_PX, MIN_PX = 24, 170, 380
# A horizontal legend under the plot (the x axis then goes on top): on a phone it wraps downwards, never into the
# title or the plot; plotly widens the bottom margin to fit it.
LEGEND_BELOW = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top"}
TITLE_LINE_PX = 22  # a title's line: `title_above` keeps a figure's title clear of the tick labels on top


def plain(text: object) -> str:
    """`text` safe to show in a plotly figure: ``&``, ``<`` and ``>`` become HTML entities.

    plotly.js decodes the entities for display, so ``<b>Ann</b>`` reads literally instead of in bold.
    """
    return html.escape("" if text is None else str(text), quote=False)


def short(text: object, limit: int = LABEL_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis, then made `plain` (never cut an entity)."""
    text = " ".join(str("" if text is None else text).split())
    return plain(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def new_figure(title: str, lang: str, height: int = MIN_PX) -> go.Figure:
    """An empty figure with the look every chart shares."""
    return go.Figure(layout={
        "template": TEMPLATE, "title": {"text": title, "x": 0, "xanchor": "left"}, "height": height,
        "margin": {"l": 10, "r": 10, "t": 90, "b": 40}, "colorway": list(PALETTE),
        "separators": SEPARATORS[language(lang)], "hoverlabel": {"align": "left"},
        "font": {"family": "Inter, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13}})


def title_above(fig: go.Figure, ticks_px: int = 40) -> None:
    """Pin the figure's title to the top of the figure, with a top margin that holds its lines and then the top
    axis's tick labels (`ticks_px`). plotly anchors a title of several lines by its last line, so the padding
    grows with the lines, or the first would stick out above the figure."""
    lines = (fig.layout.title.text or "").count("<br>") + 1
    fig.update_layout(title={"yref": "container", "y": 1, "yanchor": "top",
                             "pad": {"t": 10 + TITLE_LINE_PX * (lines - 1)}},
                      margin={"t": 24 + TITLE_LINE_PX * lines + ticks_px})


def empty_figure(title: str, message: str, lang: str) -> go.Figure:
    fig = new_figure(title, lang)
    add_note(fig, message)
    return fig


def add_note(fig: go.Figure, message: str, hide_axes: bool = True) -> None:
    """A centred, translated note explaining why there is nothing to draw."""
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 15, "color": COLORS["note"]})
    if hide_axes:
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)


def add_footnote(fig: go.Figure, message: str) -> None:
    """A small note under the plot (already plain text)."""
    fig.add_annotation(text=message, x=0, y=-0.12, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, font={"size": 12, "color": COLORS["note"]})
    fig.update_layout(margin={"b": 80})


def name_list(names: list[str], most: int = 5) -> str:
    """Up to `most` names, shortened and plain, then an ellipsis."""
    shown = ", ".join(short(name) for name in names[:most])
    return shown + (", …" if len(names) > most else "")


def rows_axis(fig: go.Figure, labels: list[str], title: str | None) -> None:
    """Rows 0, 1, 2 … from top to bottom, labelled with their (already plain) labels."""
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(labels))), ticktext=labels, autorange="reversed",
                     automargin=True, showgrid=False, zeroline=False, title={"text": title or ""})


def height_for(rows: int, per_row: int = ROW_PX, minimum: int = MIN_PX) -> int:
    return max(minimum, BASE_PX + per_row * rows)


def hover_text(*lines: object) -> str:
    """Hover text from lines of user or catalog text, each made plain, joined by our own line breaks."""
    return "<br>".join(plain(line) for line in lines)


def labelled(label: str, value: object) -> str:
    return f"{label}: {value}"


def closed_loop(values: list) -> list:
    """A radar outline ends where it starts."""
    return list(values) + list(values[:1])
