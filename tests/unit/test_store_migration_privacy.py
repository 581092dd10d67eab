"""Migration 0006 (privacy notices, consent version, withdrawal) on real databases: existing candidates keep
their interviews and answers (a table copy on SQLite would cascade-delete them), and it can be undone."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from assessment.store import make_engine
from assessment.store.engine import MIGRATIONS
from tests.unit.test_store_migrations import upgrade_to, url  # noqa: F401 - `url` is the fixture of both backends

AT = "2026-01-01 00:00:00"


def _downgrade_to(engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_candidates_keep_everything_and_the_migration_can_be_undone(url, sample_catalogs):  # noqa: F811
    engine = make_engine(url)
    try:
        upgrade_to(engine, "0002")
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO catalog_snapshot (content_hash, catalog_id, version, content, "
                                    "created_at) VALUES ('h', 'sample_role', '1', '{}', :at)"), {"at": AT})
            connection.execute(text("INSERT INTO round (id, name, catalog_id, catalog_version, catalog_hash, status, "
                                    "created_at, demo) VALUES (1, 'R', 'sample_role', '1', 'h', 'open', :at, false)"),
                               {"at": AT})
            connection.execute(text("INSERT INTO candidate (id, round_id, name, language, consent_at, created_at) "
                                    "VALUES (1, 1, 'C', 'en', :at, :at)"), {"at": AT})
            connection.execute(text("INSERT INTO interview (id, candidate_id, interviewer, status, started_at, "
                                    "version) VALUES (1, 1, 'Olga', 'draft', :at, 1)"), {"at": AT})
            connection.execute(text("INSERT INTO self_answer (candidate_id, item_id, value, answered_at) "
                                    "VALUES (1, 'listening.s1', 4, :at)"), {"at": AT})
        upgrade_to(engine, "0006")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT consent_version, withdrawn_at FROM candidate")).all() == \
                [(None, None)]
            assert connection.execute(text("SELECT count(*) FROM interview")).scalar_one() == 1
            assert connection.execute(text("SELECT count(*) FROM self_answer")).scalar_one() == 1
            assert connection.execute(text("SELECT count(*) FROM privacy_notice")).scalar_one() == 0
        _downgrade_to(engine, "0002")
        columns = {column["name"] for column in inspect(engine).get_columns("candidate")}
        assert "withdrawn_at" not in columns and "consent_version" not in columns
        assert "privacy_notice" not in inspect(engine).get_table_names()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM interview")).scalar_one() == 1
    finally:
        engine.dispose()
