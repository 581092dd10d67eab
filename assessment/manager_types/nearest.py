"""One profile typed against the archetypes, no pool needed: for one candidate, or a round too small to
cluster (`ManagerTypes` below its `min_samples`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .clustering import membership, sq_distances
from .profiles import PROFILE_SCALE, archetype_values, midpoint, profile_row, shapes

__all__ = ["ArchetypeMatch", "nearest_archetype"]


@dataclass(frozen=True)
class ArchetypeMatch:
    """One profile typed against the archetypes (`nearest_archetype`).

    `distance` is the root mean square difference over the measured dimensions, in scale points;
    `score` the probability-like membership (see `nearest_archetype`); `scores` holds it for every type.
    """

    type: str
    distance: float
    score: float
    runner_up: str | None
    runner_up_distance: float
    runner_up_score: float
    coverage: float
    scores: dict[str, float]


def nearest_archetype(
    profile: Mapping[str, float | None],
    archetypes: pd.DataFrame,
    *,
    spread: float = 0.75,
    scale: tuple[float, float] | None = PROFILE_SCALE,
    by_shape: bool = True,
) -> ArchetypeMatch:
    """Type one profile by the nearest archetype; no pool needed.

    `profile` maps dimension ids to values on the scale; missing keys and None/NaN values are
    not measured. With `by_shape` (the default) the profile and each archetype are first centred on
    their own mean over the measured dimensions (`profiles.shapes`), so the type follows the
    relative strengths, not the overall level.
    The score is the posterior of a mixture of spherical Gaussians centred on the
    archetypes with equal priors and standard deviation `spread` (scale points per dimension):
    ``score_t = softmax_t(-d2_t / (2 spread**2))`` with ``d2_t`` the squared distance over the
    measured dimensions. The default spread 0.75 is about the disagreement between two interviewers
    on a 1–5 rating, so a profile half-way between two archetypes scores 0.5 for each.
    """
    ids, dimensions, centres = archetype_values(archetypes, scale)
    values, observed = profile_row(profile, dimensions, scale)
    if by_shape:  # both centred over the dimensions measured in the candidate
        values = shapes(values, midpoint(scale))
        centres = shapes(np.where(observed, centres, np.nan), midpoint(scale))
        centres[:, ~observed[0]] = midpoint(scale)  # not compared: any finite number
    d2 = sq_distances(values, observed, centres)[0]
    scores = membership(values, observed, centres[None], 2 * spread**2)[0]
    first, *rest = np.argsort(d2, kind="stable")  # nearest first: the same order as the scores
    second = rest[0] if rest else None
    seen = int(observed.sum())
    return ArchetypeMatch(
        type=ids[first],
        distance=math.sqrt(d2[first] / seen),
        score=float(scores[first]),
        runner_up=ids[second] if rest else None,
        runner_up_distance=math.sqrt(d2[second] / seen) if rest else math.nan,
        runner_up_score=float(scores[second]) if rest else 0.0,
        coverage=seen / len(dimensions),
        scores=dict(zip(ids, scores.tolist(), strict=True)),
    )
