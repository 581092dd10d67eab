"""Fast at every size (issue 18), in the browser: the first page of the committee's pages of a large round.

Measured: the time from `page.goto` in headless chromium (Debian's, 1366x768) until the page is complete — the
app connected, no script run going (`data-test-script-state` notRunning after at least one finished run), no
skeleton left, and every plotly chart in the page drawn (its `.main-svg` present). Each view has a browser
context of its own (a cold browser cache, the same server), signed in as the demo admin through the sign-in
form once (its cookie is copied into each context). The first view of each page (a cold server) is reported
apart from the median of the following views.

Pages: the comparison page and the manager types page of a synthetic round (`assessment demo --size N`) on a
fresh SQLite database with the demo data, served by `streamlit run app.py`. Anchor beside each figure: the first
page of a hello-world app (a title and one line of text) on a second Streamlit server, measured in the same run,
interleaved with the pages (anchor, comparison, types, anchor, …) so that a noisy machine weighs on both alike.
Aim: within 3x of the anchor. Also shown, to tell where the time goes: the time until the first script run had
finished in the page (the server's run, sent and taken in; the charts are drawn after it), when plotly.js (a
4.7 MB chunk Streamlit loads only for pages with a chart) had arrived, the bytes the websocket brought, and the
same page's first run on the server alone: a websocket client without a browser (`tests/e2e/load.py`), so that
the server has the machine's cores to itself.

A second table repeats the views with a warm browser cache (a new page in a context that has seen the page
before, as a returning visitor's browser holds Streamlit's static files), and a reference row shows what one small
plotly chart on the hello-world page costs.

With --baseline DIR, the app of another checkout (e.g. a worktree of main) is served beside this one on its own
copy of the same data, and its pages are measured in the same run, interleaved: before and after in one table.

Run: python benchmarks/bench_browser.py [--size 1000] [--repeat 5] [--port 8700] [--screenshot comparison.png]
                                        [--baseline /tmp/base]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import print_table  # noqa: E402

from tests.e2e.conftest import ADMIN, CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402
from tests.e2e.load import StreamlitClient  # noqa: E402

VIEWPORT = {"width": 1366, "height": 768}
HELLO = 'import streamlit as st\n\nst.title("Hello")\nst.write("Hello, world.")\n'
# A reference, not the anchor: what Streamlit's plotly.js alone costs a first page (a 4.7 MB chunk, loaded lazily)
ONE_CHART = HELLO + ("import plotly.graph_objects as go\n\n"
                     "st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))\n")
PAGES = {"comparison": "comparison page", "manager_types": "manager types page"}
BASELINE = "_baseline"  # the pages of the --baseline checkout

# Before any of the page's scripts: count finished script runs and note when the first one ended (ms since the
# navigation began), so "complete" cannot be seen in the instant between connecting and the first run.
WATCH = """
window.__benchRunsDone = 0;
window.__benchFirstRunDone = null;
new MutationObserver((records) => {
  for (const r of records) {
    const now = r.target.getAttribute('data-test-script-state');
    if (r.oldValue === 'running' && now !== 'running') {
      window.__benchRunsDone += 1;
      if (window.__benchFirstRunDone === null) window.__benchFirstRunDone = performance.now();
    }
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
COMPLETE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning' || window.__benchRunsDone < 1) return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]')) return false;
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.querySelector('.js-plotly-plot .main-svg')) return false;
  }
  return performance.now();
}"""
QUIET_MS = 400  # after "complete": no further run may start within this time, or the page was not done


def free_port_from(first: int | None) -> int:
    """A free port: the first free one from `first` on, or any the system gives."""
    for port in range(first, first + 50) if first else [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port from {first} on")


class Server(AppServer):
    """`streamlit run` of `script` (the app by default) on a port of `free_port_from(first_port)`."""

    def __init__(self, workdir: Path, first_port: int | None, script: Path | None = None):
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(workdir)
        self.port = free_port_from(first_port)
        self.base_url = self.env["ASSESSMENT_BASE_URL"] = f"http://127.0.0.1:{self.port}"
        if script:
            self.script = str(script)


def signed_in_state(browser, app: Server) -> dict:
    """The demo admin signed in through the sign-in form; the context's cookies, for the measured views."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(app.url("/account/sign-in", next="/"))
    page.fill("#email", ADMIN)
    page.fill("#password", app.demo_password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    state = context.storage_state()
    context.close()
    if not any(cookie["name"] == "assessment_session" for cookie in state["cookies"]):
        raise RuntimeError("signing in as the demo admin gave no session cookie")
    return state


def new_context(browser, state: dict | None):
    context = browser.new_context(viewport=VIEWPORT, storage_state=state)
    context.add_init_script(WATCH)
    context.set_default_timeout(120_000)
    return context


class View:
    """One view of `url` in a new browser context: wall ms from goto to complete, in-page ms, websocket bytes."""

    def __init__(self, browser, url: str, state: dict | None, screenshot: Path | None = None, context=None):
        """A new context of its own (a cold cache), or a new page in `context` (the cache of the views before)."""
        own = context is None
        context = new_context(browser, state) if own else context
        page = context.new_page()
        self.received = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._count))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            start = time.perf_counter()
            page.goto(url)
            complete = page.wait_for_function(COMPLETE, polling="raf", timeout=300_000).json_value()
            self.ms = (time.perf_counter() - start) * 1000
            self.in_page_ms = complete
            self.first_run_ms = page.evaluate("() => window.__benchFirstRunDone")
            self.runs = page.evaluate("() => window.__benchRunsDone")
            self.plotly_ms = page.evaluate("""() => performance.getEntriesByType('resource')
                .filter(e => /PlotlyChart[^/]*[.]js$/.test(e.name)).map(e => e.responseEnd)[0] ?? null""")
            page.wait_for_timeout(QUIET_MS)
            if page.evaluate("() => window.__benchRunsDone") != self.runs or \
                    page.evaluate("() => document.querySelector('[data-testid=\"stApp\"]')"
                                  ".getAttribute('data-test-script-state')") == "running":
                raise RuntimeError(f"{url}: another script run started after the page looked complete")
            exceptions = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
            if exceptions.count():
                raise RuntimeError(f"{url} shows an error: {exceptions.first.inner_text()[:300]}")
            if "/account/sign-in" in page.url:
                raise RuntimeError(f"{url} led to the sign-in form: the session was not taken")
            if errors:
                raise RuntimeError(f"{url}: errors in the page: {errors[:3]}")
            self.charts = page.locator('[data-testid="stPlotlyChart"]').count()
            if screenshot:
                full_page_shot(page, screenshot)
        finally:
            (context if own else page).close()

    def _count(self, payload) -> None:
        self.received += len(payload)


