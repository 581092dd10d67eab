"""`read_profiles` reads a whole round at once exactly as `read_profile` reads one profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.manager_types.reading import read_profile, read_profiles, relative

DIMENSIONS = ["strategy", "analysis", "execution", "relationships", "resilience"]
LEVEL = st.one_of(st.none(), st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.25, 3.5, 4.0, 4.5, 5.0]))


def row_by_row(profiles: pd.DataFrame, types: list[pd.Series | None]):
    return [read_profile(profiles.iloc[i], types[i]) for i in range(len(profiles))]


def at_once(profiles: pd.DataFrame, types: list[pd.Series | None]):
    rows = [pd.Series(dtype=float) if t is None else relative(t.astype(float)) for t in types]
    defining = pd.DataFrame(rows, index=profiles.index, columns=profiles.columns)
    return read_profiles(profiles, defining)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(LEVEL, min_size=5, max_size=5), st.lists(LEVEL, min_size=5, max_size=5),
                          st.booleans()), min_size=1, max_size=12))
def test_a_round_read_at_once_is_read_as_each_profile_alone(rows):
    values = [[np.nan if v is None else v for v in own] for own, _, _ in rows]
    if any(all(np.isnan(v) for v in row) for row in values):
        values = [[3.0 if all(np.isnan(v) for v in row) and j == 0 else v for j, v in enumerate(row)]
                  for row in values]
    profiles = pd.DataFrame(values, index=range(100, 100 + len(rows)), columns=DIMENSIONS)
    types = [pd.Series([np.nan if v is None else v for v in kind], index=DIMENSIONS) if typed else None
             for _, kind, typed in rows]
    assert at_once(profiles, types) == row_by_row(profiles, types)


def test_ties_come_in_column_order_and_a_type_profile_may_lack_a_dimension():
    profiles = pd.DataFrame([[4.0, 4.0, 2.0, 2.0, np.nan], [3.0, 3.0, 3.0, 3.0, 3.0]], columns=DIMENSIONS)
    types = [pd.Series({"strategy": 1.0, "analysis": 5.0, "execution": 4.0}), None]
    readings = at_once(profiles, types)
    assert readings == row_by_row(profiles, types)
    assert [d for d, _ in readings[0].strengths] == ["strategy", "analysis"]
    assert [d for d, _ in readings[0].weaknesses] == ["relationships", "execution"]
    assert readings[1].strengths == readings[1].weaknesses == () and not readings[1].against_type
