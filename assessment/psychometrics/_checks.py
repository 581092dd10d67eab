"""Input checks shared by the psychometric functions.

Every check raises a named exception whose message is one line meant for a person;
all of them derive from `assessment.errors.UserError`, so the command prints them
as one line and exits 1, and the app shows them as a plain error.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from assessment.errors import (
    DuplicateEntries,
    InsufficientData,
    InvalidValue,
    MissingColumn,
)


def shown(value: object) -> str:
    """A value as a person would write it: 1, not np.int64(1)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def require_frame(data: object, what: str) -> pd.DataFrame:
    """Return `data` if it is a DataFrame, else raise `InvalidValue`."""
    if not isinstance(data, pd.DataFrame):
        raise InvalidValue(
            f"{what} must be a pandas DataFrame, not {type(data).__name__}",
            code="not_a_table", what=what, kind=type(data).__name__,
        )
    return data


def require_columns(data: pd.DataFrame, columns: Iterable, what: str) -> None:
    """Raise `MissingColumn` naming every column of `columns` that `data` lacks."""
    require_frame(data, what)
    missing = [c for c in columns if c not in data.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        known = ", ".join(repr(c) for c in list(data.columns)[:12])
        raise MissingColumn(f"{what}: no column {names} (columns: {known})", code="column_missing",
                            what=what, columns=names, known=known)


def numeric_values(data: pd.DataFrame, columns: list, what: str) -> np.ndarray:
    """`data[columns]` as a float array, NaN for a missing answer; maybe a read-only view.

    Raises `InvalidValue` naming the first column that is not numeric or holds an infinite
    value. A column without any value counts as numeric (all answers missing).
    """
    frame = data if list(data.columns) == columns else data[columns]
    for column, dtype in frame.dtypes.items():
        if dtype.kind not in "biuf" and frame[column].notna().any():
            example = shown(frame[column].dropna().iloc[0])
            raise InvalidValue(f"{what}: column {column!r} is not numeric (e.g. {example})", code="column_not_numeric",
                               what=what, column=repr(column), example=example)
    values = frame.to_numpy(dtype=float, na_value=np.nan, copy=False)
    if np.isinf(values).any():
        column = columns[int(np.flatnonzero(np.isinf(values).any(axis=0))[0])]
        raise InvalidValue(f"{what}: column {column!r} holds an infinite value", code="column_infinite",
                           what=what, column=repr(column))
    return values


def scale_bounds(
    values: np.ndarray, scale_min: float | None, scale_max: float | None, names: list | None = None
) -> tuple[float, float]:
    """The answer scale: given bounds, or the smallest and largest value observed.

    Raises `InvalidValue` when a value lies outside given bounds (naming its column
    when `names` labels the columns of `values`) or when the bounds are reversed.
    """
    values = values.reshape(len(values), -1)  # one column per item; a 1-d array is one column
    low, high = np.fmin.reduce(values, axis=None), np.fmax.reduce(values, axis=None)  # skip NaN
    if values.size == 0 or np.isnan(low):
        raise InsufficientData("there are no answers: every value is missing", code="no_answers")
    lo = float(low) if scale_min is None else float(scale_min)
    hi = float(high) if scale_max is None else float(scale_max)
    if lo >= hi:
        raise InvalidValue(f"the scale minimum ({lo:g}) must be below the scale maximum ({hi:g})",
                           code="scale_reversed", low=f"{lo:g}", high=f"{hi:g}")
    if low < lo:
        _raise_outside(values, values < lo, f"below the scale minimum {lo:g}", names,
                       code="value_below_scale", bound=lo)
    if high > hi:
        _raise_outside(values, values > hi, f"above the scale maximum {hi:g}", names,
                       code="value_above_scale", bound=hi)
    return lo, hi


def _raise_outside(values: np.ndarray, outside: np.ndarray, side: str, names: list | None, *, code: str, bound: float):
    row, col = np.argwhere(outside)[0]
    where = f" in column {names[col]!r}" if names is not None else ""
    raise InvalidValue(f"value {values[row, col]:g}{where} is {side}", code=code, value=f"{values[row, col]:g}",
                       bound=f"{bound:g}", column=repr(names[col]) if names is not None else "–")


def reflect(values: np.ndarray | pd.Series, lo: float, hi: float):
    """Reverse-key answers on the scale lo..hi: :math:`x' = lo + hi - x` (1 ↔ 5 on 1..5)."""
    return lo + hi - values


def reject_duplicates(data: pd.DataFrame, keys: list[str], what: str) -> None:
    """Raise `DuplicateEntries` naming the first row whose `keys` repeat an earlier row."""
    repeated = data.duplicated(keys)
    if repeated.any():
        first = data.loc[repeated, keys].iloc[0]
        where = ", ".join(f"{k}={shown(v)}" for k, v in first.items())
        raise DuplicateEntries(f"{what} holds more than one row for {where}", code="duplicate_rows", what=what,
                               columns=", ".join(repr(k) for k in first.index),
                               values=", ".join(shown(v) for v in first))
