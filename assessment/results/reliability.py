"""How far to trust a round's numbers: consistency, agreement, rating habits, careless answers, debrief agenda.

`round_reliability` turns a round's raw self-answers and interview ratings into the figures of the
reliability panel on the comparison page. Pure: no UI, no database. It never raises for a small or
empty round: a figure that cannot be computed yet is None, with a reason key (``REASONS``) that the UI
translates, and every figure carries its band key (`interpret_alpha`, `interpret_icc`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from assessment.catalog import Area, Catalog, item_key
from assessment.psychometrics import (
    DISAGREEMENT_THRESHOLD,
    cronbach_alpha,
    disagreements,
    icc,
    interpret_alpha,
    interpret_icc,
    rater_effects,
    response_quality,
)

from .scores import RoundResults

MIN_ITEMS = 2  # alpha is undefined for one item
MIN_RESPONDENTS = 3  # below three respondents alpha is noise
MIN_TARGETS = 5  # fewest candidate × competency cells rated by two interviewers before an ICC is shown
MIN_RATINGS = 10  # ratings of an interviewer before a habit is flagged (see `rater_effects`)
MIN_ANSWERS = 8  # answers of a candidate before careless answering is flagged (see `response_quality`)
PANEL_SIZE = 2  # the ICC compares the first two interviewers of every cell
AGENDA_COLUMNS = [
    "candidate", "name", "competency", "competency_name", "min", "max", "range", "n_raters",
    "interviewers_at_min", "interviewers_at_max",
]  # fmt: skip

REASONS = (
    "too_few_items", "too_few_respondents", "no_variance", "no_ratings", "one_interviewer",
    "no_shared_candidates", "too_few_targets", "too_few_ratings", "no_answers", "too_few_answers",
)  # fmt: skip
RATER_FLAGS = ("lenient", "severe", "halo", "central_tendency")
ANSWER_FLAGS = ("straight_lining", "speeding", "contradicting")
# the figure behind each flag, which the UI puts into the flag's sentence
FLAG_MEASURES = {
    "lenient": "leniency", "severe": "leniency", "halo": "halo_ratio", "central_tendency": "midpoint_share",
    "straight_lining": "modal_share", "speeding": "median_seconds", "contradicting": "n_contradictions",
}  # fmt: skip


@dataclass(frozen=True)
class AreaAlpha:
    """Cronbach's alpha of one competency area's self-assessment items; None with a `reason` when undefined."""

    area: str
    name: str
    n_items: int
    n_respondents: int
    alpha: float | None = None
    ci95: tuple[float, float] | None = None
    band: str = interpret_alpha(None)
    reason: str | None = None


@dataclass(frozen=True)
class Agreement:
    """The interviewers' agreement: ICC1 (one interviewer) and ICC1k (the mean of two), see `agreement`.

    ``n_targets`` counts the candidate × competency cells rated by two interviewers, ``n_candidates``
    the candidates they belong to, ``n_single`` the cells left out because only one interviewer rated them.
    """

    n_targets: int = 0
    n_candidates: int = 0
    n_single: int = 0
    single: float | None = None
    single_ci95: tuple[float, float] | None = None
    single_band: str = interpret_icc(None)
    panel: float | None = None
    panel_ci95: tuple[float, float] | None = None
    panel_band: str = interpret_icc(None)
    reason: str | None = None


@dataclass(frozen=True)
class Check:
    """The rows one check produced; `reason` says why it could not run, or why its rows say little yet.

    Rows of the rater and answer checks carry a ``flags`` column: the list of flags raised on that row.
    """

    rows: pd.DataFrame
    reason: str | None = None

    def flagged(self) -> pd.DataFrame:
        """One row per raised flag: the row's columns, ``flag`` and ``measure`` (its figure, `FLAG_MEASURES`)."""
        rows = self.rows[self.rows["flags"].map(len) > 0].explode("flags").rename(columns={"flags": "flag"})
        measures = [row[FLAG_MEASURES[row["flag"]]] for row in rows.to_dict("records")]
        return rows.assign(measure=measures).reset_index(drop=True)


@dataclass(frozen=True)
class RoundReliability:
    """Everything the reliability panel shows for one round."""

    areas: tuple[AreaAlpha, ...]
    agreement: Agreement
    rater_effects: Check
    response_quality: Check
    agenda: Check


