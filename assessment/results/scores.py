"""Everything known about a round, scored: the one object pages, charts, exports and the command read.

Plain data: `assessment.results.loader.load_round` reads it from the store, so nothing that only
reads results needs the database."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from assessment import scoring
from assessment.catalog import Catalog

CONSENSUS_COLUMNS = ["candidate", "competency", "value", "note", "recorded_by", "recorded_at"]
DECISION_COLUMNS = ["verdict", "reasons", "decided_by", "decided_at"]


@dataclass(frozen=True)
class RoundInfo:
    """What results say about the round itself: its id, name, status, the catalog it pins, and whether its
    candidates may download a feedback report of their own self-assessment."""

    id: int
    name: str
    status: str
    catalog_id: str
    catalog_version: str
    catalog_hash: str
    candidate_feedback: bool = False


@dataclass(frozen=True)
class StageInfo:
    """One interview stage of a round: its name, focus competencies and interviewers' names."""

    name: str
    competencies: tuple[str, ...]
    interviewers: tuple[str, ...]


@dataclass(frozen=True)
class PlanInfo:
    """A round's plan (issue 13): the chosen competencies (the results' catalog holds only these, with the
    round's weights and targets), the weights and targets the round set itself, why, and its stages.

    A competency of the plan that no stage focuses on is *not assessed* by interviewers: its interview score
    is missing by design, which is neither "not observed" (an interviewer looked and saw nothing) nor zero.
    """

    competencies: tuple[str, ...]
    weights: dict[str, float]
    targets: dict[str, int]
    rationale: str
    stages: tuple[StageInfo, ...] = ()

    @property
    def not_assessed(self) -> frozenset[str]:
        """The chosen competencies no interviewer is asked to rate (none while the round has no stages)."""
        if not self.stages:
            return frozenset()
        covered = {c for stage in self.stages for c in stage.competencies}
        return frozenset(c for c in self.competencies if c not in covered)


@dataclass(frozen=True)
class RoundResults:
    """A round's data and scores. Frames are indexed by candidate id where they are per candidate.

    - ``candidates``: name, email, language, state, answered, items, submitted_at
    - ``answers`` / ``ratings`` / ``interviews``: the raw long tables from the store
    - ``self_scores`` / ``interview_means``: candidates × competencies (1-5)
    - ``interview``: long per candidate × competency: mean, sd, n, se, ci_low, ci_high
    - ``fit`` / ``self_fit``: fit, fit_low, fit_high in percent; ``fit`` also has ``basis``: "interviewers",
      "mixed" or "consensus" (`scoring.with_consensus`: a committee's consensus rating replaces the
      interviewers' mean of its competency; the interval stays that of the interviewers' spread)
    - ``gaps``: self minus interviewers, candidates × competencies
    - ``consensus``: long candidate, competency, value, note, recorded_by, recorded_at (the debrief)
    - ``decisions``: indexed by candidate: verdict, reasons, decided_by, decided_at
    - ``key``: (the round's stamp, the candidates whose ratings were left out) when computed by
      `loader.round_results`, which keeps figures derived from these results under it; None otherwise
    - ``data``: the round's stamp when its tables were last read or changed (a change of the round's own
      settings, such as its name, keeps it), so that what is derived from the tables alone is kept across it
    """

    round: RoundInfo
    catalog: Catalog
    candidates: pd.DataFrame
    answers: pd.DataFrame
    ratings: pd.DataFrame
    interviews: pd.DataFrame
    self_scores: pd.DataFrame
    interview: pd.DataFrame
    interview_means: pd.DataFrame
    fit: pd.DataFrame
    self_fit: pd.DataFrame
    gaps: pd.DataFrame
    consensus: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CONSENSUS_COLUMNS))
    decisions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=DECISION_COLUMNS, index=pd.Index([], name="candidate")))
    key: tuple | None = field(default=None, compare=False)
    plan: PlanInfo | None = None  # None: no plan, every competency and every interviewer rates all
    data: tuple | None = field(default=None, compare=False)

    def not_assessed(self) -> frozenset[str]:
        """Competencies of the round that no interviewer is asked to rate (see `PlanInfo.not_assessed`)."""
        return self.plan.not_assessed if self.plan is not None else frozenset()

    def dimensions(self, source: str = "interview") -> pd.DataFrame:
        """candidates × dimensions from the interviewers' view ("interview") or the candidate's ("self")."""
        scores = self.interview_means if source == "interview" else self.self_scores
        return scoring.dimension_scores(scores, self.catalog)

    def interviewed(self) -> pd.Index:
        """Candidates with at least one submitted interview."""
        return self.interview_means.dropna(how="all").index

