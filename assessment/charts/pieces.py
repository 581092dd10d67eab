"""Small pieces several chart modules share: a competency's name, the rating axis, line segments."""

from __future__ import annotations

import pandas as pd

from assessment.results import RoundResults


def competency_name(results: RoundResults, competency_id: str, lang: str) -> str:
    try:
        return results.catalog.competency(competency_id).name.get(lang)
    except KeyError:  # a rating for a competency the catalog no longer has
        return competency_id


def padded_scale(results: RoundResults, pad: float = 0.3) -> list[float]:
    """An axis over the catalog's rating scale with room for the markers at both ends."""
    low, high = results.catalog.bounds()
    return [low - pad, high + pad]


def segments(starts: pd.Series, ends: pd.Series) -> list:
    """x or y coordinates of separate line segments for one trace: start, end, gap, start, end, gap …"""
    return [value for a, b in zip(starts, ends, strict=True) for value in (a, b, None)]
