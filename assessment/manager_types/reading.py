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

from dataclasses import dataclass

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


__all__ = ["DEFINING", "RELATIVE", "Reading", "read_profile", "relative"]
