"""Reliability: Cronbach's alpha of a questionnaire, intraclass correlations of raters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import f as f_dist

from assessment.errors import DuplicateEntries, IncompleteRatings, InsufficientData, InvalidValue

from ._checks import (
    numeric_values,
    reflect,
    require_columns,
    require_frame,
    scale_bounds,
    shown,
)
from .bands import interpret_alpha, interpret_icc, interpret_item_total

ICC_FORMS = ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")
_ICC_DESCRIPTIONS = (
    "Single raters absolute",
    "Single random raters",
    "Single fixed raters",
    "Average raters absolute",
    "Average random raters",
    "Average fixed raters",
)


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of a set of items, with its interval and the statistics of each item.

    ``item_total`` has one row per item: ``item``, ``corrected_item_total`` (correlation of
    the item with the sum of the other items), ``alpha_if_deleted`` and ``band`` (see
    `interpret_item_total`).
    """

    alpha: float
    ci95: tuple[float, float]
    n_items: int
    n_respondents: int
    item_total: pd.DataFrame

    @property
    def band(self) -> str:
        """The alpha's interpretation band, see `interpret_alpha`."""
        return interpret_alpha(self.alpha)


@dataclass(frozen=True)
class IccResult:
    """The six intraclass correlations of one set of ratings.

    ``table`` has one row per form (``ICC1`` … ``ICC3k``) and the columns ``type``,
    ``description``, ``icc``, ``f``, ``df1``, ``df2``, ``pval``, ``ci_low``, ``ci_high``
    and ``band`` (see `interpret_icc`). ``n_dropped`` counts the targets left out because
    a rater had not rated them.
    """

    table: pd.DataFrame
    n_targets: int
    n_raters: int
    n_dropped: int


def cronbach_alpha(
    data: pd.DataFrame,
    reverse: list | None = None,
    scale_min: float | None = None,
    scale_max: float | None = None,
    ci: float = 0.95,
) -> AlphaResult:
    """Cronbach's alpha, Feldt's interval, corrected item-total correlations, alpha if deleted.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide format: one row per respondent, one numeric column per item; NaN for a
        missing answer. Rows without a single answer are ignored.
    reverse : list of str, optional
        Reverse-keyed items, reflected as :math:`x' = min + max - x` before anything else.
    scale_min, scale_max : float, optional
        The answer scale. When not given, the smallest and largest answer observed over
        all items. Given bounds are checked: a value outside them raises `InvalidValue`.
        Alpha does not depend on the bounds (reflection only shifts an item by a constant).
    ci : float
        Level of the confidence interval (0.95 for the 95% interval).

    Returns
    -------
    AlphaResult
        ``alpha``, ``ci95`` (lower, upper), ``n_items``, ``n_respondents``, ``item_total``.

    Notes
    -----
    With :math:`C` the :math:`k \\times k` covariance matrix of the items,

    .. math::
        \\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\operatorname{tr} C}{\\sum_{ij} C_{ij}}\\right)

    Missing answers are handled as ``pingouin.cronbach_alpha`` does by default: each
    covariance uses every respondent who answered both items (pairwise deletion). Feldt's
    interval, with :math:`n` respondents:

    .. math:: \\left[1 - (1-\\alpha) F_{1-\\gamma/2},\\; 1 - (1-\\alpha) F_{\\gamma/2}\\right],
              \\quad F \\sim F(n-1, (n-1)(k-1)),\\ \\gamma = 1 - ci

    The corrected item-total correlation of item :math:`i` and alpha if :math:`i` is
    deleted come from the same matrix, with :math:`R_i = \\sum_{j \\ne i} C_{ij}` and
    :math:`V_{-i} = \\sum_{j,l \\ne i} C_{jl}` (the variance of the rest score):
    :math:`r_{i,rest} = R_i / \\sqrt{C_{ii} V_{-i}}` and
    :math:`\\alpha_{-i} = \\frac{k-1}{k-2}(1 - (\\operatorname{tr} C - C_{ii}) / V_{-i})`.
    With complete data they equal the Pearson correlation with the rest score and the
    alpha of the other items.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16(3), 297-334.
    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference for
    coefficient alpha. Applied Psychological Measurement, 11(1), 93-103.

    Examples
    --------
    >>> import pingouin as pg
    >>> long = pg.read_dataset("cronbach_alpha")
    >>> wide = long.pivot(index="Subj", columns="Items", values="Scores")
    >>> round(cronbach_alpha(wide).alpha, 4)
    0.5917
    """
    _check_level(ci)
    items = _item_columns(data)
    values = _drop_empty_rows(numeric_values(data, items, "the answers"))
    _require_answers(values, items)
    lo, hi = scale_bounds(values, scale_min, scale_max, items)
    values = _reflect_items(values, items, reverse, lo, hi)
    cov = _pairwise_cov(values)
    alpha = _alpha_from_cov(cov)
    n, k = values.shape
    return AlphaResult(
        alpha=alpha,
        ci95=_feldt_interval(alpha, n, k, ci),
        n_items=k,
        n_respondents=n,
        item_total=_item_statistics(cov, items),
    )


