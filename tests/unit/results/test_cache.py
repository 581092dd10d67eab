"""A round computed once per change: every change of its data is a new revision and new results, no change is the
same results (shared by every reader), hidden ratings are taken out per reader, and memory stays bounded."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from assessment.results import cache
from assessment.results.cache import ComputedCache, reliability_of
from assessment.results.loader import load_round, round_results
from assessment.store import item_keys

FULL = {"listening": 4, "planning": 3, "saying_no": 2}


@pytest.fixture
def round_(store):
    """A round of the sample catalog: Ann answered everything and was interviewed by Kim; Ben answered once."""
    round_ = store.create_round("Cached", "sample_role")
    ann, ben = store.add_candidates(round_.id, [{"name": "Ann"}, {"name": "Ben"}])
    keys = item_keys(store.catalog_of_round(round_.id))
    for person in (ann, ben):
        store.give_consent(person.id)
    for key in keys:
        store.save_answer(ann.id, key, 4)
    store.save_answer(ben.id, keys[0], 2)
    interview(store, ann.id, "Kim", FULL)
    return store, round_.id, ann.id, ben.id, keys


def interview(store, candidate_id: int, interviewer: str, ratings: dict, submit: bool = True) -> int:
    opened = store.start_interview(candidate_id, interviewer)
    version = opened.version
    for competency, value in ratings.items():
        version = store.save_rating(opened.id, version, competency, value)
    if submit:
        store.submit_interview(opened.id, store.set_recommendation(opened.id, version, "yes"))
    return opened.id


def same_as_fresh(store, round_id: int, results) -> None:
    """The cached results hold what reading the round now gives."""
    fresh = load_round(store, round_id)
    pd.testing.assert_frame_equal(results.candidates, fresh.candidates)
    pd.testing.assert_frame_equal(results.answers, fresh.answers)
    pd.testing.assert_frame_equal(results.ratings, fresh.ratings)
    pd.testing.assert_frame_equal(results.fit, fresh.fit)


def test_without_a_change_every_reader_gets_the_same_computed_results(round_):
    store, round_id, *_ = round_
    first = round_results(store, round_id)
    assert round_results(store, round_id) is first
    assert reliability_of(first, "en") is reliability_of(round_results(store, round_id), "en")
    same_as_fresh(store, round_id, first)


def test_a_new_answer_gives_new_results(round_):
    store, round_id, _, ben, keys = round_
    before = round_results(store, round_id)
    store.save_answer(ben, keys[1], 5)
    after = round_results(store, round_id)
    assert after is not before
    assert len(after.answers) == len(before.answers) + 1
    assert after.candidates.at[ben, "answered"] == 2
    same_as_fresh(store, round_id, after)


def test_a_submitted_interview_gives_new_results_and_a_draft_rating_does_not(round_):
    store, round_id, ann, ben, _ = round_
    before = round_results(store, round_id)
    draft = interview(store, ben, "Lee", {"listening": 2}, submit=False)
    assert round_results(store, round_id) is before  # a draft is its author's alone, no part of the results
    version = store.get_interview(draft).version
    for competency, value in {"planning": 5, "saying_no": 4}.items():
        version = store.save_rating(draft, version, competency, value)
    store.submit_interview(draft, store.set_recommendation(draft, version, "no"))
    after = round_results(store, round_id)
    assert set(after.interviewed()) == {ann, ben}
    assert after.interview_means.at[ben, "planning"] == 5
    assert reliability_of(after, "en") is not reliability_of(before, "en")
    same_as_fresh(store, round_id, after)


@pytest.mark.parametrize("change", ["add", "correct", "erase", "withdraw", "invite", "close", "rename"])
def test_a_change_of_candidates_or_of_the_round_gives_new_results(round_, change):
    store, round_id, ann, ben, _ = round_
    before = round_results(store, round_id)
    {"add": lambda: store.add_candidate(round_id, "Cid"),
     "correct": lambda: store.update_candidate(ben, "Benedict", None, "de"),
     "erase": lambda: store.erase_candidate(ben),
     "withdraw": lambda: store.withdraw_consent(ben),
     "invite": lambda: store.invite(ben),
     "close": lambda: store.set_round_state(round_id, "closed"),
     "rename": lambda: store.rename_round(round_id, "Renamed")}[change]()
    after = round_results(store, round_id)
    assert after is not before
    same_as_fresh(store, round_id, after)
    assert (after.round.status, after.round.name) == (store.get_round(round_id).status, store.get_round(round_id).name)


def test_what_is_computed_from_the_results_follows_what_it_reads(round_):
    """Reliability is kept across a change that leaves what it reads as it was (a new name of the round, a
    decision), and computed again when it does not (an answer, a candidate's name)."""
    store, round_id, ann, ben, keys = round_
    interview(store, ben, "Lee", {"listening": 2, "planning": 5, "saying_no": 3})
    before = round_results(store, round_id)
    trust = reliability_of(before, "en")
    store.rename_round(round_id, "Renamed")
    store.record_decision(round_id, ann, "advance", "Clear", actor="carl@example.com")
    renamed = round_results(store, round_id)
    assert renamed is not before and renamed.round.name == "Renamed"
    assert reliability_of(renamed, "en") is trust
    assert reliability_of(renamed, "de") is not trust  # names in another language
    store.update_candidate(ben, "Benedict", None, "de")
    named = round_results(store, round_id)
    assert reliability_of(named, "en") is not trust
    store.save_answer(ben, keys[1], 5)
    answered = round_results(store, round_id)
    again = reliability_of(answered, "en")
    assert again is not reliability_of(named, "en")
    fresh = cache.round_reliability(load_round(store, round_id), "en")
    pd.testing.assert_frame_equal(again.response_quality.rows, fresh.response_quality.rows)


def test_types_follow_the_profiles_and_names_they_read(demo_database, tmp_path):
    from tests.conftest import demo_copy

    store = demo_copy(demo_database, tmp_path)
    round_id = store.demo_rounds()[0].id
    before = round_results(store, round_id)
    typed = cache.types_of(before)
    store.rename_round(round_id, "Renamed")
    assert cache.types_of(round_results(store, round_id)) is typed
    assert cache.types_of(round_results(store, round_id), "self") is not typed
    first = int(typed.table.index[0])
    store.update_candidate(first, "Someone Else", None, "de")
    renamed = cache.types_of(round_results(store, round_id))
    assert renamed is not typed and renamed.table.at[first, "name"] == "Someone Else"
    store.engine.dispose()


def test_ratings_hidden_from_one_reader_are_taken_out_after_the_cache(round_):
    store, round_id, ann, _, _ = round_
    everyone = round_results(store, round_id)
    hidden = round_results(store, round_id, frozenset({ann}))
    assert round_results(store, round_id) is everyone  # the round as everyone may see it is kept as it was
    assert ann in everyone.interviewed() and ann not in hidden.interviewed()
    assert hidden.ratings.empty and pd.isna(hidden.fit.at[ann, "fit"])
    pd.testing.assert_frame_equal(hidden.fit, load_round(store, round_id, frozenset({ann})).fit)
    # a hidden candidate without any submitted interview changes nothing: the shared results serve
    assert round_results(store, round_id, frozenset({10_000})) is everyone


def test_two_copies_of_one_database_file_never_share_results(round_, tmp_path):
    import shutil

    from assessment.store import Store

    store, round_id, _, ben, keys = round_
    if store.engine.dialect.name != "sqlite":
        pytest.skip("copies of a file are a SQLite matter")
    copy_path = tmp_path / "copy.sqlite"
    store.engine.dispose()  # the last connection closed writes the journal back into the file
    shutil.copyfile(store.engine.url.database, copy_path)
    copy = Store.open(f"sqlite:///{copy_path}")
    store.save_answer(ben, keys[1], 5)
    copy.save_answer(ben, keys[2], 1)  # the same revision number in the copy, with other data
    assert round_results(copy, round_id).answers.equals(load_round(copy, round_id).answers)
    assert round_results(store, round_id).answers.equals(load_round(store, round_id).answers)
    copy.engine.dispose()


def test_the_cache_keeps_at_most_its_number_of_entries_least_recently_used_first():
    kept = ComputedCache(max_entries=3, max_bytes=10**9)
    for key in "abcd":
        kept.get(key, lambda key=key: key * 10)
    assert len(kept) == 3 and "a" not in kept
    kept.get("b", lambda: "recomputed")  # used: now the most recent
    kept.get("e", lambda: "e")
    assert "b" in kept and "c" not in kept
    assert kept.get("b", lambda: "recomputed") == "b" * 10


def test_the_cache_keeps_at_most_its_size_and_never_a_value_larger_than_that():
    frame = pd.DataFrame({"value": range(10_000)})  # 80 kB
    kept = ComputedCache(max_entries=100, max_bytes=200_000)
    for key in range(5):
        kept.get(key, lambda: frame.copy())
    assert len(kept) == 2 and kept.bytes <= 200_000
    kept.get("huge", lambda: pd.DataFrame({"value": range(100_000)}))
    assert "huge" not in kept and len(kept) == 2


def test_readers_asking_at_once_compute_once():
    kept, calls, started = ComputedCache(), [], threading.Barrier(4)

    def compute():
        calls.append(1)
        threading.Event().wait(0.2)
        return "value"

    def reader(results):
        started.wait()
        results.append(kept.get("key", compute))

    results: list[str] = []
    threads = [threading.Thread(target=reader, args=(results,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 4 and len(calls) == 1


def test_a_failed_computation_is_not_kept():
    kept = ComputedCache()
    with pytest.raises(ZeroDivisionError):
        kept.get("key", lambda: 1 / 0)
    assert kept.get("key", lambda: "value") == "value"


def test_the_process_cache_is_bounded():
    assert cache.ROUNDS.max_entries <= 100 and cache.ROUNDS.max_bytes <= 2 * 1024**3
