"""Simulated honest respondents (graded response model) on a small catalog with declared opposites: the areas
are reliable, area scores follow the true levels, and the contradiction check flags under 5 % of honest
respondents while it still catches someone who agrees with statements and their opposites."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from assessment import catalog
from assessment.psychometrics import cronbach_alpha, graded_responses, response_quality
from assessment.results.reliability import questionnaire
from tests.conftest import FIXTURES

N_RESPONDENTS = 400


def _item(item_id: str, text: str, reverse: bool, opposite: str | None = None) -> dict:
    entry = {"id": item_id, "text": {"en": text, "de": f"{text} (de)", "ru": f"{text} (ru)"}, "reverse": reverse}
    return entry | ({"opposite_of": opposite} if opposite else {})


@pytest.fixture(scope="module")
def opposites_catalog(tmp_path_factory) -> catalog.Catalog:
    """The sample catalog with six self items per competency: three plain, three reverse, each reverse item
    declared the opposite of one plain item; loaded through the validating loader."""
    folder = tmp_path_factory.mktemp("opposites")
    data = yaml.safe_load((FIXTURES / "catalogs" / "sample_role.yaml").read_text(encoding="utf-8"))
    for area in data["areas"]:
        for competency in area["competencies"]:
            name = competency["id"]
            competency["self_items"] = [_item(f"p{k}", f"{name} plain {k}", False) for k in range(3)] + [
                _item(f"r{k}", f"{name} opposite {k}", True, f"p{k}") for k in range(3)]
    (folder / "sample_role.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (folder / "dimensions.yaml").write_text((FIXTURES / "catalogs" / "dimensions.yaml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    model, problems = catalog.validate_file(folder / "sample_role.yaml")
    assert model is not None, [str(p) for p in problems]
    return model


@pytest.fixture(scope="module")
def simulated(opposites_catalog):
    items = questionnaire(opposites_catalog)
    items["area"] = [opposites_catalog.area_of(c).id for c in items["competency"]]
    rng = np.random.default_rng(7)
    areas = [a.id for a in opposites_catalog.areas]
    traits = pd.DataFrame(rng.normal(0, 1, (N_RESPONDENTS, len(areas))), columns=areas,
                          index=[f"r{i:03d}" for i in range(N_RESPONDENTS)])
    return items, traits, graded_responses(items, traits, random_state=7)


def test_every_area_is_reliable_and_follows_the_true_level(simulated):
    items, traits, answers = simulated
    wide = answers.pivot(index="candidate", columns="item", values="value")
    for area, group in items.groupby("area"):
        result = cronbach_alpha(wide[list(group["item"])], list(group.loc[group["reverse"], "item"]), 1, 5)
        assert result.alpha >= 0.75, area
        keyed = wide[list(group["item"])].copy()
        reverse = list(group.loc[group["reverse"], "item"])
        keyed[reverse] = 6 - keyed[reverse]
        assert np.corrcoef(keyed.mean(axis=1), traits.loc[keyed.index, area])[0, 1] > 0.8, area


def test_few_honest_respondents_are_flagged_as_contradicting(simulated):
    items, _, answers = simulated
    quality = response_quality(answers, items, 1, 5)
    assert (quality["n_pairs"] == len(items[items["opposite_of"].notna()])).all()
    assert quality["contradicting"].mean() < 0.05
    assert not quality["speeding"].any()


def test_someone_agreeing_with_statements_and_their_opposites_is_flagged(simulated):
    items, traits, answers = simulated
    reverse = set(items.loc[items["reverse"], "item"])
    planted = answers["candidate"].isin(traits.index[:20]) & answers["item"].isin(reverse)
    # Twenty respondents agree with each opposite as much as with its statement: their reverse answers are mirrored.
    agreeing = answers.assign(value=answers["value"].where(~planted, 6 - answers["value"]))
    high = traits.index[:20][(traits.iloc[:20].abs() > 1.0).all(axis=1)]
    flagged = response_quality(agreeing, items, 1, 5).set_index("candidate")["contradicting"]
    assert flagged.loc[high].mean() >= 0.5, "clear cases (far from the middle) are caught"


def test_a_catalog_without_declared_pairs_flags_nobody(simulated):
    items, _, answers = simulated
    quality = response_quality(answers, items.assign(opposite_of=None), 1, 5)
    assert (quality["n_pairs"] == 0).all() and not quality["contradicting"].any()
