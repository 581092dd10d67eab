"""Scores: self items → competencies → dimensions → overall, interview ratings with
uncertainty, fit to the role target, and the gap between self-view and interviewers' view.

Everything is vectorised over candidates: answers become a candidates × items matrix,
and a competency's score is a masked matrix product, so scoring never loops per answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from assessment.catalog import SCALE, Catalog


@dataclass(frozen=True)
class Layout:
    """The shape of a catalog as arrays: which item belongs to which competency, and the weights."""

    items: list[str]  # "<competency>.<item>" in questionnaire order
    competencies: list[str]
    item_competency: np.ndarray  # (items,) index into competencies
    reverse: np.ndarray  # (items,) bool
    weights: np.ndarray  # (competencies,)
    targets: np.ndarray  # (competencies,)
    dimensions: list[str]  # dimension of each competency
    scale: tuple[int, int] = SCALE  # (lowest, highest) interview rating of the catalog
    self_scale: tuple[int, int] = SCALE  # (lowest, highest) self-assessment answer

    @classmethod
    def of(cls, catalog: Catalog) -> Layout:
        competencies = catalog.competencies
        position = {c.id: index for index, c in enumerate(competencies)}
        entries = catalog.self_items
        owner = [position[entry.competency.id] for entry in entries]
        reverse = [entry.item.reverse for entry in entries]
        return cls([entry.key for entry in entries], [c.id for c in competencies], np.array(owner, dtype=int),
                   np.array(reverse, dtype=bool),
                   np.array([c.weight for c in competencies], dtype=float),
                   np.array([c.target for c in competencies], dtype=float), [c.dimension for c in competencies],
                   catalog.bounds(), catalog.bounds("self_scale"))

    def membership(self) -> np.ndarray:
        """(items, competencies) 0/1 matrix."""
        matrix = np.zeros((len(self.items), len(self.competencies)))
        matrix[np.arange(len(self.items)), self.item_competency] = 1.0
        return matrix


def answer_matrix(answers: pd.DataFrame, layout: Layout) -> pd.DataFrame:
    """Long answers (candidate, item, value) → candidates × items, NaN where unanswered."""
    known = answers[answers["item"].isin(layout.items)]
    candidates, rows = np.unique(known["candidate"].to_numpy(), return_inverse=True)
    columns = pd.Index(layout.items).get_indexer(known["item"])
    matrix = np.full((len(candidates), len(layout.items)), np.nan)
    matrix[rows, columns] = known["value"].to_numpy(dtype=float)
    return pd.DataFrame(matrix, index=pd.Index(candidates, name="candidate"), columns=layout.items)


def self_scores_matrix(values: np.ndarray, layout: Layout) -> np.ndarray:
    """Competency means of self items with reverse keys applied; NaN where no item was answered.

    ``score_c = mean_i(x'_i)`` over answered items i of competency c, with
    ``x' = (min + max) - x`` for reverse-keyed items.
    """
    low, high = layout.self_scale
    values = np.where(layout.reverse, low + high - values, values)
    answered = ~np.isnan(values)
    membership = layout.membership()
    sums = np.where(answered, values, 0.0) @ membership
    counts = answered.astype(float) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


def self_scores(answers: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """candidates × competencies self-assessment scores (1-5)."""
    layout = Layout.of(catalog)
    matrix = answer_matrix(answers, layout)
    return pd.DataFrame(self_scores_matrix(matrix.to_numpy(), layout), index=matrix.index,
                        columns=layout.competencies)


def interview_scores(ratings: pd.DataFrame, level: float = 0.95, scale: tuple[int, int] = SCALE) -> pd.DataFrame:
    """Per candidate and competency: mean of the interviewers' ratings, SD, n, standard error, t interval.

    "Not observed" (NaN) is left out, never counted as zero. With one interviewer there is no
    interval (NaN bounds): one rating says nothing about the spread between raters.
    ``se = sd / sqrt(n)``, ``ci = mean ± t(1 - (1-level)/2, n-1) · se``.

    Returns columns: candidate, competency, mean, sd, n, se, ci_low, ci_high.
    """
    rated = ratings[ratings["value"].notna()]
    groups = _Groups(rated["candidate"], rated["competency"])
    values = rated["value"].to_numpy(dtype=float)
    n = groups.count()
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = groups.sum(values) / n
        sd = np.where(n > 1, np.sqrt(groups.sum((values - mean[groups.codes]) ** 2) / (n - 1)), np.nan)
        se = sd / np.sqrt(n)
        half = stats.t.ppf(0.5 + level / 2, np.where(n > 1, n - 1, np.nan)) * se
    return pd.DataFrame({"candidate": groups.first_keys(), "competency": groups.second_keys(), "mean": mean,
                         "sd": sd, "n": n.astype(np.int64), "se": se, "ci_low": np.clip(mean - half, *scale),
                         "ci_high": np.clip(mean + half, *scale)})


class _Groups:
    """Rows grouped by two keys (a candidate and a competency), in the keys' sorted order, as `groupby` would
    order them: its sums and counts are array operations, without the fixed cost of a `groupby` per call,
    which was most of the time of scoring the one candidate whose interview changed."""

    def __init__(self, first: pd.Series, second: pd.Series) -> None:
        first_codes, self._first = pd.factorize(first, sort=True)
        second_codes, self._second = pd.factorize(second, sort=True)
        combined = first_codes.astype(np.int64) * max(len(self._second), 1) + second_codes
        groups, self.codes = np.unique(combined, return_inverse=True)
        self._first_of, self._second_of = np.divmod(groups, max(len(self._second), 1))
        self.size = len(groups)

    def count(self) -> np.ndarray:
        return np.bincount(self.codes, minlength=self.size).astype(float)

    def sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.codes, weights=values, minlength=self.size)

    def first_keys(self) -> pd.Index:
        return self._first.take(self._first_of)

    def second_keys(self) -> pd.Index:
        return self._second.take(self._second_of)


def wide(table: pd.DataFrame, column: str, catalog: Catalog) -> pd.DataFrame:
    """A long per-competency table → candidates × competencies (catalog order)."""
    codes, candidates = pd.factorize(table["candidate"], sort=True)
    order = [c.id for c in catalog.competencies]
    columns = pd.Index(order, name="competency").get_indexer(table["competency"])
    known = columns >= 0  # a competency the catalog no longer has is left out, as the reindex below did
    matrix = np.full((len(candidates), len(order)), np.nan)
    matrix[codes[known], columns[known]] = table[column].to_numpy(dtype=float)[known]
    return pd.DataFrame(matrix, index=pd.Index(candidates, name="candidate"),
                        columns=pd.Index(order, name="competency"))


def dimension_scores(scores: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """candidates × dimensions: the weighted mean of the competencies that map onto each dimension."""
    layout = Layout.of(catalog)
    dimensions = list(dict.fromkeys(layout.dimensions))
    membership = np.zeros((len(layout.competencies), len(dimensions)))
    membership[np.arange(len(layout.competencies)), [dimensions.index(d) for d in layout.dimensions]] = 1.0
    membership *= layout.weights[:, None]
    values = scores.reindex(columns=layout.competencies).to_numpy(dtype=float)
    present = ~np.isnan(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = (np.where(present, values, 0.0) @ membership) / (present.astype(float) @ membership)
    return pd.DataFrame(result, index=scores.index, columns=dimensions)


def overall(scores: pd.DataFrame, catalog: Catalog) -> pd.Series:
    """The weighted mean over all competencies with a score."""
    layout = Layout.of(catalog)
    values = scores.reindex(columns=layout.competencies).to_numpy(dtype=float)
    present = ~np.isnan(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = (np.where(present, values, 0.0) @ layout.weights) / (present @ layout.weights)
    return pd.Series(result, index=scores.index, name="overall")


def fit_matrix(scores: np.ndarray, targets: np.ndarray, weights: np.ndarray,
               se: np.ndarray | None = None, df: np.ndarray | None = None, level: float = 0.95,
               lowest: float = SCALE[0]):
    """Fit to the role target in percent, with its interval.

    Each competency contributes the share of its target level reached,
    ``f_c = clip((s_c - lo) / (t_c - lo), 0, 1)`` with ``lo`` the `lowest` level of the scale (exceeding
    the target earns no extra credit),
    and fit is the weighted mean over the competencies with a score, ``100 · Σ w_c f_c / Σ w_c``.
    The interval follows by the delta method, treating competencies as independent:
    ``se_fit = 100 · sqrt(Σ (w_c d_c se_c)²) / Σ w_c`` with ``d_c = 1/(t_c - lo)`` where the
    competency's interval reaches below its target (else 0), and ``fit ± t(df) · se_fit``.
    `se` is (n, competencies), `df` is (n,). Returns (fit, low, high), each (n,).
    """
    present = ~np.isnan(scores)
    shares = np.clip((scores - lowest) / (targets - lowest), 0.0, 1.0)
    total = present @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = 100.0 * (np.where(present, shares, 0.0) @ weights) / total
        if se is None or df is None:
            nan = np.full(fit.shape, np.nan)
            return fit, nan, nan
        critical = stats.t.ppf(0.5 + level / 2, np.where(df >= 1, df, np.nan))[:, None]
        slope = np.where(scores - critical * se < targets, 1.0 / (targets - lowest), 0.0)
        variance = np.where(present, (weights * slope * se) ** 2, 0.0).sum(axis=1)
        half = 100.0 * np.sqrt(variance) / total * critical[:, 0]
    return fit, np.clip(fit - half, 0, 100), np.clip(fit + half, 0, 100)


def pooled_rater_sd(interview: pd.DataFrame) -> pd.DataFrame:
    """Per candidate, the interviewers' disagreement pooled over all competencies.

    ``s_p² = Σ_c (n_c - 1) s_c² / Σ_c (n_c - 1)`` with ``df = Σ_c (n_c - 1)``. With two
    interviewers, one competency alone has a single degree of freedom; pooled over fifteen
    competencies it has fifteen, which gives the fit an interval worth reading.
    Returns columns sd, df indexed by candidate.
    """
    codes, candidates = pd.factorize(interview["candidate"], sort=True)
    dof = interview["n"].to_numpy(dtype=float) - 1
    squares = dof * np.nan_to_num(interview["sd"].to_numpy(dtype=float)) ** 2
    pooled_dof = np.bincount(codes, weights=dof, minlength=len(candidates))
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(np.bincount(codes, weights=squares, minlength=len(candidates))
                     / np.where(pooled_dof > 0, pooled_dof, np.nan))
    return pd.DataFrame({"sd": sd, "df": pooled_dof.astype(np.int64)}, index=pd.Index(candidates, name="candidate"))


def fit_to_target(scores: pd.DataFrame, catalog: Catalog, interview: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per candidate: fit (0-100 %), fit_low, fit_high.

    The interval needs the long `interview` table of `interview_scores`: each competency's standard
    error is the candidate's pooled rater SD over the square root of its number of raters.
    """
    layout = Layout.of(catalog)
    values = scores.reindex(columns=layout.competencies).to_numpy(dtype=float)
    se = df = None
    if interview is not None:
        pooled = pooled_rater_sd(interview).reindex(scores.index)
        raters = wide(interview, "n", catalog).reindex(index=scores.index, columns=layout.competencies)
        se = pooled["sd"].to_numpy()[:, None] / np.sqrt(raters.to_numpy(dtype=float))
        df = pooled["df"].to_numpy(dtype=float)
    fit, low, high = fit_matrix(values, layout.targets, layout.weights, se, df, lowest=layout.scale[0])
    return pd.DataFrame({"fit": fit, "fit_low": low, "fit_high": high}, index=scores.index)


BASES = ("interviewers", "mixed", "consensus")


def with_consensus(means: pd.DataFrame, consensus: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The scores the fit is computed from once the committee has met, and the basis of each candidate's.

    Rule: where the committee recorded a consensus rating for a competency it replaces the interviewers'
    mean of that competency; every other competency keeps the mean. The consensus is the committee's
    judgement after hearing every interviewer (and it is explained in a note where it departs from the mean),
    so it is the better estimate where it exists; where it does not, the mean is all there is.

    `means` is candidates × competencies; `consensus` is long (candidate, competency, value).
    Returns (scores, basis) with basis per candidate one of `BASES`: "interviewers" (no consensus),
    "consensus" (every competency with a score has one) or "mixed".
    """
    scores = means.copy()
    known = consensus[consensus["candidate"].isin(scores.index) & consensus["competency"].isin(scores.columns)]
    if known.empty:
        return scores, pd.Series("interviewers", index=scores.index, name="basis")
    overlay = known.pivot(index="candidate", columns="competency", values="value").reindex_like(scores)
    agreed = overlay.notna()
    scores = scores.mask(agreed, overlay)
    scored = scores.notna().sum(axis=1)
    counted = agreed.sum(axis=1)
    basis = np.select([counted == 0, counted >= scored], ["interviewers", "consensus"], "mixed")
    return scores, pd.Series(basis, index=scores.index, name="basis")


def gaps(self_view: pd.DataFrame, interview_view: pd.DataFrame) -> pd.DataFrame:
    """Self-view minus interviewers' view per candidate and competency (positive: rates self higher)."""
    if self_view.index.equals(interview_view.index) and self_view.columns.equals(interview_view.columns):
        # The usual case (both are the round's candidates × its competencies): one subtraction of arrays.
        return pd.DataFrame(self_view.to_numpy(dtype=float) - interview_view.to_numpy(dtype=float),
                            index=self_view.index, columns=self_view.columns)
    columns = [c for c in self_view.columns if c in interview_view.columns]
    index = self_view.index.intersection(interview_view.index)
    return self_view.loc[index, columns] - interview_view.loc[index, columns]
