"""Quality of self-assessment answers: straight-lining, speeding and contradictions."""

from __future__ import annotations

import pandas as pd

from assessment.errors import InvalidValue

from ._checks import (
    numeric_values,
    reflect,
    reject_duplicates,
    require_columns,
    scale_bounds,
    shown,
)

ANSWER_COLUMNS = ["candidate", "item", "value", "answered_at"]
ITEM_COLUMNS = ["item", "competency", "reverse"]
OPPOSITE_COLUMN = "opposite_of"  # optional: the plain item a reverse item was written as the opposite of


def response_quality(
    answers: pd.DataFrame,
    items: pd.DataFrame,
    scale_min: float | None = None,
    scale_max: float | None = None,
    *,
    min_answers: int = 8,
    max_modal_share: float = 0.8,
    max_run: int = 12,
    min_seconds: float = 2.0,
    contradiction_gap: float = 3,
    min_contradictions: int = 2,
    min_contradiction_share: float = 0.3,
) -> pd.DataFrame:
    """Signs that a candidate's self-assessment was not answered with care.

    Parameters
    ----------
    answers : pandas.DataFrame
        One row per answer: ``candidate``, ``item``, ``value`` (NaN = not answered),
        ``answered_at`` (timestamp or text that `pandas.to_datetime` reads).
    items : pandas.DataFrame
        The questionnaire, in the order it is shown: ``item``, ``competency``, ``reverse``
        (bool, True for a reverse-keyed item) and optionally ``opposite_of``: for a reverse item
        written as the opposite of a plain item, that item's id (else empty). Only such declared
        pairs are checked for contradictions; without the column no candidate is flagged for them.
    scale_min, scale_max : float, optional
        The answer scale; inferred from the answers when not given (pass them when a
        small sample may not use both ends, as reflection depends on them).
    min_answers : int
        Fewest answers (or timed answers) before straight-lining or speeding is flagged.
    max_modal_share, max_run : float, int
        Straight-lining is flagged when the most frequent answer takes at least
        ``max_modal_share`` of the answers, or ``max_run`` answers in a row are identical.
    min_seconds : float
        Speeding is flagged when the median time per item is below this many seconds.
    contradiction_gap, min_contradictions, min_contradiction_share : float, int, float
        A declared pair (a reverse item and the plain item it is the ``opposite_of``) contradicts
        when, after reflection, the answers differ by at least ``contradiction_gap`` points; the
        candidate is flagged from ``min_contradictions`` such pairs that are also at least
        ``min_contradiction_share`` of the pairs answered. Honest answers clash by chance now and
        then, and the more pairs a catalog declares the more such clashes it collects: on simulated
        honest respondents (graded response model, slopes 1.2–2.2, nine declared pairs) a fixed
        two flagged 11 %, two and a quarter of the pairs 1 %; on the shipped catalogs (9–14 declared
        pairs) a quarter flagged up to 7 % and 30 % flags 0–5 % (``benchmarks/bench_items.py``).

    Returns
    -------
    pandas.DataFrame
        One row per candidate, sorted by candidate::

            candidate, n_answers,
            longest_run, modal_share, straight_lining,       # raw answers, questionnaire order
            median_seconds, speeding,                         # from answered_at differences
            n_pairs, n_contradictions, contradicting,         # declared opposite pairs both answered
            flagged                                           # any of the three flags

    Notes
    -----
    *Straight-lining* looks at raw answers: a careless respondent gives the same answer
    regardless of keying, which is why reverse-keyed items expose it. ``longest_run`` is
    the longest run of identical answers in questionnaire order; ``modal_share`` the share
    of the most frequent answer.

    *Speeding*: answers sorted by ``answered_at``; the median of the :math:`n-1` gaps
    between consecutive answers estimates the seconds spent per item. Under about 2 s per
    item a statement cannot have been read.

    *Contradictions*: with reverse-keyed answers reflected, :math:`x' = min + max - x`,
    a reverse item :math:`r` written as the opposite of a plain item :math:`p` should roughly
    agree with it; :math:`|x_p - x'_r| \\ge 3` means the candidate agreed (or disagreed)
    strongly with a statement and with its opposite. Only declared pairs are compared: two
    merely differently keyed items of a competency ask about different behaviours, and an honest
    respondent may well endorse both (pairing them all flagged honest answers).

    References
    ----------
    Meade, A. W., & Craig, S. B. (2012). Identifying careless responses in survey data.
    Psychological Methods, 17(3), 437-455.
    Curran, P. G. (2016). Methods for the detection of carelessly invalid responses in
    survey data. Journal of Experimental Social Psychology, 66, 4-19.
    Huang, J. L., Curran, P. G., Keeney, J., Poposki, E. M., & DeShon, R. P. (2012).
    Detecting and deterring insufficient effort responding to surveys. Journal of
    Business and Psychology, 27(1), 99-114.
    """
    answered = _answered(answers, items)
    lo, hi = scale_bounds(answered["value"].to_numpy(), scale_min, scale_max, ["value"])
    table = pd.concat(
        [
            _straight_lining(answered, min_answers, max_modal_share, max_run),
            _speeding(answered, min_answers, min_seconds),
            _contradictions(answered, lo, hi, contradiction_gap, min_contradictions, min_contradiction_share),
        ],
        axis=1,
    )
    flags = ["straight_lining", "speeding", "contradicting"]
    table[flags] = table[flags].fillna(False).astype(bool)
    table["flagged"] = table[flags].any(axis=1)
    return table.sort_index().rename_axis("candidate").reset_index()


