"""What manager typing reads: candidate profiles (checked here, with messages that point at the
candidate and dimension) and the archetypes with the names of types and dimensions.
Helpers of `manager_types.estimator`; the command and the estimator share these checks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from assessment.catalog import SCALE, load_dimensions, load_manager_types
from assessment.errors import ProfileError

from .naming import texts

PROFILE_SCALE = (float(SCALE[0]), float(SCALE[1]))  # profiles are on the catalog schema's levels

# The code of a value's problem by how its place is known (`_where`): a candidate and a dimension,
# a dimension only, or a row and column number; each words the place itself in every language.
_OUTSIDE_SCALE = {"candidate": "outside_scale", "dimension": "outside_scale_dimension", "cell": "outside_scale_cell"}
_NOT_A_NUMBER = {"candidate": "not_a_number", "dimension": "not_a_number_dimension", "cell": "not_a_number_cell"}
_NOT_FINITE = {"candidate": "not_finite", "dimension": "not_finite_dimension", "cell": "not_finite_cell"}


@dataclass(frozen=True)
class Archetypes:
    """Manager-type archetypes: `profiles` (index = type id, columns = dimension ids, 1–5), which
    `ManagerTypes(archetypes.profiles)` reads, and the catalog's names of the types and of the
    dimensions, id -> {lang: text}, which `naming` reads."""

    profiles: pd.DataFrame
    type_names: dict[str, dict[str, str]]
    dimension_names: dict[str, dict[str, str]]
    roles: dict[str, tuple[str, ...]] | None = None  # type id -> the role catalogs it applies to; None: all

    def for_role(self, role: str) -> Archetypes:
        """Only the archetypes that apply to the role catalog `role`; all of them when none names it
        (a catalog the archetypes file does not know yet), so that typing never runs without archetypes."""
        if self.roles is None:
            return self
        keep = [t for t in self.profiles.index if role in self.roles.get(t, ())]
        if not keep or len(keep) == len(self.profiles.index):  # none names the role, or all apply to it
            return self
        return Archetypes(self.profiles.loc[keep], {t: self.type_names[t] for t in keep}, self.dimension_names,
                          {t: self.roles[t] for t in keep})


def check_profiles(
    profiles: pd.DataFrame, dimensions: Sequence[str] | None = None, scale: tuple[float, float] | None = PROFILE_SCALE
) -> pd.DataFrame:
    """Profiles as floats (NaN = not measured) with columns in the order of `dimensions`.

    Raises ProfileError naming the first problem: an unknown, missing or repeated dimension column,
    a value that is not a finite number, a value outside `scale` (inclusive; None = any).
    """
    values, columns = profile_values(profiles, dimensions, scale)
    return pd.DataFrame(values, index=profiles.index, columns=columns)


def profile_values(
    profiles: pd.DataFrame, dimensions: Sequence[str] | None, scale: tuple[float, float] | None
) -> tuple[np.ndarray, list[str]]:
    """`check_profiles` as a float array and its column names; no copy of the frame when the
    columns are already in order (typing one candidate must take well under a millisecond)."""
    columns = [str(c) for c in profiles.columns]
    if dimensions is not None and columns != [str(d) for d in dimensions]:
        profiles, columns = _select(profiles, columns, [str(d) for d in dimensions])
    values = _as_numbers(profiles, columns)
    check_scale(values, scale, profiles.index, columns)
    return values, columns


def profile_row(
    profile: Mapping[str, object], dimensions: Sequence[str], scale: tuple[float, float] | None
) -> tuple[np.ndarray, np.ndarray]:
    """One profile {dimension: value} as a (1, d) float row in the order of `dimensions` and its
    mask of measured values; a missing key, None or NaN is not measured. Raises ProfileError on an
    unknown dimension, a value that is not a number or lies outside `scale`, or no value at all."""
    unknown = sorted(set(map(str, profile)) - set(dimensions))
    if unknown:
        raise ProfileError(f"unknown dimension(s) {', '.join(unknown)}; expected: {', '.join(dimensions)}",
                           code="dimension_unknown", unknown=", ".join(unknown), expected=", ".join(dimensions))
    values = np.array([[_number(profile.get(d), d) for d in dimensions]])
    observed = ~np.isnan(values)
    if not observed.any():
        raise ProfileError("the profile has no values", code="profile_empty")
    check_scale(values, scale, None, list(dimensions))
    return values, observed


def shapes(values: np.ndarray, midpoint: float) -> np.ndarray:
    """Each profile's shape: its values minus its own mean over its measured dimensions, plus `midpoint`
    (the scale's middle), so that a shape reads on the familiar scale: 4.2 = 1.2 above the person's own
    average. NaN stays NaN; a row with nothing measured stays all NaN.

    Typing by shape compares *relative* strengths: two candidates with the same pattern of strengths
    at different overall levels get the same type; the level (`levels`) is reported beside it.
    """
    observed = ~np.isnan(values)
    count = observed.sum(axis=1, keepdims=True)
    total = np.where(observed, values, 0.0).sum(axis=1, keepdims=True)
    means = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    return values - means + midpoint


def levels(profiles: pd.DataFrame) -> pd.Series:
    """Each profile's overall level: the mean over its measured dimensions (NaN when none was measured)."""
    return profiles.mean(axis=1, skipna=True)


def midpoint(scale: tuple[float, float] | None) -> float:
    """The middle of the scale, where shapes are centred; 0 without a scale."""
    return (scale[0] + scale[1]) / 2 if scale else 0.0


def check_scale(values: np.ndarray, scale, index=None, columns=None) -> None:
    """Raise ProfileError at the first value outside [scale[0], scale[1]]; NaN passes."""
    if scale is None:
        return
    low, high = scale
    with np.errstate(invalid="ignore"):
        outside = (values < low) | (values > high)
    if outside.any():
        i, j = np.argwhere(outside)[0]
        where, kind, place = _where(i, j, index, columns)
        raise ProfileError(f"{where}: {values[i, j]:g} is outside the scale {low:g}–{high:g}",
                           code=_OUTSIDE_SCALE[kind], value=f"{values[i, j]:g}", low=f"{low:g}", high=f"{high:g}",
                           **place)


def check_archetypes(archetypes, scale=PROFILE_SCALE) -> pd.DataFrame:
    """Archetype profiles as a float DataFrame with str ids and dimensions, complete and on the scale."""
    ids, dimensions, values = archetype_values(archetypes, scale)
    return pd.DataFrame(values, index=ids, columns=dimensions)


def archetype_values(archetypes, scale=PROFILE_SCALE) -> tuple[list[str], list[str], np.ndarray]:
    """`check_archetypes` as type ids, dimension ids and a float array, without building a frame."""
    frame = archetypes if isinstance(archetypes, pd.DataFrame) else pd.DataFrame(archetypes)
    ids, dimensions = [str(i) for i in frame.index], [str(c) for c in frame.columns]
    if not ids or not dimensions:
        raise ProfileError("no archetypes", code="no_archetypes")
    for names, what in ((ids, "type id"), (dimensions, "dimension")):
        if len(set(names)) < len(names):
            repeated = next(n for n in names if names.count(n) > 1)
            raise ProfileError(f"archetypes: repeated {what} {repeated}", name=repeated,
                               code="archetype_id_repeated" if what == "type id" else "archetype_dimension_repeated")
    values = _as_numbers(frame, dimensions)
    if np.isnan(values).any():
        raise ProfileError("archetypes: every type needs a value on every dimension", code="archetypes_incomplete")
    check_scale(values, scale, ids, dimensions)
    return ids, dimensions, values


def load_archetypes(directory: Path | None = None) -> Archetypes:
    """The catalog's archetypes (`competencies/manager_types.yaml`, through `assessment.catalog`),
    dimensions in the order of `dimensions.yaml`. Raises NotFound when there is no such file and
    CatalogError when it is invalid."""
    dimensions = load_dimensions(directory)
    types = load_manager_types(directory)
    order = [d.id for d in dimensions]
    return Archetypes(
        profiles=pd.DataFrame([t.profile for t in types], index=[t.id for t in types], dtype=float).reindex(
            columns=order
        ),
        type_names={t.id: texts(t.name, t.id) for t in types},
        dimension_names={d.id: texts(d.name, d.id) for d in dimensions},
        roles={t.id: tuple(t.roles) for t in types},
    )


def load_dimension_names(directory: Path | None = None) -> dict[str, dict[str, str]]:
    """The common dimensions in catalog order: id -> {lang: name}."""
    return {d.id: texts(d.name, d.id) for d in load_dimensions(directory)}


def _select(profiles: pd.DataFrame, columns: list[str], dimensions: list[str]) -> tuple[pd.DataFrame, list[str]]:
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    unknown = [c for c in columns if c not in dimensions]
    missing = [d for d in dimensions if d not in columns]
    if repeated:
        raise ProfileError(f"repeated dimension column(s): {', '.join(repeated)}", code="dimension_repeated",
                           columns=", ".join(repeated))
    if unknown:
        raise ProfileError(f"unknown dimension column(s): {', '.join(unknown)}; expected: {', '.join(dimensions)}",
                           code="dimension_unknown", unknown=", ".join(unknown), expected=", ".join(dimensions))
    if missing:
        raise ProfileError(f"missing dimension column(s): {', '.join(missing)}", code="dimension_missing",
                           columns=", ".join(missing))
    return profiles.set_axis(columns, axis=1)[dimensions], dimensions


def _as_numbers(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """The frame's values as floats; a value that is not a finite number raises ProfileError."""
    if all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in frame.dtypes):
        values = frame.to_numpy(dtype=float)
    else:
        values = frame.apply(lambda column: pd.to_numeric(column, errors="coerce")).to_numpy(dtype=float)
        bad = np.isnan(values) & frame.notna().to_numpy()
        if bad.any():
            i, j = np.argwhere(bad)[0]
            where, kind, place = _where(i, j, frame.index, columns)
            raise ProfileError(f"{where}: {frame.iat[i, j]!r} is not a number", code=_NOT_A_NUMBER[kind],
                               value=repr(frame.iat[i, j]), **place)
    infinite = np.isinf(values)
    if infinite.any():
        i, j = np.argwhere(infinite)[0]
        where, kind, place = _where(i, j, frame.index, columns)
        raise ProfileError(f"{where}: {values[i, j]} is not a finite number", code=_NOT_FINITE[kind],
                           value=str(values[i, j]), **place)
    return values


def _number(value, dimension: str) -> float:
    if value is None:
        return math.nan
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ProfileError(f"{dimension}: {value!r} is not a number", code="not_a_number_dimension",
                           dimension=dimension, value=repr(value)) from None
    if math.isinf(number):
        raise ProfileError(f"{dimension}: {value!r} is not a finite number", code="not_finite_dimension",
                           dimension=dimension, value=repr(value))
    return number


def _where(i: int, j: int, index, columns) -> tuple[str, str, dict]:
    """Where a value lies: in English for the message, the kind of place (the key of `_OUTSIDE_SCALE`
    and its kin) and the ids or numbers that the translated words put in."""
    if columns is None:
        return f"row {i + 1}, column {j + 1}", "cell", {"row": int(i) + 1, "column": int(j) + 1}
    if index is None:
        return str(columns[j]), "dimension", {"dimension": str(columns[j])}
    place = {"candidate": str(index[i]), "dimension": str(columns[j])}
    return f"candidate {index[i]}, {columns[j]}", "candidate", place
