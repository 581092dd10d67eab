"""End-to-end fixtures: the real app served by `streamlit run` on a free port, driven by Debian's chromium.

- `server` (session): the app on a fresh SQLite file with the demo data, shared by most tests.
- `own_server` (function): a private server and database, for tests that kill and restart it.
- `ui` (function): a new browser page plus the waits Streamlit needs (see `UI`).

Nothing here downloads a browser: Playwright launches /usr/bin/chromium. Without it every e2e test is skipped.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these, chromium's background connections get refused on a closed network and slow everything.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
START_TIMEOUT = 60.0
ADMIN = "admin@demo.example"  # a demo account of `assessment demo`: pages open signed in as it unless told

try:
    from playwright.sync_api import Page, expect, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium package; never `playwright install`)"
    if sync_playwright is None:
        return "Python Playwright is not installed (pip install playwright)"
    return None


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is marked `e2e`, and skipped with a reason when the browser is missing."""
    reason = _skip_reason()
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test, so fixtures can tell a failed test at teardown."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class AppServer:
    """`streamlit run app.py` on one port and one SQLite file; restartable on the same port and database."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.db_path = workdir / "e2e.sqlite"
        self.database_url = f"sqlite:///{self.db_path}"
        self.log_path = workdir / "server.log"
        self.env = {**os.environ, "ASSESSMENT_DATABASE_URL": self.database_url,
                    "ASSESSMENT_BASE_URL": self.base_url, "PYTHONUNBUFFERED": "1"}
        self.process: subprocess.Popen | None = None
        self._store = None
        self.demo_password = ""
        self.passwords: dict[str, str] = {}
        self.extra_args: list[str] = []  # more `streamlit run` options, e.g. --secrets.files
        self.script = "app.py"  # another script for a benchmark's anchor (a blank page)
        self.root = ROOT  # the checkout served (a benchmark may serve another one beside it)

    # --- the command line, with the same environment as the server --------------------------------
    def cli(self, *args: str) -> str:
        """Run `python -m assessment ARGS` against this server's database; its stdout, stripped."""
        done = subprocess.run([sys.executable, "-m", "assessment", *args], cwd=self.root, env=self.env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"assessment {' '.join(args)} failed ({done.returncode}): {done.stderr}"
        return done.stdout.strip()

    def store(self):
        """The package's own Store on the server's database (for setting up data through the Python API)."""
        if self._store is None:
            from assessment.store import Store
            self._store = Store.open(self.database_url)
        return self._store

    # --- the hiring team -------------------------------------------------------------------------
    def load_demo(self) -> None:
        """`assessment demo`; keeps the demo team's password it prints."""
        self.demo_password = self.cli("demo").rsplit("password:", 1)[1].split()[0]

    def session_token(self, email: str) -> str:
        """A signed-in session of a demo account (or of one added with `staff_account`)."""
        return self.store().sign_in(email, self.passwords.get(email, self.demo_password), "127.0.0.1").token

    def staff_account(self, email: str, name: str, role: str, assign_to: tuple[int, ...] = ()) -> int:
        """A new staff account with a password of its own, assigned to interview `assign_to`."""
        password = f"e2e password of {email}"
        account = self.store().add_staff(email, name, role, password)
        self.passwords[email] = password
        for candidate_id in assign_to:
            self.store().assign(candidate_id, account.id)
        return account.id

    # --- the process ----------------------------------------------------------------------------
    def start(self) -> AppServer:
        deadline = time.monotonic() + 15
        while not _port_free(self.port):  # after a kill, wait until the old socket is gone
            if time.monotonic() > deadline:
                raise RuntimeError(f"port {self.port} is still taken")
            time.sleep(0.2)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             # Others edit this checkout while tests run: without this, Streamlit re-imports edited modules
             # mid-run, and e.g. an InvalidToken raised by the cached Store no longer matches the page's class.
             "--server.fileWatcherType", "none", *self.extra_args],
            cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the app did not answer /_stcore/health within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the server's process group: no shutdown code runs, as in a crash or a pulled plug."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def restart(self, kill: bool = False) -> AppServer:
        """Stop (or SIGKILL) and start again on the same port and database."""
        self.kill() if kill else self.stop()
        return self.start()

    def close(self) -> None:
        self.stop()
        if self._store is not None:
            self._store.engine.dispose()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def url(self, path: str = "/", **query) -> str:
        query = {k: v for k, v in query.items() if v is not None}
        return f"{self.base_url}/{path.lstrip('/')}" + (f"?{urlencode(query)}" if query else "")


