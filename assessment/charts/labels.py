"""Competency labels that fit a chart in every language: a short code per competency ("C1", "K1", "К1"),
names wrapped at word boundaries, and the key from code to full name that the page shows under a chart.

Charts with little room per competency (the radar's spokes, the heatmap's columns) are labelled by code; charts
with a row per competency carry the code and the wrapped name. The full name is always in the hover text and in
the key (`competency_key`), so nothing a label leaves out is lost.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from assessment.catalog import Catalog
from assessment.i18n import t

from .style import plain

WRAP_CHARS = 24  # characters per line of a wrapped row label beside a row
ROW_TITLE_CHARS = 40  # characters per line of a row title above its row (a phone's plot width)
ROW_TITLE_COLOR = "#31333F"
WRAP_LINES = 3  # lines of a wrapped row label at most (then an ellipsis; the full text is in the hover and key)
TITLE_WRAP = 40  # characters per line of a chart title: a phone's width


def wrap(text: object, width: int = WRAP_CHARS, lines: int = WRAP_LINES) -> str:
    """`text` made `plain` and broken into lines of about `width` characters at word (and hyphen) boundaries,
    joined by plotly's ``<br>``. A word longer than `width` stays whole; beyond `lines` lines the last one ends
    with an ellipsis."""
    text = " ".join(str("" if text is None else text).split())
    parts = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,;:–-") + "…"
    return "<br>".join(plain(part) for part in parts)


def wrap_title(title: str, width: int = TITLE_WRAP) -> str:
    """A title (already plain, may hold ``<br><sup>…</sup>``) whose first line is wrapped so a phone shows it
    whole."""
    head, sep, tail = title.partition("<br>")
    lines = textwrap.wrap(head, width, break_long_words=False) or [head]
    return "<br>".join(lines) + sep + tail


def code(index: int, lang: str) -> str:
    """The short label of the catalog's `index`-th competency (0-based): C1, K1, К1 …"""
    return t("charts.key.code", lang, number=index + 1)


def codes(catalog: Catalog, lang: str) -> list[str]:
    return [code(index, lang) for index in range(len(catalog.competencies))]


def row_labels(catalog: Catalog, lang: str, width: int = WRAP_CHARS) -> list[str]:
    """One label per competency for a row: the code, then the name wrapped (already plain)."""
    return [f"{code(index, lang)} · " + wrap(competency.name.get(lang), width)
            for index, competency in enumerate(catalog.competencies)]


def row_titles(fig: go.Figure, texts: list[str], gap: int = 8) -> None:
    """Label rows 0, 1, 2 … (top to bottom) with `texts` (already plain, may hold ``<br>``) written above each
    row across the plot's width, instead of tick labels beside it: on a phone the plot keeps the full width
    and long names need no cutting. The y axis keeps room above the first row for its title. `gap`: pixels
    between a row's centre line and its title (more where markers sit above the line)."""
    # Added in one go: plotly validates every annotation again on each `add_annotation`, which made 150 row
    # titles cost seconds.
    fig.layout.annotations = (*fig.layout.annotations, *(
        {"text": text, "x": 0, "xref": "paper", "xanchor": "left", "y": row, "yref": "y", "yanchor": "bottom",
         "yshift": gap, "showarrow": False, "align": "left", "font": {"size": 12, "color": ROW_TITLE_COLOR}}
        for row, text in enumerate(texts)))
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(texts))), showticklabels=False, showgrid=True,
                     gridcolor="#F0F2F6", zeroline=False, range=[len(texts) - 0.4, -0.9], autorange=False)


def row_height(texts: list[str], gap: int = 8) -> int:
    """Pixels per row for `row_titles`: the markers' line plus the tallest title's lines."""
    return 26 + gap + 16 * max((text.count("<br>") + 1 for text in texts), default=1)


def competency_key(catalog: Catalog, lang: str) -> pd.DataFrame:
    """The key shown under the charts: each competency's short label and full name, with translated headers.
    Plain text for a table widget (never HTML)."""
    return pd.DataFrame({t("charts.key.code_column", lang): codes(catalog, lang),
                         t("common.competency", lang): [c.name.get(lang) for c in catalog.competencies]})


__all__ = ["code", "codes", "competency_key", "row_labels", "row_titles", "wrap", "wrap_title"]
