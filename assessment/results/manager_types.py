"""Manager types of a round: each candidate's profile over the common dimensions, typed by
`ManagerTypes`, each type explained by the candidate's own profile and its fit said in words.

    >>> typed = type_round(load_round(store, 1), source="interview")
    >>> typed.table.loc[7, ["type", "probability", "runner_up"]]
    >>> typed.explanations[7]["de"]

`source` says whose view the profile is: "interview" (the interviewers' ratings), "self" (the
candidate's own answers) or "both" (the mean of the two where both exist, else whichever does).
Candidates with no score at all from that source are left out; a missing dimension is not.

Given the round typed before (`previous`), a large round keeps the types found then while few of its profiles
have changed since (at most REFIT_SHARE of them): the profiles changed or added are placed among those types
(typed by the model found, as a candidate of the pool is), the others keep their rows, and the types are found
again once more have changed. Finding the types of thousands costs about a second; placing one profile, a
millisecond. `RoundTypes.placed` says how many were placed, and the pages say it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from assessment.catalog import ManagerType, load_manager_types
from assessment.errors import UserError
from assessment.i18n import LANGUAGES
from assessment.manager_types import (
    Archetypes,
    Assignment,
    FoundType,
    ManagerTypes,
    load_archetypes,
    type_names,
)
from assessment.manager_types.naming import reading_sentence
from assessment.manager_types.profiles import levels
from assessment.manager_types.reading import Reading, read_profiles, relative

from .scores import RoundResults

SOURCES = ("interview", "self", "both")
RANDOM_STATE = 0  # the same round always gets the same types
FITS = ("clear", "likely", "unclear")
CLEAR = 0.8  # a type's probability from which the fit is clear (in a round large enough to find groups)
LIKELY = 0.5  # ... from which it is likely, unless the runner-up is within CLOSE of it
CLOSE = 0.2
#: Share of the profiles the types were found among that may change (be added, changed or removed) before the
#: types are found again; until then a changed profile is placed among them. One profile in fifty cannot move a
#: grouping of hundreds far, and the structure shown (silhouette, stability) stays that of the pool it was found in.
REFIT_SHARE = 0.02
#: Rounds of fewer profiles than this are typed again whole after any change: it costs little there.
KEEP_FROM = 200


@dataclass(frozen=True)
class RoundTypes:
    """A round typed from one source.

    - ``profiles``: candidates × dimensions, 1–5, NaN where not measured
    - ``table``: per candidate: name, type, probability, runner_up, runner_up_probability, coverage,
      ``level``: the overall level (mean over the measured dimensions, 1–5), reported beside the type
      because the type follows the profile's shape only, and ``fit``: how clearly the type fits, in words
      (`fit_band`), what the page shows instead of a probability
    - ``names``: type id → {lang: name} of each type of ``model`` (`manager_types.type_names`)
    - ``readings``: candidate id → `Reading`, the profile's own strengths and weaknesses and where it goes
      against its type; ``explanations``: candidate id → {lang: sentence} wording it

    ``archetypes`` are those for the round's role (`Archetypes.for_role`). ``model`` gave the types.
    It is the clustering when the round has clear or weak groups; when
    it has none (or too few candidates to look for groups), each candidate is typed against the
    archetypes directly, and ``clustering`` keeps the attempt (None when there were too few).

    ``found_among`` are the profiles the types were found among; ``placed`` counts the profiles of ``profiles``
    that were added or changed since and placed among those types (0 when the types were found now).
    """

    source: str
    model: ManagerTypes
    clustering: ManagerTypes | None
    archetypes: Archetypes
    profiles: pd.DataFrame
    table: pd.DataFrame
    names: dict[str, dict[str, str]]
    readings: dict[int, Reading]
    explanations: Explanations
    found_among: pd.DataFrame
    placed: int = 0

    @property
    def types(self) -> list[FoundType]:
        """The types of `model`, largest first (every archetype when typed against them directly)."""
        return self.model.types_

    def present_types(self) -> list[str]:
        """Ids of the types that hold at least one candidate, most candidates first."""
        return list(self.table["type"].value_counts(sort=True).index)

    def members_profile(self, type_id: str) -> pd.Series:
        """The mean profile of the candidates of a type (NaN on a dimension none of them has)."""
        return self.profiles.loc[self.table.index[self.table["type"] == type_id]].mean()

    def matched_archetype(self, type_id: str) -> str | None:
        """The archetype a type is named after or was matched to (a custom type may have one)."""
        found = next((f for f in self.types if f.id == type_id), None)
        return found.archetype if found is not None else None

    def relative_profiles(self) -> pd.DataFrame:
        """candidates × dimensions: each value's distance from the candidate's own average (NaN not measured),
        the shape the types are read from."""
        profiles = self.profiles.astype(float)
        return profiles.sub(profiles.mean(axis=1, skipna=True), axis=0)  # `relative`, for every row at once

    def type_profile(self, type_id: str) -> pd.Series | None:
        """The profile a type stands for: its archetype's, or a custom group's centre (shape, 1–5 scale)."""
        return _type_profile(type_id, self.archetypes, self.model)

    @property
    def direct(self) -> bool:
        """Each candidate was typed against the archetypes directly (too few candidates, or no real groups)."""
        return self.model.method_ == "archetypes"

    def type_name(self, type_id: str | None, lang: str) -> str:
        """The name of a found type (or of an archetype) in `lang`."""
        if type_id is None:
            return ""
        if type_id in self.names:
            return self.names[type_id].get(lang) or self.names[type_id]["en"]
        names = self.archetypes.type_names.get(type_id, {})
        return names.get(lang) or names.get("en") or type_id


def archetype_descriptions() -> dict[str, ManagerType]:
    """The archetypes of `manager_types.yaml` by id: name, description, strengths, risks."""
    return {t.id: t for t in load_manager_types()}


def round_profiles(results: RoundResults, source: str = "interview", dimensions: list[str] | None = None
                   ) -> pd.DataFrame:
    """candidates × the common dimensions (`dimensions`, by default those of `dimensions.yaml` in
    its order) from `source`; candidates with nothing measured are dropped."""
    if source not in SOURCES:
        raise UserError(f"unknown source '{source}': use one of {', '.join(SOURCES)}", code="source_unknown",
                            source=source, sources=", ".join(SOURCES))
    dimensions = dimensions or list(load_archetypes().profiles.columns)
    if source == "both":
        interview = results.dimensions("interview").reindex(columns=dimensions)
        own = results.dimensions("self").reindex(columns=dimensions)
        profiles = pd.concat([interview, own]).groupby(level=0, sort=False).mean()
        profiles = profiles.reindex(results.candidates.index)
    else:
        profiles = results.dimensions(source).reindex(columns=dimensions)
    profiles.index.name = "candidate"
    return profiles.dropna(how="all").astype(float)


def type_round(results: RoundResults, source: str = "interview", archetypes: Archetypes | None = None,
               previous: RoundTypes | None = None, profiles: pd.DataFrame | None = None) -> RoundTypes | None:
    """The round's candidates typed from `source` against the archetypes for the round's role, by the shape
    of their profiles; None when no candidate has a profile from it. With `previous` (this round typed before
    from the same source and archetypes), its types are kept while few profiles changed (`placed_among`).
    `profiles` are the round's `round_profiles` from `source` when already made."""
    archetypes = (archetypes or load_archetypes()).for_role(results.catalog.id)
    if profiles is None:
        profiles = round_profiles(results, source, list(archetypes.profiles.columns))
    if profiles.empty:
        return None
    if previous is not None and (kept := placed_among(previous, results, profiles)) is not None:
        return kept
    model = clustering = ManagerTypes(archetypes.profiles, random_state=RANDOM_STATE).fit(profiles)
    if clustering.method_ == "archetypes":
        clustering = None
    elif clustering.structure_ == "none":  # no real groups: do not invent them
        model = ManagerTypes(archetypes.profiles, min_samples=len(profiles) + 1).fit(profiles)
    names = type_names(model.types_, archetypes.type_names, archetypes.dimension_names)
    table, readings, assignments = _typed(results, model, archetypes, profiles)
    return RoundTypes(source, model, clustering, archetypes, profiles, table, names, readings,
                      Explanations(readings, archetypes.dimension_names, assignments), profiles)


