"""Benchmark assessment.psychometrics against pingouin on 10,000 respondents / targets.

Run: python benchmarks/bench_psychometrics.py [--repeats N]

Prints one row per operation: the median wall time of N runs of ours and of pingouin
in the same process on the same data, runs alternating, and ours / pingouin (below 1 =
we are faster).
Our alpha also computes the item statistics, which pingouin's does not.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
import pandas as pd
import pingouin as pg

from assessment.psychometrics import (
    cronbach_alpha,
    disagreements,
    icc,
    rater_effects,
    response_quality,
)

SEED = 20260301


def answers_wide(n: int, k: int, missing: float) -> pd.DataFrame:
    """n respondents × k items on 1..5 driven by one trait, with a share of missing answers."""
    rng = np.random.default_rng(SEED)
    trait = rng.normal(0, 1, (n, 1))
    values = np.clip(np.round(3 + trait + rng.normal(0, 1, (n, k))), 1, 5)
    values[rng.random((n, k)) < missing] = np.nan
    return pd.DataFrame(values, columns=[f"item{j:02d}" for j in range(k)])


def ratings_long(n: int, k: int) -> pd.DataFrame:
    """n targets × k raters in long format, shuffled."""
    rng = np.random.default_rng(SEED)
    truth = rng.normal(3, 1, (n, 1)) + rng.normal(0, 0.3, (1, k))
    wide = pd.DataFrame(truth + rng.normal(0, 0.7, (n, k)), columns=[f"rater{j}" for j in range(k)])
    long = wide.rename_axis("target").reset_index().melt(id_vars="target", var_name="rater",
                                                           value_name="rating")  # fmt: skip
    return long.sample(frac=1, random_state=SEED).reset_index(drop=True)


def interview_ratings(n_candidates: int) -> pd.DataFrame:
    """Panels of 4 of 12 interviewers rating 8 competencies, 1..5."""
    rng = np.random.default_rng(SEED)
    cand = np.repeat(np.arange(n_candidates), 4 * 8)
    panel = np.array([rng.choice(12, 4, replace=False) for _ in range(n_candidates)])
    value = np.clip(np.round(rng.normal(3, 1, cand.size)), 1, 5)
    return pd.DataFrame({
        "candidate": cand, "interviewer": np.repeat(panel.ravel(), 8),
        "competency": np.tile(np.arange(8), n_candidates * 4), "value": value,
    })  # fmt: skip


def self_answers(n_candidates: int, n_items: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    items = pd.DataFrame({"item": np.arange(n_items), "competency": np.arange(n_items) // 4,
                          "reverse": np.arange(n_items) % 4 == 3})  # fmt: skip
    start = pd.Timestamp("2026-03-01", tz="UTC")
    seconds = rng.uniform(1, 20, (n_candidates, n_items)).cumsum(axis=1).ravel()
    answers = pd.DataFrame({
        "candidate": np.repeat(np.arange(n_candidates), n_items),
        "item": np.tile(np.arange(n_items), n_candidates),
        "value": rng.integers(1, 6, n_candidates * n_items).astype(float),
        "answered_at": start + pd.to_timedelta(seconds, unit="s"),
    })  # fmt: skip
    return answers, items


def median_ms(ours, theirs, repeats: int) -> tuple[float, float]:
    """Median ms of each; runs alternate, so both see the same load on a shared machine."""
    funcs = [f for f in (ours, theirs) if f is not None]
    for func in funcs:
        func()  # warm-up: imports, caches
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeats):
        for func, spent in zip(funcs, times, strict=True):
            start = time.perf_counter()
            func()
            spent.append(time.perf_counter() - start)
    medians = [statistics.median(spent) * 1000 for spent in times]
    return medians[0], medians[1] if len(medians) > 1 else float("nan")


def cases() -> list[tuple[str, object, object]]:
    complete = answers_wide(10_000, 20, missing=0.0)
    gappy = answers_wide(10_000, 20, missing=0.05)
    long = ratings_long(10_000, 4)
    interviews = interview_ratings(2_500)
    answers, items = self_answers(2_000, 40)
    return [
        ("alpha 10,000 x 20, complete", lambda: cronbach_alpha(complete),
         lambda: pg.cronbach_alpha(complete)),
        ("alpha 10,000 x 20, 5% missing", lambda: cronbach_alpha(gappy),
         lambda: pg.cronbach_alpha(gappy)),
        ("ICC (all 6) 10,000 targets x 4 raters", lambda: icc(long, "target", "rater", "rating"),
         lambda: pg.intraclass_corr(long, "target", "rater", "rating")),
        ("rater_effects 80,000 ratings", lambda: rater_effects(interviews), None),
        ("disagreements 80,000 ratings", lambda: disagreements(interviews), None),
        ("response_quality 2,000 x 40 answers", lambda: response_quality(answers, items, 1, 5),
         None),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    repeats = parser.parse_args().repeats
    warnings.simplefilter("ignore")  # pingouin's pandas deprecation warnings
    rows = []
    for name, ours, theirs in cases():
        ours_ms, theirs_ms = median_ms(ours, theirs, repeats)
        rows.append((name, ours_ms, theirs_ms, ours_ms / theirs_ms))
    print(f"median of {repeats} runs; pingouin {pg.__version__}, pandas {pd.__version__}\n")
    print(f"| {'operation':<40} | {'ours ms':>8} | {'pingouin ms':>11} | {'ratio':>5} |")
    print(f"|{'-' * 42}|{'-' * 10}|{'-' * 13}|{'-' * 7}|")
    for name, ours_ms, theirs_ms, ratio in rows:
        theirs = "—" if np.isnan(theirs_ms) else f"{theirs_ms:.2f}"
        shown = "—" if np.isnan(ratio) else f"{ratio:.2f}"
        print(f"| {name:<40} | {ours_ms:>8.2f} | {theirs:>11} | {shown:>5} |")


if __name__ == "__main__":
    main()
