"""Fixtures shared by every test: real databases, the small fixture catalog."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from assessment.demo import load_demo
from assessment.demo_staff import demo_team
from assessment.store import Store, make_engine
from assessment.store.engine import normalise_url
from assessment.store.models import Base

FIXTURES = Path(__file__).parent / "fixtures"


def _database_of_this_worker(url: str | None) -> str | None:
    """The PostgreSQL database this test process may empty and fill.

    The suite runs in parallel processes (pytest-xdist, see pyproject.toml), and a test empties the database it
    uses: two processes on one database would wipe each other's tables. Each process therefore works in a database
    of its own beside the configured one (`test_gw0`, `test_gw1`, …), created on first use. Without xdist, the
    configured database itself. The variable is rewritten too, for servers the tests start."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    configured = make_url(normalise_url(url))
    own = configured.set(database=f"{configured.database}_{worker}")
    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": own.database}).scalar():
            connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    engine.dispose()
    os.environ["ASSESSMENT_TEST_POSTGRES_URL"] = own.render_as_string(hide_password=False)
    return os.environ["ASSESSMENT_TEST_POSTGRES_URL"]


POSTGRES_URL = _database_of_this_worker(os.environ.get("ASSESSMENT_TEST_POSTGRES_URL"))


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """A SQLite file with the demo rounds (`assessment demo`), built once per session.

    Never written to: a test that changes data opens `demo_copy` instead.
    """
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = Store.open(f"sqlite:///{path}")
    path.with_suffix(".password").write_text(demo_team(store, load_demo(store)), encoding="utf-8")
    store.engine.dispose()
    return path


def demo_copy(demo_database: Path, folder: Path) -> Store:
    """A store on a private copy of the session's demo database, free to change."""
    copy = folder / "demo.sqlite"
    shutil.copyfile(demo_database, copy)
    store = Store.open(f"sqlite:///{copy}")
    store.demo_password = demo_database.with_suffix(".password").read_text(encoding="utf-8")  # the demo team's
    return store


@pytest.fixture
def sample_catalogs(monkeypatch) -> Path:
    """The small catalog `sample_role` (three competencies) instead of the shipped ones."""
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", str(FIXTURES / "catalogs"))
    return FIXTURES / "catalogs"


def empty_postgres() -> None:
    """Drop every table of the test PostgreSQL database, the migrations' record included."""
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def _fresh_postgres() -> Store:
    empty_postgres()
    return Store.open(POSTGRES_URL)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="ASSESSMENT_TEST_POSTGRES_URL is not set"),
])]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, sample_catalogs) -> Store:
    """An empty, migrated store on a real SQLite file and, when configured, on PostgreSQL."""
    store = Store.open(f"sqlite:///{tmp_path / 'test.sqlite'}") if request.param == "sqlite" else _fresh_postgres()
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path, sample_catalogs) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 'test.sqlite'}")
    yield store
    store.engine.dispose()