def _item_columns(data: pd.DataFrame) -> list:
    require_frame(data, "the answers")
    items = list(data.columns)
    if len(items) < 2:
        raise InsufficientData(f"alpha needs at least 2 items, got {len(items)}", code="alpha_items", count=len(items))
    return items


def _drop_empty_rows(values: np.ndarray) -> np.ndarray:
    if not np.isnan(values.sum()):
        return values  # nothing missing: no copy
    empty = np.isnan(values).all(axis=1)
    return values[~empty] if empty.any() else values


def _require_answers(values: np.ndarray, items: list) -> None:
    if len(values) < 2:
        raise InsufficientData(f"alpha needs at least 2 respondents, got {len(values)}", code="alpha_respondents",
                               count=len(values))
    if not np.isnan(values.sum()):
        return  # no answer missing
    answered = (~np.isnan(values)).sum(axis=0)
    if answered.min() < 2:
        item = items[int(answered.argmin())]
        raise InsufficientData(f"item {item!r} has {answered.min()} answers; 2 or more are needed",
                               code="item_answers_few", item=repr(item), count=int(answered.min()))


def _reflect_items(values: np.ndarray, items: list, reverse, lo: float, hi: float) -> np.ndarray:
    if reverse is None:
        return values
    reverse = [reverse] if isinstance(reverse, str) else list(reverse)
    unknown = [r for r in reverse if r not in items]
    if unknown:
        names = ", ".join(repr(r) for r in unknown)
        raise InvalidValue(f"reverse-keyed item {names} is not among the items", code="reverse_unknown", items=names)
    columns = [items.index(r) for r in dict.fromkeys(reverse)]
    values = values.copy()
    values[:, columns] = reflect(values[:, columns], lo, hi)
    return values


def _pairwise_cov(values: np.ndarray) -> np.ndarray:
    """Sample covariance; each pair of items over the respondents who answered both.

    Equal to ``pandas.DataFrame.cov()`` (pingouin's choice), but from three matrix products
    instead of a loop over pairs. With :math:`m` the 0/1 answered mask and :math:`x` the
    answers centred on their item mean (0 where missing), over the rows where both items
    were answered :math:`n_{ij} = m_i \\cdot m_j` and
    :math:`C_{ij} = (x_i \\cdot x_j - (x_i \\cdot m_j)(x_j \\cdot m_i) / n_{ij}) / (n_{ij} - 1)`.
    Centring first keeps the one-pass formula accurate.
    """
    if not np.isnan(values.sum()):  # nothing missing: the textbook formula
        centred = values - values.mean(axis=0)
        return centred.T @ centred / (len(values) - 1)
    answered = ~np.isnan(values)
    centred = values - np.nanmean(values, axis=0)
    centred[~answered] = 0.0
    mask = answered.astype(float)
    # three k-wide products rather than one 2k-wide: each stays under OpenBLAS's threading
    # threshold, and threaded BLAS on a busy machine was several times slower
    n = mask.T @ mask
    sums = centred.T @ mask  # sums[i, j]: item i summed over the rows where j is answered
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = (centred.T @ centred - sums * sums.T / n) / (n - 1)
    cov[n < 2] = np.nan
    return cov