def round_reliability(results: RoundResults, lang: str = "en") -> RoundReliability:
    """How far to trust the round's numbers; area, candidate and competency names in `lang`.

    - ``areas``: Cronbach's alpha of each competency area's self-assessment items (`area_alphas`)
    - ``agreement``: the interviewers' ICC over submitted ratings (`agreement`)
    - ``rater_effects``: one row per interviewer, `psychometrics.rater_effects` plus ``flags``
    - ``response_quality``: one row per candidate with answers, `psychometrics.response_quality`
      plus ``name`` and ``flags``
    - ``agenda``: `psychometrics.disagreements` (2 points or more) plus ``name`` (the candidate's)
      and ``competency_name``; the cells a debrief should talk about, candidate by candidate
    """
    ratings = observed_ratings(results.ratings)
    scale = results.catalog.bounds()
    return RoundReliability(
        areas=area_alphas(results, lang),
        agreement=agreement(ratings),
        rater_effects=_rater_effects(ratings, scale),
        response_quality=_response_quality(results),
        agenda=_agenda(results, ratings, lang),
    )


def observed_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Ratings of submitted interviews with a value (not "not observed"), in the order interviews began."""
    observed = ratings[(ratings["status"] == "submitted") & ratings["value"].notna()]
    return observed.sort_values(["interview", "competency"], kind="stable").reset_index(drop=True)


def area_alphas(results: RoundResults, lang: str = "en") -> tuple[AreaAlpha, ...]:
    """Cronbach's alpha of every competency area's self-assessment items, reverse keys reflected.

    Over the candidates who answered every item of the area (listwise deletion, so that each
    alpha rests on one stated number of candidates); partial self-assessments count for the areas
    they finished. Careless answers are not screened out: the panel flags them beside the alpha.
    """
    answers = results.answers.dropna(subset=["value"])
    wide = answers.pivot(index="candidate", columns="item", values="value")
    low, high = results.catalog.bounds("self_scale")
    return tuple(_area_alpha(area, wide, low, high, lang) for area in results.catalog.areas)


def _area_alpha(area: Area, wide: pd.DataFrame, low: float, high: float, lang: str) -> AreaAlpha:
    items = [(entry.key, entry.item.reverse) for entry in area.self_items]
    answered = wide.reindex(columns=[key for key, _ in items]).dropna()
    known = AreaAlpha(area.id, area.name.get(lang), n_items=len(items), n_respondents=len(answered))
    if len(items) < MIN_ITEMS:
        return replace(known, reason="too_few_items")
    if len(answered) < MIN_RESPONDENTS:
        return replace(known, reason="too_few_respondents")
    result = cronbach_alpha(answered, [key for key, reverse in items if reverse], low, high)
    if not math.isfinite(result.alpha):
        return replace(known, reason="no_variance")
    return replace(known, alpha=result.alpha, ci95=result.ci95, band=result.band)


def agreement(ratings: pd.DataFrame) -> Agreement:
    """How well interviewers agree: one-way random ICC1 and ICC1k (Shrout & Fleiss, 1979).

    Design. A target is one candidate × competency cell; its raters are the interviewers of that
    candidate. Interviewers differ from candidate to candidate, so the raters are not the same people
    for every target: that is Shrout & Fleiss's case 1, the one-way random model, where differences
    between interviewers (a lenient one, a strict one) count as disagreement. That is right for a
    committee: a candidate who met the lenient interviewer really does get a higher score.

    Unequal panels. Candidates meet two or three interviewers. The ICC needs the same number of
    ratings per target, and in the one-way model the raters are interchangeable, so each cell
    contributes the ratings of its first two interviewers (in the order the interviews began);
    cells rated by one interviewer only are left out (``n_single``). ``single`` = ICC1 is the
    reliability of one interviewer's rating, ``panel`` = ICC1k with k = 2 that of the mean of two
    (the Spearman-Brown step-up of ICC1), a conservative figure for panels of three.

    References
    ----------
    Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
    reliability. Psychological Bulletin, 86(2), 420-428.
    """
    pairs, n_single = _first_two_ratings(ratings)
    n_targets = pairs["target"].nunique()
    counts = Agreement(n_targets=n_targets, n_candidates=pairs["candidate"].nunique(), n_single=n_single)
    if ratings.empty:
        return replace(counts, reason="no_ratings")
    if n_targets == 0:
        return replace(counts, reason="no_shared_candidates")
    if n_targets < MIN_TARGETS:
        return replace(counts, reason="too_few_targets")
    forms = icc(pairs, "target", "slot", "value").table.set_index("type")
    single, panel = forms.loc["ICC1"], forms.loc["ICC1k"]
    if not math.isfinite(single["icc"]):
        return replace(counts, reason="no_variance")
    # Banded as shown (two decimals): 0.495 shows as 0.50 and must not be read out as "poor" beside it.
    return replace(counts, single=float(single["icc"]), single_ci95=_interval(single),
                   single_band=interpret_icc(round(float(single["icc"]), 2)),
                   panel=float(panel["icc"]), panel_ci95=_interval(panel),
                   panel_band=interpret_icc(round(float(panel["icc"]), 2)))


def _first_two_ratings(ratings: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The first two ratings of every cell rated twice or more (``target``, ``slot`` 0/1); cells rated once."""
    cells = ratings.groupby(["candidate", "competency"], sort=False)
    numbered = ratings.assign(target=cells.ngroup(), slot=cells.cumcount(), n=cells["value"].transform("size"))
    pairs = numbered[(numbered["n"] >= PANEL_SIZE) & (numbered["slot"] < PANEL_SIZE)]
    return pairs, int((numbered["n"] == 1).sum())


