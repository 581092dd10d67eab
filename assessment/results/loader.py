"""Reads a round from the store into `RoundResults`: the one module of `results` that touches the database.

    >>> results = load_round(Store.open(), round_id=1)      # read and scored now
    >>> results = round_results(Store.open(), round_id=1)   # the same, computed once per change of the round

Each table is one query (`Store.round_frames`, the six in one transaction). `round_results` keeps what it
computed in `cache.ROUNDS`, keyed by the round's stamp: a page view after no change costs one small read. After a
change, the results kept for the round's previous revision are brought up to date: the candidates changed since
(`Store.changed_since`) are read again, and of their tables only those that differ are scored again and put in
place of their old rows (every score is a candidate's own: a new interview leaves the self-assessment's scores
as they were). Only a change of the whole round (a plan, an erasure, a merge, or more than a tenth of its
candidates) reads everything again.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import pandas as pd

from assessment import scoring
from assessment.store import Store

from .cache import ROUNDS
from .scores import PlanInfo, RoundInfo, RoundResults, StageInfo


def load_round(store: Store, round_id: int, hide_ratings_of: frozenset[int] = frozenset()) -> RoundResults:
    """The round's data from `store`, scored. Interviewers' ratings of the candidates in `hide_ratings_of`
    are left out, for a reader who still has to submit their own interview of them, and so are the committee's
    consensus and decision on them."""
    return without(read_round(store, round_id), hide_ratings_of)


def round_results(store: Store, round_id: int, hide_ratings_of: frozenset[int] = frozenset()) -> RoundResults:
    """`load_round`, computed once per change of the round's data and shared by every reader of this process.
    The round as everyone may see it is read once; a reader's hidden ratings are taken out of that copy."""
    stamp = store.round_stamp(round_id)
    whole = ROUNDS.get(("results", stamp, frozenset()), lambda: _up_to_date(store, round_id, stamp))
    hidden = frozenset(int(c) for c in hide_ratings_of) & frozenset(whole.interviews["candidate"].tolist())
    if not hidden:  # nothing of what this reader may not see is in the round yet
        return whole
    return ROUNDS.get(("results", stamp, hidden), lambda: without(whole, hidden))


def read_round(store: Store, round_id: int, stamp: tuple | None = None) -> RoundResults:
    """Every submitted answer and interview of the round, with the debrief's consensus and decisions, scored."""
    round_ = store.get_round(round_id)
    catalog = store.catalog_of_round(round_id)
    frames = _tables(store.round_frames(round_id), catalog)
    return _scored(_info(round_), catalog, *frames.values(), _plan(store, round_id),
                   None if stamp is None else (stamp, frozenset()))


def _tables(frames: dict[str, pd.DataFrame], catalog) -> dict[str, pd.DataFrame]:
    """`Store.round_frames` as `RoundResults` holds them: candidates and decisions indexed by candidate, and a
    round's plan applied: it leaves competencies out, and ratings of those (given before the plan narrowed) do
    not count."""
    ratings = frames["ratings"]
    planned = ratings["competency"].isin([c.id for c in catalog.competencies])
    return {"candidates": frames["candidates"].assign(items=len(catalog.self_items))[list(CANDIDATE_COLUMNS)]
            .set_index("candidate"),
            "answers": frames["answers"],
            "ratings": ratings if planned.all() else ratings[planned].reset_index(drop=True),
            "interviews": frames["interviews"], "consensus": frames["consensus"],
            "decisions": frames["decisions"].set_index("candidate")}


def _info(round_) -> RoundInfo:
    return RoundInfo(round_.id, round_.name, round_.status, round_.catalog_id, round_.catalog_version,
                     round_.catalog_hash, bool(round_.candidate_feedback))


