"""Load: 50 candidates answering and 5 interviewers rating at once, through the real server.

Each person is a light client speaking Streamlit's websocket protocol (`tests/e2e/load.py`), so the machine's
cores go to the server, not to 55 browsers. Candidates answer their questionnaire step by step; interviewers sign
in through the form, rate every competency of one candidate, recommend and submit. A click is timed from sending
it until the run it starts has finished (the page has saved it by then). Afterwards every answer and rating given
is looked up in the database: "lost" counts those not stored as given.

"Once all are in" leaves out the clicks sent before the last person's first click: everyone opens the page in
the same second, and the first clicks queue behind fifty-five first page views.

Setups: one instance on SQLite; one on PostgreSQL; two on PostgreSQL behind Debian's nginx with the recipe of
`deploy/` (sticky sessions). Anchor beside each figure: the same people clicking at the same pace on a blank
page (one `st.radio`) on as many instances, in the same run. PostgreSQL needs ASSESSMENT_TEST_POSTGRES_URL
(its tables are dropped); nginx needs the `nginx` package. What is missing is skipped, and said.

Run: python benchmarks/bench_load.py [--candidates 50] [--interviewers 5] [--answers 20] [--think 1 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import print_table  # noqa: E402

from tests.e2e.conftest import AppServer, free_port  # noqa: E402
from tests.e2e.load import BLANK_SCRIPT, blank_clicker, lost, prepare, run_cast  # noqa: E402
from tests.e2e.nginx import Nginx, missing_reason  # noqa: E402

POSTGRES_URL = os.environ.get("ASSESSMENT_TEST_POSTGRES_URL")


class Instance(AppServer):
    """An app instance on `database_url` (SQLite by default), or the blank page when `blank` is set."""

    def __init__(self, workdir: Path, database_url: str | None = None, blank: Path | None = None,
                 public_url: str | None = None):
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(workdir)
        if database_url:
            self.database_url = self.env["ASSESSMENT_DATABASE_URL"] = database_url
        if blank:
            self.script = str(blank)
        if public_url:
            self.env["ASSESSMENT_BASE_URL"] = public_url


def percentiles(clicks: list[float]) -> tuple[float, float]:
    return float(np.percentile(clicks, 50)), float(np.percentile(clicks, 95))


def all_in(outcomes) -> float:
    """When the last person's first click was sent: from then on everyone's page is open, and the burst of
    fifty-five first page views that all start in the same second is over."""
    return max(o.sent[0] for o in outcomes if o.sent)


def after(outcomes, moment: float) -> list[float]:
    """The click times of clicks sent from `moment` on."""
    return [ms for o in outcomes for ms, sent in zip(o.clicks, o.sent, strict=True) if sent >= moment]


async def blank_load(base_urls: list[str], people: int, clicks: int, think: tuple[float, float]) -> list:
    rng = random.Random(7)
    return await asyncio.gather(*(blank_clicker(base_urls[n % len(base_urls)], clicks, think,
                                                random.Random(rng.random())) for n in range(people)))


def serve(instances: list[Instance], folder: Path, proxied: bool) -> tuple[list[str], Nginx | None]:
    """Start the instances (and nginx in front when `proxied`); the addresses people use."""
    for instance in instances:
        instance.start()
    if not proxied:
        return [i.base_url for i in instances], None
    proxy = Nginx(folder / "nginx", int(instances[0].env["ASSESSMENT_BASE_URL"].rsplit(":", 1)[1]),
                  [i.port for i in instances])
    return [proxy.start().base_url], proxy


def peak_mb(instances: list[Instance]) -> float:
    """The largest peak resident memory of the instances' server processes (VmHWM), in MB."""
    peaks = []
    for instance in instances:
        status = Path(f"/proc/{instance.process.pid}/status").read_text(encoding="utf-8")
        peaks.append(int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))))
    return max(peaks) / 1024


def stop(instances: list[Instance], proxy: Nginx | None) -> None:
    if proxy:
        proxy.stop()
    for instance in instances:
        instance.close()


