"""The pre-interview brief: where a candidate's self-assessment tells the interviewer what to probe.

Given one candidate's answers and the focus competencies of an interview, the brief names each competency
where

- the answers contradict each other: a plain and a reverse-keyed statement of the competency were both
  agreed (or both rejected) strongly — the check of `psychometrics.responses` (``|x_p - x'_r| >= 3`` on a
  1-5 scale), so the self-view there is not to be taken at its word; or
- the self-view lies far from the role's target level: the competency's self score (`scoring.self_scores`)
  is at least `FAR` points above the target (claims to check against concrete examples) or below it (a
  weakness the candidate names, or modesty: ask for the best example).

Each entry carries its reasons and the catalog's follow-up probes for that competency: the interviewer asks
the competency's questions as usual and uses these probes where the self-view is in doubt.

    >>> interview_brief(catalog, {"listening.s1": 5, "listening.s2": 5}, focus=["listening"])
    [BriefEntry(competency='listening', reasons=('contradiction',), ...)]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assessment import i18n, scoring
from assessment.catalog import Catalog, Text
from assessment.psychometrics import contradicting_pairs

from .reliability import questionnaire

FAR = 1.5  # self score this many points above or below the target is "far" on a 1-5 scale
CONTRADICTION_GAP = 3  # as in `psychometrics.response_quality`
MAX_PROBES = 4


@dataclass(frozen=True)
class Contradiction:
    """Two statements of one competency answered as if they did not oppose each other."""

    statement: Text
    answer: int
    reverse_statement: Text
    reverse_answer: int  # as given, before reflection


@dataclass(frozen=True)
class BriefEntry:
    competency: str
    reasons: tuple[str, ...]  # "contradiction", "above_target", "below_target"
    self_score: float | None
    target: int
    contradictions: tuple[Contradiction, ...]
    probes: tuple[Text, ...]


def interview_brief(catalog: Catalog, answers: dict[str, int], focus: list[str] | None = None,
                    far: float = FAR) -> list[BriefEntry]:
    """The brief for one candidate: entries in catalog order, only for the `focus` competencies (all when None).
    `answers` maps item keys ("<competency>.<item>") to answers; unknown keys are ignored."""
    focus_ids = [c.id for c in catalog.competencies if focus is None or c.id in set(focus)]
    keys = {entry.key: entry for entry in catalog.self_items}
    frame = pd.DataFrame([{"candidate": 0, "item": k, "value": float(v), "answered_at": pd.NaT}
                          for k, v in answers.items() if k in keys and v is not None],
                         columns=["candidate", "item", "value", "answered_at"])
    scores = scoring.self_scores(frame, catalog)
    clashes = _clashes(frame, catalog, keys)
    entries = []
    for competency_id in focus_ids:
        competency = catalog.competency(competency_id)
        score = scores.at[0, competency_id] if 0 in scores.index else float("nan")
        reasons = (("contradiction",) if clashes.get(competency_id) else ()) + _distance(score, competency.target,
                                                                                         far)
        if reasons:
            probes = tuple(probe for question in competency.questions for probe in question.probes)[:MAX_PROBES]
            entries.append(BriefEntry(competency_id, reasons, None if pd.isna(score) else float(score),
                                      competency.target, tuple(clashes.get(competency_id, ())), probes))
    return entries


def _distance(score: float, target: int, far: float) -> tuple[str, ...]:
    if pd.isna(score):
        return ()
    if score - target >= far:
        return ("above_target",)
    if target - score >= far:
        return ("below_target",)
    return ()


def _clashes(frame: pd.DataFrame, catalog: Catalog, keys: dict) -> dict[str, list[Contradiction]]:
    if frame.empty:
        return {}
    items = questionnaire(catalog)  # with the declared opposites: only those pairs contradict
    low, high = catalog.bounds("self_scale")
    pairs = contradicting_pairs(frame, items, low, high, CONTRADICTION_GAP)
    found: dict[str, list[Contradiction]] = {}
    for row in pairs[pairs["clash"]].itertuples():
        found.setdefault(row.competency, []).append(Contradiction(
            keys[row.item].item.text, int(row.value), keys[row.item_rev].item.text, int(low + high - row.value_rev)))
    return found


def brief_text(entries: list[BriefEntry], catalog: Catalog, lang: str) -> str:
    """The brief as plain text in `lang` (statements and probes as the catalog words them): one block per
    competency, or one line saying the self-assessment gives nothing to probe."""
    if not entries:
        return i18n.t("brief.nothing", lang)
    blocks = [i18n.t("brief.intro", lang)]
    for entry in entries:
        competency = catalog.competency(entry.competency)
        lines = [f"■ {competency.name.get(lang)}"]
        for reason in entry.reasons:
            lines.append("  " + i18n.t(f"brief.reason.{reason}", lang, target=entry.target,
                                       score=i18n.number(entry.self_score, lang, 1)))
        for clash in entry.contradictions:
            lines.append("    " + i18n.t("brief.clash", lang, statement=clash.statement.get(lang),
                                         answer=clash.answer, reverse=clash.reverse_statement.get(lang),
                                         reverse_answer=clash.reverse_answer))
        if entry.probes:
            lines.append("  " + i18n.t("brief.probes", lang))
            lines.extend(f"    – {probe.get(lang)}" for probe in entry.probes)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
