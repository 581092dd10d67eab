"""Self-assessment items on simulated honest respondents: Cronbach's alpha per area, how well area scores
follow the true levels, and the share of honest respondents the contradiction check flags (aim: under 5 %).

Respondents answer by Samejima's graded response model (`psychometrics.graded_responses`): a true level per
area, drawn from N(0, 1), a competency facet around it (sd 0.5), item slopes 1.2-2.2 and thresholds spread
over [-1.5, 1.5] around each item's location; a reverse-keyed item is answered at minus the level. The
contradiction check compares only the pairs a catalog declares (`opposite_of`); the old rule, every plain x
reverse pair of a competency, is shown beside it for comparison.

Run: python benchmarks/bench_items.py [--respondents 1000] [--seed 0] [CATALOG_ID ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import print_table  # noqa: E402

from assessment.catalog import load_catalog, load_catalogs  # noqa: E402
from assessment.psychometrics import cronbach_alpha, graded_responses, response_quality  # noqa: E402
from assessment.results.reliability import questionnaire  # noqa: E402

GAP, MIN_CONTRADICTIONS = 3, 2  # the gap and least count of response_quality (the old rule had no share)


def items_of(catalog) -> pd.DataFrame:
    items = questionnaire(catalog)
    items["area"] = [catalog.area_of(c).id for c in items["competency"]]
    return items


def old_rule_share(answers: pd.DataFrame, items: pd.DataFrame) -> float:
    """Share flagged when every plain x reverse pair of a competency counts as opposites (the former check)."""
    keyed = answers.merge(items, on="item")
    keyed["value"] = keyed["value"].where(~keyed["reverse"], 6 - keyed["value"])
    plain, reverse = keyed[~keyed["reverse"]], keyed[keyed["reverse"]]
    pairs = plain.merge(reverse, on=["candidate", "competency"], suffixes=("", "_rev"))
    clashes = ((pairs["value"] - pairs["value_rev"]).abs() >= GAP).groupby(pairs["candidate"]).sum()
    return float((clashes.reindex(answers["candidate"].unique(), fill_value=0) >= MIN_CONTRADICTIONS).mean())


def catalog_rows(catalog, respondents: int, seed: int) -> tuple[list[list], list]:
    items = items_of(catalog)
    areas = list(dict.fromkeys(items["area"]))
    rng = np.random.default_rng(seed)
    traits = pd.DataFrame(rng.normal(0, 1, (respondents, len(areas))), columns=areas,
                          index=[f"r{i:05d}" for i in range(respondents)])
    answers = graded_responses(items, traits, random_state=seed)
    wide = answers.pivot(index="candidate", columns="item", values="value")
    rows = []
    for area in areas:
        group = items[items["area"] == area]
        columns, reverse = list(group["item"]), list(group.loc[group["reverse"], "item"])
        alpha = cronbach_alpha(wide[columns], reverse, 1, 5).alpha if len(columns) > 1 else float("nan")
        keyed = wide[columns].copy()
        keyed[reverse] = 6 - keyed[reverse]
        validity = np.corrcoef(keyed.mean(axis=1), traits.loc[keyed.index, area])[0, 1]
        rows.append([catalog.id, area, len(columns), f"{len(reverse) / len(columns):.0%}", f"{alpha:.2f}",
                     f"{validity:.2f}"])
    quality = response_quality(answers, items, 1, 5)
    declared = int(items["opposite_of"].notna().sum())
    summary = [catalog.id, len(items), declared, f"{quality['contradicting'].mean():.1%}",
               f"{old_rule_share(answers, items):.1%}", f"{quality['flagged'].mean():.1%}"]
    return rows, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogs", nargs="*", help="catalog ids (default: every shipped catalog)")
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    catalogs = [load_catalog(c).catalog for c in args.catalogs] or [c.catalog for c in load_catalogs()]
    area_rows, summaries = [], []
    for catalog in catalogs:
        rows, summary = catalog_rows(catalog, args.respondents, args.seed)
        area_rows += rows
        summaries.append(summary)
    print_table(f"Areas on {args.respondents:,} simulated honest respondents (graded response model, seed "
                f"{args.seed}); aim: alpha >= 0.70, r(score, true level) >= 0.80",
                ["catalog", "area", "items", "reverse", "alpha", "r(score, true level)"], area_rows)
    print_table("Honest respondents flagged (aim: contradicting under 5 %)",
                ["catalog", "items", "declared opposite pairs", "contradicting (declared pairs)",
                 "contradicting (old rule: every plain x reverse pair)", "any flag"], summaries)


if __name__ == "__main__":
    main()
