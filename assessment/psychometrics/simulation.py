"""Simulated honest respondents for checking a questionnaire before real answers exist.

`graded_responses` draws Likert answers from Samejima's graded response model, so that the reliability of
each area and the false-alarm rate of the careless-answering checks can be measured on respondents whose
true levels are known (``benchmarks/bench_items.py`` prints both for every shipped catalog).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessment.errors import InvalidValue

from ._checks import require_columns

ITEM_COLUMNS = ["item", "competency", "area", "reverse"]


def graded_responses(
    items: pd.DataFrame,
    traits: pd.DataFrame,
    *,
    scale: tuple[int, int] = (1, 5),
    discrimination: tuple[float, float] = (1.2, 2.2),
    facet_sd: float = 0.5,
    seconds: tuple[float, float] = (4.0, 25.0),
    random_state: int | None = None,
) -> pd.DataFrame:
    """Answers of honest respondents under the graded response model.

    Parameters
    ----------
    items : pandas.DataFrame
        The questionnaire in the order shown: ``item``, ``competency``, ``area``, ``reverse`` (bool).
    traits : pandas.DataFrame
        One row per respondent (the index names them), one column per area: the true level
        :math:`\\theta` on the latent scale (mean 0, sd 1 in the population).
    scale : (int, int)
        The answer scale; its ``m = max - min`` thresholds are spread evenly over
        :math:`[-1.5, 1.5]` around each item's location.
    discrimination : (float, float)
        Range of the item slopes :math:`a_i`, drawn uniformly per item.
    facet_sd : float
        Sd of a respondent's competency facet around the area level:
        :math:`\\theta_{pc} = \\theta_{pA} + \\varepsilon_{pc}`, so that items of one competency agree
        more with each other than with the rest of the area, as real competencies do.
    seconds : (float, float)
        Range of the seconds spent per item (uniform), so that no honest respondent looks like a speeder.
    random_state : int, optional
        Seeds every draw.

    Returns
    -------
    pandas.DataFrame
        Long format, as `response_quality` reads it: ``candidate, item, value, answered_at``.

    Notes
    -----
    Samejima's graded response model: for item :math:`i` with slope :math:`a_i` and ordered thresholds
    :math:`b_{i1} < \\dots < b_{im}`,

    .. math:: P(X_i \\ge \\min + k \\mid \\theta) = \\frac{1}{1 + e^{-a_i(\\theta - b_{ik})}}, \\quad k = 1..m

    and :math:`P(X_i = \\min + k) = P(X_i \\ge \\min + k) - P(X_i \\ge \\min + k + 1)`. A reverse-keyed item
    is answered by the same model at :math:`-\\theta_{pc}`: agreeing with it means a low level. Item
    locations are drawn from :math:`U(-0.5, 0.5)`.

    References
    ----------
    Samejima, F. (1969). Estimation of latent ability using a response pattern of graded scores.
    Psychometrika Monograph Supplement, 34(4, Pt. 2), No. 17.
    """
    require_columns(items, ITEM_COLUMNS, "the item table")
    unknown = sorted(set(items["area"]) - set(traits.columns))
    if unknown:
        raise InvalidValue(f"the traits have no column for the area {unknown[0]!r}", code="area_unknown",
                           area=repr(unknown[0]))
    rng = np.random.default_rng(random_state)
    theta = _facet_levels(items, traits, facet_sd, rng)  # respondents x items, sign of the keying applied
    n_steps = scale[1] - scale[0]
    slopes = rng.uniform(*discrimination, len(items))
    thresholds = rng.uniform(-0.5, 0.5, (len(items), 1)) + np.linspace(-1.5, 1.5, n_steps)[None, :]
    at_least = 1 / (1 + np.exp(-slopes[None, :, None] * (theta[:, :, None] - thresholds[None])))
    steps = (rng.random(theta.shape)[:, :, None] < at_least).sum(axis=2)  # cumulative probabilities: 0..m
    values = scale[0] + steps
    gaps = rng.uniform(*seconds, theta.shape)
    start = pd.Timestamp("2026-01-05T09:00:00Z")
    times = start + pd.to_timedelta(gaps.cumsum(axis=1).ravel(), unit="s")
    return pd.DataFrame({
        "candidate": np.repeat(traits.index.to_numpy(), len(items)),
        "item": np.tile(items["item"].to_numpy(), len(traits)),
        "value": values.ravel().astype(float),
        "answered_at": times,
    })


def _facet_levels(items: pd.DataFrame, traits: pd.DataFrame, facet_sd: float, rng) -> np.ndarray:
    competencies = list(dict.fromkeys(items["competency"]))
    area_of = dict(zip(items["competency"], items["area"], strict=False))
    facets = {c: traits[area_of[c]].to_numpy() + rng.normal(0, facet_sd, len(traits)) for c in competencies}
    sign = np.where(items["reverse"].astype(bool).to_numpy(), -1.0, 1.0)
    return np.column_stack([facets[c] for c in items["competency"]]) * sign[None, :]


__all__ = ["graded_responses"]
