"""The committee's charts: pure functions from computed results to plotly figures.

- `style`: the palette, the figure frame and notes every chart shares; user text made plain.
- `labels`: competency labels that fit (short codes, wrapped names) and the key from code to full name.
- `comparison`: the comparison page's figures of a round (`RoundResults`); `heatmap` holds its heatmaps and
  `disagreement` the chart of who rated what where interviewers differ; `pieces` what they share.
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
from .labels import competency_key
from .manager_types import type_color, type_radar, type_strip
from .style import COLORS, PALETTE, plain, short

__all__ = [
    "COLORS",
    "PALETTE",
    "competency_heatmap",
    "competency_key",
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
