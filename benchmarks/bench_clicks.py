"""Clicks as a browser gets them (issue 18): an answer on the questionnaire and a rating on the interview page,
through the real server, one person at a time on an otherwise idle server, against a blank rerun (a page with
one `st.radio`) served and clicked the same way, in the same run. Aim: each within 3x of the blank rerun.

A click is timed from sending it (over Streamlit's websocket, `tests/e2e/load.py`) until the run it starts has
finished, the page's save included. A click in the questions or the interview form reruns that part alone
(`assessment/ui/fragments.py`); AppTest, which `bench_scale.py` uses, always reruns the whole page, so it cannot
show this.

`--before CHECKOUT` serves another checkout of the app beside it (e.g. `git worktree add /tmp/before HEAD~3`)
and clicks it the same way, for a before/after in one run.

Run: python benchmarks/bench_clicks.py [--people 3] [--answers 40] [--before CHECKOUT]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import print_table  # noqa: E402

from tests.e2e.conftest import AppServer  # noqa: E402
from tests.e2e.load import BLANK_SCRIPT, blank_clicker, candidate, interviewer, lost, prepare, run  # noqa: E402

PAUSE = (0.05, 0.05)  # seconds between clicks: one person, clicking briskly


def blank_clicks(folder: Path, clicks: int) -> list[float]:
    folder.mkdir(parents=True)
    script = folder / "blank.py"
    script.write_text(BLANK_SCRIPT, encoding="utf-8")
    server = AppServer(folder)
    server.script = str(script)
    server.start()
    try:
        outcome = run(blank_clicker(server.base_url, clicks, PAUSE, random.Random(1)))
    finally:
        server.close()
    if outcome.errors:
        raise RuntimeError(f"the blank page failed: {outcome.errors}")
    return outcome.clicks


def app_clicks(folder: Path, root: Path, people: int, answers: int) -> tuple[list[float], list[float]]:
    """(answer clicks, rating clicks) in ms: `people` candidates answer `answers` statements each, then
    `people` interviewers rate every competency of one of them and recommend, one person after another."""
    folder.mkdir(parents=True)
    server = AppServer(folder)
    server.root = root
    store = server.store()
    cast = prepare(store, people, people)
    server.start()
    rng = random.Random(18)
    answered, rated = {}, {}
    try:
        for candidate_id, token in cast.tokens.items():
            answered[candidate_id] = run(candidate(server.base_url, token, answers, PAUSE, rng))
        for email, password, candidate_id in cast.interviewers:
            rated[candidate_id] = run(interviewer(server.base_url, email, password, cast.round_id, candidate_id,
                                                  PAUSE, rng))
    finally:
        server.close()
    errors = [e for o in [*answered.values(), *rated.values()] for e in o.errors]
    missing = lost(store, answered, rated)
    store.engine.dispose()
    if errors or any(missing):
        raise RuntimeError(f"{root}: errors {errors[:3]}, not stored (answers, ratings): {missing}")
    return ([ms for o in answered.values() for ms in o.clicks],
            [ms for o in rated.values() for ms in o.clicks])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3, help="candidates, and as many interviewers")
    parser.add_argument("--answers", type=int, default=40, help="answers per candidate")
    parser.add_argument("--before", type=Path, help="another checkout of the app to click the same way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        blank = blank_clicks(folder / "blank", args.people * args.answers)
        checkouts = [("this checkout", ROOT)] + ([("before: " + str(args.before), args.before)] if args.before else [])
        measured = [(name, *app_clicks(folder / f"app{n}", root, args.people, args.answers))
                    for n, (name, root) in enumerate(checkouts)]
        blank_again = blank_clicks(folder / "blank_again", args.people * args.answers)
    anchor = statistics.median(blank + blank_again)
    rows = [["anchor: blank rerun, a page with one st.radio", len(blank) + len(blank_again), anchor,
             float(np.percentile(blank + blank_again, 90)), 1.0, ""]]
    for name, answers, ratings in measured:
        for what, clicks in (("answer click, questionnaire", answers), ("rating click, interview of 14", ratings)):
            median = statistics.median(clicks)
            rows.append([f"{what} ({name})", len(clicks), median, float(np.percentile(clicks, 90)),
                         median / anchor, "≤ 3×"])
    print_table("Clicks through the real server, one person at a time (SQLite; ms from click to the run's end, "
                "save included; the blank anchor measured before and after the app, pooled)",
                ["what", "clicks", "median ms", "90th percentile ms", "× blank", "aim"], rows)


if __name__ == "__main__":
    main()
