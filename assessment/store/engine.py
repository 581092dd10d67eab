"""Engines for the embedded SQLite default and for PostgreSQL, and the schema upgrade."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    """$ASSESSMENT_DATABASE_URL, else a SQLite file under the project's `data/`."""
    if url := os.environ.get("ASSESSMENT_DATABASE_URL"):
        return url
    data = Path(__file__).resolve().parents[2] / "data"
    if not data.is_dir():
        data = Path.cwd() / "data"
    data.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data / 'assessment.sqlite'}"


def normalise_url(url: str) -> str:
    """Plain postgresql:// URLs use psycopg 3, the driver we ship."""
    parsed = make_url(url)
    if parsed.drivername not in ("postgres", "postgresql"):
        return url
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def make_engine(url: str | None = None) -> Engine:
    url = normalise_url(url or default_url())
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, pool_size=10, max_overflow=20)
    _ping_when_idle(engine)
    return engine


PING_AFTER_IDLE_SECONDS = 10.0


def _ping_when_idle(engine: Engine) -> None:
    """A pooled PostgreSQL connection idle for `PING_AFTER_IDLE_SECONDS` is tried before use; a dead one (the
    database restarted, a firewall dropped it) is replaced at once, unseen by the person clicking.

    Not on every checkout (`pool_pre_ping`): a click's transactions come milliseconds apart, and a ping before
    each was one round trip in six of a busy server's (bench_load: 12% of its time)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            dbapi_connection.execute("SELECT 1")
            dbapi_connection.rollback()
        except Exception as exc:  # any failure: the pool drops this connection and checks out another
            raise DisconnectionError("a pooled connection did not answer") from exc


def writers_of(engine: Engine) -> threading.RLock | contextlib.nullcontext:
    """What a write transaction of this process holds while it runs: on SQLite, one lock per database file.

    SQLite lets one writer in at a time; a second one waits in SQLite's busy handler, which sleeps and tries
    again (1, 2, 5, 10 ... up to 100 ms apart) instead of waking when the file is free. Under bench_load's 55
    people on one server, the threads of waiting writers were seen sleeping there while the core was idle.
    Waiting on this lock instead, the next writer starts the moment the last one commits. Writers in other
    processes (the command line) still meet the busy handler. Re-entrant: a write inside another in the same
    thread fails after the busy timeout, as before, instead of waiting for itself. PostgreSQL locks rows: no
    lock here."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    with _WRITERS_LOCK:
        return _WRITERS.setdefault(str(Path(engine.url.database or ":memory:").resolve()), threading.RLock())


_WRITERS: dict[str, threading.RLock] = {}
_WRITERS_LOCK = threading.Lock()


@cache
def shared_engine(url: str | None = None) -> Engine:
    """One engine per URL for the process; its pool is shared by every page and thread."""
    return make_engine(url)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE so writers queue instead of failing."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        read_only = connection.get_execution_options().get("read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema to the newest migration (or to `revision`).

    On SQLite, altering a table means copying it and dropping the original; with foreign keys enforced, that
    drop would first delete every row referring to it (ratings of interviews, candidates of rounds). So the
    migrations run with enforcement off, and the references are checked afterwards: a broken one stops the
    upgrade, whose transaction then changes nothing.
    """
    with _UPGRADING:
        _upgrade(engine, revision)


# Alembic keeps the running migration's context in module globals: two threads upgrading at once (the sign-in
# route's store and the pages' store, opened by the first requests of a fresh instance) trip over each other
# ("KeyError: 'config'", a 500 on sign-in). One upgrade at a time per process.
_UPGRADING = threading.Lock()


def _upgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:  # outside any transaction, where SQLite honours this pragma
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").all()):
                    raise RuntimeError(f"the upgrade left {len(broken)} broken reference(s), e.g. {broken[0]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
