"""The page every document is printed on: fonts, margins, headings, paragraphs, lists, tables and boxes.

Built on fpdf2 (pure Python) with DejaVu Sans embedded as a subset, so German and Russian print without
tofu on any machine. Text is always placed as text: nothing here interprets Markdown or HTML, so a name such
as ``<b>Ann</b>`` or ``**Ann**`` prints exactly as typed. Lines break between words; only a single word
longer than the whole line is split.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.enums import TableBordersLayout

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 18.0  # mm on every side
NB = "\ue000nb\ue000"  # page-count alias: private-use characters never survive `clean`, so user text cannot fake it
INK = (33, 37, 41)
MUTED = (90, 90, 90)
RULE = (190, 196, 204)
ACCENT = (0, 114, 178)  # the charts' interview blue
SHADE = (240, 244, 248)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """`text` ready to print: NFC, no control or private-use characters, tabs as spaces, "" for None/NaN."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Co")


def paper_size(paper: str) -> str:
    key = str(paper or "a4").strip().lower()
    if key not in PAPERS:
        raise ValueError(f"paper is one of {', '.join(PAPERS)}, not {paper!r}")
    return PAPERS[key]


class Document(FPDF):
    """An A4 or Letter page with the house style; `footer_text` is printed on every page beside the page number."""

    def __init__(self, lang: str, paper: str = "a4", title: str = "", footer_text: str = "",
                 page_label: str = "{page} / {pages}", created: datetime | None = None) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper_size(paper))
        self.lang_code = lang
        self.footer_text = clean(footer_text)
        self.page_label = page_label
        self.alias_nb_pages(NB)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 6)
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font(FAMILY, style, str(FONTS / name))
        self.set_font(FAMILY, size=10)
        self.set_text_color(*INK)
        self.set_lang(lang)
        self.set_title(clean(title))
        self.set_creator("Manager assessment")
        self.set_producer("Manager assessment (fpdf2)")
        if created is not None:
            self.set_creation_date(created)

    # -- page furniture ---------------------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        label = self.page_label.format(page=self.page_no(), pages=NB)
        width = self.get_string_width(label.replace(NB, "999")) + 2
        if self.footer_text:
            self.set_x(self.l_margin)
            self.cell(self.epw - width - 4, 5, self._fit(self.footer_text, self.epw - width - 4))
        self.set_x(self.w - self.r_margin - width)
        self.cell(width, 5, label, align="R")
        self.set_text_color(*INK)

    def _fit(self, text: str, width: float) -> str:
        """`text` on one line within `width`, cut at a word with an ellipsis when too long."""
        if self.get_string_width(text) <= width:
            return text
        words = text.split(" ")
        while len(words) > 1 and self.get_string_width(" ".join(words) + " …") > width:
            words.pop()
        shown = " ".join(words)
        while shown and self.get_string_width(shown + " …") > width:  # a single word wider than the line
            shown = shown[:-1]
        return shown + " …"

    @property
    def width(self) -> float:
        """The width between the margins."""
        return self.epw

    def space_left(self) -> float:
        return self.h - self.b_margin - self.get_y()

    def need(self, height: float) -> None:
        """A new page unless `height` mm still fit on this one."""
        if self.space_left() < height:
            self.add_page()

    # -- text -------------------------------------------------------------------------------------

    def title_block(self, title: str, subtitle: str = "") -> None:
        self.set_font(FAMILY, "B", 18)
        self.set_text_color(*INK)
        self.multi_cell(self.width, 8.5, clean(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.ln(1)
            self.set_font(FAMILY, "", 11)
            self.set_text_color(*MUTED)
            self.multi_cell(self.width, 5.5, clean(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
        self.ln(2)
        self.rule(ACCENT, 0.6)
        self.ln(4)

    def heading(self, text: str, level: int = 1, keep: float = 25.0) -> None:
        """A heading kept on the page together with at least `keep` mm of what follows it."""
        size = {1: 14, 2: 11.5, 3: 10}[level]
        self.need(size * 0.6 + keep)
        if self.get_y() > self.t_margin + 1:
            self.ln({1: 4, 2: 2.5, 3: 1.5}[level])
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*(ACCENT if level == 1 else INK))
        self.multi_cell(self.width, size * 0.5, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1.5 if level == 1 else 1)

    def para(self, text: str, size: float = 10, style: str = "", color: tuple = INK, indent: float = 0.0,
             after: float = 1.5, align: str = "L") -> None:
        """A paragraph of plain text, wrapped between words."""
        text = clean(text)
        if not text:
            return
        self.set_font(FAMILY, style, size)
        self.set_text_color(*color)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.width - indent, size * 0.48, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(after)

    def label_value(self, label: str, value: str, label_width: float = 42.0, size: float = 10) -> None:
        """``label   value`` on one row; the value wraps in its own column."""
        self.set_font(FAMILY, "B", size)
        lines = max(len(self.multi_cell(label_width - 2, size * 0.5, clean(label), dry_run=True,
                                         output="LINES")), 1)
        self.set_font(FAMILY, "", size)
        value_lines = self.multi_cell(self.width - label_width, size * 0.5, clean(value) or "–", dry_run=True,
                                      output="LINES")
        self.need(max(lines, len(value_lines)) * size * 0.5 + 1)
        top = self.get_y()
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*MUTED)
        self.multi_cell(label_width - 2, size * 0.5, clean(label), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        bottom = self.get_y()
        self.set_text_color(*INK)
        self.set_font(FAMILY, "", size)
        self.set_xy(self.l_margin + label_width, top)
        self.multi_cell(self.width - label_width, size * 0.5, clean(value) or "–", align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(bottom, self.get_y()) + 1)

    def bullets(self, items: Iterable[str], size: float = 10, indent: float = 0.0, mark: str = "•",
                color: tuple = INK) -> None:
        for item in items:
            text = clean(item)
            if not text:
                continue
            self.set_font(FAMILY, "", size)
            self.need(size * 0.5 + 1)
            self.set_text_color(*color)
            self.set_x(self.l_margin + indent)
            self.cell(5, size * 0.48, mark)
            self.multi_cell(self.width - indent - 5, size * 0.48, text, align="L", new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
            self.ln(0.8)
        self.set_text_color(*INK)

    def rule(self, color: tuple = RULE, width: float = 0.2) -> None:
        self.set_draw_color(*color)
        self.set_line_width(width)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())

    def note_box(self, text: str, size: float = 9) -> None:
        """A shaded box for a remark the reader must not miss (hidden ratings, missing data)."""
        text = clean(text)
        self.set_font(FAMILY, "", size)
        lines = self.multi_cell(self.width - 8, size * 0.48, text, dry_run=True, output="LINES")
        height = len(lines) * size * 0.48 + 5
        self.need(height + 2)
        top = self.get_y()
        self.set_fill_color(*SHADE)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        self.rect(self.l_margin, top, self.width, height, style="F")
        self.line(self.l_margin, top, self.l_margin, top + height)
        self.set_xy(self.l_margin + 4, top + 2.5)
        self.multi_cell(self.width - 8, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(top + height + 3)

    def ruled_lines(self, count: int, gap: float = 8.0) -> None:
        """Lines to write on by hand; as many as fit on this page, at least three, the rest on the next."""
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        for _ in range(count):
            if self.space_left() < gap:
                break
            self.set_y(self.get_y() + gap)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def grid(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
             size: float = 8.5, align: Sequence[str] | None = None, bold_first: bool = False) -> None:
        """A table whose header repeats on every page; cells wrap between words."""
        if not rows:
            return
        self.set_font(FAMILY, "", size)
        self.set_draw_color(*RULE)
        self.set_fill_color(255, 255, 255)
        self.set_text_color(*INK)
        self.set_line_width(0.2)
        heading_style = FontFace(family=FAMILY, emphasis="BOLD", size_pt=size, color=INK, fill_color=SHADE)
        align = list(align or ["LEFT"] * len(header))
        self.need(size * 1.6)
        with self.table(col_widths=tuple(widths), width=self.width, text_align=tuple(align), line_height=size * 0.48,
                        padding=(1.2, 1.5, 1.2, 1.5), headings_style=heading_style, repeat_headings=1,
                        borders_layout=TableBordersLayout.HORIZONTAL_LINES, v_align="TOP") as table:
            row = table.row()
            for cell in header:
                row.cell(clean(cell))
            for values in rows:
                row = table.row()
                for index, cell in enumerate(values):
                    style = FontFace(emphasis="BOLD") if bold_first and index == 0 else None
                    row.cell(clean(cell), style=style)
        self.ln(3)


__all__ = ["ACCENT", "FAMILY", "INK", "MUTED", "PAPERS", "RULE", "SHADE", "Document", "clean", "paper_size"]
