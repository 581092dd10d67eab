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

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .pdf import FAMILY, INK, MUTED, Document, clean

PX = 0.2  # mm per plotly pixel for marker sizes and line widths: an 11 px marker is 2.2 mm across
GRID = (226, 230, 235)
AXIS = (150, 150, 150)
TITLE_PT, LEGEND_PT, TICK_PT, NOTE_PT = 10.5, 7.5, 7.5, 9.0
_TAGS = re.compile(r"</?(sup|sub|b|i|span)[^>]*>")


def figure_text(text: object) -> str:
    """A figure's text as a reader sees it: our own ``<br>`` as a line break, our ``<sup>`` dropped, entities
    decoded. User text inside was escaped by `plain`, so its tags come back as literal characters."""
    if text is None:
        return ""
    text = str(text).replace("<br>", "\n").replace("<br />", "\n")
    return clean(html.unescape(_TAGS.sub("", text)))


def color(value: object, default: tuple[int, int, int] = INK) -> tuple[int, int, int]:
    """'#RRGGBB', 'rgb(r, g, b)', 'white' or 'black' as an RGB triple."""
    if not isinstance(value, str):
        return default
    value = value.strip().lower()
    if value.startswith("#") and len(value) == 7:
        return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))
    if value.startswith("rgb"):
        parts = [float(p) for p in re.findall(r"[\d.]+", value)[:3]]
        return tuple(int(p) for p in parts) if len(parts) == 3 else default
    return {"white": (255, 255, 255), "black": (0, 0, 0)}.get(value, default)


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


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