def _answered(answers: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Answered rows joined to their item's position, competency and keying; checked."""
    require_columns(answers, ANSWER_COLUMNS, "the answers")
    meta = _item_table(items)
    answered = answers[ANSWER_COLUMNS].copy()
    answered["value"] = numeric_values(answers, ["value"], "the answers")[:, 0]
    answered["answered_at"] = _timestamps(answers["answered_at"])
    answered = answered[answered["value"].notna()]
    unknown = answered.loc[~answered["item"].isin(meta["item"]), "item"]
    if len(unknown):
        raise InvalidValue(
            f"the answers name an item that is not in the questionnaire: {unknown.iloc[0]!r}",
            code="item_unknown", item=repr(unknown.iloc[0]),
        )
    reject_duplicates(answered, ["candidate", "item"], "the answers")
    return answered.merge(meta, on="item").sort_values(["candidate", "position"], kind="stable")


def _item_table(items: pd.DataFrame) -> pd.DataFrame:
    require_columns(items, ITEM_COLUMNS, "the item table")
    meta = items[ITEM_COLUMNS].reset_index(drop=True)
    opposite = items[OPPOSITE_COLUMN].reset_index(drop=True) if OPPOSITE_COLUMN in items else None
    meta[OPPOSITE_COLUMN] = opposite.where(opposite.notna() & (opposite != ""), None) if opposite is not None else None
    if meta["reverse"].dtype.kind != "b" and not meta["reverse"].isin([0, 1]).all():
        raise InvalidValue("the item table: column 'reverse' must hold True or False", code="reverse_not_boolean")
    reject_duplicates(meta, ["item"], "the item table")
    return meta.assign(reverse=meta["reverse"].astype(bool), position=meta.index)


def _timestamps(column: pd.Series) -> pd.Series:
    try:
        return pd.to_datetime(column, utc=True, format="mixed")
    except (ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidValue(
            f"the answers: column 'answered_at' holds a value that is not a time ({reason})",
            code="answered_at_invalid", value=shown(_first_non_time(column)),
        ) from None


def _first_non_time(column: pd.Series) -> object:
    """The first value pandas cannot read as a time on its own (the first value when each can but
    not all together, as with times with and without a time zone)."""
    values = column.dropna()
    for value in values:
        try:
            pd.to_datetime(value, utc=True)
        except (ValueError, TypeError):
            return value
    return values.iloc[0]


def _straight_lining(answered, min_answers, max_share, max_run) -> pd.DataFrame:
    candidate, value = answered["candidate"], answered["value"]
    new_run = (value != value.shift()) | (candidate != candidate.shift())
    runs = answered.groupby([candidate, new_run.cumsum()]).size()
    per = answered.groupby("candidate")
    table = pd.DataFrame({"n_answers": per.size()})
    table["longest_run"] = runs.groupby(level=0).max()
    table["modal_share"] = (
        answered.groupby(["candidate", "value"]).size().groupby(level=0).max() / table["n_answers"]
    )
    mostly_same = (table["n_answers"] >= min_answers) & (table["modal_share"] >= max_share)
    table["straight_lining"] = mostly_same | (table["longest_run"] >= max_run)
    return table


def _speeding(answered, min_answers, min_seconds) -> pd.DataFrame:
    timed = answered.dropna(subset=["answered_at"]).sort_values(
        ["candidate", "answered_at"], kind="stable"
    )
    gaps = timed.groupby("candidate")["answered_at"].diff().dt.total_seconds()
    per = gaps.groupby(timed["candidate"])
    table = pd.DataFrame({"median_seconds": per.median(), "n_gaps": per.count()})
    enough = table.pop("n_gaps") + 1 >= min_answers
    table["speeding"] = enough & (table["median_seconds"] < min_seconds)
    return table


def contradicting_pairs(answers: pd.DataFrame, items: pd.DataFrame, scale_min: float, scale_max: float,
                        gap: float = 3) -> pd.DataFrame:
    """Every declared opposite pair both answered (a reverse item and the plain item it is the
    ``opposite_of``), with whether the answers contradict.

    The same check `response_quality` counts per candidate (see its Notes): with reverse-keyed answers
    reflected, ``|x_p - x'_r| >= gap`` is a contradiction. `answers` and `items` as for `response_quality`;
    without an ``opposite_of`` column in `items` there are no pairs.

    Returns one row per candidate and pair::

        candidate, competency, item, value, item_rev, value_rev (reflected), clash (bool)
    """
    pairs = _pairs(_answered(answers, items), scale_min, scale_max)
    return pairs.assign(clash=(pairs["value"] - pairs["value_rev"]).abs() >= gap)[
        ["candidate", "competency", "item", "value", "item_rev", "value_rev", "clash"]]


def _pairs(answered, lo, hi) -> pd.DataFrame:
    keyed = answered.assign(
        value=answered["value"].where(~answered["reverse"], reflect(answered["value"], lo, hi))
    )
    plain = keyed.loc[~keyed["reverse"], ["candidate", "competency", "item", "value"]]
    declared = keyed["reverse"] & keyed[OPPOSITE_COLUMN].notna()
    reverse = keyed.loc[declared, ["candidate", OPPOSITE_COLUMN, "item", "value"]]
    reverse = reverse.rename(columns={"item": "item_rev", "value": "value_rev"})
    reverse = reverse.rename(columns={OPPOSITE_COLUMN: "item"})
    return plain.merge(reverse, on=["candidate", "item"])


def _contradictions(answered, lo, hi, gap, min_count, min_share) -> pd.DataFrame:
    pairs = _pairs(answered, lo, hi)
    clash = (pairs["value"] - pairs["value_rev"]).abs() >= gap
    per = clash.groupby(pairs["candidate"])
    table = pd.DataFrame({"n_pairs": per.size(), "n_contradictions": per.sum()})
    table = table.reindex(answered["candidate"].unique(), fill_value=0)
    table["contradicting"] = (table["n_contradictions"] >= min_count) & (
        table["n_contradictions"] >= min_share * table["n_pairs"])
    return table
