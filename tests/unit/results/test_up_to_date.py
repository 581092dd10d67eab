"""Results kept for a round are brought up to date after a change by reading only the candidates it touched, and
hold exactly what reading the whole round gives; a change of the whole round reads it whole."""

from __future__ import annotations

import pandas as pd
import pytest

from assessment.results import cache, loader
from assessment.results.loader import load_round, round_results, updated
from assessment.store import item_keys

FULL = {"listening": 4, "planning": 3, "saying_no": 2}


def interview(store, candidate_id: int, interviewer: str, ratings: dict) -> int:
    opened = store.start_interview(candidate_id, interviewer)
    version = opened.version
    for competency, value in ratings.items():
        version = store.save_rating(opened.id, version, competency, value)
    store.submit_interview(opened.id, store.set_recommendation(opened.id, version, "yes"))
    return opened.id


@pytest.fixture
def round_(store):
    """Ann answered everything and was interviewed by Kim; Ben answered once; Cai was only added."""
    cache.ROUNDS.clear()
    round_ = store.create_round("Kept", "sample_role")
    ann, ben, cai = store.add_candidates(round_.id, [{"name": "Ann"}, {"name": "Ben"}, {"name": "Cai"}])
    keys = item_keys(store.catalog_of_round(round_.id))
    for person in (ann, ben, cai):
        store.give_consent(person.id)
    for key in keys:
        store.save_answer(ann.id, key, 4)
    store.save_answer(ben.id, keys[0], 2)
    interview(store, ann.id, "Kim", FULL)
    return store, round_.id, ann.id, ben.id, cai.id, keys


