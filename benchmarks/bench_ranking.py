"""How sure the ranking is: what the probabilities cost on the comparison page of a 200-candidate round.

Builds a client-manager round (every self-assessment answer, three submitted interviews per candidate; the
generator of `bench_large_round.py`), then measures, alternating the two so that drift hits both alike:

- the comparison page's server time (AppTest) with the ranking-certainty panel, and, as the anchor, the same
  page with the panel switched off (its `render` replaced by a no-op in this process);
- the computation alone (`ranking_certainty`, 4,000 draws, top 5) beside loading the round's results.

Run: python benchmarks/bench_ranking.py [--candidates 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import median_ms, print_table  # noqa: E402
from bench_app import page_ms  # noqa: E402
from bench_large_round import large_round  # noqa: E402


def page_times(round_id: int, repeat: int) -> tuple[list[float], list[float]]:
    """Median server times of the comparison page with and without the panel, measured alternately."""
    from assessment.ui.panels import ranking as panel

    render = panel.render
    page_ms("comparison", round_id, 1)  # warm up: imports, catalog cache, the app's first run
    with_panel, without = [], []
    for _ in range(repeat):
        panel.render = render
        with_panel.append(page_ms("comparison", round_id, 1)[0])
        panel.render = lambda results: None
        without.append(page_ms("comparison", round_id, 1)[0])
    panel.render = render
    return with_panel, without


def computation(round_id: int) -> tuple[float, float]:
    from assessment.results import ranking
    from assessment.results.loader import load_round
    from assessment.store import Store

    store = Store.open()
    results = load_round(store, round_id)
    return (median_ms(lambda: ranking.ranking_certainty(results, top=5, seed=1), repeat=5),
            median_ms(lambda: load_round(store, round_id), repeat=3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-ranking-"))
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"
    round_id = large_round(args.candidates)
    with_panel, without = page_times(round_id, args.repeat)
    with_ms, without_ms = statistics.median(with_panel), statistics.median(without)
    print_table(f"Comparison page of {args.candidates} candidates, server time (AppTest on SQLite, median of "
                f"{args.repeat}, alternating)",
                ["page", "median, ms", "anchor: without the ranking panel, ms", "ratio"],
                [["with ranking probabilities", with_ms, without_ms, f"{with_ms / without_ms:.2f}×"]])
    ranking_ms, load_ms = computation(round_id)
    print_table("The computation alone", ["what", "median, ms", "anchor: loading the round's results, ms"],
                [["ranking_certainty (top 5, 4,000 draws)", ranking_ms, load_ms]])


if __name__ == "__main__":
    main()
