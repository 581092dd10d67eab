"""Migrations on real databases: from an empty one to the newest, and an existing database whose interviews
were keyed by typed names onto staff accounts."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from assessment.store import Store, make_engine
from assessment.store.engine import upgrade
from tests.conftest import BACKENDS, POSTGRES_URL, empty_postgres


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite'}"
        return
    empty_postgres()
    yield POSTGRES_URL
    empty_postgres()


def upgrade_to(engine, revision: str) -> None:
    upgrade(engine, revision)


def test_typed_interviewer_names_become_disabled_accounts_that_own_their_interviews(url, sample_catalogs):
    engine = make_engine(url)
    upgrade_to(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO catalog_snapshot VALUES ('h', 'sample_role', '1', '{}', :at)"),
                           {"at": "2026-01-01 00:00:00"})
        connection.execute(text("INSERT INTO round (id, name, catalog_id, catalog_version, catalog_hash, status, "
                                "created_at, demo) VALUES (1, 'R', 'sample_role', '1', 'h', 'open', :at, false)"),
                           {"at": "2026-01-01 00:00:00"})
        for cid in (1, 2):
            connection.execute(text("INSERT INTO candidate (id, round_id, name, language, created_at) "
                                    "VALUES (:id, 1, 'C', 'en', :at)"), {"id": cid, "at": "2026-01-01 00:00:00"})
        for iid, (cid, name) in enumerate([(1, "Mark Ellis"), (2, "Mark Ellis"), (1, "Olga")], start=1):
            connection.execute(text("INSERT INTO interview (id, candidate_id, interviewer, status, started_at, version)"
                                    " VALUES (:id, :c, :n, 'draft', :at, 1)"),
                               {"id": iid, "c": cid, "n": name, "at": "2026-01-01 00:00:00"})
            connection.execute(text("INSERT INTO rating (interview_id, competency_id, value, not_observed, notes, "
                                    "updated_at) VALUES (:id, 'listening', 4, false, 'kept', :at)"),
                               {"id": iid, "at": "2026-01-01 00:00:00"})
        connection.execute(text("INSERT INTO self_answer (candidate_id, item_id, value, answered_at) "
                                "VALUES (1, 'listening.s1', 3, :at)"), {"at": "2026-01-01 00:00:00"})
    upgrade_to(engine, "head")
    with engine.connect() as connection:  # copying tables on SQLite must not cascade into what refers to them
        assert connection.execute(text("SELECT count(*) FROM rating WHERE notes = 'kept'")).scalar_one() == 3
        assert connection.execute(text("SELECT count(*) FROM candidate")).scalar_one() == 2
        assert connection.execute(text("SELECT count(*) FROM self_answer")).scalar_one() == 1
    with engine.connect() as connection:
        accounts = connection.execute(text("SELECT id, name, email, role, disabled FROM staff_account ORDER BY name"))
        accounts = [tuple(row) for row in accounts]
        owners = dict(connection.execute(text("SELECT id, staff_id FROM interview")).all())
    assert [(name, email, role, bool(disabled)) for _, name, email, role, disabled in accounts] == [
        ("Mark Ellis", "legacy-1@accounts.invalid", "interviewer", True),
        ("Olga", "legacy-2@accounts.invalid", "interviewer", True)]
    mark, olga = accounts[0][0], accounts[1][0]
    assert owners == {1: mark, 2: mark, 3: olga}
    engine.dispose()


def test_a_new_database_reaches_the_newest_schema(url, sample_catalogs):
    store = Store.open(url)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM staff_account")).scalar_one() == 0
    store.engine.dispose()


def test_candidates_survive_the_round_feedback_column(url, sample_catalogs):
    """0004 adds a column to `round` without copying the table: a copy would drop the old table, and its
    candidates with it (foreign keys cascade on SQLite)."""
    engine = make_engine(url)
    upgrade_to(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO catalog_snapshot VALUES ('h', 'sample_role', '1', '{}', :at)"),
                           {"at": "2026-01-01 00:00:00"})
        connection.execute(text("INSERT INTO round (id, name, catalog_id, catalog_version, catalog_hash, status, "
                                "created_at, demo) VALUES (1, 'R', 'sample_role', '1', 'h', 'open', :at, false)"),
                           {"at": "2026-01-01 00:00:00"})
        connection.execute(text("INSERT INTO candidate (id, round_id, name, language, created_at) "
                                "VALUES (1, 1, 'C', 'en', :at)"), {"at": "2026-01-01 00:00:00"})
    upgrade_to(engine, "head")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM candidate")).scalar_one() == 1
        assert connection.execute(text("SELECT candidate_feedback FROM round")).scalar_one() in (False, 0)
    engine.dispose()


def test_stores_opened_at_once_in_several_threads_all_upgrade(tmp_path):
    """A fresh instance's first requests open the sign-in route's store and the pages' store in two threads at
    once; Alembic's context is process-global, so without one upgrade at a time they fail ("KeyError: 'config'")."""
    import threading

    failures = []

    def open_one(number: int) -> None:
        try:
            Store.open(f"sqlite:///{tmp_path}/{number}.sqlite").engine.dispose()
        except Exception as exc:  # noqa: BLE001 - any failure of any thread fails the test below
            failures.append(repr(exc))

    threads = [threading.Thread(target=open_one, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for number in range(4):
        assert "candidate" in inspect(make_engine(f"sqlite:///{tmp_path}/{number}.sqlite")).get_table_names()
