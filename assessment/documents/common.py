"""What several documents share: the candidate looked up in a round, the competencies chosen, the cover facts."""

from __future__ import annotations

from collections.abc import Sequence

from assessment.catalog import Area, Catalog, Competency
from assessment.errors import NotFound
from assessment.results import RoundResults


def candidate_name(results: RoundResults, candidate_id: int) -> str:
    """The candidate's name, NotFound when the round has no such candidate."""
    if int(candidate_id) not in results.candidates.index:
        raise NotFound(f"no candidate {candidate_id} in this round", code="candidate_not_in_round",
                       ids=str(candidate_id))
    return str(results.candidates.at[int(candidate_id), "name"])


def chosen_competencies(catalog: Catalog, ids: Sequence[str] | None = None) -> list[tuple[Area, Competency]]:
    """(area, competency) in catalog order: every competency, or those in `ids` (a stage's focus). An id the
    catalog does not have is NotFound."""
    pairs = [(area, competency) for area in catalog.areas for competency in area.competencies]
    if ids is None:
        return pairs
    wanted = list(dict.fromkeys(ids))
    unknown = [i for i in wanted if i not in {c.id for _, c in pairs}]
    if unknown:
        raise NotFound(f"the catalog has no competency {', '.join(unknown)}", code="competency_not_in_catalog",
                       ids=", ".join(unknown))
    return [(area, competency) for area, competency in pairs if competency.id in wanted]


__all__ = ["candidate_name", "chosen_competencies"]
