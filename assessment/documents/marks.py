"""What the figure renderer draws with: texts made plain, colours, boxes, scales, markers and strokes.

Shared by the cartesian and polar parts of `figures`; plotly sizes (pixels) become millimetres by `PX`.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf import INK, Document, clean

PX = 0.2  # mm per plotly pixel for marker sizes and line widths: an 11 px marker is 2.2 mm across
GRID = (226, 230, 235)
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



class Marks:
    """Strokes and markers on `self.doc` (a mix-in of the renderer)."""

    doc: Document

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



def scale(span: tuple[float, float], start: float, end: float):
    low, high = span
    ratio = (end - start) / ((high - low) or 1.0)
    return lambda value: start + (float(value) - low) * ratio


def is_number(value: object) -> bool:
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def nice_step(extent: float) -> float:
    raw = (extent or 1.0) / 6
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def colorscale(scale: Sequence, share: float) -> tuple[int, int, int]:
    stops = [(float(at), color(value)) for at, value in scale] if scale else [(0.0, (255, 255, 255)), (1.0, INK)]
    share = min(max(share, 0.0), 1.0)
    for (a, ca), (b, cb) in zip(stops, stops[1:], strict=False):
        if share <= b:
            t = 0.0 if b == a else (share - a) / (b - a)
            return tuple(round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))
    return stops[-1][1]


def shorten(doc: Document, text: str, width: float) -> str:
    if doc.get_string_width(text) <= width:
        return text
    while text and doc.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


__all__ = ["GRID", "LEGEND_PT", "NOTE_PT", "PX", "TICK_PT", "TITLE_PT", "Box", "Marks", "color", "colorscale",
           "figure_text", "is_number", "nice_step", "scale", "shorten"]
