"""A round computed: its scores, how far to trust them, its manager types, and the questionnaire.

- `scores`: `RoundResults`, a round's data and scores, the object pages, charts and exports read.
- `reliability`: consistency, agreement, rating habits, careless answers and the debrief agenda.
- `manager_types`: each candidate of a round typed, the fit in words and a reading of their own profile.
- `questionnaire`: the candidate's self-assessment in short steps.
"""

from __future__ import annotations

from .manager_types import RoundTypes, archetype_descriptions, round_profiles, type_round
from .reliability import RoundReliability, round_reliability
from .scores import PlanInfo, RoundInfo, RoundResults, StageInfo

__all__ = [
    "PlanInfo",
    "RoundInfo",
    "RoundReliability",
    "RoundResults",
    "RoundTypes",
    "StageInfo",
    "archetype_descriptions",
    "round_profiles",
    "round_reliability",
    "type_round",
]
