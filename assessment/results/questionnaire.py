"""The candidate's questionnaire: the catalog's self-assessment items in short steps."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.catalog import Catalog, SelfItem, Text

MAX_STEP = 12  # items per screen: short enough for a phone


@dataclass(frozen=True)
class Step:
    title: Text
    items: list[tuple[str, SelfItem]]  # (stored item id, item)


def steps(catalog: Catalog) -> list[Step]:
    """One step per competency area, split where an area has more than MAX_STEP items."""
    result = []
    for area in catalog.areas:
        items = [(entry.key, entry.item) for entry in area.self_items]
        for start in range(0, len(items), MAX_STEP):
            result.append(Step(area.name, items[start:start + MAX_STEP]))
    return result


def resume_at(all_steps: list[Step], answers: dict[str, int]) -> int:
    """The first step with an unanswered item; the review step (len) when all are answered."""
    for index, step in enumerate(all_steps):
        if any(key not in answers for key, _ in step.items):
            return index
    return len(all_steps)


def unanswered(all_steps: list[Step], answers: dict[str, int]) -> list[tuple[int, str]]:
    """(step index, item id) of every item still open."""
    return [(index, key) for index, step in enumerate(all_steps) for key, _ in step.items if key not in answers]
