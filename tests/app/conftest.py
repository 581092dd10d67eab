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


ADMIN = "admin@demo.example"
INTERVIEWER = "mark.ellis@demo.example"  # a demo interviewer: assigned to candidates of both demo rounds


def sign_in(store: Store, email: str) -> str:
    return store.sign_in(email, store.demo_password, "apptest").token


def add_staff(store: Store, name: str, role: str, assign_to: tuple[int, ...] = ()) -> str:
    """A new account (with the demo team's password), assigned to interview `assign_to`; its e-mail."""
    email = name.lower().replace(" ", ".") + "@example.com"
    account = store.add_staff(email, name, role, store.demo_password)
    for candidate_id in assign_to:
        store.assign(candidate_id, account.id)
    return email


@pytest.fixture
def app(demo_store):
    """An AppTest of app.py; call with a page and query parameters."""

    def make(page: str | None = None, as_: str | None = ADMIN, **query) -> AppTest:
        return run_app(page, sign_in(demo_store, as_) if as_ is not None else None, **query)

    return make


def run_app(page: str | None, session: str | None, **query) -> AppTest:
    """app.py run once with `query`, signed in with the `session` token (None: not signed in), then on `page`.
    AppTest has no cookies: the token goes into session state, where only the server can put it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if session is not None:
        at.session_state["staff_token"] = session
    for key, value in query.items():
        at.query_params[key] = str(value)
    at.run()
    if page:
        at.switch_page(f"assessment/ui/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
