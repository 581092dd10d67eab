"""Manager types of a round: each candidate's profile over the common dimensions, typed by
`ManagerTypes`, with a 2-D map for the committee.

    >>> typed = type_round(load_round(store, 1), source="interview")
    >>> typed.table.loc[7, ["type", "probability", "runner_up"]]
    >>> typed.explanations[7]["de"]

`source` says whose view the profile is: "interview" (the interviewers' ratings), "self" (the
candidate's own answers) or "both" (the mean of the two where both exist, else whichever does).
Candidates with no score at all from that source are left out; a missing dimension is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA

from assessment.catalog import ManagerType, load_manager_types
from assessment.errors import UserError
from assessment.manager_types import (
    Archetypes,
    Assignment,
    FoundType,
    ManagerTypes,
    explanation,
    load_archetypes,
    type_names,
)
from assessment.manager_types.profiles import PROFILE_SCALE, levels, shapes

from .scores import RoundResults

SOURCES = ("interview", "self", "both")
RANDOM_STATE = 0  # the same round always gets the same types


@dataclass(frozen=True)
class RoundTypes:
    """A round typed from one source.

    - ``profiles``: candidates × dimensions, 1–5, NaN where not measured
    - ``table``: per candidate: name, type, probability, runner_up, runner_up_probability, coverage, and
      ``level``: the overall level (mean over the measured dimensions, 1–5), reported beside the type
      because the type follows the profile's shape only
    - ``names``: type id → {lang: name} of each type of ``model`` (`manager_types.type_names`)
    - ``explanations``: candidate id → {lang: sentence} (`manager_types.explanation`)
    - ``points`` / ``archetype_points``: x, y of each candidate / archetype on the map
    - ``explained``: share of the spread each map axis shows (two floats)

    ``archetypes`` are those for the round's role (`Archetypes.for_role`). ``model`` gave the types.
    It is the clustering when the round has clear or weak groups; when
    it has none (or too few candidates to look for groups), each candidate is typed against the
    archetypes directly, and ``clustering`` keeps the attempt (None when there were too few).
    """

    source: str
    model: ManagerTypes
    clustering: ManagerTypes | None
    archetypes: Archetypes
    profiles: pd.DataFrame
    table: pd.DataFrame
    names: dict[str, dict[str, str]]
    explanations: dict[int, dict[str, str]]
    points: pd.DataFrame
    archetype_points: pd.DataFrame
    explained: tuple[float, float]

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


def type_round(results: RoundResults, source: str = "interview", archetypes: Archetypes | None = None
               ) -> RoundTypes | None:
    """The round's candidates typed from `source` against the archetypes for the round's role, by the shape
    of their profiles; None when no candidate has a profile from it."""
    archetypes = (archetypes or load_archetypes()).for_role(results.catalog.id)
    profiles = round_profiles(results, source, list(archetypes.profiles.columns))
    if profiles.empty:
        return None
    model = clustering = ManagerTypes(archetypes.profiles, random_state=RANDOM_STATE).fit(profiles)
    if clustering.method_ == "archetypes":
        clustering = None
    elif clustering.structure_ == "none":  # no real groups: do not invent them
        model = ManagerTypes(archetypes.profiles, min_samples=len(profiles) + 1).fit(profiles)
    assignments = model.explain(profiles)
    names = type_names(model.types_, archetypes.type_names, archetypes.dimension_names)
    explanations = {a.candidate: explanation(a, archetypes.dimension_names) for a in assignments}
    points, archetype_points, explained = _map(profiles, archetypes.profiles)
    table = _table(results, assignments).assign(level=levels(profiles))
    return RoundTypes(source, model, clustering, archetypes, profiles, table, names,
                      explanations, points, archetype_points, explained)


def _table(results: RoundResults, assignments: list[Assignment]) -> pd.DataFrame:
    rows = [{"candidate": a.candidate, "name": results.candidates.at[a.candidate, "name"], "type": a.type,
             "probability": a.probability, "runner_up": a.runner_up,
             "runner_up_probability": a.runner_up_probability, "coverage": a.coverage} for a in assignments]
    return pd.DataFrame(rows).set_index("candidate")


def _map(profiles: pd.DataFrame, archetypes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, tuple[float, float]]:
    """Candidates and archetypes in one plane: PCA of their shapes (each profile centred on its own mean,
    as typing compares them), so the archetypes stay where their shapes put them; a dimension a candidate
    lacks is set to the pool's mean."""
    filled = profiles.fillna(profiles.mean()).fillna(3.0)
    mid = (PROFILE_SCALE[0] + PROFILE_SCALE[1]) / 2
    both = shapes(np.vstack([filled.to_numpy(), archetypes.to_numpy()]), mid)
    pca = PCA(n_components=2, random_state=RANDOM_STATE).fit(both)
    xy = pca.transform(both)
    n = len(filled)
    points = pd.DataFrame(xy[:n], index=profiles.index, columns=["x", "y"])
    archetype_points = pd.DataFrame(xy[n:], index=archetypes.index, columns=["x", "y"])
    ratio = pca.explained_variance_ratio_
    return points, archetype_points, (float(ratio[0]), float(ratio[1]))


__all__ = ["SOURCES", "RoundTypes", "archetype_descriptions", "round_profiles", "type_round"]
