"""A large round in the committee's browser: what the comparison page sends and how long it takes.

Builds a client-manager round of N candidates (default 2,000), each with every self-assessment answer and
three submitted interviews, by bulk insert (the store's one-transaction-per-save methods would take an hour
for that), then measures:

- the size of each comparison figure as sent to the browser (plotly JSON), bounded as the page draws it
  and, as the anchor, unbounded (every candidate, as before charts were capped);
- the comparison page's server time (AppTest), first run and median.

Run: python benchmarks/bench_large_round.py [--candidates 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import print_table  # noqa: E402
from bench_app import page_ms  # noqa: E402

INTERVIEWERS = ("Kim", "Lee", "Max")


def large_round(candidates: int, seed: int = 11) -> int:
    from sqlalchemy import insert

    from assessment.store import Store, item_keys
    from assessment.store.models import Candidate, Interview, Rating, SelfAnswer

    rng, now = np.random.default_rng(seed), datetime.now(UTC)
    store = Store.open()
    round_ = store.create_round("Large round", "client_manager")
    catalog = store.catalog_of_round(round_.id)
    keys, competencies = item_keys(catalog), [c.id for c in catalog.competencies]
    with store.engine.begin() as connection:
        ids = [connection.execute(insert(Candidate).values(
            round_id=round_.id, name=f"Candidate {i:04d}", language="en", consent_at=now, submitted_at=now,
            created_at=now)).inserted_primary_key[0] for i in range(candidates)]
        connection.execute(insert(SelfAnswer), [
            {"candidate_id": cid, "item_id": key, "value": int(v), "answered_at": now}
            for cid in ids for key, v in zip(keys, rng.integers(1, 6, len(keys)), strict=True)])
        for cid in ids:
            for interviewer in INTERVIEWERS:
                interview_id = connection.execute(insert(Interview).values(
                    candidate_id=cid, interviewer=interviewer, status="submitted", recommendation="yes",
                    started_at=now, submitted_at=now, version=2)).inserted_primary_key[0]
                connection.execute(insert(Rating), [
                    {"interview_id": interview_id, "competency_id": comp, "value": int(v), "not_observed": False,
                     "notes": "", "updated_at": now}
                    for comp, v in zip(competencies, rng.integers(1, 6, len(competencies)), strict=True)])
    return round_.id


def figure_sizes(round_id: int) -> list[list]:
    from assessment.charts import comparison as charts
    from assessment.results.loader import load_round
    from assessment.store import Store

    results = load_round(Store.open(), round_id)
    rows = []
    for label, build in (("fit ranking", lambda limit: charts.fit_ranking(results, "en", limit=limit)),
                         ("heatmap, interviewers' view",
                          lambda limit: charts.competency_heatmap(results, "en", "interview", limit=limit)),
                         ("heatmap, self-view", lambda limit: charts.competency_heatmap(results, "en", "self",
                                                                                          limit=limit))):
        bounded, unbounded = len(build(charts.CANDIDATE_ROWS).to_json()), len(build(10**9).to_json())
        rows.append([label, f"{bounded / 1000:,.0f} kB", f"{unbounded / 1000:,.0f} kB",
                     f"{unbounded / bounded:.0f}×"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-large-"))
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"
    started = time.perf_counter()
    round_id = large_round(args.candidates)
    setup = time.perf_counter() - started
    print_table(f"Comparison figures of a round of {args.candidates:,} candidates (round built in {setup:.0f} s)",
                ["figure", "as drawn (best 100)", "anchor: every candidate", "ratio"], figure_sizes(round_id))
    first, median = page_ms("comparison", round_id, args.repeat)
    print_table("Comparison page, server time (AppTest on SQLite)", ["what", "first run, ms", "median, ms"],
                [[f"comparison page, {args.candidates:,} candidates", first, median]])


if __name__ == "__main__":
    main()
