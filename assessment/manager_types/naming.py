"""Words for manager types: the names of the types a pool holds, and why a candidate got their type.

`ManagerTypes` returns numbers and ids only; this module turns its plain results into words in
English, German and Russian, from the catalog's names of archetypes and dimensions and the words in
`assessment/locales/naming.yaml`:

- `type_names`: each found type's name: the archetype's name, or for a group that matches no
  archetype a name from its distinctive dimensions ("High resilience, low relationships"),
  numbered where two would read the same;
- `explanation`: the sentence that explains an assignment
  ("Much higher than the pool on resilience and assertiveness; lower on relationships.").

With a fitted `model` and the catalog's `archetypes`: ``type_names(model.types_,
archetypes.type_names, archetypes.dimension_names)`` and ``explanation(model.explain(X)[0],
archetypes.dimension_names)``. What they put together (a test runs these examples):

    >>> from assessment.manager_types import FoundType, Deviation
    >>> names = {"resilience": {"en": "Resilience", "de": "Belastbarkeit", "ru": "Стрессоустойчивость"}}
    >>> group = FoundType("custom_1", 12, {}, "coach", 0.9, (Deviation("resilience", 4.6, 1.4),))
    >>> type_names([group], dimension_names=names)["custom_1"]["de"]
    'Belastbarkeit hoch'
    >>> sentence(group.distinctive, names, "en", seen=8, total=9)
    'Much higher than the pool on resilience. Based on 8 of 9 dimensions.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from assessment.i18n import LANGUAGES, t

from .clustering import Deviation
from .reading import Reading, read_profile

if TYPE_CHECKING:
    from .estimator import Assignment, FoundType

#: |z| from which the difference is called "much" higher or lower: one pool standard deviation.
MARKED_Z = 1.0

# The words live in assessment/locales/naming.yaml; `_level` picks one of these.
_LEVELS = {2: "much_higher", 1: "higher", -1: "lower", -2: "much_lower"}

#: id -> {lang: text}, or anything `texts` reads, per id; a missing id or language falls back.
Names = Mapping[str, object] | None


def texts(value: object, fallback: str) -> dict[str, str]:
    """A text in every language from a catalog value: a str, a {lang: text} mapping, or an object
    whose `.get(lang)` returns the text (the catalog's multilingual text); English fills gaps."""
    if isinstance(value, str):
        return dict.fromkeys(LANGUAGES, value)
    get = getattr(value, "get", None)
    found = {lang: get(lang) if get else None for lang in LANGUAGES}
    english = found["en"] or fallback
    return {lang: found[lang] or english for lang in LANGUAGES}


def type_names(types: Sequence[FoundType], archetype_names: Names = None,
               dimension_names: Names = None) -> dict[str, dict[str, str]]:
    """The name of each found type (`ManagerTypes.types_`), type id -> {lang: name}.

    A type named after its archetype (its id is the archetype's) bears the archetype's name from
    `archetype_names` (its id when there is none); a custom group is named after its centre's own
    strengths and weaknesses (`reading.read_profile`: against the centre's own average, as its members'
    explanations read), or, without a centre, after its `distinctive` dimensions (`descriptive_name`).
    Names that read the same in English are numbered in the order of `types` (`unique_names`).
    """
    names = [texts(_get(archetype_names, found.id), found.id) if found.id == found.archetype
             else _group_name(found, dimension_names) for found in types]
    return dict(zip((found.id for found in types), unique_names(names), strict=True))


def _group_name(found: FoundType, dimension_names: Names) -> dict[str, str]:
    deviations = found.distinctive
    if found.centre:
        reading = read_profile(pd.Series(found.centre, dtype=float))
        deviations = tuple(Deviation(d, found.centre[d], value) for d, value in reading.strengths + reading.weaknesses)
    return descriptive_name(deviations, _dimension_texts(deviations, dimension_names))


def explanation(assignment: Assignment, dimension_names: Names = None) -> dict[str, str]:
    """Why a candidate got their type (`ManagerTypes.explain`), {lang: sentence}."""
    names = _dimension_texts(assignment.distinctive, dimension_names)
    return {lang: sentence(assignment.distinctive, names, lang, seen=assignment.measured,
                           total=assignment.n_dimensions, pool_size=assignment.pool_size)
            for lang in LANGUAGES}


def reading_sentence(reading: Reading, names: Names, lang: str, *, seen: int, total: int) -> str:
    """What a candidate's profile says about itself (`reading.read_profile`), the words beside their type,
    e.g. "Relative strengths: analysis and strategy. Relatively weaker: relationships." and, where the
    profile goes against its type, "Unlike the typical profile of this type, below the person's own average
    on: analysis." Never a word about other people."""
    and_ = t("naming.and", lang)
    parts = [t(key, lang, dims=_join([_in_text(_named(names, d), d, lang) for d in dims], and_))
             for key, dims in (("naming.own.strengths", [d for d, _ in reading.strengths]),
                               ("naming.own.weaknesses", [d for d, _ in reading.weaknesses]),
                               ("naming.own.unlike_strengths", list(reading.unlike_strengths)),
                               ("naming.own.unlike_weaknesses", list(reading.unlike_weaknesses))) if dims]
    even = [] if reading.strengths or reading.weaknesses else [t("naming.own.even", lang)]
    text = " ".join(even + parts)
    if seen < total:
        text += " " + t("naming.coverage", lang, seen=seen, total=total)
    return text


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


def unique_names(names: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Names made distinct by numbering repeats: a second "High resilience" becomes "High resilience (2)"."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen[name["en"]] = seen.get(name["en"], 0) + 1
        result.append(name if count == 1 else {lang: f"{text} ({count})" for lang, text in name.items()})
    return result


def _dimension_texts(deviations: Sequence[Deviation], dimension_names: Names) -> dict[str, dict[str, str]]:
    """The names of the dimensions in `deviations` in every language; an unnamed id is spelt out."""
    return {d.dimension: texts(_get(dimension_names, d.dimension), d.dimension.replace("_", " "))
            for d in deviations}


def _named(dimension_names: Names, dimension: str) -> dict[str, dict[str, str]]:
    return {dimension: texts(_get(dimension_names, dimension), dimension.replace("_", " "))}


def _get(mapping: Names, key: str) -> object:
    return mapping.get(key) if mapping is not None else None


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


__all__ = ["descriptive_name", "explanation", "reading_sentence", "sentence", "texts", "type_names", "unique_names"]