def placed_among(previous: RoundTypes, results: RoundResults, profiles: pd.DataFrame) -> RoundTypes | None:
    """`profiles` typed by the types of `previous`: the profiles added or changed since `previous` typed anew by
    its model, the others keeping their rows. None when the types are to be found again: a round of fewer than
    KEEP_FROM profiles, other dimensions, or more than REFIT_SHARE of the profiles the types were found among
    added, changed or removed since."""
    found = previous.found_among
    if len(found) < KEEP_FROM or list(found.columns) != list(profiles.columns):
        return None
    since_found = changed_rows(found, profiles)
    if len(since_found) + len(found.index.difference(profiles.index)) > REFIT_SHARE * len(found):
        return None
    again = changed_rows(previous.profiles, profiles)
    kept = profiles.index.difference(again)
    table = previous.table.loc[kept]
    readings = {c: previous.readings[c] for c in kept}
    assignments = {c: previous.explanations.assignment(c) for c in kept}
    if len(again):
        rows, new_readings, new_assignments = _typed(results, previous.model, previous.archetypes,
                                                     profiles.loc[again])
        table = pd.concat([table, rows])
        readings.update(new_readings)
        assignments.update(new_assignments)
    table = table.reindex(profiles.index)
    readings = {c: readings[c] for c in profiles.index}  # in the table's order, as when typed whole
    table["name"] = results.candidates["name"].reindex(table.index).to_numpy()  # a new name is no new profile
    explanations = Explanations(readings, previous.archetypes.dimension_names, assignments)
    explanations.take_worded(previous.explanations, kept)
    return replace(previous, profiles=profiles, table=table, readings=readings, explanations=explanations,
                   placed=len(since_found))


