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
