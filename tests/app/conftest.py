"""Pages driven with Streamlit's AppTest on a fresh SQLite file with the demo rounds."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.store import Store
from tests.conftest import demo_copy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_store(demo_database, tmp_path, monkeypatch) -> Store:
    """A private copy of the session's demo database, which the app opens too."""
    store = demo_copy(demo_database, tmp_path)
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", str(store.engine.url))
    yield store
    store.engine.dispose()


@pytest.fixture
def app(demo_store):
    """An AppTest of app.py; call with a page and query parameters."""

    def make(page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = str(value)
        at.run()
        if page:
            at.switch_page(f"assessment/ui/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make
