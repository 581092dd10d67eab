"""Manager types: profiles over the common dimensions, grouped, matched to the archetypes and named.

- `estimator`: `ManagerTypes`, the scikit-learn estimator, and `nearest_archetype`.
- `clustering`: distances with missing values, k-means, the choice of k, how clear the grouping is.
- `profiles`: the candidate profiles and archetypes the estimator reads, checked.
- `naming`: which archetype names a group, and the words that explain a candidate's type.
"""

from __future__ import annotations

from assessment.errors import ProfileError

from .estimator import ArchetypeMatch, Assignment, FoundType, ManagerTypes, nearest_archetype
from .naming import Deviation
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
    "load_archetypes",
    "load_dimension_names",
    "nearest_archetype",
]
