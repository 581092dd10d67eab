"""Printing and timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(action: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of `action` in milliseconds."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    """A plain Markdown table, so figures can be pasted into notes as they are."""
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(f"{v:,.2f}" if isinstance(v, float) else str(v) for v in row) + " |")


def compile_once_as_a_server_does() -> None:
    """Make AppTest keep compiled scripts between runs, as a server does.

    A Streamlit server compiles each page script once and keeps the bytecode for every session (one
    `ScriptCache` per runtime). AppTest makes a new cache for every run, so each run of the app paid about 13 ms
    for compiling `app.py` and the page again, a cost a blank one-line script hardly has: the ratios to the
    blank rerun were inflated by something no user waits for."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    local_script_runner.ScriptCache = app_test.ScriptCache = lambda: shared
