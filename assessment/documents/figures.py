"""The comparison page's plotly figures drawn as vector graphics on a PDF page.

The documents print the very figures the pages show: each is built by the same function of
`assessment.charts`, and this module draws its traces, axes, legend and notes with PDF paths and text
(no browser, no raster image). It knows the parts of plotly those figures use:

- cartesian axes with ranges, reversed rows, tick texts or automatic ticks, grid lines and titles;
- `Scatter` as lines (segments split at None), markers (circle, square, diamond, triangle, x, star,
  the open variants and the role-target tick) with asymmetric horizontal error bars, and text labels;
- `Heatmap` cells coloured from the figure's colour scale, with their texts and a colour bar;
- `Scatterpolar` outlines on a radar grid;
- rectangles (`add_vrect`) and the centred notes and footnotes of `charts.style`.

Texts in a figure are HTML-escaped by `charts.style.plain`; here they are decoded back to plain text and
printed as text, so user text is never read as markup on paper either.
"""

from __future__ import annotations

import plotly.graph_objects as go

from .cartesian import Cartesian
from .marks import LEGEND_PT, NOTE_PT, PX, TITLE_PT, Box, color, figure_text, shorten
from .pdf import FAMILY, INK, MUTED, Document
from .polar import Polar


def draw_figure(doc: Document, fig: go.Figure, height: float, width: float | None = None) -> None:
    """Draw `fig` at the current position, `width` (default: between the margins) by `height` mm, and move
    below it. A new page is started first when it does not fit on this one."""
    width = width or doc.width
    doc.need(height)
    box = Box(doc.l_margin, doc.get_y(), width, height)
    _Renderer(doc, fig).draw(box)
    doc.set_dash_pattern()
    doc.set_fill_color(255, 255, 255)
    doc.set_draw_color(*INK)
    doc.set_text_color(*INK)
    doc.set_font(FAMILY, "", 10)
    doc.set_y(box.bottom + 3)



class _Renderer(Cartesian, Polar):
    def __init__(self, doc: Document, fig: go.Figure) -> None:
        self.doc = doc
        self.fig = fig
        self.layout = fig.layout
        self.decimal = (self.layout.separators or ".,")[0]

    # -- the frame: title, legend, notes ---------------------------------------------------------

    def draw(self, box: Box) -> None:
        doc = self.doc
        top = self._title(box)
        legend_title = figure_text(self.layout.legend.title.text) if self.layout.legend.title else ""
        top = self._legend(Box(box.x, top, box.w, box.bottom - top), legend_title)
        footnotes = [a for a in self.layout.annotations if a.yref == "paper" and (a.y or 0) < 0]
        notes = [a for a in self.layout.annotations if a not in footnotes]
        bottom = box.bottom - (self._text_height(footnotes, box.w, LEGEND_PT) if footnotes else 0)
        area = Box(box.x, top + 1, box.w, bottom - top - 1)
        if any(isinstance(trace, go.Scatterpolar) for trace in self.fig.data):
            self._polar(area)
        elif self.fig.data or not notes:
            self._cartesian(area)
        for note in notes:
            self._note(note, area)
        y = bottom + 1
        for note in footnotes:
            doc.set_font(FAMILY, "", LEGEND_PT)
            doc.set_text_color(*MUTED)
            doc.set_xy(box.x, y)
            doc.multi_cell(box.w, LEGEND_PT * 0.45, figure_text(note.text), align="L")
            y = doc.get_y()
        doc.set_text_color(*INK)

    def _title(self, box: Box) -> float:
        doc = self.doc
        text = figure_text(self.layout.title.text) if self.layout.title else ""
        y = box.y
        if not text:
            return y
        first, *rest = text.split("\n")
        doc.set_font(FAMILY, "B", TITLE_PT)
        doc.set_text_color(*INK)
        doc.set_xy(box.x, y)
        doc.multi_cell(box.w, TITLE_PT * 0.5, first, align="L")
        if rest:
            doc.set_font(FAMILY, "", LEGEND_PT + 0.5)
            doc.set_text_color(*MUTED)
            doc.set_x(box.x)
            doc.multi_cell(box.w, LEGEND_PT * 0.5, " ".join(rest), align="L")
        doc.set_text_color(*INK)
        return doc.get_y() + 1.5

    def _text_height(self, notes, width: float, size: float) -> float:
        self.doc.set_font(FAMILY, "", size)
        lines = sum(len(self.doc.multi_cell(width, size * 0.45, figure_text(n.text), dry_run=True, output="LINES"))
                    for n in notes)
        return lines * size * 0.45 + 2

    def _legend_items(self) -> list[tuple[str, go.Scatter | go.Scatterpolar]]:
        items, groups = [], set()
        for trace in self.fig.data:
            if isinstance(trace, go.Heatmap) or trace.showlegend is False or not trace.name:
                continue
            group = trace.legendgroup or id(trace)
            if group in groups:
                continue
            groups.add(group)
            items.append((figure_text(trace.name), trace))
        return items

    def _legend(self, box: Box, title: str) -> float:
        """The legend as wrapped rows under the title; returns the y below it."""
        items = self._legend_items()
        if len(items) < 2 and not title:
            return box.y
        doc = self.doc
        doc.set_font(FAMILY, "", LEGEND_PT)
        x, y, line = box.x, box.y, LEGEND_PT * 0.5
        if title:
            doc.set_font(FAMILY, "B", LEGEND_PT)
            doc.text(x, y + line * 0.8, title + ":")
            x += doc.get_string_width(title + ":") + 2.5
            doc.set_font(FAMILY, "", LEGEND_PT)
        for name, trace in items:
            name = shorten(doc, name, box.w - 10)
            need = 7 + doc.get_string_width(name) + 4
            if x + need > box.right and x > box.x:
                x, y = box.x, y + line + 1
            self._legend_sample(trace, x, y + line * 0.5)
            doc.set_text_color(*INK)
            doc.text(x + 7, y + line * 0.8, name)
            x += need
        return y + line + 2

    def _legend_sample(self, trace, x: float, y: float) -> None:
        mode = trace.mode or "lines"
        line = getattr(trace, "line", None)
        if "lines" in mode and line is not None:
            self._stroke(color(line.color), (line.width or 2) * PX, line.dash)
            self.doc.line(x, y, x + 5.5, y)
            self.doc.set_dash_pattern()
        if "markers" in mode:
            marker = trace.marker
            self._marker(x + 2.75, y, marker.symbol, min((marker.size or 8) * PX, 2.4), color(marker.color),
                         marker.line)

    def _note(self, note, area: Box) -> None:
        doc = self.doc
        text = figure_text(note.text)
        doc.set_font(FAMILY, "", NOTE_PT)
        doc.set_text_color(*MUTED)
        lines = doc.multi_cell(area.w * 0.8, NOTE_PT * 0.5, text, dry_run=True, output="LINES")
        doc.set_xy(area.x + area.w * 0.1, area.y + area.h / 2 - len(lines) * NOTE_PT * 0.25)
        doc.multi_cell(area.w * 0.8, NOTE_PT * 0.5, text, align="C")
        doc.set_text_color(*INK)



__all__ = ["Box", "color", "draw_figure", "figure_text"]
