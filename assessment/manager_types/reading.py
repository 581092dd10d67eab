"""What a profile says about itself: its relative strengths and weaknesses against the person's own
average, and where it goes against the type it was given.

Types follow the *shape* of a profile (`profiles.shapes`), so the words beside a type must follow the
shape too. Words about the pool do not: in a pool of strong analysts, a candidate typed "Analytical style"
(analysis is her own strongest dimension) is still "much lower than the pool on analysis", and the page
read as if it contradicted itself. A reading never compares with other people.

    >>> profile = pd.Series({"analysis": 4.5, "relationships": 2.0, "execution": 3.5})
    >>> reading = read_profile(profile, pd.Series({"analysis": 5, "relationships": 1, "execution": 3}))
    >>> reading.strengths, reading.weaknesses, reading.against_type
    ((('analysis', 1.17),), (('relationships', -1.33),), False)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Scale points above (below) the person's own average from which a dimension is a relative strength (weakness).
RELATIVE = 0.5
#: A type's defining dimensions lie at least this far from the type's own average (scale points).
DEFINING = 1.0


@dataclass(frozen=True)
class Reading:
    """`strengths` / `weaknesses`: (dimension id, points above (+) or below (-) the own average), the most
    marked first, at most `n` each. Where the profile goes against its type: `unlike_strengths`, the type's
    defining strengths that lie below the person's own average, and `unlike_weaknesses`, its defining
    weaknesses that lie above it."""

    strengths: tuple[tuple[str, float], ...]
    weaknesses: tuple[tuple[str, float], ...]
    unlike_strengths: tuple[str, ...] = ()
    unlike_weaknesses: tuple[str, ...] = ()

    @property
    def against_type(self) -> bool:
        """True when the profile goes against a defining dimension of its type."""
        return bool(self.unlike_strengths or self.unlike_weaknesses)


def relative(profile: pd.Series) -> pd.Series:
    """Each dimension's distance from the profile's own mean over its measured dimensions (NaN stays NaN)."""
    return profile - profile.mean(skipna=True)


def read_profile(profile: pd.Series, type_profile: pd.Series | None = None, n: int = 2) -> Reading:
    """The relative strengths and weaknesses of `profile` (dimension id -> 1–5, NaN not measured) and,
    given the profile of its type (archetype or group centre, same scale), where it goes against it."""
    own = relative(profile.astype(float)).dropna()
    ordered = own.sort_values(ascending=False, kind="stable")
    strengths = tuple((d, round(float(v), 2)) for d, v in ordered.items() if v >= RELATIVE)[:n]
    weaknesses = tuple((d, round(float(v), 2)) for d, v in ordered[::-1].items() if v <= -RELATIVE)[:n]
    if type_profile is None:
        return Reading(strengths, weaknesses)
    defining = relative(type_profile.astype(float)).reindex(own.index)
    return Reading(strengths, weaknesses, tuple(own.index[(defining >= DEFINING) & (own < 0)]),
                   tuple(own.index[(defining <= -DEFINING) & (own > 0)]))


def read_profiles(profiles: pd.DataFrame, defining: pd.DataFrame, n: int = 2) -> list[Reading]:
    """`read_profile` of every row of `profiles`, at once: a round of thousands is read in numpy, not a pandas
    call per candidate. `defining` holds, per row, the `relative` profile of that row's type over the same
    columns (a row of NaN: no type profile). The same readings, in the same order, as row-by-row calls (a test
    holds the two together)."""
    values = profiles.to_numpy(dtype=float)
    measured = ~np.isnan(values)
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # the mean of a row with nothing measured: NaN, unused
        own = values - np.nanmean(values, axis=1, keepdims=True)
    defining = defining.reindex(index=profiles.index, columns=profiles.columns).to_numpy(dtype=float)
    has_type = ~np.isnan(defining).all(axis=1)
    # Highest first, equal values in column order (a stable sort, as `read_profile`), unmeasured last.
    order = np.argsort(np.where(measured, -own, np.inf), axis=1, kind="stable")
    strong = np.where(measured, own >= RELATIVE, False)
    weak = np.where(measured, own <= -RELATIVE, False)
    unlike_strong = measured & (defining >= DEFINING) & (own < 0)
    unlike_weak = measured & (defining <= -DEFINING) & (own > 0)
    dimensions = np.asarray(profiles.columns, dtype=object)
    readings = []
    for row in range(len(values)):
        ranked = order[row, : measured[row].sum()]
        strengths = tuple((dimensions[d], round(float(own[row, d]), 2)) for d in ranked if strong[row, d])[:n]
        weaknesses = tuple((dimensions[d], round(float(own[row, d]), 2)) for d in ranked[::-1] if weak[row, d])[:n]
        if not has_type[row]:
            readings.append(Reading(strengths, weaknesses))
            continue
        readings.append(Reading(strengths, weaknesses, tuple(dimensions[unlike_strong[row]]),
                                tuple(dimensions[unlike_weak[row]])))
    return readings


__all__ = ["DEFINING", "RELATIVE", "Reading", "read_profile", "read_profiles", "relative"]
