"""Manager types: profiles over the common dimensions, grouped, matched to the archetypes and named.

- `estimator`: `ManagerTypes`, the scikit-learn estimator; `nearest`: `nearest_archetype`, one profile alone.
- `clustering`: distances with missing values, k-means, the choice of k, how clear the grouping is,
  which archetype a group matches, what sets a profile apart.
- `profiles`: the candidate profiles and archetypes the estimator reads, checked.
- `reading`: what a profile says about itself (relative strengths, and where it goes against its type).
- `naming`: every word: the names of the types found and the sentence that explains a candidate's
  type, in en/de/ru from `assessment/locales/naming.yaml` (the estimator returns numbers and ids).
"""

from __future__ import annotations

from assessment.errors import ProfileError

from .clustering import Deviation
from .estimator import ArchetypeMatch, Assignment, FoundType, ManagerTypes, nearest_archetype
from .naming import explanation, type_names
from .profiles import Archetypes, check_profiles, load_archetypes, load_dimension_names

__all__ = [
    "ArchetypeMatch",
    "Archetypes",
    "Assignment",
    "Deviation",
    "FoundType",
    "ManagerTypes",
    "ProfileError",
    "check_profiles",
    "explanation",
    "load_archetypes",
    "load_dimension_names",
    "nearest_archetype",
    "type_names",
]