def changed_rows(old: pd.DataFrame, new: pd.DataFrame) -> pd.Index:
    """The rows of `new` (candidates) not in `old` or with another value on some dimension (NaN equal to NaN)."""
    if new.index.equals(old.index) and new.columns.equals(old.columns):  # the usual case: no rows to look up
        shared, before, now = new.index, old.to_numpy(dtype=float), new.to_numpy(dtype=float)
    else:
        shared = new.index.intersection(old.index)
        before, now = old.loc[shared].to_numpy(dtype=float), new.loc[shared].to_numpy(dtype=float)
    same = (np.isclose(before, now, rtol=0.0, atol=1e-9) | (np.isnan(before) & np.isnan(now))).all(axis=1)
    return new.index.difference(shared).append(shared[~same])


def _typed(results: RoundResults, model: ManagerTypes, archetypes: Archetypes, profiles: pd.DataFrame
           ) -> tuple[pd.DataFrame, dict[int, Reading], dict[int, Assignment]]:
    """The table rows, readings and assignments of `profiles` typed by `model`, in the order of `profiles`. The
    table is made once, at the end: typing the one candidate whose interview changed is mostly pandas' cost per
    frame."""
    assignments = model.explain(profiles)
    ids = pd.Index([a.candidate for a in assignments], name="candidate")
    defining = {type_id: relative(profile.astype(float)) for type_id in dict.fromkeys(a.type for a in assignments)
                if (profile := _type_profile(type_id, archetypes, model)) is not None}
    nothing = pd.Series(dtype=float)  # a type without a profile: a row of NaN, nothing defining
    rows = pd.DataFrame([defining.get(a.type, nothing) for a in assignments], index=ids, columns=profiles.columns)
    readings = dict(zip(ids, read_profiles(profiles, rows), strict=True))
    small = model.method_ == "archetypes"
    table = pd.DataFrame({"name": results.candidates["name"].reindex(ids).to_numpy(),
                          "type": [a.type for a in assignments],
                          "probability": [a.probability for a in assignments],
                          "runner_up": [a.runner_up for a in assignments],
                          "runner_up_probability": [a.runner_up_probability for a in assignments],
                          "coverage": [a.coverage for a in assignments],
                          "level": levels(profiles).to_numpy(),
                          "fit": ["unclear" if readings[a.candidate].against_type
                                  else fit_band(a.probability, a.runner_up_probability, small=small)
                                  for a in assignments]}, index=ids)
    return table, readings, {a.candidate: a for a in assignments}


def _type_profile(type_id: str, archetypes: Archetypes, model: ManagerTypes) -> pd.Series | None:
    if type_id in archetypes.profiles.index:
        return archetypes.profiles.loc[type_id].astype(float)
    if type_id in model.centres_.index:
        return model.centres_.loc[type_id]
    return None


class Explanations(Mapping):
    """candidate id -> {lang: sentence} wording each candidate's `Reading` (`naming.reading_sentence`), each
    sentence made when first read: a page in one language words a round of thousands once, not three times,
    and a round typed only for its table words nobody."""

    def __init__(self, readings: Mapping[int, Reading], names, assignments: Mapping[int, Assignment]) -> None:
        self._readings, self._names, self._assignments = readings, names, assignments
        self._made: dict[int, _Sentences] = {}

    def take_worded(self, other: Explanations, candidates) -> None:
        """Keep the sentences `other` has worded for `candidates`, whose readings are the same here."""
        self._made.update((c, other._made[c]) for c in candidates if c in other._made)

    def assignment(self, candidate: int) -> Assignment:
        """The candidate's `Assignment` (type, probabilities, what sets the profile apart)."""
        return self._assignments[candidate]

    def __getitem__(self, candidate: int) -> Mapping[str, str]:
        if candidate not in self._made:
            assignment, reading = self._assignments[candidate], self._readings[candidate]
            self._made[candidate] = _Sentences(lambda lang: reading_sentence(
                reading, self._names, lang, seen=assignment.measured, total=assignment.n_dimensions))
        return self._made[candidate]

    def __iter__(self) -> Iterator[int]:
        return iter(self._readings)

    def __len__(self) -> int:
        return len(self._readings)


class _Sentences(Mapping):
    """{lang: sentence} for one candidate, each language worded when first read."""

    def __init__(self, word) -> None:
        self._word, self._made = word, {}

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        if lang not in self._made:
            self._made[lang] = self._word(lang)
        return self._made[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def fit_band(probability: float, runner_up_probability: float, *, small: bool) -> str:
    """How clearly a type fits, in words a reader takes at face value: "clear", "likely" or "unclear".

    A probability from a round too small to find groups (`small`) comes from the fixed spread of
    `nearest_archetype`, not from the data, so it is never called clear there: four candidates can give
    "100 %" and it means "nearer to this archetype than to the others", not certainty. A runner-up within
    CLOSE makes any fit unclear (the profile lies between two types).
    """
    if probability < LIKELY or probability - runner_up_probability < CLOSE:
        return "unclear"
    return "clear" if probability >= CLEAR and not small else "likely"


__all__ = ["FITS", "KEEP_FROM", "REFIT_SHARE", "SOURCES", "RoundTypes", "archetype_descriptions", "changed_rows",
           "fit_band", "placed_among", "round_profiles", "type_round"]
