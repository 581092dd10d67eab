"""Storage and scoring speed: saving one answer (SQLite, PostgreSQL) and scoring a large population.

Run: python benchmarks/bench_core.py [--candidates 100000] [--postgres URL]
PostgreSQL is measured when --postgres or ASSESSMENT_TEST_POSTGRES_URL names a server.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import median_ms, print_table  # noqa: E402

from assessment import scoring  # noqa: E402
from assessment.catalog import load_catalog  # noqa: E402
from assessment.store import Store, item_keys  # noqa: E402


def answer_save(store: Store, saves: int = 300) -> tuple[float, float]:
    """Median and 95th percentile in ms of one `save_answer`, the write behind every click."""
    round_ = store.create_round("bench", "client_manager")
    candidate = store.add_candidate(round_.id, "Bench Candidate")
    keys = item_keys(store.catalog_of_round(round_.id))
    values = itertools.cycle(range(1, 6))
    timings = []
    for n in range(saves):
        start = time.perf_counter()
        store.save_answer(candidate.id, keys[n % len(keys)], next(values))
        timings.append((time.perf_counter() - start) * 1000)
    return float(np.median(timings)), float(np.percentile(timings, 95))


def fresh_postgres(url: str) -> Store:
    from sqlalchemy import text

    from assessment.store import make_engine
    from assessment.store.models import Base

    engine = make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return Store.open(url)


def scoring_run(candidates: int, items: int = 60) -> list[list]:
    """Self scores, dimensions and fit for `candidates` × a 60-item questionnaire (3 per competency)."""
    catalog = load_catalog("client_manager").catalog
    layout = scoring.Layout.of(catalog)
    rng = np.random.default_rng(1)
    competencies = len(layout.competencies)
    # A 60-item layout over the catalog's competencies: item i belongs to competency i mod C.
    wide_layout = scoring.Layout([f"i{i}" for i in range(items)], layout.competencies,
                                 np.arange(items) % competencies, rng.random(items) < 0.3, layout.weights,
                                 layout.targets, layout.dimensions)
    answers = rng.integers(1, 6, size=(candidates, items)).astype(float)
    answers[rng.random(answers.shape) < 0.05] = np.nan
    frame = pd.DataFrame({"candidate": np.repeat(np.arange(candidates), items),
                          "item": np.tile(wide_layout.items, candidates), "value": answers.ravel()}).dropna()
    rows = []
    rows.append(["answers → matrix (long → wide)", candidates, items,
                 median_ms(lambda: scoring.answer_matrix(frame, wide_layout), repeat=3)])
    rows.append(["self scores (reverse keys, competencies)", candidates, items,
                 median_ms(lambda: scoring.self_scores_matrix(answers, wide_layout), repeat=5)])
    scores = pd.DataFrame(scoring.self_scores_matrix(answers, wide_layout), columns=layout.competencies)
    rows.append(["dimension scores", candidates, items,
                 median_ms(lambda: scoring.dimension_scores(scores, catalog), repeat=5)])
    rows.append(["fit to role target", candidates, items,
                 median_ms(lambda: scoring.fit_to_target(scores, catalog), repeat=5)])
    total = median_ms(lambda: (scoring.answer_matrix(frame, wide_layout),
                               scoring.fit_to_target(pd.DataFrame(scoring.self_scores_matrix(answers, wide_layout),
                                                                  columns=layout.competencies), catalog)), repeat=3)
    rows.append(["all of it, from long answers", candidates, items, total])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("ASSESSMENT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{folder}/bench.sqlite")
        rows.append(["SQLite (file, WAL)", *answer_save(store)])
        store.engine.dispose()
    if args.postgres:
        store = fresh_postgres(args.postgres)
        rows.append(["PostgreSQL", *answer_save(store)])
        store.engine.dispose()
    print_table("Saving one self-assessment answer (300 saves)", ["database", "median ms", "p95 ms"], rows)
    print_table(f"Scoring {args.candidates:,} candidates", ["step", "candidates", "items", "median ms"],
                scoring_run(args.candidates))


if __name__ == "__main__":
    main()
