"""Manager-type speed: finding the types in a large pool (the choice of k included) and typing one
candidate (nearest_archetype, predict, and explain on one row worded by naming.explanation).

Aims: fit under 10 s for 100,000 candidates x 9 dimensions on 2 cores; one candidate under 1 ms.
Run: python benchmarks/bench_types.py [--candidates 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import median_ms, print_table  # noqa: E402

from assessment.manager_types import ManagerTypes, explanation, load_archetypes, nearest_archetype  # noqa: E402


def pool(profiles: pd.DataFrame, n: int, sd: float = 0.6, missing: float = 0.0, seed: int = 0) -> pd.DataFrame:
    """`n` candidates around the archetypes (noise `sd`, clipped to 1-5), a share `missing` of cells empty."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, len(profiles), n)
    values = np.clip(profiles.to_numpy()[truth] + rng.normal(0, sd, (n, profiles.shape[1])), 1, 5)
    values[rng.random(values.shape) < missing] = np.nan
    return pd.DataFrame(values, index=[f"c{i}" for i in range(n)], columns=profiles.columns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    archetypes = load_archetypes()
    params = {"archetypes": archetypes.profiles}
    n, dims = args.candidates, archetypes.profiles.shape[1]
    full, holes = pool(archetypes.profiles, n), pool(archetypes.profiles, n, missing=0.2)
    fitted = ManagerTypes(**params, random_state=0).fit(full)
    one, profile = full.iloc[[0]], full.iloc[0].to_dict()

    def fit(data: pd.DataFrame, **extra) -> None:
        ManagerTypes(**params, random_state=0, **extra).fit(data)

    big = [
        [f"fit {n:,} x {dims}, k chosen in 2..10", median_ms(lambda: fit(full), repeat=args.repeat, warmup=0)],
        [f"fit {n:,} x {dims}, k = 10 given", median_ms(lambda: fit(full, k=10), repeat=args.repeat, warmup=0)],
        [f"fit {n:,} x {dims}, 20% cells missing, k chosen",
         median_ms(lambda: fit(holes), repeat=args.repeat, warmup=0)],
        [f"predict_types on the {n:,}", median_ms(lambda: fitted.predict_types(full), repeat=args.repeat)],
    ]  # fmt: skip
    print_table(f"Finding types ({os.cpu_count()} CPUs; median of {args.repeat})", ["what", "median ms"], big)
    small = [
        ["nearest_archetype(profile, archetypes)", median_ms(lambda: nearest_archetype(profile, archetypes.profiles),
                                                             repeat=2000)],
        ["ManagerTypes.predict(one row)", median_ms(lambda: fitted.predict(one), repeat=2000)],
        ["ManagerTypes.predict_types(one row)", median_ms(lambda: fitted.predict_types(one), repeat=2000)],
        ["ManagerTypes.explain(one row)", median_ms(lambda: fitted.explain(one), repeat=2000)],
        ["explain(one row) + naming.explanation, en/de/ru",
         median_ms(lambda: explanation(fitted.explain(one)[0], archetypes.dimension_names), repeat=2000)],
    ]  # fmt: skip
    print_table("Typing one candidate (median of 2,000)", ["what", "median ms"], [[w, f"{t:.3f}"] for w, t in small])
    print(f"\nfit: k = {fitted.k_}, structure '{fitted.structure_}', silhouette {fitted.silhouette_:.3f}, "
          f"stability {fitted.stability_:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
