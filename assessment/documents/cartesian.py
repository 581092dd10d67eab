"""Cartesian figures on paper: axes, grid, rectangles, scatter traces with error bars and labels, heatmaps."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from .marks import GRID, PX, TICK_PT, Box, Marks, color, colorscale, figure_text, is_number, nice_step, scale, shorten
from .pdf import FAMILY, INK, MUTED


class Cartesian(Marks):
    """Draws a figure's x/y plot (a mix-in of the renderer: `self.fig`, `self.layout`, `self.decimal`)."""

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
        sx = scale(x_range, plot.x, plot.right)
        sy = scale(y_range, plot.bottom, plot.y)
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
        for trace in (trace for trace in heatmaps if trace.showscale is not False):  # as plotly: no scale
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
                doc.text(area.x + 2.5 - width / 2, plot.y + plot.h / 2, shorten(doc, y_title, plot.h))
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
                values += [float(v) for v in (() if data is None else data) if is_number(v)]
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
        step = float(axis.dtick) if axis.dtick else nice_step(high - low)
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
                text = shorten(doc, label, label_w)
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
                if is_number(x) and is_number(y):
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
                if is_number(x) and is_number(y):
                    fill = color(colors[index]) if colors else color(marker.color)
                    self._marker(sx(x), sy(y), marker.symbol, (marker.size or 6) * PX, fill, marker.line)
        if "text" in mode and trace.text is not None:
            self._point_labels(trace, xs, ys, sx, sy)

    def _error_bars(self, xs, ys, plus, minus, error, sx, sy) -> None:
        self._stroke(color(error.color), (error.thickness or 2) * PX * 0.8)
        cap = (error.width or 4) * PX * 0.5
        for x, y, up, down in zip(xs, ys, plus, minus, strict=False):
            if not (is_number(x) and is_number(y) and is_number(up) and is_number(down)):
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
            if not (is_number(x) and is_number(y)) or not text:
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
                fill = colorscale(trace.colorscale, share)
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
            doc.set_fill_color(*colorscale(trace.colorscale, 1 - step / (steps - 1)))
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



__all__ = ["Cartesian"]