def _make_server(workdir: Path) -> AppServer:
    server = AppServer(workdir)
    server.load_demo()  # the demo rounds and team, loaded before the server starts
    return server.start()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app with the demo data, shared by the tests of the session."""
    app = _make_server(tmp_path_factory.mktemp("e2e-server"))
    yield app
    app.close()


@pytest.fixture
def own_server(tmp_path):
    """A private app and database for one test (for killing and restarting)."""
    app = _make_server(tmp_path)
    yield app
    app.close()


@pytest.fixture
def sample_server(tmp_path, monkeypatch):
    """A private app on the test catalogs (`sample_role`: a short questionnaire, three competencies), no demo."""
    from tests.conftest import FIXTURES

    catalogs = str(FIXTURES / "catalogs")
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", catalogs)
    app = AppServer(tmp_path)
    app.env["ASSESSMENT_CATALOG_DIR"] = catalogs
    yield app.start()
    app.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Counts the script runs the page has seen start and finish, so that a click can wait for the run it triggers.
# A record's new value is the next record's old value (or the current one): the callback runs too late to read it.
_RUN_COUNTER = """
window.__e2eRuns = 0;
window.__e2eDone = 0;
new MutationObserver((records) => {
  records.forEach((r, i) => {
    const value = i + 1 < records.length ? records[i + 1].oldValue : r.target.getAttribute('data-test-script-state');
    if (value === 'running' && r.oldValue !== 'running') window.__e2eRuns += 1;
    if (r.oldValue === 'running' && value !== 'running') window.__e2eDone += 1;
  });
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const state = app.getAttribute('data-test-script-state');
  if (state !== 'notRunning') return false;
  const widget = document.querySelector('[data-testid="stStatusWidget"]');
  return !widget || widget.offsetParent === null;
}"""


class UI:
    """A browser page on the app, with the waits Streamlit needs.

    Streamlit reruns the script after every interaction; `act` performs a click (or any action) and waits
    for the run it triggers to finish, `idle` waits until no run is going and the status widget is gone.
    """

    def __init__(self, page: Page, server: AppServer):
        self.page = page
        self.server = server
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # --- waiting ----------------------------------------------------------------------------------
    def idle(self, timeout: float = 30_000) -> None:
        self.page.wait_for_function(_IDLE, timeout=timeout, polling=50)

    def runs(self) -> tuple[int, int]:
        """(script runs started, script runs finished) since the page loaded."""
        return tuple(self.page.evaluate("() => [window.__e2eRuns || 0, window.__e2eDone || 0]"))

    def act(self, action, *, runs: int = 1, settle: float = 10_000, quiet: int = 120) -> None:
        """Do `action` (e.g. a click), wait until the `runs` script runs it triggers have finished and the app is
        idle, then for `quiet` ms in which no further run starts.

        A button whose code calls `st.rerun()` triggers two runs, with a short idle gap between them: pass
        runs=2 for those, or the page is checked in the gap, half old and half new."""
        _, done = self.runs()
        action()
        for number in range(1, runs + 1):
            try:
                self.page.wait_for_function(f"() => (window.__e2eDone || 0) >= {done + number}",
                                            timeout=settle if number == 1 else 3_000, polling=20)
            except PlaywrightTimeout:  # no run seen: the idle wait and the caller's expectations decide
                break
        for _ in range(20):
            self.idle()
            started = self.runs()[0]
            self.page.wait_for_timeout(quiet)
            if self.runs()[0] == started:
                break

    def click(self, locator, *, runs: int = 1) -> None:
        self.act(locator.click, runs=runs)

    # --- navigation -------------------------------------------------------------------------------
    def goto(self, path: str = "/", **query) -> None:
        self.page.goto(self.server.url(path, **query))
        self.loaded()

    def reload(self) -> None:
        self.page.reload()
        self.loaded()

    def loaded(self) -> None:
        """After a navigation: the first script run has finished and no second one follows at once."""
        self.page.wait_for_function("() => (window.__e2eDone || 0) >= 1", timeout=30_000, polling=20)
        self.act(lambda: None, runs=0, quiet=200)
        self.assert_no_exception()

    def assert_no_exception(self) -> None:
        exceptions = self.page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, f"the page shows an exception: {exceptions.first.inner_text()}"

    # --- widgets ------------------------------------------------------------------------------------
    def select(self, label: str, option: str) -> None:
        """Choose `option` in the selectbox labelled `label`."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        box.click()
        choice = self.page.get_by_role("option", name=option, exact=True)
        if not choice.is_visible():  # long lists: type to filter, as a person would
            box.fill(option)
        self.act(choice.click)
        expect(box).to_have_value(option)

    def fill(self, label: str, text: str) -> None:
        """Type into a text input and commit it (Enter), as a person does."""
        field = self.page.get_by_label(label, exact=True)
        field.fill(text)
        self.act(lambda: field.press("Enter"))

    def table_rows(self, table) -> list[dict]:
        """The rows a dataframe shows. The table is drawn on a canvas: it is read through its own CSV download,
        which is an ordinary download Playwright can catch once `plain_downloads()` came before the page loaded."""
        table.hover()
        with self.page.expect_download() as download:
            # The toolbar shows on hover, and the grid beneath may still take the pointer: click the button itself.
            table.get_by_role("button", name="Download as CSV").dispatch_event("click")
        return list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))

    def plain_downloads(self) -> None:
        """Without the File System Access API, a table's CSV download is an ordinary download (see `table_rows`);
        for the pages loaded from now on."""
        self.page.add_init_script("delete window.showSaveFilePicker;")

    # --- screenshots --------------------------------------------------------------------------------
    def shot(self, name: str) -> Path:
        """A full-page screenshot. Streamlit scrolls inside its main block, so the viewport is stretched to the
        content's height for the picture, then restored."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        viewport = self.page.viewport_size
        height = viewport["height"]
        for _ in range(3):
            wanted = self.page.evaluate("""() => Math.max(...['stMain', 'stSidebarContent', 'stAppViewContainer']
                .map(id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))""")
            if wanted <= height:
                break
            height = min(int(wanted) + 8, 16_000)
            self.page.set_viewport_size({"width": viewport["width"], "height": height})
            self.page.wait_for_timeout(300)  # let charts re-lay out
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(viewport)
        return path


@pytest.fixture
def make_ui(browser, request):
    """Pages on any server (e.g. `own_server`): make_ui(server, viewport=PHONE, as_=EMAIL). Each page has its own
    context, signed in as the demo admin unless `as_` names another account (or is None).
    When the test fails, each page is saved as screenshots/FAILED-<test>-<n>.png; a dialog (alert, confirm)
    opened by any page fails the test."""
    contexts, pages = [], []

    def make(app: AppServer, viewport: dict | None = None, as_: str | None = ADMIN) -> UI:
        """A page on `app`, signed in as the account `as_` (None: not signed in)."""
        context = browser.new_context(viewport=viewport or DESKTOP)
        context.add_init_script(_RUN_COUNTER)
        if as_ is not None:
            context.add_cookies([{"name": "assessment_session", "value": app.session_token(as_),
                                  "url": app.base_url}])
        context.set_default_timeout(30_000)
        contexts.append(context)
        pages.append(UI(context.new_page(), app))
        return pages[-1]

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for number, page in enumerate(pages):
            with contextlib.suppress(Exception):  # a picture is a bonus, never a second failure
                page.shot(f"FAILED-{request.node.name}-{number}")
    for context in contexts:
        context.close()
    dialogs = [message for page in pages for message in page.dialogs]
    assert not dialogs, f"the app opened dialogs: {dialogs}"


@pytest.fixture
def ui(make_ui, server) -> UI:
    """A fresh browser page on the shared server, desktop size."""
    return make_ui(server)