def _alpha_from_cov(cov: np.ndarray) -> float:
    k = cov.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(k / (k - 1) * (1 - np.trace(cov) / cov.sum()))


def _feldt_interval(alpha: float, n: int, k: int, ci: float) -> tuple[float, float]:
    tail = (1 - ci) / 2
    lower, upper = 1 - (1 - alpha) * f_dist.isf([tail, 1 - tail], n - 1, (n - 1) * (k - 1))
    return float(lower), float(upper)


def _check_level(ci: float) -> None:
    if not 0 < ci < 1:
        raise InvalidValue(f"the confidence level must lie between 0 and 1, got {ci}", code="confidence_level", ci=ci)


def _item_statistics(cov: np.ndarray, items: list) -> pd.DataFrame:
    k = cov.shape[0]
    var = np.diag(cov)
    with_rest = cov.sum(axis=1) - var
    rest_var = cov.sum() - 2 * cov.sum(axis=1) + var
    with np.errstate(divide="ignore", invalid="ignore"):
        r_rest = with_rest / np.sqrt(var * rest_var)
        drop = (k - 1) / (k - 2) * (1 - (np.trace(cov) - var) / rest_var) if k > 2 else np.nan
    bands = [interpret_item_total(r) for r in r_rest]
    return pd.DataFrame(
        {"item": items, "corrected_item_total": r_rest, "alpha_if_deleted": drop, "band": bands}
    )


def icc(
    data: pd.DataFrame,
    targets: str,
    raters: str,
    ratings: str,
    nan_policy: str = "omit",
    ci: float = 0.95,
) -> IccResult:
    """Intraclass correlations ICC1, ICC2, ICC3, ICC1k, ICC2k and ICC3k with their intervals.

    Parameters
    ----------
    data : pandas.DataFrame
        Long format: one row per rating.
    targets, raters, ratings : str
        Columns naming the rated target (a candidate), the rater and the numeric rating.
    nan_policy : {'omit', 'raise'}
        The forms need every target rated by every rater. ``'omit'`` leaves out targets
        with a missing rating (as ``pingouin.intraclass_corr(nan_policy='omit')``; the count
        is in ``n_dropped``); ``'raise'`` raises `IncompleteRatings` instead. A rater who
        rated nothing is no rater. A target rated twice by one rater raises `DuplicateEntries`.
    ci : float
        Level of the confidence intervals.

    Returns
    -------
    IccResult
        ``table`` (one row per form), ``n_targets``, ``n_raters``, ``n_dropped``.

    Notes
    -----
    From the two-way table of :math:`n` targets by :math:`k` raters: mean squares between
    targets :math:`MS_R` (df :math:`n-1`), between raters :math:`MS_C` (df :math:`k-1`),
    residual :math:`MS_E` (df :math:`(n-1)(k-1)`) and within targets :math:`MS_W`
    (df :math:`n(k-1)`). Then

    .. math::
        ICC1 = \\frac{MS_R - MS_W}{MS_R + (k-1) MS_W}, \\quad
        ICC2 = \\frac{MS_R - MS_E}{MS_R + (k-1) MS_E + k (MS_C - MS_E)/n}, \\quad
        ICC3 = \\frac{MS_R - MS_E}{MS_R + (k-1) MS_E}

    and the average-rater forms ICC1k = :math:`(MS_R - MS_W)/MS_R`,
    ICC2k = :math:`(MS_R - MS_E)/(MS_R + (MS_C - MS_E)/n)`, ICC3k = :math:`(MS_R - MS_E)/MS_R`.
    Intervals follow Shrout & Fleiss (1979) and, for ICC2, McGraw & Wong (1996) with
    Satterthwaite's degrees of freedom; values equal ``pingouin.intraclass_corr``.
    ICC1 ≙ ICC(1,1), ICC2 ≙ ICC(A,1), ICC3 ≙ ICC(C,1) in McGraw & Wong's terms.

    References
    ----------
    Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing
    rater reliability. Psychological Bulletin, 86(2), 420-428.
    McGraw, K. O., & Wong, S. P. (1996). Forming inferences about some intraclass
    correlation coefficients. Psychological Methods, 1(1), 30-46.

    Examples
    --------
    >>> import pingouin as pg
    >>> result = icc(pg.read_dataset("icc"), "Wine", "Judge", "Scores")
    >>> result.table.set_index("type")["icc"].round(4).to_dict()["ICC2"]
    0.7277
    """
    if nan_policy not in ("omit", "raise"):
        raise InvalidValue(f"nan_policy must be 'omit' or 'raise', got {nan_policy!r}", code="nan_policy",
                           value=repr(nan_policy))
    _check_level(ci)
    table, n_dropped = _rating_table(data, targets, raters, ratings, nan_policy)
    n, k = table.shape
    forms = _icc_forms(_mean_squares(table), n, k, 1 - ci)
    return IccResult(table=forms, n_targets=n, n_raters=k, n_dropped=n_dropped)


