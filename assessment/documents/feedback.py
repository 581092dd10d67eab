"""The candidate's own feedback report: their self-assessment per area against the role profile, their
strengths and what to develop, in plain words and in their language.

Only the candidate's own answers go into it: no interviewer's rating, note or recommendation, and no other
candidate. A round gives it to its candidates only when it is set so (`RoundInfo.candidate_feedback`).

    >>> pdf = feedback_report(load_round(store, 1), candidate_id=7)  # in the candidate's language
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from assessment.catalog import Competency
from assessment.charts.style import COLORS, height_for, plain, rows_axis
from assessment.charts.style import new_figure as chart_frame
from assessment.errors import UserError
from assessment.i18n import language
from assessment.results import RoundResults

from .common import candidate_name
from .figures import draw_figure
from .pdf import MUTED, Document
from .words import day, number, tx

STRENGTHS = DEVELOPMENT = 3  # how many of each the report names
SUGGESTIONS = 3  # indicators offered per development area


def feedback_report(results: RoundResults, candidate_id: int, lang: str | None = None, paper: str = "a4",
                    when: date | None = None) -> bytes:
    """The report as PDF bytes, in `lang` or else the candidate's own language. Refused (UserError) when the
    round does not give feedback to its candidates, or when the candidate has answered nothing."""
    cid = int(candidate_id)
    name = candidate_name(results, cid)
    if not results.round.candidate_feedback:
        raise UserError("this round gives no feedback report to its candidates", code="feedback_not_allowed")
    own = results.self_scores.reindex(index=[cid]).iloc[0] if cid in results.self_scores.index else pd.Series()
    if own.dropna().empty:
        raise UserError(f"candidate {cid} has not answered the self-assessment", code="feedback_no_answers")
    lang = language(lang or results.candidates.at[cid, "language"])
    role = results.catalog.name.get(lang)
    doc = Document(lang, paper, title=tx("feedback.title", lang), page_label=tx("page", lang),
                   footer_text=tx("feedback.footer", lang, candidate=name, role=role))
    doc.add_page()
    doc.title_block(tx("feedback.title", lang), name)
    doc.label_value(tx("role", lang), role)
    doc.label_value(tx("date_label", lang), day(when, lang))
    doc.ln(2)
    doc.para(tx("feedback.intro", lang, role=role))
    doc.para(tx("feedback.how_to_read", lang), size=9, color=MUTED)
    _areas(doc, results, own, lang)
    _strengths(doc, results, own, lang)
    _development(doc, results, own, lang)
    doc.heading(tx("feedback.next_heading", lang), 1, keep=15)
    doc.para(tx("feedback.next", lang))
    return bytes(doc.output())


def area_scores(results: RoundResults, own: pd.Series) -> pd.DataFrame:
    """Per area (in catalog order): ``self``, the mean of the candidate's competency scores that have one, and
    ``target``, the mean role target of the same competencies (of all, where none has a score)."""
    rows = []
    for area in results.catalog.areas:
        scored = [c for c in area.competencies if pd.notna(own.get(c.id))]
        basis = scored or area.competencies
        rows.append({"area": area.id, "self": own[[c.id for c in scored]].mean() if scored else float("nan"),
                     "target": sum(c.target for c in basis) / len(basis)})
    return pd.DataFrame(rows).set_index("area")


def _areas(doc: Document, results: RoundResults, own: pd.Series, lang: str) -> None:
    doc.heading(tx("feedback.areas", lang), 1, keep=80)
    table = area_scores(results, own)
    names = [area.name.get(lang) for area in results.catalog.areas]
    draw_figure(doc, _area_figure(table, names, results.catalog.bounds(), lang), min(45 + 9 * len(names), 130))
    doc.grid([tx("feedback.area", lang), tx("feedback.your_view", lang), tx("feedback.role_profile", lang)],
             [[name, number(row["self"], lang), number(row["target"], lang)]
              for name, row in zip(names, table.to_dict("records"), strict=True)],
             widths=(0.6, 0.2, 0.2), size=9, align=("LEFT", "CENTER", "CENTER"))


def _area_figure(table: pd.DataFrame, names: list[str], bounds: tuple[int, int], lang: str) -> go.Figure:
    """The candidate's view of each area (dot) against the level the role calls for (grey tick)."""
    fig = chart_frame(tx("feedback.chart_title", lang), lang, height=height_for(len(names)))
    rows = list(range(len(names)))
    fig.add_trace(go.Scatter(x=table["target"], y=rows, mode="markers", name=tx("feedback.role_profile", lang),
                             marker={"symbol": "line-ns-open", "size": 18, "color": COLORS["target"],
                                     "line": {"width": 2}}))
    fig.add_trace(go.Scatter(x=table["self"], y=rows, mode="markers", name=tx("feedback.your_view", lang),
                             marker={"color": COLORS["self"], "size": 12}))
    rows_axis(fig, [plain(name) for name in names], None)
    fig.update_xaxes(range=[bounds[0] - 0.3, bounds[1] + 0.3], dtick=1)
    return fig


def _gaps(results: RoundResults, own: pd.Series) -> pd.DataFrame:
    rows = [{"competency": c, "self": own.get(c.id), "gap": own.get(c.id) - c.target}
            for c in results.catalog.competencies if pd.notna(own.get(c.id))]
    return pd.DataFrame(rows, columns=["competency", "self", "gap"])


def _strengths(doc: Document, results: RoundResults, own: pd.Series, lang: str) -> None:
    doc.heading(tx("feedback.strengths", lang), 1, keep=45)
    gaps = _gaps(results, own)
    best = gaps[gaps["gap"] >= 0].sort_values(["gap", "self"], ascending=False).head(STRENGTHS)
    if best.empty:
        doc.para(tx("feedback.no_strengths", lang))
        return
    doc.para(tx("feedback.strengths_intro", lang), size=9.5)
    for row in best.itertuples():
        _competency(doc, row.competency, row.self, lang)


def _development(doc: Document, results: RoundResults, own: pd.Series, lang: str) -> None:
    doc.heading(tx("feedback.development", lang), 1, keep=45)
    gaps = _gaps(results, own)
    short = gaps[gaps["gap"] < 0].sort_values("gap").head(DEVELOPMENT)
    if short.empty:
        doc.para(tx("feedback.no_development", lang))
        return
    doc.para(tx("feedback.development_intro", lang), size=9.5)
    for row in short.itertuples():
        _competency(doc, row.competency, row.self, lang)
        doc.para(tx("feedback.try", lang), size=9, style="B", after=0.5)
        doc.bullets([text.get(lang) for text in row.competency.indicators[:SUGGESTIONS]], size=9, indent=4)


def _competency(doc: Document, competency: Competency, score: float, lang: str) -> None:
    doc.need(25)
    doc.para(competency.name.get(lang), size=10.5, style="B", after=0.5)
    doc.para(competency.definition.get(lang), size=9, after=0.5)
    doc.para(tx("feedback.compared", lang, score=number(score, lang), target=competency.target), size=8.5,
             color=MUTED, after=2)


__all__ = ["area_scores", "feedback_report"]
