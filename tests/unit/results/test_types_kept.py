"""A large round keeps the manager types it found while few of its profiles change: the profiles changed or
added since are placed among those types by the model found, the others keep their rows, and the types are
found again once more than REFIT_SHARE of the profiles have changed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from assessment.demo import synthetic_round
from assessment.results import cache
from assessment.results.loader import _scored, load_round, round_results
from assessment.results.manager_types import KEEP_FROM, REFIT_SHARE, changed_rows, placed_among, type_round
from assessment.store import Store


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A synthetic round of 320 candidates on a real SQLite file, typed once."""
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('kept') / 'kept.sqlite'}")
    round_ = synthetic_round(store, 320)
    results = load_round(store, round_.id)
    typed = type_round(results)
    assert len(typed.profiles) >= KEEP_FROM and typed.placed == 0
    yield store, round_.id, results, typed
    store.engine.dispose()


def with_profiles(results, changes: dict[int, float]):
    """`results` with the interview ratings of each candidate in `changes` moved to that value."""
    ratings = results.ratings.copy()
    for candidate, value in changes.items():
        ratings.loc[ratings["candidate"] == candidate, "value"] = value
    return _scored(results.round, results.catalog, results.candidates, results.answers, ratings,
                   results.interviews, results.consensus, results.decisions, results.plan, None)


def interviewed(typed, n: int) -> list[int]:
    return [int(c) for c in typed.table.index[:n]]


def test_a_few_changed_profiles_are_placed_among_the_types_found_and_the_rest_keep_their_rows(large):
    _, _, results, typed = large
    first, second = interviewed(typed, 2)
    changed = with_profiles(results, {first: 1.0, second: 5.0})
    kept = type_round(changed, previous=typed)
    assert kept.model is typed.model and kept.placed == 2
    assert kept.found_among is typed.found_among
    # The changed rows are what the model found gives them; the others are the rows they had.
    alone = typed.model.explain(kept.profiles.loc[[first, second]])
    assert [a.type for a in alone] == list(kept.table.loc[[first, second], "type"])
    np.testing.assert_allclose([a.probability for a in alone], kept.table.loc[[first, second], "probability"])
    others = typed.table.index.difference([first, second])
    pd.testing.assert_frame_equal(kept.table.loc[others], typed.table.loc[others])
    assert list(kept.table.index) == list(kept.profiles.index)
    assert kept.explanations[first]["de"] and kept.readings[first] is not typed.readings[first]
    # The same profiles typed from scratch find their types anew.
    assert type_round(changed).placed == 0


def test_beyond_the_share_the_types_are_found_again(large):
    _, _, results, typed = large
    many = interviewed(typed, int(REFIT_SHARE * len(typed.profiles)) + 1)
    again = type_round(with_profiles(results, dict.fromkeys(many, 2.0)), previous=typed)
    assert again.model is not typed.model and again.placed == 0
    assert again.found_among is again.profiles


def test_changes_add_up_from_the_types_found_not_from_the_last_typing(large):
    _, _, results, typed = large
    share = int(REFIT_SHARE * len(typed.profiles))
    first = interviewed(typed, share)
    step = type_round(with_profiles(results, dict.fromkeys(first, 2.0)), previous=typed)
    assert step.model is typed.model and step.placed == share
    both = interviewed(typed, share + 1)
    last = type_round(with_profiles(results, dict.fromkeys(both, 2.0)), previous=step)
    assert last.model is not typed.model  # one more, and more than the share changed since the types were found


def test_a_name_changes_no_type_but_shows_in_the_table(large):
    _, _, results, typed = large
    someone = interviewed(typed, 1)[0]
    candidates = results.candidates.copy()
    candidates.loc[someone, "name"] = "Renamed Person"
    renamed = type_round(replace(results, candidates=candidates), previous=typed)
    assert renamed.model is typed.model and renamed.placed == 0
    assert renamed.table.at[someone, "name"] == "Renamed Person"


def test_a_small_round_is_always_typed_again(large):
    _, _, results, typed = large
    few = typed.table.index[: KEEP_FROM - 1]
    again = type_round(results, previous=replace(typed, found_among=typed.profiles.loc[few]))
    assert again.model is not typed.model


def test_changed_rows_finds_new_and_changed_rows_and_takes_nan_as_equal():
    old = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [2.0, 2.0, np.nan]}, index=[1, 2, 3])
    new = pd.DataFrame({"a": [1.0, np.nan, 3.5, 4.0], "b": [2.0, 2.0, np.nan, 1.0]}, index=[1, 2, 3, 4])
    assert sorted(changed_rows(old, new)) == [3, 4]
    assert list(changed_rows(old, old)) == []


def test_placed_among_refuses_other_dimensions(large):
    _, _, results, typed = large
    other = typed.profiles.rename(columns={typed.profiles.columns[0]: "another"})
    assert placed_among(typed, results, other) is None


def test_the_page_cache_keeps_the_types_of_a_large_round_across_an_interview(large):
    store, round_id, _, _ = large
    cache.ROUNDS.clear()
    before = cache.types_of(round_results(store, round_id))
    candidate = int(before.table.index[0])
    opened = store.start_interview(candidate, "Kept Types Interviewer")
    version = opened.version
    for competency in store.catalog_of_round(round_id).competencies:
        version = store.save_rating(opened.id, version, competency.id, 1)
    store.submit_interview(opened.id, store.set_recommendation(opened.id, version, "no"))
    after = cache.types_of(round_results(store, round_id))
    assert after.model is before.model and after.placed == 1
    cache.ROUNDS.clear()  # nothing kept: found again
    assert cache.types_of(round_results(store, round_id)).placed == 0


@pytest.mark.parametrize("lang, words", [("en", "placed among these types: 2"), ("de", "zugeordnet wurden: 2"),
                                         ("ru", "отнесённых к этим типам: 2")])
def test_the_candidate_s_report_says_how_many_profiles_were_placed(large, lang, words):
    from assessment.documents.candidate import _structure

    _, _, results, typed = large
    first, second = interviewed(typed, 2)
    kept = type_round(with_profiles(results, {first: 1.0, second: 5.0}), previous=typed)
    text = _structure(kept, lang)
    assert words in text and str(len(typed.found_among)) in text
    assert words not in _structure(typed, lang)


def test_sentences_worded_before_are_kept_for_the_rows_kept(large):
    _, _, results, typed = large
    first, second = interviewed(typed, 2)
    sentence = typed.explanations[second]["ru"]
    kept = type_round(with_profiles(results, {first: 1.0}), previous=typed)
    assert kept.explanations[second] is typed.explanations[second] and kept.explanations[second]["ru"] == sentence
    assert kept.explanations[first] is not typed.explanations[first]
