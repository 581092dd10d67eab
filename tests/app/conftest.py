"""Pages driven with Streamlit's AppTest on a fresh SQLite file with the demo rounds."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.demo import load_demo
from assessment.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    store = Store.open()
    load_demo(store)
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
