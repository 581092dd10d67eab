"""Interpretation bands: a machine-readable word for each number, which the UI translates.

A band is a key such as ``'good'``, never a sentence, so the app can show it in any
language. A missing number (NaN or None) has the band ``'undefined'``.
"""

from __future__ import annotations

import math

UNDEFINED = "undefined"

# (lowest value of the band, key), highest band first
_ALPHA_BANDS = (
    (0.9, "excellent"),
    (0.8, "good"),
    (0.7, "acceptable"),
    (0.6, "questionable"),
    (0.5, "poor"),
)
_ICC_BANDS = ((0.9, "excellent"), (0.75, "good"), (0.5, "moderate"))
_ITEM_TOTAL_BANDS = ((0.3, "good"), (0.2, "weak"))


def _band(value: float | None, bands: tuple, lowest: str) -> str:
    if value is None or math.isnan(value):
        return UNDEFINED
    return next((key for floor, key in bands if value >= floor), lowest)


def interpret_alpha(alpha: float | None) -> str:
    """Band for Cronbach's alpha, after George & Mallery.

    ======================  ================
    alpha                   band
    ======================  ================
    >= .9                   ``'excellent'``
    .8 to .9                ``'good'``
    .7 to .8                ``'acceptable'``
    .6 to .7                ``'questionable'``
    .5 to .6                ``'poor'``
    < .5                    ``'unacceptable'``
    ======================  ================

    References
    ----------
    George, D., & Mallery, P. (2003). SPSS for Windows step by step: A simple guide
    and reference (4th ed.), p. 231. Allyn & Bacon.

    Examples
    --------
    >>> interpret_alpha(0.83)
    'good'
    """
    return _band(alpha, _ALPHA_BANDS, "unacceptable")


def interpret_icc(icc: float | None) -> str:
    """Band for an intraclass correlation, after Koo & Li (2016).

    ``'poor'`` below .5, ``'moderate'`` from .5, ``'good'`` from .75, ``'excellent'`` from .9.
    Koo & Li advise reading the band of the whole 95% interval, not only of the estimate:
    pass the interval's bounds too when the decision matters.

    References
    ----------
    Koo, T. K., & Li, M. Y. (2016). A guideline of selecting and reporting intraclass
    correlation coefficients for reliability research. Journal of Chiropractic
    Medicine, 15(2), 155-163. https://doi.org/10.1016/j.jcm.2016.02.012

    Examples
    --------
    >>> interpret_icc(0.8)
    'good'
    """
    return _band(icc, _ICC_BANDS, "poor")


def interpret_item_total(r: float | None) -> str:
    """Band for a corrected item-total correlation.

    ``'good'`` from .30 (Nunnally & Bernstein's rule of thumb), ``'weak'`` from .20,
    ``'poor'`` below .20 (Streiner & Norman advise revising or dropping such items).

    References
    ----------
    Nunnally, J. C., & Bernstein, I. H. (1994). Psychometric theory (3rd ed.). McGraw-Hill.
    Streiner, D. L., Norman, G. R., & Cairney, J. (2015). Health measurement scales
    (5th ed.), ch. 5. Oxford University Press.

    Examples
    --------
    >>> interpret_item_total(0.25)
    'weak'
    """
    return _band(r, _ITEM_TOTAL_BANDS, "poor")