def measure(name: str, folder: Path, database_url: str | None, count: int, args) -> list[list]:
    """One setup: the blank anchor on `count` instances, then the round on `count` app instances."""
    think, people = tuple(args.think), args.candidates + args.interviewers
    proxied = count > 1
    folder.mkdir(parents=True, exist_ok=True)
    blank_file = folder / "blank.py"
    blank_file.write_text(BLANK_SCRIPT, encoding="utf-8")
    public = f"http://127.0.0.1:{free_port()}" if proxied else None
    blanks = [Instance(folder / f"blank{n}", blank=blank_file, public_url=public) for n in range(count)]
    urls, proxy = serve(blanks, folder / "blank", proxied)
    try:
        blank_outcomes = asyncio.run(blank_load(urls, people, args.answers, think))
        anchor = percentiles([ms for o in blank_outcomes for ms in o.clicks])
        anchor_steady = percentiles(after(blank_outcomes, all_in(blank_outcomes)))
        anchor_mb = peak_mb(blanks)
    finally:
        stop(blanks, proxy)

    if database_url and database_url.startswith("postgresql"):
        from tests.conftest import empty_postgres
        empty_postgres()
    public = f"http://127.0.0.1:{free_port()}" if proxied else None
    instances = [Instance(folder / f"app{n}", database_url=database_url, public_url=public) for n in range(count)]
    if proxied:  # one cookie secret for all instances, as deploy/README.md says
        for instance in instances:
            instance.env["STREAMLIT_SERVER_COOKIE_SECRET"] = "load-benchmark-" + "0123456789abcdef" * 3
    store = instances[0].store()
    cast = prepare(store, args.candidates, args.interviewers)
    urls, proxy = serve(instances, folder, proxied)
    try:
        candidates, interviews = asyncio.run(run_cast(urls, cast, args.answers, think))
        app_mb = peak_mb(instances)
    except Exception:  # the driver keeps going past stuck people; this is something else
        for instance in instances:
            print(f"--- {instance.base_url}:\n{instance.log_tail()}", file=sys.stderr)
        raise
    finally:
        stop(instances, proxy)
    lost_answers, lost_ratings = lost(store, candidates, interviews)
    store.engine.dispose()
    errors = [e for o in [*candidates.values(), *interviews.values()] for e in o.errors]
    if errors:
        print(f"{name}: {len(errors)} error(s) (an exception on the page, a run that never ended), e.g.:",
              *sorted(set(errors))[:5], sep="\n  ", file=sys.stderr)
    rows = []
    everyone_in = all_in([*candidates.values(), *interviews.values()])
    for who, outcomes, lost_count in (("answer click", candidates, lost_answers),
                                      ("rating click", interviews, lost_ratings)):
        clicks = [ms for outcome in outcomes.values() for ms in outcome.clicks]
        p50, p95 = percentiles(clicks)
        stored = sum(len(o.chosen) for o in outcomes.values())
        erred = sum(bool(o.errors) for o in outcomes.values())
        steady = percentiles(after(outcomes.values(), everyone_in))[1]
        rows.append([name, who, len(clicks), p50, p95, anchor[0], anchor[1], f"{p95 / anchor[1]:.1f}×", steady,
                     anchor_steady[1], f"{lost_count} of {stored}", f"{erred} of {len(outcomes)}", app_mb,
                     anchor_mb])
        print(" | ".join(str(value) for value in rows[-1]), file=sys.stderr, flush=True)  # progress
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--interviewers", type=int, default=5)
    parser.add_argument("--answers", type=int, default=20, help="answers per candidate (clicks on the anchor)")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconds each person pauses before a click, uniform")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows += measure("1 instance, SQLite", folder / "sqlite", None, 1, args)
        if not POSTGRES_URL:
            print("PostgreSQL skipped: ASSESSMENT_TEST_POSTGRES_URL is not set", file=sys.stderr)
        else:
            rows += measure("1 instance, PostgreSQL", folder / "pg", POSTGRES_URL, 1, args)
            if reason := missing_reason():
                print(f"nginx skipped: {reason}", file=sys.stderr)
            else:
                rows += measure("2 instances behind nginx, PostgreSQL", folder / "nginx", POSTGRES_URL, 2, args)
    print_table(
        f"Load: {args.candidates} candidates and {args.interviewers} interviewers at once, a pause of "
        f"{args.think[0]:g}–{args.think[1]:g} s before each click; time from click to saved (ms). Anchor: the same "
        f"people clicking a blank page (one st.radio) on as many instances",
        ["setup", "click", "clicks", "p50", "p95", "anchor p50", "anchor p95", "p95 / anchor p95",
         "p95 once all are in", "anchor p95 once all are in", "lost", "people who saw an error", "server peak MB",
         "anchor server peak MB"], rows)


if __name__ == "__main__":
    main()
