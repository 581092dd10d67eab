"""Typing a round: profiles from each view, the fallback when there are no groups, fit in words, readings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from assessment.errors import UserError
from assessment.manager_types import load_archetypes
from assessment.manager_types.profiles import shapes
from assessment.results import RoundResults, archetype_descriptions, round_profiles, type_round
from assessment.results.loader import load_round
from assessment.results.manager_types import fit_band
from assessment.store import Store
from tests.conftest import demo_copy


@pytest.fixture(scope="module")
def demo(demo_database, tmp_path_factory) -> Store:
    store = demo_copy(demo_database, tmp_path_factory.mktemp("types"))
    yield store
    store.engine.dispose()


def results(store: Store, round_id: int) -> RoundResults:
    return load_round(store, round_id)


def test_both_views_are_averaged_where_both_exist(demo):
    round_ = results(demo, 1)
    interview, own = round_profiles(round_, "interview"), round_profiles(round_, "self")
    both = round_profiles(round_, "both")
    assert set(both.index) == set(interview.index) | set(own.index)
    shared = interview.index.intersection(own.index)[0]
    expected = (interview.loc[shared] + own.loc[shared]) / 2
    pd.testing.assert_series_equal(both.loc[shared], expected, check_names=False)
    only_self = own.index.difference(interview.index)[0]
    pd.testing.assert_series_equal(both.loc[only_self], own.loc[only_self], check_names=False)


def test_profiles_cover_every_common_dimension_in_catalog_order(demo):
    profiles = round_profiles(results(demo, 1), "self")
    assert list(profiles.columns) == list(load_archetypes().profiles.columns)
    assert profiles.notna().any(axis=1).all(), "a candidate with nothing measured is left out"


def test_an_unknown_view_is_a_user_error(demo):
    with pytest.raises(UserError, match="unknown source 'peers'"):
        round_profiles(results(demo, 1), "peers")


def test_three_finalists_are_typed_by_the_nearest_archetype(demo):
    typed = type_round(results(demo, 2), "interview")
    assert typed.clustering is None and typed.model.method_ == "archetypes"
    # By shape (each profile centred on its own mean), among the archetypes for the round's role.
    archetypes = load_archetypes().for_role(typed_catalog_id(demo, 2)).profiles
    archetype_shapes = pd.DataFrame(shapes(archetypes.to_numpy(float), 3.0), index=archetypes.index)
    for candidate, row in typed.table.iterrows():
        shape = shapes(typed.profiles.loc[[candidate]].to_numpy(float), 3.0)[0]
        distances = ((archetype_shapes - shape) ** 2).sum(axis=1)
        assert row["type"] == distances.idxmin()
        assert row["runner_up"] == distances.sort_values().index[1]
        assert 0 < row["probability"] <= 1 and row["runner_up_probability"] <= row["probability"]


def test_a_round_without_groups_is_typed_against_the_archetypes_instead(demo):
    typed = type_round(results(demo, 1), "self")
    assert typed.clustering is not None and typed.clustering.structure_ == "none"
    assert typed.model.method_ == "archetypes"
    assert set(typed.table["type"]) <= set(load_archetypes().profiles.index), "no invented custom types"


def test_every_candidate_gets_an_explanation_in_every_language(demo):
    typed = type_round(results(demo, 1), "interview")
    assert set(typed.explanations) == set(typed.table.index)
    for texts in typed.explanations.values():
        assert set(texts) == {"en", "de", "ru"} and all(texts.values())


def typed_catalog_id(store, round_id: int = 1) -> str:
    return results(store, round_id).catalog.id


def test_only_the_archetypes_for_the_round_s_role_are_used_and_the_level_is_beside_the_type(demo):
    typed = type_round(results(demo, 1), "interview")
    role = typed_catalog_id(demo)
    everything = load_archetypes()
    assert set(typed.archetypes.profiles.index) == {t for t, roles in everything.roles.items() if role in roles}
    assert set(typed.archetypes.profiles.index) < set(everything.profiles.index), "some types are for other roles"
    assert set(typed.table["type"]) <= set(typed.archetypes.profiles.index) | {
        t.id for t in typed.types if t.id.startswith("custom_")}
    np.testing.assert_allclose(typed.table["level"], typed.profiles.mean(axis=1).loc[typed.table.index])


def test_a_small_round_s_fit_is_never_called_clear_however_high_the_probability(demo):
    typed = type_round(results(demo, 1), "interview")
    assert typed.direct and typed.table["probability"].max() > 0.99, "the case the issue saw: 100 % from five"
    assert set(typed.table["fit"]) <= {"likely", "unclear"}


@pytest.mark.parametrize("probability, runner_up, small, fit", [
    (0.95, 0.03, False, "clear"), (0.95, 0.03, True, "likely"), (0.7, 0.2, False, "likely"),
    (0.55, 0.4, False, "unclear"), (0.45, 0.3, False, "unclear"), (1.0, 0.0, True, "likely")])
def test_fit_band_words_the_probability_honestly(probability, runner_up, small, fit):
    assert fit_band(probability, runner_up, small=small) == fit


def test_a_candidate_against_a_defining_dimension_of_their_type_is_unclear_and_told_so(demo):
    typed = type_round(results(demo, 1), "interview")
    for candidate, reading in typed.readings.items():
        if reading.against_type:
            assert typed.table.at[candidate, "fit"] == "unclear"
            assert "Unlike the typical profile of this type" in typed.explanations[candidate]["en"]
        assert "pool" not in typed.explanations[candidate]["en"], "never a word about other people"


def test_relative_profiles_are_each_candidate_s_distance_from_their_own_average(demo):
    typed = type_round(results(demo, 1), "both")
    relative = typed.relative_profiles()
    np.testing.assert_allclose(relative.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(relative, typed.profiles.sub(typed.profiles.mean(axis=1), axis=0), atol=1e-12)


def test_members_profile_is_the_mean_of_the_type_s_candidates(demo):
    typed = type_round(results(demo, 1), "interview")
    type_id = typed.present_types()[0]
    members = typed.table.index[typed.table["type"] == type_id]
    pd.testing.assert_series_equal(typed.members_profile(type_id), typed.profiles.loc[members].mean())


def test_a_round_without_any_profile_gives_none(demo):
    round_ = demo.create_round("Empty round", "product_manager")
    demo.add_candidate(round_.id, "Nobody Yet")
    assert type_round(results(demo, round_.id), "interview") is None


def test_every_archetype_has_a_description_strengths_and_risks():
    descriptions = archetype_descriptions()
    assert set(descriptions) == set(load_archetypes().profiles.index)
    for archetype in descriptions.values():
        assert archetype.description.get("ru") and archetype.strengths and archetype.risks
