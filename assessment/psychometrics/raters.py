"""Interviewers' rating habits, and the ratings a debrief should talk about.

Both functions take interview ratings in long format: one row per rating with the
columns ``candidate``, ``interviewer``, ``competency`` and ``value`` (NaN when the
competency was not observed; such rows are ignored).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from assessment.errors import InvalidValue

from ._checks import numeric_values, reject_duplicates, require_columns, scale_bounds

RATING_COLUMNS = ["candidate", "interviewer", "competency", "value"]
_CELL = ["candidate", "competency"]
DISAGREEMENT_THRESHOLD = 2  # points between the lowest and highest rating of a cell that call for a debrief


def rater_effects(
    ratings: pd.DataFrame,
    scale_min: float = 1,
    scale_max: float = 5,
    *,
    leniency_threshold: float = 0.75,
    min_ratings: int = 10,
    halo_ratio: float = 0.5,
    min_candidates: int = 3,
    central_share: float = 0.5,
    central_sd_ratio: float = 0.6,
) -> pd.DataFrame:
    """Leniency or severity, halo and central tendency of each interviewer.

    Parameters
    ----------
    ratings : pandas.DataFrame
        Long format with the columns ``candidate``, ``interviewer``, ``competency``, ``value``.
    scale_min, scale_max : float
        The rating scale (1..5 in the catalogs); its midpoint is the central category.
    leniency_threshold : float
        Mean deviation, in scale points, from which an interviewer is lenient (or severe).
    min_ratings : int
        Fewest shared ratings (leniency) or ratings (central tendency) before a flag is raised.
    halo_ratio : float
        Halo is flagged when the interviewer's within-candidate spread is at most this
        share of the other interviewers'.
    min_candidates : int
        Fewest candidates with two or more rated competencies before halo is flagged.
    central_share, central_sd_ratio : float
        Central tendency is flagged when at least ``central_share`` of the ratings sit at the
        midpoint and their SD is at most ``central_sd_ratio`` times the other interviewers'.

    Returns
    -------
    pandas.DataFrame
        One row per interviewer, sorted by interviewer::

            interviewer, n_ratings,
            n_shared, leniency, leniency_se, lenient, severe,     # leniency / severity
            n_candidates, halo_sd, halo_ratio, halo,               # halo
            midpoint_share, sd, sd_ratio, central_tendency         # central tendency

    Notes
    -----
    *Leniency.* For each rating :math:`x_{icm}` of interviewer :math:`i` on candidate
    :math:`c` and competency :math:`m` that at least one other interviewer also rated,
    :math:`d_{icm} = x_{icm} - \\bar x_{-i,cm}`, the deviation from the mean of the other
    interviewers. ``leniency`` is the mean of :math:`d` (positive = lenient), ``leniency_se``
    its standard error :math:`s_d / \\sqrt{n}`. With small panels a strong rater pulls the
    others' deviations the other way by about :math:`d/(m-1)` for :math:`m` raters.

    *Halo.* ``halo_sd`` is the mean, over candidates, of the SD of the interviewer's ratings
    across competencies; ``halo_ratio`` divides it by the same mean over all other
    interviewers' candidates. A halo rater sees one general impression, not separate
    competencies. A rater with little spread everywhere is reported as central tendency,
    not halo.

    *Central tendency.* ``midpoint_share`` is the share of ratings within half a point of
    the scale midpoint (on an even scale the two middle categories); ``sd_ratio`` the SD of
    the interviewer's ratings over the SD of all other interviewers' ratings.

    References
    ----------
    Saal, F. E., Downey, R. G., & Lahey, M. A. (1980). Rating the ratings: Assessing the
    psychometric quality of rating data. Psychological Bulletin, 88(2), 413-428.
    Myford, C. M., & Wolfe, E. W. (2003). Detecting and measuring rater effects using
    many-facet Rasch measurement: Part I. Journal of Applied Measurement, 4(4), 386-422.
    """
    obs = _observed_ratings(ratings, scale_min, scale_max)
    lenient = _leniency(obs, leniency_threshold, min_ratings)
    midpoint = (scale_min + scale_max) / 2
    central = _central_tendency(obs, midpoint, central_share, central_sd_ratio, min_ratings)
    halo = _halo(obs, halo_ratio, min_candidates)
    table = lenient.join(halo, how="outer").join(central, how="outer")
    flags, counts = ["lenient", "severe", "halo", "central_tendency"], ["n_shared", "n_candidates"]
    table[flags] = table[flags].fillna(False).astype(bool)
    table[counts] = table[counts].fillna(0).astype(int)
    table["halo"] &= ~table["central_tendency"]  # flat everywhere is not a general impression
    return table.sort_index().reset_index()[_EFFECT_COLUMNS]


_EFFECT_COLUMNS = [
    "interviewer", "n_ratings", "n_shared", "leniency", "leniency_se", "lenient", "severe",
    "n_candidates", "halo_sd", "halo_ratio", "halo", "midpoint_share", "sd", "sd_ratio",
    "central_tendency",
]  # fmt: skip


def _observed_ratings(
    ratings: pd.DataFrame, scale_min: float | None = None, scale_max: float | None = None
) -> pd.DataFrame:
    """The observed ratings (value not NaN) as a float column, checked.

    Raises `MissingColumn` for a missing column, `InvalidValue` for a non-numeric value or
    one outside the scale, `DuplicateEntries` when an interviewer rated the same candidate
    and competency twice.
    """
    require_columns(ratings, RATING_COLUMNS, "the ratings")
    obs = ratings[RATING_COLUMNS].copy()
    obs["value"] = numeric_values(ratings, ["value"], "the ratings")[:, 0]
    obs = obs[obs["value"].notna()]
    if len(obs):
        scale_bounds(obs["value"].to_numpy(), scale_min, scale_max, ["value"])
    reject_duplicates(obs, ["candidate", "interviewer", "competency"], "the ratings")
    return obs


def _leniency(obs: pd.DataFrame, threshold: float, min_shared: int) -> pd.DataFrame:
    cell = obs.groupby(_CELL, sort=False)["value"]
    others = cell.transform("count") - 1
    others_mean = (cell.transform("sum") - obs["value"]) / others.where(others > 0)
    deviation = (obs["value"] - others_mean).rename("deviation")
    per = deviation.groupby(obs["interviewer"])
    table = pd.DataFrame({"n_shared": per.count(), "leniency": per.mean()})
    table["leniency_se"] = per.std() / np.sqrt(table["n_shared"])
    enough = table["n_shared"] >= min_shared
    table["lenient"] = enough & (table["leniency"] >= threshold)
    table["severe"] = enough & (table["leniency"] <= -threshold)
    return table


def _halo(obs: pd.DataFrame, ratio: float, min_candidates: int) -> pd.DataFrame:
    spread = obs.groupby(["interviewer", "candidate"])["value"].std().dropna()
    per = spread.groupby(level="interviewer")
    table = pd.DataFrame({"n_candidates": per.count(), "halo_sd": per.mean()})
    others_n = len(spread) - table["n_candidates"]
    others_mean = (spread.sum() - per.sum()) / others_n.where(others_n > 0)
    table["halo_ratio"] = table["halo_sd"] / others_mean
    table["halo"] = (table["n_candidates"] >= min_candidates) & (table["halo_ratio"] <= ratio)
    return table


def _central_tendency(obs, midpoint, share, sd_ratio, min_ratings) -> pd.DataFrame:
    interviewer = obs["interviewer"]
    per = obs.groupby("interviewer")["value"]
    table = pd.DataFrame({"n_ratings": per.count(), "sd": per.std()})
    table["midpoint_share"] = ((obs["value"] - midpoint).abs() <= 0.5).groupby(interviewer).mean()
    table["sd_ratio"] = table["sd"] / _others_sd(obs["value"], interviewer)
    table["central_tendency"] = (
        (table["n_ratings"] >= min_ratings)
        & (table["midpoint_share"] >= share)
        & (table["sd_ratio"] <= sd_ratio)
    )
    return table


def _others_sd(values: pd.Series, interviewer: pd.Series) -> pd.Series:
    """SD of everyone else's ratings, from totals: s² = (Σx² - (Σx)²/n) / (n - 1)."""
    sums = pd.DataFrame({"n": 1.0, "x": values, "x2": values**2}).groupby(interviewer).sum()
    others = sums.rsub(sums.sum(), axis="columns")
    n = others["n"].where(others["n"] > 1)
    return np.sqrt(((others["x2"] - others["x"] ** 2 / n) / (n - 1)).clip(lower=0))