def rows(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """A frame in a fixed order, whatever order its rows were read or put together in."""
    frame = frame.reset_index() if frame.index.name else frame
    return frame.sort_values(by, kind="stable").reset_index(drop=True)


def holds_what_a_whole_read_gives(store, round_id: int, results) -> None:
    fresh = load_round(store, round_id)
    assert results.round == fresh.round
    for name, by in (("candidates", ["candidate"]), ("answers", ["candidate", "item"]),
                     ("ratings", ["interview", "competency"]), ("interviews", ["interview"]),
                     ("consensus", ["candidate", "competency"]), ("decisions", ["candidate"])):
        pd.testing.assert_frame_equal(rows(getattr(results, name), by), rows(getattr(fresh, name), by),
                                      check_dtype=False, obj=name)
    for name in ("self_scores", "interview_means", "fit", "self_fit", "gaps"):
        pd.testing.assert_frame_equal(getattr(results, name).sort_index(), getattr(fresh, name).sort_index(),
                                      obj=name)
    pd.testing.assert_frame_equal(rows(results.interview, ["candidate", "competency"]),
                                  rows(fresh.interview, ["candidate", "competency"]), obj="interview")


def test_each_change_of_a_candidate_reads_that_candidate_alone_and_gives_what_a_whole_read_gives(round_):
    store, round_id, ann, ben, cai, keys = round_
    changes = [
        lambda: [store.save_answer(ben, key, 3) for key in keys[1:]],
        lambda: store.submit_self_assessment(ben),
        lambda: interview(store, ben, "Lee", {"listening": 2, "planning": 5, "saying_no": 3}),
        lambda: interview(store, ann, "Lee", {"listening": 5, "planning": 4, "saying_no": 4}),
        lambda: store.record_consensus(round_id, ann, "listening", 5, "The panel agreed after the debrief."),
        lambda: store.record_decision(round_id, ann, "advance", "Strong on listening."),
        lambda: store.update_candidate(ben, "Ben Brown", "ben@example.com", "de"),
        lambda: store.invite(cai),
        lambda: store.add_candidate(round_id, "Dee"),
        lambda: store.withdraw_consent(ann),
        lambda: store.rename_round(round_id, "Kept, renamed"),
    ]
    kept = round_results(store, round_id)
    read_alone = []
    for change in changes:
        change()
        stamp = store.round_stamp(round_id)
        whole, changed = store.changed_since(round_id, kept.key[0][3])
        assert not whole and len(changed) <= 1, "each of these changes names at most one candidate"
        read_alone.append(changed)
        brought = updated(store, kept, stamp)
        assert brought is not None, "a change of one candidate is not a change of the whole round"
        holds_what_a_whole_read_gives(store, round_id, brought)
        kept = round_results(store, round_id)
        holds_what_a_whole_read_gives(store, round_id, kept)
    assert read_alone[-1] == [], "a new name is the round's own row: no candidate is read again"


def test_a_new_plan_is_a_change_of_the_whole_round(store):
    cache.ROUNDS.clear()
    round_id = store.create_round("Planned", "sample_role").id
    ann = store.add_candidate(round_id, "Ann")
    store.give_consent(ann.id)
    store.save_answer(ann.id, item_keys(store.catalog_of_round(round_id))[0], 4)
    kept = round_results(store, round_id)
    store.set_plan(round_id, ["listening", "planning"], confirm=True)
    assert updated(store, kept, store.round_stamp(round_id)) is None
    holds_what_a_whole_read_gives(store, round_id, round_results(store, round_id))


@pytest.mark.parametrize("change", ["erase", "merge"])
def test_a_change_of_the_whole_round_reads_it_whole(round_, change):
    store, round_id, ann, ben, cai, _ = round_
    kept = round_results(store, round_id)
    if change == "erase":
        store.erase_candidate(cai)
    else:
        store.merge_candidates(ben, cai)
    assert updated(store, kept, store.round_stamp(round_id)) is None
    holds_what_a_whole_read_gives(store, round_id, round_results(store, round_id))


def test_many_changed_candidates_are_read_whole_and_the_kept_results_still_serve(round_, monkeypatch):
    store, round_id, ann, ben, cai, keys = round_
    kept = round_results(store, round_id)
    monkeypatch.setattr(loader, "MAX_CHANGED", 1)
    store.save_answer(cai, keys[0], 5)
    store.save_answer(ben, keys[1], 5)
    assert updated(store, kept, store.round_stamp(round_id)) is None, "two of three candidates: read whole"
    holds_what_a_whole_read_gives(store, round_id, round_results(store, round_id))


def test_a_new_name_keeps_what_is_derived_from_the_tables_without_computing_anything(round_):
    store, round_id, ann, ben, cai, _ = round_
    before = round_results(store, round_id)
    reliability = cache.reliability_of(before, "en")
    store.rename_round(round_id, "A new name")
    misses = cache.ROUNDS.misses
    after = round_results(store, round_id)
    assert after.round.name == "A new name" and after.answers is before.answers
    assert cache.reliability_of(after, "en") is reliability
    assert cache.ROUNDS.misses == misses + 1, "only the results under the new stamp were made"


@pytest.mark.parametrize("spliced, max_chunks", [(16, 64), (16, 1), (0, 64)])
def test_rows_spliced_in_pieces_gathered_in_one_pass_or_made_one_again_hold_what_a_whole_read_gives(
        round_, monkeypatch, spliced, max_chunks):
    store, round_id, ann, ben, cai, keys = round_
    monkeypatch.setattr(loader, "SPLICED", spliced)
    monkeypatch.setattr(loader, "MAX_CHUNKS", max_chunks)
    kept = round_results(store, round_id)
    for value in (1, 2, 3):  # two candidates at once, several times: pieces of pieces
        store.save_answer(ben, keys[value], value)
        store.save_answer(cai, keys[0], value)
        interview(store, cai, f"Interviewer {value}", {"listening": value, "planning": 4, "saying_no": 5})
        brought = updated(store, kept, store.round_stamp(round_id))
        assert brought is not None
        holds_what_a_whole_read_gives(store, round_id, brought)
        kept = round_results(store, round_id)
    answers = kept.answers["item"].array
    if max_chunks == 1 and hasattr(answers, "_pa_array"):
        assert answers._pa_array.num_chunks == 1, "a column of more pieces than allowed is made one again"


def test_a_change_the_results_do_not_hold_keeps_every_table(round_):
    """Consent given marks its candidate changed, but the results do not hold consent: nothing is scored or put
    together again, and what is derived from the tables is kept."""
    store, round_id, ann, ben, cai, _ = round_
    dee = store.add_candidate(round_id, "Dee").id
    before = round_results(store, round_id)
    store.give_consent(dee)
    whole, changed = store.changed_since(round_id, before.key[0][3])
    assert not whole and changed == [dee], "consent did mark its candidate changed"
    after = round_results(store, round_id)
    assert after.key != before.key and after.data == before.data
    for name in ("candidates", "answers", "ratings", "interviews", "interview", "self_scores", "interview_means",
                 "fit", "self_fit", "gaps", "consensus", "decisions"):
        assert getattr(after, name) is getattr(before, name), name
    holds_what_a_whole_read_gives(store, round_id, after)


def test_a_new_interview_leaves_the_answers_and_the_self_assessments_scores_as_they_were(round_):
    store, round_id, ann, ben, cai, _ = round_
    before = round_results(store, round_id)
    interview(store, ben, "Lee", {"listening": 2, "planning": 5, "saying_no": 3})
    after = round_results(store, round_id)
    assert after.answers is before.answers and after.self_scores is before.self_scores
    assert after.self_fit is before.self_fit
    assert after.ratings is not before.ratings and after.interview_means is not before.interview_means
    holds_what_a_whole_read_gives(store, round_id, after)
