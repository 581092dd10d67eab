"""A round's plan applied to its catalog: the chosen competencies with the round's own weights and targets,
the default choice, and how long an interview on a set of competencies takes.

The plan is plain data (ids, weights, targets); the store keeps it, and everything that scores, shows or
exports a round reads the *planned* catalog this module makes, so a competency outside the plan is simply
not part of the round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .models import Catalog

#: Above this many competencies an interview gets long and ratings blur (OPM recommends 5 to 8).
MAX_PER_INTERVIEW = 8
#: How many competencies the default plan of a large catalog holds.
DEFAULT_SIZE = 7
#: Minutes of the length estimate (see `interview_minutes`).
OPENING_MINUTES = 5.0
CLOSING_MINUTES = 5.0
QUESTION_MINUTES = 4.0
PROBE_MINUTES = 1.0


def default_competencies(catalog: Catalog) -> list[str]:
    """The plan offered for a new round: every competency when the catalog has at most `MAX_PER_INTERVIEW`;
    else the `DEFAULT_SIZE` with the highest weight (ties: the higher target, then catalog order). In catalog
    order."""
    competencies = catalog.competencies
    if len(competencies) <= MAX_PER_INTERVIEW:
        return [c.id for c in competencies]
    order = sorted(range(len(competencies)), key=lambda i: (-competencies[i].weight, -competencies[i].target, i))
    chosen = set(order[:DEFAULT_SIZE])
    return [c.id for i, c in enumerate(competencies) if i in chosen]


def interview_minutes(catalog: Catalog, competency_ids: Iterable[str]) -> float:
    """The estimated length of one interview on these competencies, in minutes:

        minutes = OPENING + CLOSING + Σ_c (QUESTION · questions_c + PROBE · probes_c)

    with OPENING = CLOSING = 5 (introductions; the candidate's questions), QUESTION = 4 (a behavioural answer
    told with situation, action and result) and PROBE = 1 (a follow-up) for every question and probe the
    catalog writes for each chosen competency.
    """
    chosen = set(competency_ids)
    total = OPENING_MINUTES + CLOSING_MINUTES
    for competency in catalog.competencies:
        if competency.id in chosen:
            total += QUESTION_MINUTES * len(competency.questions)
            total += PROBE_MINUTES * sum(len(q.probes) for q in competency.questions)
    return total


def planned(catalog: Catalog, competency_ids: Iterable[str] | None, weights: Mapping[str, float] | None = None,
            targets: Mapping[str, int] | None = None) -> Catalog:
    """The catalog as the round uses it: only the chosen competencies (catalog order; areas left empty are
    dropped), with the round's weights and targets where it sets them. `None` chooses every competency."""
    chosen = None if competency_ids is None else set(competency_ids)
    weights, targets = dict(weights or {}), dict(targets or {})
    if chosen is None and not weights and not targets:
        return catalog
    areas = []
    for area in catalog.areas:
        kept = []
        for competency in area.competencies:
            if chosen is not None and competency.id not in chosen:
                continue
            update = {}
            if competency.id in weights:
                update["weight"] = float(weights[competency.id])
            if competency.id in targets:
                update["target"] = int(targets[competency.id])
            kept.append(competency.model_copy(update=update) if update else competency)
        if kept:
            areas.append(area.model_copy(update={"competencies": kept}))
    return catalog.model_copy(update={"areas": areas})


__all__ = ["DEFAULT_SIZE", "MAX_PER_INTERVIEW", "default_competencies", "interview_minutes", "planned"]