def server_alone_ms(app: Server, page: str, query: str, state: dict | None) -> float:
    """The page's first script run through a websocket client without a browser: the server's run and sending."""
    cookies = {cookie["name"]: cookie["value"] for cookie in (state or {}).get("cookies", [])}

    async def first_run() -> float:
        client = StreamlitClient(app.base_url, page=page, query=query, cookies=cookies)
        elapsed = await client.open()
        await client.close()
        if client.errors:
            raise RuntimeError(f"{page}?{query}: {client.errors[0]}")
        return elapsed

    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API holds an event loop in this thread
        return thread.submit(asyncio.run, first_run()).result()


def full_page_shot(page, path: Path) -> None:
    """Streamlit scrolls inside its main block: stretch the viewport to the content's height for the picture."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(int(height), VIEWPORT["height"]), 16_000)})
    page.wait_for_timeout(500)  # the charts re-lay out
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)


def app_server(folder: Path, size: int, port: int | None, root: Path | None = None) -> tuple[Server, int]:
    """The app of `root` (this checkout by default) on the demo data and a synthetic round of `size` candidates."""
    app = Server(folder, port)
    if root is not None:
        app.root = root
    app.load_demo()
    round_id = int(app.cli("demo", "--size", str(size)))
    app.start()
    return app, round_id


def start_servers(folder: Path, size: int, first_port: int | None) -> tuple[Server, Server, Server, int]:
    """The app on the demo data and a synthetic round of `size` candidates, the hello-world app, and the
    hello-world app with one small chart."""
    app, round_id = app_server(folder / "app", size, first_port)
    hello_file = folder / "hello.py"
    hello_file.write_text(HELLO, encoding="utf-8")
    hello = Server(folder / "hello", app.port + 1 if first_port else None, hello_file)
    hello.start()
    chart_file = folder / "one_chart.py"
    chart_file.write_text(ONE_CHART, encoding="utf-8")
    one_chart = Server(folder / "one_chart", hello.port + 1 if first_port else None, chart_file)
    one_chart.start()
    return app, hello, one_chart, round_id


def aim(name: str) -> str:
    return "" if name in ("hello", "one_chart") else "≤ 3×"


def summary(views: list[View], alone: list[float]) -> dict:
    rest = views[1:] or views
    plotly = [v.plotly_ms for v in rest if v.plotly_ms is not None]
    return {"first": views[0].ms, "median": statistics.median(v.ms for v in rest),
            "run": statistics.median(v.first_run_ms for v in rest),
            "plotly": f"{statistics.median(plotly):.0f}" if plotly else "–",
            "in_page": statistics.median(v.in_page_ms for v in rest),
            "kB": statistics.median(v.received for v in rest) / 1024, "charts": views[-1].charts,
            "alone": statistics.median(alone[1:] or alone)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="candidates in the synthetic round")
    parser.add_argument("--repeat", type=int, default=5, help="views of each page after the first")
    parser.add_argument("--port", type=int, default=None, help="first port to try (default: any free port)")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save the comparison page, as it was at the end of its last view, to this PNG")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout of the app (e.g. `git worktree add /tmp/base main`), served beside this "
                             "one on its own copy of the same data and measured in the same run: before and after")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        app, hello, one_chart, round_id = start_servers(Path(tmp), args.size, args.port)
        apps = {"": (app, round_id)}
        if args.baseline:
            apps[BASELINE] = app_server(Path(tmp) / "baseline", args.size, one_chart.port + 1 if args.port else None,
                                        args.baseline.resolve())
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            states = {suffix: signed_in_state(browser, server) for suffix, (server, _) in apps.items()}
            urls = {"hello": (hello.url("/"), None), "one_chart": (one_chart.url("/"), None)}
            for suffix, (server, round_of) in apps.items():
                urls |= {name + suffix: (server.url(f"/{name}", round=round_of), states[suffix]) for name in PAGES}
            cold: dict[str, list[View]] = {name: [] for name in urls}
            warm: dict[str, list[View]] = {name: [] for name in urls}
            contexts = {name: new_context(browser, state) for name, (_, state) in urls.items()}
            alone: dict[str, list[float]] = {name: [] for name in urls}
            for number in range(args.repeat + 1):
                for name, (url, state_of) in urls.items():
                    last = number == args.repeat and name == "comparison"
                    cold[name].append(View(browser, url, state_of, args.screenshot if last else None))
                for name, (url, state_of) in urls.items():
                    warm[name].append(View(browser, url, state_of, context=contexts[name]))
                alone["hello"].append(server_alone_ms(hello, "", "", None))
                alone["one_chart"].append(server_alone_ms(one_chart, "", "", None))
                for suffix, (server, round_of) in apps.items():
                    for name in PAGES:
                        alone[name + suffix].append(server_alone_ms(server, name, f"round={round_of}",
                                                                    states[suffix]))
                print(f"view {number + 1} of {args.repeat + 1}: " + ", ".join(
                    f"{name} {v[-1].ms:.0f} ms" for name, v in cold.items()), file=sys.stderr, flush=True)
        except Exception:
            print(f"--- app log:\n{app.log_tail()}", file=sys.stderr)
            raise
        finally:
            browser.close()
            for server in (hello, one_chart, *(server for server, _ in apps.values())):
                server.close()

    labels = {"hello": "anchor: hello-world app (a title, a line of text)",
              "one_chart": "for reference: the hello-world app with one small plotly chart",
              **{name: f"{label}, {args.size:,} candidates" for name, label in PAGES.items()}}
    if args.baseline:
        labels |= {name + BASELINE: f"{label}, {args.size:,} candidates, baseline ({args.baseline})"
                   for name, label in PAGES.items()}
    anchor = summary(cold["hello"], alone["hello"])
    rows = []
    for name, label in labels.items():
        figures = summary(cold[name], alone[name])
        rows.append([label, figures["charts"], f"{figures['first']:.0f}", f"{figures['median']:.0f}",
                     f"{anchor['median']:.0f}", f"{figures['median'] / anchor['median']:.1f}×",
                     aim(name), f"{figures['run']:.0f}", figures["plotly"],
                     f"{figures['in_page']:.0f}", f"{figures['kB']:,.1f}", f"{figures['alone']:.0f}",
                     f"{anchor['alone']:.0f}"])
    print_table(
        f"First page in chromium (1366×768, a new browser context per view: a cold cache), from goto until complete "
        f"(ms); first view apart, then the median of {args.repeat}. Anchor: a hello-world Streamlit app, "
        f"interleaved. In-page times are from the start of the navigation",
        ["page", "charts", "first view", "median", "anchor median", "× anchor", "aim", "first run done (in page)",
         "plotly.js arrived (in page)", "complete (in page)", "websocket kB received",
         "server alone: first run (no browser)", "anchor, server alone"], rows)

    anchor = summary(warm["hello"], alone["hello"])
    rows = []
    for name, label in labels.items():
        figures = summary(warm[name], alone[name])
        rows.append([label, f"{figures['median']:.0f}", f"{anchor['median']:.0f}",
                     f"{figures['median'] / anchor['median']:.1f}×", aim(name)])
    print_table(
        f"The same, with the browser's cache of the views before (a new page in one context per page, as a "
        f"returning visitor): median of {args.repeat} after the first view (ms)",
        ["page", "median", "anchor median", "× anchor", "aim"], rows)

if __name__ == "__main__":
    main()