def _rating_table(data, targets, raters, ratings, nan_policy) -> tuple[np.ndarray, int]:
    """Targets × raters array of ratings, complete rows only; and how many targets were dropped."""
    require_columns(data, [targets, raters, ratings], "the ratings")
    value = numeric_values(data, [ratings], "the ratings")[:, 0]
    target_codes, target_names = pd.factorize(data[targets])
    rater_codes, rater_names = pd.factorize(data[raters].where(~np.isnan(value)))
    keep = (target_codes >= 0) & (rater_codes >= 0)
    target_codes, rater_codes, value = target_codes[keep], rater_codes[keep], value[keep]
    n, k = len(target_names), int(rater_codes.max(initial=-1)) + 1
    if k < 2:
        raise InsufficientData(f"ICC needs at least 2 raters, got {k}", code="icc_raters", count=k)
    cell = target_codes * k + rater_codes
    counts = np.bincount(cell, minlength=n * k).reshape(n, k)
    _reject_repeated(counts, target_names, rater_names)
    table = np.full((n, k), np.nan)
    table.flat[cell] = value
    complete = counts.all(axis=1)
    _check_complete(complete, target_names, nan_policy)
    return table[complete], int(n - complete.sum())


def _reject_repeated(counts: np.ndarray, target_names, rater_names) -> None:
    if counts.size and counts.max() > 1:
        target, rater = np.argwhere(counts > 1)[0]
        raise DuplicateEntries(
            f"target {shown(target_names[target])} is rated more than once "
            f"by rater {shown(rater_names[rater])}",
            code="rated_twice", target=shown(target_names[target]), rater=shown(rater_names[rater]),
        )


def _check_complete(complete: np.ndarray, target_names, nan_policy: str) -> None:
    n_missing = int((~complete).sum())
    if n_missing and nan_policy == "raise":
        example = target_names[int(np.argmin(complete))]
        raise IncompleteRatings(
            f"{n_missing} of {len(complete)} targets lack a rating from some rater "
            f"(e.g. {shown(example)}); rate them or leave them out with nan_policy='omit'",
            code="ratings_incomplete", missing=n_missing, total=len(complete), example=shown(example),
        )
    if complete.sum() < 2:
        raise InsufficientData(
            f"ICC needs at least 2 targets rated by every rater, got {int(complete.sum())}",
            code="icc_targets", count=int(complete.sum()),
        )