def _rater_effects(ratings: pd.DataFrame, scale: tuple[float, float]) -> Check:
    if ratings.empty:
        return Check(_no_rows("interviewer"), "no_ratings")
    if ratings["interviewer"].nunique() < 2:
        return Check(_no_rows("interviewer"), "one_interviewer")
    table = rater_effects(ratings, *scale, min_ratings=MIN_RATINGS)
    table["flags"] = _flag_lists(table, RATER_FLAGS)
    reason = "too_few_ratings" if (table["n_ratings"] < MIN_RATINGS).all() else None
    return Check(table, reason)


def _response_quality(results: RoundResults) -> Check:
    items = questionnaire(results.catalog)
    answers = results.answers[results.answers["item"].isin(items["item"]) & results.answers["value"].notna()]
    if answers.empty:
        return Check(_no_rows("candidate", "name"), "no_answers")
    table = response_quality(answers, items, *results.catalog.bounds("self_scale"), min_answers=MIN_ANSWERS)
    table.insert(1, "name", _names(results, table["candidate"]))
    table["flags"] = _flag_lists(table, ANSWER_FLAGS)
    reason = "too_few_answers" if (table["n_answers"] < MIN_ANSWERS).all() else None
    return Check(table, reason)


def questionnaire(catalog: Catalog) -> pd.DataFrame:
    """The self-assessment items in questionnaire order: ``item`` (stored id), ``competency``, ``reverse``
    and ``opposite_of`` (the stored id of the plain item a reverse item is declared the opposite of, else None)."""
    rows = [(entry.key, entry.competency.id, entry.item.reverse,
             item_key(entry.competency.id, entry.item.opposite_of) if entry.item.opposite_of else None)
            for entry in catalog.self_items]
    return pd.DataFrame(rows, columns=["item", "competency", "reverse", "opposite_of"])


def _agenda(results: RoundResults, ratings: pd.DataFrame, lang: str) -> Check:
    if ratings.empty:
        return Check(pd.DataFrame(columns=AGENDA_COLUMNS), "no_ratings")
    if not ratings.duplicated(["candidate", "competency"]).any():
        return Check(pd.DataFrame(columns=AGENDA_COLUMNS), "no_shared_candidates")
    if ratings["value"].nunique() < 2:  # nothing lies apart; and `disagreements` cannot infer a scale from one value
        return Check(pd.DataFrame(columns=AGENDA_COLUMNS))
    table = _by_candidate(disagreements(ratings, DISAGREEMENT_THRESHOLD))
    table.insert(1, "name", _names(results, table["candidate"]))
    table.insert(3, "competency_name", [_competency_name(results.catalog, c, lang) for c in table["competency"]])
    return Check(table)


def _by_candidate(agenda: pd.DataFrame) -> pd.DataFrame:
    """The agenda candidate by candidate, as a debrief goes: the candidate with the widest gap first."""
    widest = agenda.groupby("candidate")["range"].transform("max")
    order = agenda.assign(widest=widest).sort_values(["widest", "candidate"], ascending=[False, True], kind="stable")
    return order.drop(columns="widest").reset_index(drop=True)  # within a candidate: widest first, as given


def _flag_lists(table: pd.DataFrame, flags: tuple[str, ...]) -> list[list[str]]:
    raised = table[list(flags)].to_numpy(dtype=bool)
    return [[flag for flag, on in zip(flags, row, strict=True) if on] for row in raised]


def _names(results: RoundResults, candidate_ids: pd.Series) -> list[str]:
    names = results.candidates["name"]
    return [str(names.get(cid, cid)) for cid in candidate_ids]


def _competency_name(catalog: Catalog, competency_id: str, lang: str) -> str:
    try:
        return catalog.competency(competency_id).name.get(lang)
    except KeyError:  # a rating of a competency the catalog no longer has
        return competency_id


def _interval(form: pd.Series) -> tuple[float, float]:
    return float(form["ci_low"]), float(form["ci_high"])


def _no_rows(*columns: str) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype=object) for column in (*columns, "flags")})
