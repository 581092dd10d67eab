"""Checks that span several fields, each reported at the place it concerns.

Every check yields `(path, message)`, where `path` is the key path into the YAML
document, so the caller can turn it into `file:line:column`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from assessment.i18n import LANGUAGES

from .models import Catalog, ManagerTypesFile, Text

Finding = tuple[tuple, str]


def catalog_problems(catalog: Catalog, stem: str, dimension_ids: Iterable[str]) -> Iterator[Finding]:
    """Errors in a catalog that its schema alone cannot see."""
    if catalog.id != stem:
        yield ("id",), f"the id '{catalog.id}' differs from the file name '{stem}.yaml'"
    if set(catalog.scale) != {1, 2, 3, 4, 5}:
        yield ("scale",), "the rating scale must describe every level from 1 to 5"
    if set(catalog.self_scale) != {1, 2, 3, 4, 5}:
        yield ("self_scale",), "the self-assessment scale must label every level from 1 to 5"
    yield from _duplicates([("areas", i, "id") for i in range(len(catalog.areas))],
                           [a.id for a in catalog.areas], "area")
    places, ids = [], []
    for i, area in enumerate(catalog.areas):
        for j, competency in enumerate(area.competencies):
            path = ("areas", i, "competencies", j)
            places.append(path + ("id",))
            ids.append(competency.id)
            yield from _competency_problems(competency, path, set(dimension_ids), set(catalog.scale))
    yield from _duplicates(places, ids, "competency")


def _competency_problems(competency, path: tuple, dimension_ids: set, levels: set) -> Iterator[Finding]:
    if competency.dimension not in dimension_ids:
        yield path + ("dimension",), (f"unknown dimension '{competency.dimension}'; "
                                      f"use one of: {', '.join(sorted(dimension_ids))}")
    if competency.weight != 1.0 and competency.weight_rationale is None:
        yield path + ("weight",), "a weight other than 1.0 needs a 'weight_rationale' that says why"
    for level in competency.anchors:
        if level not in levels:
            yield path + ("anchors", level), f"anchor level {level} is not on the rating scale"
    yield from _duplicates([path + ("questions", k, "id") for k in range(len(competency.questions))],
                           [q.id for q in competency.questions], "question")
    yield from _duplicates([path + ("self_items", k, "id") for k in range(len(competency.self_items))],
                           [s.id for s in competency.self_items], "self-assessment item")
    plain = {s.id for s in competency.self_items if not s.reverse}
    for k, item in enumerate(competency.self_items):
        if item.opposite_of is None:
            continue
        where = path + ("self_items", k, "opposite_of")
        if not item.reverse:
            yield where, "only a reverse item ('reverse: true') can be the opposite of another item"
        elif item.opposite_of not in plain:
            yield where, (f"'{item.opposite_of}' is not a plain (not reverse) item of this competency; "
                          f"use one of: {', '.join(sorted(plain)) or 'none'}")


#: Least Euclidean distance between two archetypes' shapes (profiles centred on their own mean): closer
#: shapes could not be told apart in candidates' noisy profiles.
MIN_SHAPE_DISTANCE = 2.5


def manager_types_problems(types: ManagerTypesFile, dimension_ids: list[str],
                           role_ids: Iterable[str] = ()) -> Iterator[Finding]:
    """Every archetype has a level on every dimension and names known roles; ids are unique; shapes differ.
    `role_ids` empty: the roles are not checked (no role catalogs beside the file)."""
    yield from _duplicates([("types", i, "id") for i in range(len(types.types))],
                           [t.id for t in types.types], "manager type")
    roles = set(role_ids)
    for i, manager_type in enumerate(types.types):
        missing = [d for d in dimension_ids if d not in manager_type.profile]
        unknown = [d for d in manager_type.profile if d not in dimension_ids]
        if missing:
            yield ("types", i, "profile"), f"the profile has no level for: {', '.join(missing)}"
        for dimension in unknown:
            yield ("types", i, "profile", dimension), f"unknown dimension '{dimension}'"
        for j, role in enumerate(manager_type.roles):
            if roles and role not in roles:
                yield ("types", i, "roles", j), f"unknown role '{role}'; use one of: {', '.join(sorted(roles))}"
    yield from _close_shapes(types, dimension_ids)


def shape_distances(types: ManagerTypesFile, dimension_ids: list[str]) -> dict[tuple[str, str], float]:
    """(type a, type b) -> Euclidean distance between their profiles after centring each on its own mean."""
    shapes = {}
    for manager_type in types.types:
        levels = [manager_type.profile[d] for d in dimension_ids if d in manager_type.profile]
        mean = sum(levels) / len(levels) if levels else 0.0
        shapes[manager_type.id] = {d: manager_type.profile.get(d, mean) - mean for d in dimension_ids}
    ids = list(shapes)
    return {(a, b): sum((shapes[a][d] - shapes[b][d]) ** 2 for d in dimension_ids) ** 0.5
            for n, a in enumerate(ids) for b in ids[n + 1:]}


def _close_shapes(types: ManagerTypesFile, dimension_ids: list[str]) -> Iterator[Finding]:
    place = {t.id: i for i, t in enumerate(types.types)}
    for (a, b), distance in shape_distances(types, dimension_ids).items():
        if distance < MIN_SHAPE_DISTANCE and a != b:
            yield ("types", place[b], "profile"), (
                f"the shape of '{b}' is only {distance:.2f} from '{a}' after centring each profile on its mean; "
                f"keep archetypes at least {MIN_SHAPE_DISTANCE} apart")


def missing_translations(model: BaseModel, path: tuple = ()) -> Iterator[Finding]:
    """Every text that lacks German or Russian, for `--strict`."""
    if isinstance(model, Text):
        for language in LANGUAGES[1:]:
            if not getattr(model, language):
                yield path, f"the '{language}' text is missing"
        return
    for name in type(model).model_fields:
        yield from _walk(getattr(model, name), path + (name,))


def _walk(value, path: tuple) -> Iterator[Finding]:
    if isinstance(value, BaseModel):
        yield from missing_translations(value, path)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))


def _duplicates(places: list[tuple], ids: list[str], what: str) -> Iterator[Finding]:
    counts = Counter(ids)
    seen: set[str] = set()
    for place, item_id in zip(places, ids, strict=True):
        if counts[item_id] > 1 and item_id in seen:
            yield place, f"duplicate {what} id '{item_id}'"
        seen.add(item_id)
