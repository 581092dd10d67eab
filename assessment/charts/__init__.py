"""The committee's charts: pure functions from computed results to plotly figures.

- `style`: the palette, the figure frame and notes every chart shares; user text made plain.
- `comparison`: the comparison page's figures of a round (`RoundResults`).
- `manager_types`: the manager-types page's figures of a typed round (`RoundTypes`).
"""

from __future__ import annotations

from .comparison import (
    competency_heatmap,
    disagreement_chart,
    fit_ranking,
    profile_radar,
    score_distribution,
    self_vs_interview,
)
from .manager_types import type_color, type_radar, type_strip
from .style import COLORS, PALETTE, plain, short

__all__ = [
    "COLORS",
    "PALETTE",
    "competency_heatmap",
    "disagreement_chart",
    "fit_ranking",
    "plain",
    "profile_radar",
    "score_distribution",
    "self_vs_interview",
    "short",
    "type_color",
    "type_radar",
    "type_strip",
]
