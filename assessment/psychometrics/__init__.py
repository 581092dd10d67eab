"""Psychometrics of questionnaires and interviews: reliability, rater effects, response quality.

Pure functions over DataFrames with named columns; no UI and no database. Every number
comes with a machine-readable band (``interpret_*``) that the UI translates.
"""

from __future__ import annotations

from assessment.errors import DuplicateEntries, IncompleteRatings, InsufficientData, MissingColumn

from .bands import interpret_alpha, interpret_icc, interpret_item_total
from .raters import DISAGREEMENT_THRESHOLD, disagreements, rater_effects, rating_ranges
from .reliability import AlphaResult, IccResult, cronbach_alpha, icc
from .responses import contradicting_pairs, response_quality
from .simulation import graded_responses

__all__ = [
    "AlphaResult",
    "DISAGREEMENT_THRESHOLD",
    "DuplicateEntries",
    "IccResult",
    "IncompleteRatings",
    "InsufficientData",
    "MissingColumn",
    "contradicting_pairs",
    "cronbach_alpha",
    "disagreements",
    "graded_responses",
    "icc",
    "interpret_alpha",
    "interpret_icc",
    "interpret_item_total",
    "rater_effects",
    "rating_ranges",
    "response_quality",
]
