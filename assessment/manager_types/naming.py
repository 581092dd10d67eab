"""Words for manager types: which archetype names a group, and why a candidate got their type.

Helpers of `manager_types.estimator`, kept apart because they are about language, not statistics:
one-to-one matching of group centres to archetypes, names for groups that match no archetype
("High resilience, low relationships"), and the sentence that explains an assignment
("Much higher than the pool on resilience and assertiveness; lower on relationships.")
in English, German and Russian, built from the dimension names of the catalog and the words in
`assessment/locales/naming.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from assessment.i18n import LANGUAGES, t

#: |z| from which a dimension counts as setting a profile apart from the pool: half a pool
#: standard deviation, a "medium" difference in Cohen's (1988) terms.
NOTABLE_Z = 0.5
#: |z| from which the difference is called "much" higher or lower: one pool standard deviation.
MARKED_Z = 1.0

#: Share of the distance to the nearest other archetype within which a centre takes an archetype's name.
NAMING_SHARE = 0.4

# The words live in assessment/locales/naming.yaml; `_level` picks one of these.
_LEVELS = {2: "much_higher", 1: "higher", -1: "lower", -2: "much_lower"}


@dataclass(frozen=True)
class Deviation:
    """How far one dimension of a profile lies from the pool: `z = (value - pool mean) / pool sd`."""

    dimension: str
    value: float
    z: float


def texts(value: object, fallback: str) -> dict[str, str]:
    """A text in every language from a catalog value: a str, a {lang: text} mapping, or an object
    whose `.get(lang)` returns the text (the catalog's multilingual text); English fills gaps."""
    if isinstance(value, str):
        return dict.fromkeys(LANGUAGES, value)
    get = getattr(value, "get", None)
    found = {lang: get(lang) if get else None for lang in LANGUAGES}
    english = found["en"] or fallback
    return {lang: found[lang] or english for lang in LANGUAGES}


def distinctive(
    values: np.ndarray, z: np.ndarray, dimensions: Sequence[str], n: int = 3
) -> tuple[Deviation, ...]:
    """The (at most) `n` dimensions with the largest |z| of at least NOTABLE_Z, largest first.

    A missing dimension (NaN) never counts: nothing is said about what was not measured.
    """
    strength = np.where(np.isnan(z), -1.0, np.abs(z))
    order = np.argsort(-strength, kind="stable")[:n]
    return tuple(
        Deviation(dimensions[j], float(values[j]), float(z[j])) for j in order if strength[j] >= NOTABLE_Z
    )


def sentence(
    deviations: Sequence[Deviation],
    names: Mapping[str, Mapping[str, str]],
    lang: str,
    *,
    seen: int,
    total: int,
    pool_size: int = 2,
) -> str:
    """One sentence on what sets a profile apart, e.g.
    "Much higher than the pool on resilience and assertiveness; lower on relationships."
    `seen` of `total` dimensions were measured; fewer than all adds "Based on 6 of 9 dimensions."
    """
    if not deviations:
        text = t("naming.flat" if pool_size > 1 else "naming.alone", lang)
    else:
        groups: dict[int, list[str]] = {}
        for deviation in deviations:
            groups.setdefault(_level(deviation.z), []).append(_in_text(names, deviation.dimension, lang))
        and_ = t("naming.and", lang)
        clauses = [
            t("naming.first" if i == 0 else "naming.next", lang, level=t(f"naming.level.{_LEVELS[level]}", lang),
              dims=_join(dims, and_))
            for i, (level, dims) in enumerate(groups.items())
        ]
        text = _capitalise("; ".join(clauses)) + "."
    if seen < total:
        text += " " + t("naming.coverage", lang, seen=seen, total=total)
    return text


def descriptive_name(deviations: Sequence[Deviation], names: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """A name for a group that matches no archetype, from its distinctive dimensions, in every
    language: "High resilience and assertiveness, low relationships"."""
    result = {}
    for lang in LANGUAGES:
        highs = [_in_text(names, d.dimension, lang) for d in deviations if d.z > 0]
        lows = [_in_text(names, d.dimension, lang) for d in deviations if d.z < 0]
        and_ = t("naming.and", lang)
        parts = [t(f"naming.name.{key}", lang, dims=_join(dims, and_))
                 for key, dims in (("high", highs), ("low", lows)) if dims]
        flat = t("naming.name.flat", lang)
        result[lang] = _capitalise(t("naming.name.separator", lang).join(parts)) if parts else flat
    return result


def match_archetypes(centres: np.ndarray, archetypes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-to-one matching of group centres to archetype profiles (Hungarian algorithm,
    `scipy.optimize.linear_sum_assignment`, Kuhn 1955) minimising the summed distance.

    Distance is the root mean square difference over dimensions, in scale points.
    Returns, per centre, the index of its archetype (-1 when there are more centres than
    archetypes and it got none) and the distance to it (NaN for -1).
    """
    cost = np.sqrt(((centres[:, None, :] - archetypes[None, :, :]) ** 2).mean(axis=2))
    rows, cols = linear_sum_assignment(cost)
    match = np.full(len(centres), -1)
    distance = np.full(len(centres), np.nan)
    match[rows] = cols
    distance[rows] = cost[rows, cols]
    return match, distance


def naming_distances(archetypes: np.ndarray) -> np.ndarray:
    """How far a group's centre may lie from each archetype and still bear its name:
    NAMING_SHARE (0.4) of the RMS distance from that archetype to its nearest other one.

    Under half, so a centre half-way between two archetypes (two types merged into one group)
    gets neither name; 1.0 for a lone archetype.
    """
    if len(archetypes) < 2:
        return np.ones(len(archetypes))
    distance = np.sqrt(((archetypes[:, None, :] - archetypes[None, :, :]) ** 2).mean(axis=2))
    np.fill_diagonal(distance, np.inf)
    return NAMING_SHARE * distance.min(axis=1)


def _level(z: float) -> int:
    magnitude = 2 if abs(z) >= MARKED_Z else 1
    return magnitude if z > 0 else -magnitude


def _in_text(names: Mapping[str, Mapping[str, str]], dimension: str, lang: str) -> str:
    """A dimension name as it reads inside a sentence: lower case except in German (nouns) and acronyms."""
    name = names.get(dimension, {}).get(lang) or dimension.replace("_", " ")
    if lang == "de" or (len(name) > 1 and name[1].isupper()):
        return name
    return name[:1].lower() + name[1:]


def _join(items: Sequence[str], and_: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {and_} {items[-1]}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def unique_names(names: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Names made distinct by numbering repeats: a second "High resilience" becomes "High resilience (2)"."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen[name["en"]] = seen.get(name["en"], 0) + 1
        result.append(name if count == 1 else {lang: f"{text} ({count})" for lang, text in name.items()})
    return result