def _mean_squares(table: np.ndarray) -> dict[str, float]:
    """Two-way ANOVA without interaction on a complete targets × raters table."""
    n, k = table.shape
    grand = table.mean()
    row_means, col_means = table.mean(axis=1), table.mean(axis=0)
    ss_rows = k * np.sum((row_means - grand) ** 2)
    ss_cols = n * np.sum((col_means - grand) ** 2)
    residual = table - row_means[:, None] - col_means[None, :] + grand
    ss_error = np.sum(residual**2)
    return {
        "msb": ss_rows / (n - 1),
        "msj": ss_cols / (k - 1),
        "mse": ss_error / ((n - 1) * (k - 1)),
        "msw": (ss_cols + ss_error) / (n * (k - 1)),
    }


def _icc_forms(ms: dict[str, float], n: int, k: int, level: float) -> pd.DataFrame:
    msb, msj, mse, msw = ms["msb"], ms["msj"], ms["mse"], ms["msw"]
    with np.errstate(divide="ignore", invalid="ignore"):
        icc1 = (msb - msw) / (msb + (k - 1) * msw)
        icc2 = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n)
        icc3 = (msb - mse) / (msb + (k - 1) * mse)
        icc2k = (msb - mse) / (msb + (msj - mse) / n)
        values = [icc1, icc2, icc3, (msb - msw) / msb, icc2k, (msb - mse) / msb]
        f1, f3 = msb / msw, msb / mse
        intervals = _icc_intervals(ms, n, k, level, f1, f3, icc2)
    df1, df_within, df_error = n - 1, n * (k - 1), (n - 1) * (k - 1)
    table = pd.DataFrame(
        {
            "type": ICC_FORMS,
            "description": _ICC_DESCRIPTIONS,
            "icc": values,
            "f": [f1, f3, f3, f1, f3, f3],
            "df1": df1,
            "df2": [df_within, df_error, df_error, df_within, df_error, df_error],
        }
    )
    table["pval"] = f_dist.sf(table["f"], df1, table["df2"])
    table[["ci_low", "ci_high"]] = intervals
    table["band"] = [interpret_icc(v) for v in values]
    return table


def _icc_intervals(ms, n, k, level, f1, f3, icc2) -> np.ndarray:
    """Six (lower, upper) rows: Shrout & Fleiss (1979) and McGraw & Wong (1996), table 7."""
    q = 1 - level / 2
    df1, df_within, df_error = n - 1, n * (k - 1), (n - 1) * (k - 1)
    f1_lo, f1_hi = f1 / f_dist.ppf(q, df1, df_within), f1 * f_dist.ppf(q, df_within, df1)
    f3_lo, f3_hi = f3 / f_dist.ppf(q, df1, df_error), f3 * f_dist.ppf(q, df_error, df1)
    f_bounds = np.array([[f1_lo, f1_hi], [f3_lo, f3_hi]])
    icc1_ci, icc3_ci = (f_bounds - 1) / (f_bounds + k - 1)
    icc1k_ci, icc3k_ci = 1 - 1 / f_bounds
    icc2_ci = _icc2_interval(ms, n, k, q, icc2)
    icc2k_ci = icc2_ci * k / (1 + icc2_ci * (k - 1))  # Spearman-Brown step-up of the bounds
    return np.array([icc1_ci, icc2_ci, icc3_ci, icc1k_ci, icc2k_ci, icc3k_ci])


def _icc2_interval(ms, n, k, q, icc2) -> np.ndarray:
    """McGraw & Wong's interval for ICC(A,1), with Satterthwaite's approximate df."""
    msb, msj, mse = ms["msb"], ms["msj"], ms["mse"]
    fj = msj / mse
    shared = n * (1 + (k - 1) * icc2) - k * icc2
    v = (n - 1) * (k - 1) * (k * icc2 * fj + shared) ** 2
    v /= (n - 1) * k**2 * icc2**2 * fj**2 + shared**2
    f_hi, f_lo = f_dist.ppf(q, n - 1, v), f_dist.ppf(q, v, n - 1)
    spread = k * msj + (k * n - k - n) * mse
    lower = n * (msb - f_hi * mse) / (f_hi * spread + n * msb)
    upper = n * (f_lo * msb - mse) / (spread + n * f_lo * msb)
    return np.array([lower, upper])
