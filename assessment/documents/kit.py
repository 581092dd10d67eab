"""The interview kit: what an interviewer takes into the room, printed.

A cover with the candidate, role, round, interviewer, date and the rating scale; then one section per
competency with its definition, questions and probes, what a 1, 3 and 5 answer looks like, red flags, a
rating row and ruled space for notes; last, the overall recommendation.

    >>> pdf = interview_kit(load_round(store, 1), candidate_id=7, interviewer="Mark Ellis", lang="de")
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assessment.catalog import Competency
from assessment.i18n import t
from assessment.results import RoundResults

from .common import candidate_name, chosen_competencies
from .pdf import FAMILY, INK, MUTED, RULE, Document
from .words import day, tx

NOTE_LINES = 9
BOX = 7.0  # mm: one box of the rating row
RECOMMENDATIONS = ("strong_no", "no", "yes", "strong_yes")


def interview_kit(results: RoundResults, candidate_id: int, interviewer: str, lang: str = "en", paper: str = "a4",
                  competencies: Sequence[str] | None = None, when: date | None = None) -> bytes:
    """The kit as PDF bytes. `competencies` narrows it to some competency ids (an interview stage's focus);
    by default it holds every competency of the round's catalog."""
    catalog = results.catalog
    name = candidate_name(results, candidate_id)
    chosen = chosen_competencies(catalog, competencies)
    role = catalog.name.get(lang)
    doc = Document(lang, paper, title=tx("kit.title", lang) + f": {name}",
                   footer_text=tx("kit.footer", lang, candidate=name, role=role), page_label=tx("page", lang))
    doc.add_page()
    _cover(doc, results, name, interviewer, role, len(chosen), lang, when)
    for number, (area, competency) in enumerate(chosen, start=1):
        doc.add_page()
        _competency(doc, number, area.name.get(lang), competency, lang)
    doc.add_page()
    _recommendation(doc, lang)
    return bytes(doc.output())


def _cover(doc: Document, results: RoundResults, name: str, interviewer: str, role: str, count: int, lang: str,
           when: date | None) -> None:
    doc.title_block(tx("kit.title", lang), role)
    for label, value in ((tx("candidate", lang), name), (tx("role", lang), role),
                         (tx("round", lang), results.round.name), (tx("kit.interviewer", lang), interviewer),
                         (tx("date_label", lang), day(when, lang)),
                         (tx("kit.competencies", lang), str(count))):
        doc.label_value(label, value)
    doc.ln(2)
    doc.heading(tx("kit.how_heading", lang), 2)
    doc.bullets(tx("kit.how", lang).split("\n"), size=9.5)
    doc.heading(tx("kit.scale_heading", lang), 2)
    rows = [[str(level), text.get(lang)] for level, text in sorted(results.catalog.scale.items())]
    rows.append([t("common.not_observed_short", lang), tx("kit.not_observed", lang)])
    doc.grid([tx("kit.level", lang), tx("kit.meaning", lang)], rows, widths=(0.12, 0.88), size=8.5)


def _competency(doc: Document, number: int, area: str, competency: Competency, lang: str) -> None:
    doc.para(area, size=8.5, color=MUTED, after=0.5)
    doc.heading(f"{number}. {competency.name.get(lang)}", 1)
    doc.para(competency.definition.get(lang), size=9.5, style="I", after=1)
    doc.para(tx("kit.target", lang, target=competency.target), size=8.5, color=MUTED, after=2)
    doc.heading(tx("kit.questions", lang), 2, keep=18)
    for index, question in enumerate(competency.questions, start=1):
        doc.need(12)
        kind = tx(f"kit.kind.{question.kind}", lang)
        doc.para(f"{index}. {question.text.get(lang)}", size=9.5, style="B", after=0.6)
        doc.para(kind, size=7.5, color=MUTED, indent=4.5, after=0.8)
        doc.bullets([probe.get(lang) for probe in question.probes], size=9, indent=4.5, mark="→", color=INK)
        doc.ln(0.8)
    doc.heading(tx("kit.anchors", lang), 2, keep=18)
    rows = [[str(level), text.get(lang)] for level, text in sorted(competency.anchors.items())]
    doc.grid([tx("kit.level", lang), tx("kit.looks_like", lang)], rows, widths=(0.12, 0.88), size=8.5)
    if competency.red_flags:
        doc.heading(tx("kit.red_flags", lang), 2, keep=12)
        doc.bullets([flag.get(lang) for flag in competency.red_flags], size=9, mark="⚑")
    _rating_row(doc, competency.target, lang)
    if doc.space_left() < 4 * 8 + 8:  # room for a few lines at least: else the notes go on together overleaf
        doc.add_page()
        doc.para(f"{number}. {competency.name.get(lang)}", size=8.5, color=MUTED, after=1)
    doc.para(tx("kit.notes", lang), size=9, style="B", after=0)
    doc.ruled_lines(NOTE_LINES)


def _rating_row(doc: Document, target: int, lang: str) -> None:
    """``Rating:  [1] [2] [3] [4] [5] [n/o]``, the target level's box marked by a heavier frame."""
    doc.need(BOX + 10)
    doc.ln(2)
    top = doc.get_y()
    doc.set_font(FAMILY, "B", 9.5)
    label = tx("kit.rating", lang)
    doc.text(doc.l_margin, top + BOX * 0.65, label)
    x = doc.l_margin + max(doc.get_string_width(label) + 4, 28)
    options = [str(level) for level in range(1, 6)] + [t("common.not_observed_short", lang)]
    doc.set_font(FAMILY, "", 9)
    for option in options:
        width = max(BOX, doc.get_string_width(option) + 4)
        doc.set_draw_color(*(INK if option == str(target) else RULE))
        doc.set_line_width(0.6 if option == str(target) else 0.3)
        doc.rect(x, top, width, BOX)
        doc.text(x + width / 2 - doc.get_string_width(option) / 2, top + BOX * 0.65, option)
        x += width + 2.5
    doc.set_font(FAMILY, "", 7.5)
    doc.set_text_color(*MUTED)
    doc.text(x + 1, top + BOX * 0.65, tx("kit.target_box", lang, target=target))
    doc.set_text_color(*INK)
    doc.set_y(top + BOX + 4)


def _recommendation(doc: Document, lang: str) -> None:
    doc.heading(tx("kit.recommendation", lang), 1)
    doc.para(tx("kit.recommendation_help", lang), size=9.5)
    doc.set_font(FAMILY, "", 10)
    for key in RECOMMENDATIONS:
        top = doc.get_y() + 1
        doc.set_draw_color(*INK)
        doc.set_line_width(0.3)
        doc.rect(doc.l_margin, top, 4.5, 4.5)
        doc.text(doc.l_margin + 7, top + 3.6, t(f"recommendation.{key}", lang))
        doc.set_y(top + 7)
    doc.ln(3)
    doc.para(tx("kit.notes", lang), size=9, style="B", after=0)
    doc.ruled_lines(12)
    doc.ln(4)
    doc.para(tx("kit.signature", lang), size=9, color=MUTED)


__all__ = ["interview_kit"]