def _up_to_date(store: Store, round_id: int, stamp: tuple) -> RoundResults:
    """The round at `stamp`: the newest results kept for it brought up to date, else read whole."""
    place, revision = stamp[:3], stamp[3]
    with _NEWEST_LOCK:
        newest = _NEWEST.get(place)
    previous = None if newest is None or newest[3] >= revision else ROUNDS.peek(("results", newest, frozenset()))
    results = None if previous is None else updated(store, previous, stamp)
    if results is None:
        results = read_round(store, round_id, stamp)
    with _NEWEST_LOCK:
        if place not in _NEWEST or _NEWEST[place][3] < revision:
            _NEWEST[place] = stamp
    return results


def updated(store: Store, previous: RoundResults, stamp: tuple) -> RoundResults | None:
    """`previous` (results at an older revision of the round) brought up to `stamp`: the round's own row and the
    candidates changed since read again, and what changed of theirs scored again and put in place. None when the
    change concerned the whole round or too many candidates to be worth it: read it whole."""
    round_id, since = previous.round.id, previous.key[0][3]
    whole, changed = store.changed_since(round_id, since)
    if whole or len(changed) > max(MAX_CHANGED, len(previous.candidates) // 10):
        return None
    info, key = _info(store.get_round(round_id)), (stamp, frozenset())
    catalog = previous.catalog  # a change of the catalog or the plan is a change of the whole round
    now = _tables(store.round_frames(round_id, only=changed), catalog) if changed else {}
    # Only what differs is put in place: a change the results do not hold (consent given) changes nothing here;
    # a new interview leaves the answers and the self-assessment's scores as they were.
    tables = {name: _replaced(getattr(previous, name), new, changed, by_index=name in INDEXED)
              for name, new in now.items() if not _same_rows(getattr(previous, name), new, changed, name in INDEXED)}
    if not tables:  # the round's own settings only (a name, a state), or nothing the results hold
        return replace(previous, round=info, key=key)
    candidates = now["candidates"]
    # A candidate added (or gone) has scores to add (or drop) on both sides, even without answers or ratings.
    joined = not _rows_of(previous.candidates, changed, by_index=True).index.equals(candidates.index)
    scores = {}
    if joined or "answers" in tables:
        self_scores, self_fit = _self_side(now["answers"], catalog, candidates.index)
        scores.update(self_scores=self_scores, self_fit=self_fit)
    if joined or tables.keys() & {"ratings", "consensus"}:
        interview, means, fit = _interview_side(now["ratings"], now["consensus"], catalog, candidates.index)
        tables["interview"] = _replaced(previous.interview, interview, changed)
        scores.update(interview_means=means, fit=fit)
    if scores:
        mine = {name: scores.get(name, _rows_of(getattr(previous, name), changed, by_index=True))
                for name in ("self_scores", "interview_means")}
        scores["gaps"] = scoring.gaps(mine["self_scores"].reindex(candidates.index),
                                      mine["interview_means"].reindex(candidates.index))
    everyone = tables.get("candidates", previous.candidates).index
    scores = {name: _replaced(getattr(previous, name), value, changed, by_index=True).reindex(everyone)
              for name, value in scores.items()}
    return replace(previous, round=info, key=key, data=key[0], **tables, **scores)


def _same_rows(old: pd.DataFrame, new: pd.DataFrame, changed: list[int], by_index: bool) -> bool:
    """Whether the rows of the `changed` candidates in `old` are `new` (their rows now)."""
    before = _rows_of(old, changed, by_index)
    if len(before) != len(new) or before.empty:
        return len(before) == len(new)
    if not by_index:
        new = new.sort_values("candidate", kind="stable")
        before, new = before.reset_index(drop=True), new.reset_index(drop=True)
    return before.equals(new)


def _rows_of(frame: pd.DataFrame, candidates: list[int], by_index: bool = False) -> pd.DataFrame:
    """The rows of `candidates` in `frame` (a row's candidate is its index when `by_index`, else its column)."""
    owners = frame.index if by_index else frame["candidate"]
    if len(candidates) <= SPLICED and owners.is_monotonic_increasing:
        keys = owners.to_numpy()
        pieces = [frame.iloc[np.searchsorted(keys, c, "left"):np.searchsorted(keys, c, "right")]
                  for c in sorted({int(c) for c in candidates})]
        return pieces[0] if len(pieces) == 1 else pd.concat(pieces)
    return frame[owners.isin(candidates)]


def _replaced(old: pd.DataFrame, new: pd.DataFrame, changed: list[int], by_index: bool = False) -> pd.DataFrame:
    """`old` with the rows of the `changed` candidates replaced by `new` (their rows now), in candidate order
    (a row's candidate is its index when `by_index`, else its `candidate` column)."""
    if by_index and (overwritten := _overwritten(old, new)) is not None:
        return overwritten
    owners = old.index if by_index else old["candidate"]
    if len(changed) <= SPLICED and owners.is_monotonic_increasing:
        return _spliced(old, new, changed, by_index)
    kept = old[~owners.isin(changed)]
    if new.empty:
        return kept if by_index else kept.reset_index(drop=True)
    if kept.empty:
        return new if by_index else new.reset_index(drop=True)
    # A column that held nothing but empty values on one side (object) takes the other side's type, as a read
    # of the whole round would give it.
    both = pd.concat([kept, new]).infer_objects()
    if by_index:
        return both.sort_index(kind="stable")
    return both.sort_values("candidate", kind="stable").reset_index(drop=True)


def _overwritten(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame | None:
    """`_replaced` for a table of numbers only (scores) whose changed candidates all had a row and keep it: a copy
    of `old` with their rows overwritten, without putting a frame together. None for any other table."""
    if new.empty or not new.columns.equals(old.columns) or any(dtype != np.float64 for dtype in old.dtypes):
        return None
    positions = old.index.get_indexer(new.index)
    if (positions < 0).any():
        return None
    values = old.to_numpy(dtype=np.float64, copy=True)
    values[positions] = new.to_numpy(dtype=np.float64)
    return pd.DataFrame(values, index=old.index, columns=old.columns)


def _spliced(old: pd.DataFrame, new: pd.DataFrame, changed: list[int], by_index: bool) -> pd.DataFrame:
    """`_replaced` for a few candidates of an `old` in candidate order: the slices of `old` between them and
    each one's new rows, put together. A slice copies nothing, and a text column (Arrow) is put together from
    its pieces without copying either: a round's answers are hundreds of thousands of rows, and gathering them
    row by row cost more than all else in bringing a round up to date."""
    keys = (old.index if by_index else old["candidate"]).to_numpy()
    new = new.sort_index(kind="stable") if by_index else new.sort_values("candidate", kind="stable")
    new_keys = (new.index if by_index else new["candidate"]).to_numpy()
    pieces, start = [], 0
    for candidate in sorted({int(c) for c in changed}):
        low, high = np.searchsorted(keys, candidate, "left"), np.searchsorted(keys, candidate, "right")
        pieces.append(old.iloc[start:low])
        pieces.append(new.iloc[np.searchsorted(new_keys, candidate, "left"):
                               np.searchsorted(new_keys, candidate, "right")])
        start = high
    pieces.append(old.iloc[start:])
    pieces = [piece for piece in pieces if len(piece)]
    if not pieces:
        return old.iloc[0:0] if by_index else old.iloc[0:0].reset_index(drop=True)
    both = pd.concat(pieces).infer_objects() if len(pieces) > 1 else pieces[0]
    both = _compacted(both)
    return both if by_index else both.reset_index(drop=True)


def _compacted(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each Arrow column of more than MAX_CHUNKS pieces made one again: pieces add up over the
    changes a round's results are brought through, and every pass over a column goes piece by piece."""
    texts = [column for column, dtype in frame.dtypes.items() if isinstance(dtype, pd.StringDtype | pd.ArrowDtype)]
    pieces = {column: getattr(frame[column].array, "_pa_array", None) for column in texts}
    scattered = [c for c, array in pieces.items() if array is not None and getattr(array, "num_chunks", 1) > MAX_CHUNKS]
    if not scattered:
        return frame
    frame = frame.copy(deep=False)
    for column in scattered:
        frame[column] = pd.Series(pieces[column].combine_chunks(), index=frame.index, name=column,
                                  dtype=frame[column].dtype)
    return frame


def without(results: RoundResults, hidden: frozenset[int]) -> RoundResults:
    """`results` without the interviewers' ratings, the consensus and the decision of the candidates in `hidden`,
    scored again."""
    if not hidden:
        return results
    ratings = results.ratings[~results.ratings["candidate"].isin(hidden)].reset_index(drop=True)
    interviews = results.interviews[~results.interviews["candidate"].isin(hidden)].reset_index(drop=True)
    consensus = results.consensus[~results.consensus["candidate"].isin(hidden)].reset_index(drop=True)
    decisions = results.decisions[~results.decisions.index.isin(hidden)]
    key = None if results.key is None else (results.key[0], frozenset(hidden))
    scored = _scored(results.round, results.catalog, results.candidates, results.answers, ratings, interviews,
                     consensus, decisions, results.plan, key)
    return replace(scored, data=results.data)


def _scored(info: RoundInfo, catalog, candidates: pd.DataFrame, answers: pd.DataFrame, ratings: pd.DataFrame,
            interviews: pd.DataFrame, consensus: pd.DataFrame, decisions: pd.DataFrame, plan: PlanInfo | None,
            key: tuple | None) -> RoundResults:
    self_scores, self_fit = _self_side(answers, catalog, candidates.index)
    interview, means, fit = _interview_side(ratings, consensus, catalog, candidates.index)
    return RoundResults(info, catalog, candidates, answers, ratings, interviews, self_scores, interview, means, fit,
                        self_fit, scoring.gaps(self_scores, means), consensus, decisions, key, plan,
                        None if key is None else key[0])


def _self_side(answers: pd.DataFrame, catalog, candidates: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The self-assessment's scores of `candidates` and their fit to the role's target."""
    self_scores = scoring.self_scores(answers, catalog).reindex(candidates)
    return self_scores, scoring.fit_to_target(self_scores, catalog)


def _interview_side(ratings: pd.DataFrame, consensus: pd.DataFrame, catalog, candidates: pd.Index
                    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The interviewers' scores of `candidates` (long, and their means wide) and the fit to the role's target,
    from the committee's consensus where it recorded one."""
    interview = scoring.interview_scores(ratings, scale=catalog.bounds())
    means = scoring.wide(interview, "mean", catalog).reindex(candidates)
    basis_scores, basis = scoring.with_consensus(means, consensus)
    return interview, means, scoring.fit_to_target(basis_scores, catalog, interview).assign(basis=basis)


def _plan(store: Store, round_id: int) -> PlanInfo | None:
    plan = store.plan_of(round_id)
    if plan is None:
        return None
    stages = tuple(StageInfo(s.name, tuple(s.competencies), tuple(p.name for p in s.interviewers))
                   for s in store.stages(round_id))
    return PlanInfo(tuple(plan.competencies), dict(plan.weights), dict(plan.targets), plan.rationale, stages)


INDEXED = ("candidates", "decisions")  # tables whose index is the candidate (the others have a column)
SPLICED = 16  # changed candidates up to which their rows are spliced in (more: gathered in one pass)
MAX_CHUNKS = 64  # pieces of an Arrow column beyond which it is made one again
MAX_CHANGED = 500  # candidates changed since the kept results that are read alone, at least (else a tenth)
_NEWEST: dict[tuple, tuple] = {}  # (database, round id, creation time) -> the stamp of its newest results
_NEWEST_LOCK = threading.Lock()

CANDIDATE_COLUMNS = ("candidate", "name", "email", "language", "state", "answered", "items", "interviews",
                     "submitted_at")

__all__ = ["load_round", "read_round", "round_results", "updated", "without"]