class _Renderer:
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
            name = _shorten(doc, name, box.w - 10)
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

    # -- cartesian ---------------------------------------------------------------------------------

    def _cartesian(self, area: Box) -> None:
        doc = self.doc
        layout = self.layout
        xaxis, yaxis = layout.xaxis, layout.yaxis
        heatmaps = [t for t in self.fig.data if isinstance(t, go.Heatmap)]
        x_range = self._range(xaxis, "x")
        y_range = self._range(yaxis, "y")
        if yaxis.autorange == "reversed":
            y_range = (y_range[1], y_range[0])
        x_ticks = self._ticks(xaxis, x_range)
        y_ticks = self._ticks(yaxis, y_range)
        y_title = figure_text(yaxis.title.text) if yaxis.title and yaxis.title.text else ""
        x_title = figure_text(xaxis.title.text) if xaxis.title and xaxis.title.text else ""
        rows = max(len(y_ticks), 1)
        tick_pt = TICK_PT if yaxis.tickmode != "array" else min(TICK_PT, max(5.0, area.h / rows / 0.55))
        doc.set_font(FAMILY, "", tick_pt)
        label_w = max((doc.get_string_width(label) for _, label in y_ticks), default=0) if yaxis.showticklabels \
            is not False else 0
        label_w = min(label_w, area.w * 0.42)
        left = area.x + label_w + (5 if y_title else 1) + 1.5
        colorbar = 16 if heatmaps else 0
        right = area.right - colorbar - 2
        top_labels = xaxis.side == "top"
        doc.set_font(FAMILY, "", TICK_PT)
        x_label_h = 0.0
        if xaxis.showticklabels is not False and x_ticks:
            if xaxis.tickangle:
                widest = max(doc.get_string_width(label) for _, label in x_ticks)
                x_label_h = min(widest * abs(math.sin(math.radians(xaxis.tickangle))) + 3, area.h * 0.4)
            else:
                x_label_h = TICK_PT * 0.45 + 1.5
        top = area.y + (x_label_h if top_labels else 0) + 1
        bottom = area.bottom - (0 if top_labels else x_label_h) - (TICK_PT * 0.5 + 1.5 if x_title else 0)
        plot = Box(left, top, max(right - left, 10), max(bottom - top, 10))
        sx = _scale(x_range, plot.x, plot.right)
        sy = _scale(y_range, plot.bottom, plot.y)
        self._grid(plot, xaxis, x_ticks, sx, vertical=True)
        self._grid(plot, yaxis, y_ticks, sy, vertical=False)
        for shape in layout.shapes:
            self._shape(shape, plot, sx, sy)
        with doc.rect_clip(plot.x - 2, plot.y - 2, plot.w + 4, plot.h + 4):
            for trace in self.fig.data:
                if isinstance(trace, go.Heatmap):
                    self._heatmap(trace, sx, sy, tick_pt)
                elif isinstance(trace, go.Scatter):
                    self._scatter(trace, sx, sy)
        for trace in heatmaps:
            self._colorbar(trace, Box(plot.right + 4, plot.y, 4, min(plot.h, 45)))
        self._tick_labels(plot, xaxis, x_ticks, sx, tick_pt, label_w, top_labels)
        self._tick_labels(plot, yaxis, y_ticks, sy, tick_pt, label_w, top_labels)
        doc.set_font(FAMILY, "", TICK_PT)
        doc.set_text_color(*MUTED)
        if x_title:
            width = doc.get_string_width(x_title)
            doc.text(plot.x + plot.w / 2 - width / 2, area.bottom - 0.8, x_title)
        if y_title:
            width = min(doc.get_string_width(y_title), plot.h)
            with doc.rotation(90, area.x + 2.5, plot.y + plot.h / 2):
                doc.text(area.x + 2.5 - width / 2, plot.y + plot.h / 2, _shorten(doc, y_title, plot.h))
        doc.set_text_color(*INK)

    def _range(self, axis, which: str) -> tuple[float, float]:
        if axis.range is not None:
            return float(axis.range[0]), float(axis.range[1])
        values: list[float] = []
        for trace in self.fig.data:
            if isinstance(trace, go.Heatmap):
                data = trace.x if which == "x" else trace.y
                if data is not None and len(data):
                    values += [float(min(data)) - 0.5, float(max(data)) + 0.5]
            elif isinstance(trace, go.Scatter):
                data = trace.x if which == "x" else trace.y
                values += [float(v) for v in (() if data is None else data) if _number(v)]
        if axis.tickmode == "array" and axis.tickvals:
            values += [float(min(axis.tickvals)) - 0.5, float(max(axis.tickvals)) + 0.5]
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        if axis.tickmode == "array":
            return low, high
        pad = 0.05 * ((high - low) or 1.0)
        return low - pad, high + pad

    def _ticks(self, axis, span: tuple[float, float]) -> list[tuple[float, str]]:
        if axis.tickmode == "array" and axis.tickvals is not None:
            texts = axis.ticktext or [str(v) for v in axis.tickvals]
            return [(float(v), figure_text(t)) for v, t in zip(axis.tickvals, texts, strict=False)]
        low, high = sorted(span)
        step = float(axis.dtick) if axis.dtick else _nice_step(high - low)
        first = math.ceil(low / step - 1e-9) * step
        suffix = figure_text(axis.ticksuffix) if axis.ticksuffix else ""
        digits = 0 if float(step).is_integer() else 1
        values = np.arange(first, high + step * 1e-6, step)
        return [(float(v), f"{v:.{digits}f}".replace(".", self.decimal).replace("-", "−") + suffix) for v in values]

    def _grid(self, plot: Box, axis, ticks, scale, vertical: bool) -> None:
        doc = self.doc
        if axis.showgrid is False or axis.tickmode == "array":
            return
        self._stroke(GRID, 0.2)
        for value, _ in ticks:
            at = scale(value)
            if vertical and plot.x - 0.01 <= at <= plot.right + 0.01:
                doc.line(at, plot.y, at, plot.bottom)
            elif not vertical and plot.y - 0.01 <= at <= plot.bottom + 0.01:
                doc.line(plot.x, at, plot.right, at)

    def _tick_labels(self, plot: Box, axis, ticks, scale, size: float, label_w: float, top: bool) -> None:
        doc = self.doc
        if axis.showticklabels is False:
            return
        doc.set_font(FAMILY, "", size if axis is self.layout.yaxis else TICK_PT)
        doc.set_text_color(*INK)
        for value, label in ticks:
            at = scale(value)
            if axis is self.layout.yaxis:
                if not plot.y - 0.5 <= at <= plot.bottom + 0.5:
                    continue
                text = _shorten(doc, label, label_w)
                doc.text(plot.x - 1.5 - doc.get_string_width(text), at + size * 0.13, text)
            elif plot.x - 0.5 <= at <= plot.right + 0.5:
                width = doc.get_string_width(label)
                if axis.tickangle:
                    with doc.rotation(-axis.tickangle, at, plot.y - 1.5):
                        doc.text(at, plot.y - 1.5, label)
                elif top:
                    doc.text(at - width / 2, plot.y - 1.5, label)
                else:
                    doc.text(at - width / 2, plot.bottom + TICK_PT * 0.45 + 0.8, label)

    def _shape(self, shape, plot: Box, sx, sy) -> None:
        if shape.type != "rect":
            return
        x0 = sx(shape.x0) if shape.xref == "x" else plot.x + plot.w * float(shape.x0)
        x1 = sx(shape.x1) if shape.xref == "x" else plot.x + plot.w * float(shape.x1)
        if shape.yref == "y":
            y0, y1 = sy(shape.y0), sy(shape.y1)
        else:  # paper or y domain
            y0, y1 = plot.bottom - plot.h * float(shape.y0), plot.bottom - plot.h * float(shape.y1)
        x0, x1 = max(min(x0, x1), plot.x), min(max(x0, x1), plot.right)
        with self.doc.local_context(fill_opacity=float(shape.opacity if shape.opacity is not None else 1)):
            self.doc.set_fill_color(*color(shape.fillcolor))
            self.doc.rect(x0, min(y0, y1), max(x1 - x0, 0.1), abs(y1 - y0), style="F")

    def _scatter(self, trace: go.Scatter, sx, sy) -> None:
        xs = list(trace.x) if trace.x is not None else []
        ys = list(trace.y) if trace.y is not None else []
        mode = trace.mode or "lines+markers"
        if "lines" in mode:
            line = trace.line
            self._stroke(color(line.color), (line.width or 2) * PX, line.dash)
            segment: list[tuple[float, float]] = []
            for x, y in [*zip(xs, ys, strict=False), (None, None)]:
                if _number(x) and _number(y):
                    segment.append((sx(x), sy(y)))
                    continue
                if len(segment) > 1:
                    self.doc.polyline(segment)
                segment = []
            self.doc.set_dash_pattern()
        error = trace.error_x
        if error is not None and error.array is not None and error.visible is not False:
            self._error_bars(xs, ys, list(error.array), list(error.arrayminus if error.arrayminus is not None
                                                            else error.array), error, sx, sy)
        if "markers" in mode:
            marker = trace.marker
            colors = marker.color if isinstance(marker.color, (list, tuple)) else None
            for index, (x, y) in enumerate(zip(xs, ys, strict=False)):
                if _number(x) and _number(y):
                    fill = color(colors[index]) if colors else color(marker.color)
                    self._marker(sx(x), sy(y), marker.symbol, (marker.size or 6) * PX, fill, marker.line)
        if "text" in mode and trace.text is not None:
            self._point_labels(trace, xs, ys, sx, sy)

    def _error_bars(self, xs, ys, plus, minus, error, sx, sy) -> None:
        self._stroke(color(error.color), (error.thickness or 2) * PX * 0.8)
        cap = (error.width or 4) * PX * 0.5
        for x, y, up, down in zip(xs, ys, plus, minus, strict=False):
            if not (_number(x) and _number(y) and _number(up) and _number(down)):
                continue
            left, right, at = sx(x - down), sx(x + up), sy(y)
            self.doc.line(left, at, right, at)
            self.doc.line(left, at - cap, left, at + cap)
            self.doc.line(right, at - cap, right, at + cap)

    def _point_labels(self, trace, xs, ys, sx, sy) -> None:
        doc = self.doc
        texts = list(trace.text) if isinstance(trace.text, (list, tuple)) else [trace.text] * len(xs)
        where = trace.textposition
        positions = list(where) if isinstance(where, (list, tuple)) else [where or "middle center"] * len(xs)
        doc.set_font(FAMILY, "", 6.5)
        doc.set_text_color(*color(trace.textfont.color if trace.textfont else None, MUTED))
        offset = (trace.marker.size or 8) * PX * 0.5 + 1
        for x, y, text, where in zip(xs, ys, texts, positions, strict=False):
            if not (_number(x) and _number(y)) or not text:
                continue
            label = figure_text(text)
            width = doc.get_string_width(label)
            px, py = sx(x), sy(y)
            if where.startswith("top"):
                doc.text(px - width / 2, py - offset, label)
            elif where.startswith("bottom"):
                doc.text(px - width / 2, py + offset + 2, label)
            elif where.endswith("right"):
                doc.text(px + offset, py + 0.8, label)
            elif where.endswith("left"):
                doc.text(px - offset - width, py + 0.8, label)
            else:
                doc.text(px - width / 2, py + 0.8, label)
        doc.set_text_color(*INK)

    def _heatmap(self, trace: go.Heatmap, sx, sy, size: float) -> None:
        doc = self.doc
        z = np.asarray(trace.z, dtype=float)
        if z.ndim != 2 or z.size == 0:
            return
        xs = list(trace.x) if trace.x is not None else list(range(z.shape[1]))
        ys = list(trace.y) if trace.y is not None else list(range(z.shape[0]))
        low = float(trace.zmin) if trace.zmin is not None else float(np.nanmin(z))
        high = float(trace.zmax) if trace.zmax is not None else float(np.nanmax(z))
        texts = trace.text
        gap = 0.25
        width = abs(sx(1) - sx(0))
        height = abs(sy(1) - sy(0))
        doc.set_font(FAMILY, "", min(size, TICK_PT, height / 0.55, width / 1.4))
        for row, y in enumerate(ys):
            for column, x in enumerate(xs):
                value = z[row, column]
                if math.isnan(value):
                    continue
                share = 0.0 if high == low else (value - low) / (high - low)
                fill = _colorscale(trace.colorscale, share)
                doc.set_fill_color(*fill)
                left, top = sx(x - 0.5) + gap / 2, min(sy(y - 0.5), sy(y + 0.5)) + gap / 2
                doc.rect(left, top, width - gap, height - gap, style="F")
                if texts is not None:
                    label = figure_text(texts[row][column])
                    dark = sum(fill) < 3 * 150
                    doc.set_text_color(*((255, 255, 255) if dark else INK))
                    doc.text(left + (width - gap) / 2 - doc.get_string_width(label) / 2,
                             top + (height - gap) / 2 + doc.font_size * 0.35, label)
        doc.set_text_color(*INK)

    def _colorbar(self, trace: go.Heatmap, box: Box) -> None:
        doc = self.doc
        steps = 40
        for step in range(steps):
            doc.set_fill_color(*_colorscale(trace.colorscale, 1 - step / (steps - 1)))
            doc.rect(box.x, box.y + box.h * step / steps, box.w, box.h / steps + 0.05, style="F")
        low = float(trace.zmin if trace.zmin is not None else 0)
        high = float(trace.zmax if trace.zmax is not None else 1)
        dtick = float(trace.colorbar.dtick) if trace.colorbar and trace.colorbar.dtick else (high - low) / 4
        doc.set_font(FAMILY, "", 6.5)
        value = low
        while value <= high + 1e-9:
            y = box.bottom - (value - low) / ((high - low) or 1) * box.h
            doc.text(box.right + 1, y + 0.9, f"{value:g}".replace(".", self.decimal))
            value += dtick
        title = figure_text(trace.colorbar.title.text) if trace.colorbar and trace.colorbar.title else ""
        if title:
            doc.set_xy(box.x - 1, box.bottom + 1)
            doc.multi_cell(16, 2.8, title, align="L")

    # -- polar -------------------------------------------------------------------------------------

    def _polar(self, area: Box) -> None:
        doc = self.doc
        traces = [t for t in self.fig.data if isinstance(t, go.Scatterpolar)]
        radial = self.layout.polar.radialaxis
        low, high = (float(radial.range[0]), float(radial.range[1])) if radial.range else (0.0, 5.0)
        labels = list(dict.fromkeys(figure_text(t) for t in traces[0].theta or ()))
        count = max(len(labels), 3)
        doc.set_font(FAMILY, "", TICK_PT)
        label_w = min(max((doc.get_string_width(label) for label in labels), default=10), area.w * 0.24)
        radius = max(min((area.w - 2 * label_w - 8) / 2, (area.h - 12) / 2), 10)
        cx, cy = area.x + area.w / 2, area.y + area.h / 2

        def point(value: float, index: int) -> tuple[float, float]:
            angle = 2 * math.pi * index / count  # plotly: the first category east, then counter-clockwise
            share = (min(max(value, low), high) - low) / ((high - low) or 1)
            return cx + radius * share * math.cos(angle), cy - radius * share * math.sin(angle)

        self._stroke(GRID, 0.25)
        step = float(radial.dtick) if radial.dtick else 1.0
        level = low
        doc.set_font(FAMILY, "", 6.5)
        while level <= high + 1e-9:
            if level > low:
                doc.polygon([point(level, i) for i in range(count)])
            doc.set_text_color(*MUTED)
            x, y = point(level, 0)
            doc.text(x + 0.6, y - 0.6, f"{level:g}".replace(".", self.decimal))
            level += step
        for index in range(count):
            doc.line(cx, cy, *point(high, index))
        doc.set_font(FAMILY, "", TICK_PT)
        doc.set_text_color(*INK)
        for index, label in enumerate(labels):
            angle = 2 * math.pi * index / count
            x, y = cx + (radius + 2.5) * math.cos(angle), cy - (radius + 2.5) * math.sin(angle)
            text = _shorten(doc, label, label_w)
            width = doc.get_string_width(text)
            cos = math.cos(angle)
            left = x - width / 2 if abs(cos) < 0.2 else (x if cos > 0 else x - width)
            doc.text(left, y + TICK_PT * 0.15 + (-1 if math.sin(angle) > 0.9 else 1.5 if math.sin(angle) < -0.9
                                                  else 0), text)
        for trace in traces:
            positions = {label: i for i, label in enumerate(labels)}
            points = [point(float(r), positions[figure_text(t)]) for r, t in zip(trace.r, trace.theta, strict=False)
                      if _number(r) and figure_text(t) in positions]
            line = trace.line
            mode = trace.mode or "lines+markers"
            if "lines" in mode and len(points) > 1:
                self._stroke(color(line.color), (line.width or 2) * PX, line.dash)
                doc.polyline(points)
                doc.set_dash_pattern()
            if "markers" in mode:
                for x, y in points:
                    self._marker(x, y, trace.marker.symbol, (trace.marker.size or 6) * PX, color(line.color), None)

    # -- drawing primitives --------------------------------------------------------------------------

    def _stroke(self, rgb: tuple[int, int, int], width: float, dash: str | None = None) -> None:
        self.doc.set_draw_color(*rgb)
        self.doc.set_line_width(max(width, 0.1))
        if dash in ("dash", "longdash"):
            self.doc.set_dash_pattern(dash=1.6, gap=1.0)
        elif dash == "dot":
            self.doc.set_dash_pattern(dash=0.4, gap=0.8)
        else:
            self.doc.set_dash_pattern()

    def _marker(self, x: float, y: float, symbol: object, size: float, fill: tuple[int, int, int], line) -> None:
        doc = self.doc
        symbol = str(symbol or "circle")
        open_ = symbol.endswith("-open")
        shape = symbol.removesuffix("-open")
        r = size / 2
        edge = color(line.color, fill) if line is not None and line.color else fill
        edge_width = (line.width if line is not None and line.width else 0.5) * PX * 0.6
        doc.set_fill_color(*fill)
        self._stroke(fill if open_ else edge, max(edge_width, 0.25 if open_ else 0.1))
        style = "D" if open_ else ("DF" if line is not None and line.color else "F")
        if shape == "line-ns":
            self._stroke(fill, max(edge_width * 1.5, 0.45))
            doc.line(x, y - r, x, y + r)
        elif shape == "square":
            doc.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, style=style)
        elif shape == "diamond":
            doc.polygon([(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)], style=style)
        elif shape == "triangle-up":
            doc.polygon([(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)], style=style)
        elif shape == "x":
            self._stroke(fill, max(r * 0.5, 0.3))
            doc.line(x - r, y - r, x + r, y + r)
            doc.line(x - r, y + r, x + r, y - r)
        elif shape == "star":
            doc.polygon([(x + (r * 1.2 if i % 2 == 0 else r * 0.5) * math.sin(math.pi * i / 5),
                          y - (r * 1.2 if i % 2 == 0 else r * 0.5) * math.cos(math.pi * i / 5)) for i in range(10)],
                        style=style)
        else:
            doc.circle(x, y, r, style=style)


def _scale(span: tuple[float, float], start: float, end: float):
    low, high = span
    ratio = (end - start) / ((high - low) or 1.0)
    return lambda value: start + (float(value) - low) * ratio


def _number(value: object) -> bool:
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _nice_step(extent: float) -> float:
    raw = (extent or 1.0) / 6
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _colorscale(scale: Sequence, share: float) -> tuple[int, int, int]:
    stops = [(float(at), color(value)) for at, value in scale] if scale else [(0.0, (255, 255, 255)), (1.0, INK)]
    share = min(max(share, 0.0), 1.0)
    for (a, ca), (b, cb) in zip(stops, stops[1:], strict=False):
        if share <= b:
            t = 0.0 if b == a else (share - a) / (b - a)
            return tuple(round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))
    return stops[-1][1]


def _shorten(doc: Document, text: str, width: float) -> str:
    if doc.get_string_width(text) <= width:
        return text
    while text and doc.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


__all__ = ["Box", "color", "draw_figure", "figure_text"]
