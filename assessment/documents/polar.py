"""Polar figures on paper: the radar grid, its category labels and `Scatterpolar` outlines."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from .marks import GRID, PX, TICK_PT, Box, Marks, color, figure_text, is_number, shorten
from .pdf import FAMILY, INK, MUTED


class Polar(Marks):
    """Draws a radar figure (a mix-in of the renderer: `self.fig`, `self.layout`, `self.decimal`)."""

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
            text = shorten(doc, label, label_w)
            width = doc.get_string_width(text)
            cos = math.cos(angle)
            left = x - width / 2 if abs(cos) < 0.2 else (x if cos > 0 else x - width)
            doc.text(left, y + TICK_PT * 0.15 + (-1 if math.sin(angle) > 0.9 else 1.5 if math.sin(angle) < -0.9
                                                  else 0), text)
        for trace in traces:
            positions = {label: i for i, label in enumerate(labels)}
            points = [point(float(r), positions[figure_text(t)]) for r, t in zip(trace.r, trace.theta, strict=False)
                      if is_number(r) and figure_text(t) in positions]
            line = trace.line
            mode = trace.mode or "lines+markers"
            if "lines" in mode and len(points) > 1:
                self._stroke(color(line.color), (line.width or 2) * PX, line.dash)
                doc.polyline(points)
                doc.set_dash_pattern()
            if "markers" in mode:
                for x, y in points:
                    self._marker(x, y, trace.marker.symbol, (trace.marker.size or 6) * PX, color(line.color), None)



__all__ = ["Polar"]