def rating_ranges(observed: pd.DataFrame) -> pd.DataFrame:
    """Per candidate × competency, how far the interviewers' observed ratings lie apart.

    `observed` holds the columns ``candidate``, ``competency`` and ``value`` (no NaN). Returns
    ``candidate, competency, min, max, n_raters, range`` with ``range = max - min``, the measure
    `disagreements` puts on the agenda and the comparison chart draws.
    """
    cells = observed.groupby(_CELL, sort=False)["value"]
    table = cells.agg(min="min", max="max", n_raters="count").reset_index()
    table["range"] = table["max"] - table["min"]
    return table


def disagreements(ratings: pd.DataFrame, threshold: float = DISAGREEMENT_THRESHOLD) -> pd.DataFrame:
    """The debrief agenda: candidate × competency cells where interviewers' ratings lie far apart.

    Parameters
    ----------
    ratings : pandas.DataFrame
        Long format with the columns ``candidate``, ``interviewer``, ``competency``, ``value``.
    threshold : float
        Smallest range, :math:`\\max - \\min` of the interviewers' ratings of one candidate on
        one competency, that puts the cell on the agenda (2 points on a 1..5 scale).

    Returns
    -------
    pandas.DataFrame
        One row per cell on the agenda, widest range first (then by candidate, competency)::

            candidate, competency, min, max, range, n_raters,
            interviewers_at_min, interviewers_at_max      # sorted lists of interviewers

    Notes
    -----
    The range is the simplest agreement index a committee can act on: a 2-point gap on a
    5-point behaviourally anchored scale means the interviewers saw different behaviour
    or read the anchors differently, which a debrief resolves by comparing evidence.

    References
    ----------
    Campion, M. A., Palmer, D. K., & Campion, J. E. (1997). A review of structure in the
    selection interview. Personnel Psychology, 50(3), 655-702 (discussion of ratings
    before combining them).
    """
    if not threshold > 0:
        raise InvalidValue(f"the disagreement threshold must be positive, got {threshold}",
                           code="threshold_not_positive", threshold=threshold)
    obs = _observed_ratings(ratings)
    agenda = rating_ranges(obs)
    agenda = agenda[agenda["range"] >= threshold]
    for bound in ("min", "max"):
        agenda = agenda.merge(_interviewers_at(obs, agenda, bound), on=_CELL, how="left")
    agenda = agenda.sort_values(["range", *_CELL], ascending=[False, True, True], kind="stable")
    return agenda.reset_index(drop=True)[_AGENDA_COLUMNS]


_AGENDA_COLUMNS = [
    "candidate", "competency", "min", "max", "range", "n_raters",
    "interviewers_at_min", "interviewers_at_max",
]  # fmt: skip


def _interviewers_at(obs: pd.DataFrame, agenda: pd.DataFrame, bound: str) -> pd.DataFrame:
    """Per agenda cell, the sorted interviewers whose rating equals the cell's `bound`."""
    hits = obs.merge(agenda[[*_CELL, bound]], on=_CELL)
    hits = hits[hits["value"] == hits[bound]].assign(name=lambda h: h["interviewer"].astype(str))
    hits = hits.sort_values([*_CELL, "name"], kind="stable")
    # one slice of the sorted names per cell: a Python-level groupby.agg would be 50x slower
    first = ~hits.duplicated(_CELL).to_numpy()
    edges = [*np.flatnonzero(first), len(hits)]
    names = hits["interviewer"].tolist()
    lists = [names[start:end] for start, end in pairwise(edges)]
    return hits.loc[first, _CELL].assign(**{f"interviewers_at_{bound}": lists})
