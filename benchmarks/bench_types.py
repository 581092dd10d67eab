"""Manager types: how distinct the archetypes' shapes are, how well each role's types are recovered from
simulated candidates, and speed: finding the types in a large pool (the choice of k included) and typing one
candidate (nearest_archetype, predict, and explain on one row worded by naming.explanation).

Recovery: per role, `--per-type` candidates around each of the role's archetypes (noise sd per dimension,
plus an overall level shifted by N(0, 0.5) per candidate, clipped to 1-5), typed by shape as a round is;
ARI of the groups found and the share typed as their own archetype, by the pool (clustering) and one at a time
(nearest_archetype, as in a round of fewer than ten).
Aims: fit under 10 s for 100,000 candidates x 9 dimensions on 2 cores; one candidate under 1 ms; recovery
ARI >= 0.9 at noise 0.6.
Run: python benchmarks/bench_types.py [--candidates 100000] [--repeat 5] [--per-type 120] [--skip-speed]
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
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from assessment.catalog import role_files  # noqa: E402
from assessment.manager_types import ManagerTypes, explanation, load_archetypes, nearest_archetype  # noqa: E402


def pool(profiles: pd.DataFrame, n: int, sd: float = 0.6, missing: float = 0.0, seed: int = 0) -> pd.DataFrame:
    """`n` candidates around the archetypes (noise `sd`, clipped to 1-5), a share `missing` of cells empty."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, len(profiles), n)
    values = np.clip(profiles.to_numpy()[truth] + rng.normal(0, sd, (n, profiles.shape[1])), 1, 5)
    values[rng.random(values.shape) < missing] = np.nan
    return pd.DataFrame(values, index=[f"c{i}" for i in range(n)], columns=profiles.columns)


def shape_distances(profiles: pd.DataFrame) -> list[list]:
    """Every pair of archetypes: Euclidean distance of the profiles and of their shapes (centred rows)."""
    raw = profiles.to_numpy(dtype=float)
    shapes = raw - raw.mean(axis=1, keepdims=True)
    ids = list(profiles.index)
    rows = [[a, b, float(np.linalg.norm(raw[i] - raw[j])), float(np.linalg.norm(shapes[i] - shapes[j]))]
            for i, a in enumerate(ids) for j, b in enumerate(ids) if i < j]
    return sorted(rows, key=lambda row: row[3])


def levelled_pool(profiles: pd.DataFrame, per_type: int, sd: float, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(len(profiles)), per_type)
    level = rng.normal(0, 0.5, (len(truth), 1))
    values = np.clip(profiles.to_numpy()[truth] + level + rng.normal(0, sd, (len(truth), profiles.shape[1])), 1, 5)
    return pd.DataFrame(values, columns=profiles.columns), profiles.index.to_numpy()[truth]


def recovery(archetypes, per_type: int) -> list[list]:
    rows = []
    for role in [p.stem for p in role_files()]:
        profiles = archetypes.for_role(role).profiles
        for sd in (0.3, 0.6, 1.0):
            pool_, truth = levelled_pool(profiles, per_type, sd, seed=int(sd * 10))
            model = ManagerTypes(profiles, random_state=0).fit(pool_)
            typed = model.predict_types(pool_)["type"].to_numpy()
            one = [nearest_archetype(row, profiles).type for row in pool_.to_dict("records")]
            rows.append([role, len(profiles), sd, model.k_, adjusted_rand_score(truth, model.labels_),
                         float((typed == truth).mean()), model.structure_, float((np.array(one) == truth).mean())])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--per-type", type=int, default=120)
    parser.add_argument("--skip-speed", action="store_true", help="print distances and recovery only")
    args = parser.parse_args()
    archetypes = load_archetypes()
    print_table("Archetype pairs, closest shapes first (Euclidean; shape = profile minus its own mean)",
                ["type", "type", "profiles", "shapes"], shape_distances(archetypes.profiles))
    print_table(f"Recovery per role ({args.per_type} candidates per type, level shift sd 0.5, typed by shape)",
                ["role", "types", "noise sd", "k found", "ARI", "named right (pool)", "structure",
                 "named right (one at a time)"], recovery(archetypes, args.per_type))
    if args.skip_speed:
        return
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
