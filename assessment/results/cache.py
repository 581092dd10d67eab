"""A round computed once per change of its data, shared by every session of the process, bounded in memory.

What is kept is keyed by the round's stamp (`Store.round_stamp`: id, creation time and revision, the revision
going up in the transaction of every change), so nothing is ever served for data that changed since; entries
of older revisions simply fall out as the least recently used. The cache holds computed results only: who may
read them is decided, and every read recorded, by the workspace before it asks here, and what differs per
reader (ratings hidden until one's own interview is submitted) is part of the key.

    >>> results = RESULTS.get(("results", stamp, hidden), lambda: compute())

What is computed from the results (reliability, manager types) is keyed by a digest of what it reads
(`content_key`): the round is read again after any change, but a change that leaves those inputs as they were
(a new name, a decision, a consensus) does not compute them again.

Two sessions asking for the same missing entry at once compute it once: the second waits for the first.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass

import numpy as np
import pandas as pd

from assessment.manager_types import Archetypes, load_archetypes

from .manager_types import RoundTypes, round_profiles, type_round
from .reliability import RoundReliability, round_reliability
from .scores import RoundResults

MAX_ENTRIES = 48  # results, reliability and types of a few rounds, in a few languages and views
MAX_BYTES = 600 * 1024**2  # about the frames of two rounds of 5,000 candidates, with room to compute
SAMPLED = 64  # parts of a mapping or sequence weighed to estimate its size


class ComputedCache:
    """A thread-safe least-recently-used map of computed values, bounded by count and estimated size."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        """The value kept under `key`, or `compute()` kept and returned."""
        with self._lock:
            if key in self._entries:
                return self._hit(key)
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:  # one session computes; others asking for the same key wait, then find it
            with self._lock:
                if key in self._entries:
                    return self._hit(key)
                self.misses += 1
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            self.put(key, value)
            return value

    def peek(self, key: Hashable) -> object | None:
        """The value kept under `key`, or None; computes nothing and counts no hit."""
        with self._lock:
            entry = self._entries.get(key)
            return None if entry is None else entry[0]

    def put(self, key: Hashable, value: object) -> None:
        size = size_of(value)
        with self._lock:
            self._entries.pop(key, None)
            if size > self.max_bytes:
                return  # too big to keep at all: computed for this reader only
            self._entries[key] = (value, size)
            while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def _hit(self, key: Hashable) -> object:
        self._entries.move_to_end(key)
        self.hits += 1
        return self._entries[key][0]


def size_of(value, depth: int = 0) -> int:
    """Estimated bytes held by `value`: frames by their memory use (text columns by a sample), dataclasses,
    mappings and sequences by their parts, a few levels deep; anything else by `sys.getsizeof`."""
    if isinstance(value, pd.DataFrame):
        # A column of numbers holds its length times its item size: weighed without taking the column out (a
        # table of scores has a column per competency).
        fixed = [isinstance(dtype, np.dtype) and dtype.kind != "O" for dtype in value.dtypes]
        numbers = sum(dtype.itemsize for dtype, plain in zip(value.dtypes, fixed, strict=True) if plain) * len(value)
        others = sum(_column_bytes(value.iloc[:, i]) for i, plain in enumerate(fixed) if not plain)
        return int(numbers + others) + int(value.index.memory_usage())
    if isinstance(value, pd.Series):
        return _column_bytes(value)
    if depth > 3:
        return sys.getsizeof(value)
    if is_dataclass(value) and not isinstance(value, type):
        return sum(size_of(getattr(value, f.name), depth + 1) for f in fields(value))
    if isinstance(value, dict):  # not any Mapping: a lazy one would make what it holds only to be weighed
        return sys.getsizeof(value) + _sampled(list(value.values()) if len(value) > SAMPLED else value.values(),
                                               depth)
    if isinstance(value, list | tuple):
        return sys.getsizeof(value) + _sampled(value, depth)
    return sys.getsizeof(value)


def _sampled(parts, depth: int) -> int:
    """The estimated bytes of `parts`: of each when there are at most SAMPLED, else of SAMPLED spread over them
    times their share (a round's thousands of readings are alike; weighing each cost more than typing them)."""
    if len(parts) <= SAMPLED:
        return sum(size_of(part, depth + 1) for part in parts)
    step = len(parts) / SAMPLED
    return int(sum(size_of(parts[int(i * step)], depth + 1) for i in range(SAMPLED)) * step)


def _column_bytes(column: pd.Series) -> int:
    """A column's bytes; for Python objects (text), the mean size of up to 200 of them times their number."""
    shallow = int(column.memory_usage(index=False, deep=False))
    if column.dtype != object or column.empty:
        return shallow
    sample = column.iloc[:: max(1, len(column) // 200)]
    return shallow + int(sum(sys.getsizeof(v) for v in sample) / len(sample) * len(column))


#: The process's cache of computed rounds (`loader.round_results`, `reliability_of`, `types_of`).
ROUNDS = ComputedCache()
#: (round, source, archetypes, catalog) -> the key in ROUNDS of the types last computed or read for it.
_LATEST_TYPES: OrderedDict[tuple, tuple] = OrderedDict()
_LATEST_LOCK = threading.Lock()


def reliability_of(results: RoundResults, lang: str) -> RoundReliability:
    """`reliability.round_reliability`, once per change of what it reads (for results of
    `loader.round_results`): the ratings, the answers, the candidates' names and the catalog. A change of
    anything else in the round (its name, a decision, a consensus) finds it computed."""
    if results.key is None:
        return round_reliability(results, lang)
    read = ROUNDS.get(("read", _tables_of(results), "reliability"), lambda: content_key(
        results.ratings, results.answers, results.candidates["name"], _catalog_of(results)))
    return ROUNDS.get(("reliability", read, lang), lambda: round_reliability(results, lang))


def types_of(results: RoundResults, source: str = "interview") -> RoundTypes | None:
    """`manager_types.type_round`, once per change of what it reads (for results of `loader.round_results`):
    the profiles typed, the typed candidates' names, the catalog and the archetypes' file. The archetypes are
    read first, so a broken file is reported every time. After a change, the round as typed last (if still
    kept) is passed on as `previous`: a large round with few profiles changed keeps its types."""
    archetypes = load_archetypes()
    if results.key is None:
        return type_round(results, source, archetypes)
    fingerprint = _fingerprint(archetypes)

    @functools.cache  # made once, when first needed: the digest and the typing read the same
    def role() -> Archetypes:
        return archetypes.for_role(results.catalog.id)

    @functools.cache
    def profiles() -> pd.DataFrame:
        return round_profiles(results, source, list(role().profiles.columns))

    def digest() -> str:
        typed = profiles()
        return content_key(typed, results.candidates["name"].reindex(typed.index), _catalog_of(results))

    read = ROUNDS.get(("read", _tables_of(results), "types", source, fingerprint), digest)
    key = ("types", read, source, fingerprint)
    latest = (results.key[0][:3], source, fingerprint, _catalog_of(results))  # the round (not its revision)

    def typed() -> RoundTypes | None:
        with _LATEST_LOCK:
            previous_key = _LATEST_TYPES.get(latest)
        previous = None if previous_key is None else ROUNDS.peek(previous_key)
        return type_round(results, source, role(), previous=previous, profiles=profiles())

    value = ROUNDS.get(key, typed)
    with _LATEST_LOCK:
        _LATEST_TYPES[latest] = key
        _LATEST_TYPES.move_to_end(latest)
        while len(_LATEST_TYPES) > MAX_ENTRIES:
            _LATEST_TYPES.popitem(last=False)
    return value


def content_key(*parts) -> str:
    """A digest of what a computation reads (frames, series, plain values): the key of a result that only
    those decide, so that it is kept across changes of a round that do not touch them."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, pd.DataFrame | pd.Series):
            frame = part if isinstance(part, pd.DataFrame) else part.to_frame()
            digest.update(repr((type(part).__name__, frame.shape, list(frame.columns),
                                [str(t) for t in frame.dtypes], frame.index.name)).encode())
            if len(part):
                digest.update(pd.util.hash_pandas_object(part, index=True).to_numpy().tobytes())
        else:
            digest.update(repr(part).encode())
    return digest.hexdigest()


def _tables_of(results: RoundResults) -> tuple:
    """What tells the tables of `results` apart: the stamp they were read or changed at, and the candidates whose
    ratings were left out. A change of the round's own settings (a new name) keeps it."""
    return results.data, results.key[1]


def _catalog_of(results: RoundResults) -> tuple:
    """What tells a round's catalog apart: the pinned catalog, and the plan that narrows and weighs it."""
    info = results.round
    return info.catalog_id, info.catalog_version, info.catalog_hash, repr(results.plan)


def _fingerprint(archetypes: Archetypes) -> int:
    profiles = archetypes.profiles
    return hash((profiles.to_numpy().tobytes(), tuple(profiles.index), tuple(profiles.columns),
                 repr(archetypes.type_names), repr(archetypes.dimension_names)))


__all__ = ["MAX_BYTES", "MAX_ENTRIES", "ROUNDS", "ComputedCache", "content_key", "reliability_of", "size_of",
           "types_of"]
