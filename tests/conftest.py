"""Fixtures shared by every test: real databases, the small fixture catalog."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from assessment.demo import load_demo
from assessment.demo_staff import demo_team
from assessment.store import Store, make_engine
from assessment.store.models import Base

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("ASSESSMENT_TEST_POSTGRES_URL")


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
