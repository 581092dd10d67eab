"""What every repository shares: the session factory, upserts and the audit trail."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from assessment.catalog import Catalog, catalog_from_json
from assessment.errors import NotFound

from .engine import writers_of
from .models import AuditEvent, Base, Candidate, CatalogSnapshot, Interview, Round


def hash_token(token: str) -> str:
    """What is stored of a token handed out in a link: its SHA-256, never the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Repository:
    """A group of related reads and writes over one engine. Every write is one short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine.execution_options(read_only=True), expire_on_commit=False)
        self._writers = writers_of(engine)  # one writer at a time on SQLite, waiting without sleeping
        self._write_numbers = itertools.count(1)
        self.writes = 0

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction. `writes` changes when it ends, committed or not, so that what was read through
        this store before it (`Workspace`'s memory of a page run) is read again."""
        try:
            with self._writers, self._sessions.begin() as session:
                yield session
        finally:
            self.writes = next(self._write_numbers)  # atomic in CPython: no two writes share a number

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction: on SQLite it takes no write lock, so readers never queue behind writers.

        Each read is its own short transaction, holding a pooled connection only while it runs. (One read
        transaction shared by all the reads of a page run was tried: a click made fewer statements, but every run
        held a connection from its first read to its end, and under bench_load's 55 people on PostgreSQL the
        pool ran dry: p95 once all are in 250 -> 894 ms for answers, 346 -> 827 ms for ratings.)"""
        with self._readers.begin() as session:
            yield session

    def upsert(self, session: Session, model: type[Base], values: dict, keys: list[str], update: list[str]) -> None:
        """Insert a row, or update `update` columns of the row with the same `keys`."""
        shape = (self.engine.dialect.name, model, tuple(values), tuple(keys), tuple(update))
        statement = _UPSERTS.get(shape)
        if statement is None:  # made once per shape: every answer and rating click saves through here
            dialect = sqlite if self.engine.dialect.name == "sqlite" else postgresql
            statement = dialect.insert(model).values({name: bindparam(name) for name in values})
            statement = _UPSERTS[shape] = statement.on_conflict_do_update(
                index_elements=keys, set_={name: statement.excluded[name] for name in update}
            )
        session.execute(statement, values)

    @staticmethod
    def changed(session: Session, *, round_id: int | None = None, candidate_id: int | None = None,
                interview_id: int | None = None, candidates: Iterable[int] = (), settings: bool = False) -> None:
        """Count a change of a round's data (its candidates, answers, interviews, ratings or settings), named by
        the round, a candidate or an interview of it. Every write that changes what `load_round` reads calls this
        in its own transaction, last (so the round's row is locked only until the commit): results computed
        for an older revision are then never served again.

        What the change touched decides how little is read again: named by a candidate, an interview or
        `candidates` (of `round_id`), only those candidates' rows; `settings=True`, only the round's own row
        (its name, state, dates); named by the round alone, the whole round."""
        if interview_id is not None and candidate_id is None:
            candidate_id = session.scalar(select(Interview.candidate_id).where(Interview.id == int(interview_id)))
        named = sorted({int(c) for c in candidates} | ({int(candidate_id)} if candidate_id is not None else set()))
        whole = not named and not settings
        if round_id is not None:  # every click's case: statements made once, no objects of the session updated
            revision = session.execute(_REVISE[whole], {"round_id": int(round_id)},
                                       execution_options=_NOT_SYNCHRONISED).scalar_one_or_none()
        else:
            which = select(Candidate.round_id).where(Candidate.id == named[0]).scalar_subquery()
            revision = session.execute(_revise(Round.id == which, whole),
                                       execution_options=_NOT_SYNCHRONISED).scalar_one_or_none()
        if named and revision is not None:
            session.execute(_MARK_CANDIDATES, {"named": named, "revision": revision},
                            execution_options=_NOT_SYNCHRONISED)

    @staticmethod
    def audit(session: Session, actor: str, action: str, subject: str, **detail) -> None:
        session.add(AuditEvent(actor=actor, action=action, subject=subject, detail=detail))

    def catalog_of_hash(self, content_hash: str, session: Session | None = None) -> Catalog:
        """The catalog snapshot with this hash. Snapshots never change, so they are cached by hash.

        Pass the open session when inside a transaction: on SQLite a second connection would
        wait for the write lock that transaction holds.
        """
        if content_hash not in _SNAPSHOTS:
            if session is None:
                with self.reading() as own:
                    content = _snapshot_content(own, content_hash)
            else:
                content = _snapshot_content(session, content_hash)
            _SNAPSHOTS[content_hash] = catalog_from_json(content)
        return _SNAPSHOTS[content_hash]


def _revise(which, whole: bool):
    """The statement that counts a change of a round: its revision up by one (and its last whole change with it
    when `whole`), returning the new revision."""
    values = {"revision": Round.revision + 1}
    if whole:
        values["whole_revision"] = Round.revision + 1
    return update(Round).where(which).values(**values).returning(Round.revision)


_REVISE = {whole: _revise(Round.id == bindparam("round_id"), whole) for whole in (False, True)}
_MARK_CANDIDATES = update(Candidate).where(Candidate.id.in_(bindparam("named", expanding=True))) \
    .values(revision=bindparam("revision"))
# Rows read earlier in the transaction keep their revision in memory: nothing reads it there, and syncing them
# cost more than the statements (about 40% of an answer's save).
_NOT_SYNCHRONISED = {"synchronize_session": False}
_SNAPSHOTS: dict[str, Catalog] = {}
_UPSERTS: dict[tuple, object] = {}  # the statement of each shape of `upsert`, its values bound at execution


def _snapshot_content(session: Session, content_hash: str) -> str:
    content = session.scalar(select(CatalogSnapshot.content).where(CatalogSnapshot.content_hash == content_hash))
    if content is None:
        raise NotFound(f"no catalog snapshot {content_hash[:12]}", code="snapshot_unknown", hash=content_hash[:12])
    return content


# The code of the message "unknown <what> <key>" for each thing `get` looks up.
_UNKNOWN = {
    "candidate": "unknown_candidate",
    "interview": "unknown_interview",
    "round": "unknown_round",
    "staff account": "unknown_staff_account",
}


def get(session: Session, model: type[Base], key, what: str, *, lock: bool = False):
    """The row with this primary key, or NotFound naming what was looked for.

    `lock` reads it FOR UPDATE (PostgreSQL), so that a check made on it holds until the transaction ends;
    SQLite needs no row lock, since its write transactions (BEGIN IMMEDIATE) already run one at a time.
    """
    row = session.get(model, key, with_for_update=lock or None, populate_existing=lock)
    if row is None:
        raise NotFound(f"unknown {what} {key}", code=_UNKNOWN[what], key=key)
    return row
