from __future__ import annotations

import shutil
import threading
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import update
from sqlalchemy.pool import NullPool

from assessment.catalog import item_keys
from assessment.errors import Conflict, InvalidToken, InvalidValue, NotFound
from assessment.results.loader import load_round
from assessment.store import Invitation, Store, frames
from tests.conftest import BACKENDS

ITEMS = ["listening.s1", "listening.s2", "planning.s1", "planning.s2", "planning.s3", "saying_no.s1", "saying_no.s2"]


def _round_with(store: Store, names: list[str]):
    round_ = store.create_round("Round", "sample_role")
    return round_, [store.add_candidate(round_.id, name).id for name in names]


def _full_interview(store: Store, candidate_id: int, interviewer: str, values: dict, recommendation="yes"):
    interview = store.start_interview(candidate_id, interviewer)
    version = interview.version
    for competency, value in values.items():
        version = store.save_rating(interview.id, version, competency, value, not_observed=value is None)
    version = store.set_recommendation(interview.id, version, recommendation)
    store.submit_interview(interview.id, version)
    return interview.id


@pytest.mark.slow
def test_concurrent_answer_saves_lose_nothing(store):
    threads_count, saves = 20, 200
    _, candidates = _round_with(store, [f"Candidate {i}" for i in range(threads_count)])
    errors: list[BaseException] = []

    def work(candidate_id: int, offset: int) -> None:
        try:
            for n in range(saves):
                store.save_answer(candidate_id, ITEMS[n % len(ITEMS)], (n + offset) % 5 + 1)
        except BaseException as exc:  # noqa: BLE001 - any failure fails the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(candidates)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for offset, candidate_id in enumerate(candidates):
        expected = {}
        for n in range(saves):
            expected[ITEMS[n % len(ITEMS)]] = (n + offset) % 5 + 1
        assert store.answers_of(candidate_id) == expected


def test_stale_interview_save_is_refused(store):
    _, (candidate,) = _round_with(store, ["Ann"])
    interview = store.start_interview(candidate, "Bob")
    first = store.save_rating(interview.id, interview.version, "listening", 4)
    with pytest.raises(Conflict):
        store.save_rating(interview.id, interview.version, "listening", 2)  # based on the old version
    assert store.ratings_of(interview.id)["listening"].value == 4
    store.save_rating(interview.id, first, "listening", 3)
    assert store.ratings_of(interview.id)["listening"].value == 3


def test_submitted_interview_is_closed_and_needs_every_rating(store):
    _, (candidate,) = _round_with(store, ["Ann"])
    interview = store.start_interview(candidate, "Bob")
    version = store.save_rating(interview.id, interview.version, "listening", 4)
    with pytest.raises(InvalidValue, match="not rated"):
        store.submit_interview(interview.id, version)
    interview_id = _full_interview(store, candidate, "Bob", {"listening": 4, "planning": None, "saying_no": 2})
    assert store.get_interview(interview_id).status == "submitted"
    with pytest.raises(Conflict):
        store.save_rating(interview_id, store.get_interview(interview_id).version, "listening", 1)


def test_invalid_values_change_nothing(store):
    _, (candidate,) = _round_with(store, ["Ann"])
    store.save_answer(candidate, "listening.s1", 3)
    for item, value in [("listening.s1", 6), ("listening.s1", 0), ("listening.s1", True), ("nope.s1", 3)]:
        with pytest.raises((InvalidValue, NotFound)):
            store.save_answer(candidate, item, value)
    assert store.answers_of(candidate) == {"listening.s1": 3}
    interview = store.start_interview(candidate, "Bob")
    with pytest.raises(InvalidValue):
        store.save_rating(interview.id, interview.version, "listening", 9)
    with pytest.raises(NotFound):
        store.save_rating(interview.id, interview.version, "unknown", 3)
    assert store.ratings_of(interview.id) == {}
    with pytest.raises(InvalidValue):
        store.add_candidate(1, "X", language="fr")
    with pytest.raises(InvalidValue):
        store.add_candidate(1, "X", email="not-an-address")
    with pytest.raises(NotFound):
        store.add_candidate(999, "X")


def test_bulk_add_is_all_or_nothing(store):
    round_, _ = _round_with(store, [])
    with pytest.raises(InvalidValue):
        store.add_candidates(round_.id, [{"name": "A"}, {"name": ""}])
    assert store.list_candidates(round_.id) == []


def test_tokens_expire_are_superseded_and_cannot_be_forged(store):
    _, (candidate,) = _round_with(store, ["Ann"])
    first = store.invite(candidate)
    assert store.resolve_token(first).id == candidate
    second = store.invite(candidate)
    with pytest.raises(InvalidToken):
        store.resolve_token(first)
    for forged in ["", "x" * 32, second[:-1] + ("A" if second[-1] != "A" else "B"), "x" * 5000]:
        with pytest.raises(InvalidToken):
            store.resolve_token(forged)
    with store.transaction() as session:
        session.execute(update(Invitation).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    with pytest.raises(InvalidToken):
        store.resolve_token(second)


def test_a_candidate_answers_by_the_earlier_of_link_expiry_and_round_closing(store):
    round_, (candidate,) = _round_with(store, ["Ann"])
    before = datetime.now(UTC)
    token = store.invite(candidate, expires_days=14)
    expires = store.questionnaire(token).answer_by
    assert before + timedelta(days=14) <= expires <= datetime.now(UTC) + timedelta(days=14)
    store.set_round_dates(round_.id, before + timedelta(days=30), None)
    assert store.questionnaire(token).answer_by == expires  # the round closes after the link expires
    closes = (before + timedelta(days=3)).replace(microsecond=0)
    store.set_round_dates(round_.id, closes, None)
    assert store.questionnaire(token).answer_by == closes
    for forged in ["forged", ""]:
        with pytest.raises(InvalidToken):
            store.questionnaire(forged)


def test_the_questionnaire_is_what_the_separate_reads_give(store):
    """One transaction for the page's run: the link's candidate, whether the round takes answers, the catalog as
    planned and the stored answers, each as the store's own reads give it."""
    round_, (candidate, other) = _round_with(store, ["Ann", "Bob"])
    token = store.invite(candidate)
    store.give_consent(candidate)
    keys = item_keys(store.catalog_of_round(round_.id))
    store.save_answer(candidate, keys[0], 4)
    store.save_answer(candidate, keys[2], 2)
    store.give_consent(other)
    store.save_answer(other, keys[1], 5)
    seen = store.questionnaire(token)
    assert seen.candidate.id == store.resolve_token(token).id == candidate
    assert seen.answers == store.answers_of(candidate) == {keys[0]: 4, keys[2]: 2}
    assert seen.catalog == store.catalog_of_round(round_.id) and seen.takes_answers
    store.set_plan(round_.id, [c.id for c in seen.catalog.competencies[:2]], confirm=True)
    assert store.questionnaire(token).catalog == store.catalog_of_round(round_.id)
    assert len(store.questionnaire(token).catalog.competencies) == 2
    store.set_round_state(round_.id, "closed")
    assert not store.questionnaire(token).takes_answers


def test_submitted_self_assessment_keeps_link_but_accepts_no_changes(store):
    _, (candidate,) = _round_with(store, ["Ann"])
    token = store.invite(candidate)
    for item in ITEMS[:-1]:
        store.save_answer(candidate, item, 4)
    with pytest.raises(InvalidValue, match="unanswered"):
        store.submit_self_assessment(candidate)
    store.save_answer(candidate, ITEMS[-1], 2)
    store.submit_self_assessment(candidate)
    assert store.resolve_token(token).submitted_at is not None
    with pytest.raises(InvalidValue, match="submitted"):
        store.save_answer(candidate, ITEMS[0], 1)
    assert store.answers_of(candidate)[ITEMS[0]] == 4


def test_round_survives_catalog_change_and_deletion(tmp_path, monkeypatch, sample_catalogs):
    folder = tmp_path / "catalogs"
    shutil.copytree(sample_catalogs, folder)
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", str(folder))
    store = Store.open(f"sqlite:///{tmp_path / 'x.sqlite'}")
    round_, (candidate,) = _round_with(store, ["Ann"])
    store.save_answer(candidate, "listening.s1", 5)
    path = folder / "sample_role.yaml"
    path.write_text(path.read_text().replace("id: listening", "id: listening_renamed"))
    store.save_answer(candidate, "listening.s2", 1)
    path.unlink()
    results = load_round(store, round_.id)
    assert results.self_scores.loc[candidate, "listening"] == 5.0
    assert store.get_round(round_.id).catalog_version == "1"


def test_unknown_ids_are_not_found(store):
    for call in (lambda: store.get_round(42), lambda: store.get_candidate(42), lambda: store.invite(42),
                 lambda: store.start_interview(42, "Bob"), lambda: store.create_round("R", "no_such_role")):
        with pytest.raises(NotFound):
            call()



def test_writers_of_one_sqlite_file_take_turns_on_one_lock(tmp_path, sqlite_store):
    """Every store of the process on one SQLite file shares its writers' lock (so a writer waits for the last
    one's commit, not in SQLite's sleeping busy handler); another file has its own; PostgreSQL needs none."""
    from assessment.store.engine import make_engine, writers_of

    other = Store.open(f"sqlite:///{tmp_path / 'test.sqlite'}")
    assert writers_of(other.engine) is writers_of(sqlite_store.engine)
    assert writers_of(make_engine(f"sqlite:///{tmp_path / 'elsewhere.sqlite'}")) is not writers_of(other.engine)
    assert not hasattr(writers_of(make_engine("postgresql://nobody@127.0.0.1:1/none")), "acquire")

    round_ = other.create_round("Round", "sample_role")
    order, inside = [], threading.Event()

    def first() -> None:
        with other.transaction():
            order.append("first begins")
            inside.set()
            threading.Event().wait(0.2)  # holds the write while the second one asks
            order.append("first commits")

    def second() -> None:
        inside.wait()
        sqlite_store.add_candidate(round_.id, "Waited")
        order.append("second committed")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert order == ["first begins", "first commits", "second committed"]
    assert [c.name for c in sqlite_store.list_candidates(round_.id)] == ["Waited"]


@pytest.mark.parametrize("store", BACKENDS[1:], indirect=True)
def test_a_dead_pooled_connection_is_replaced_unseen(store, monkeypatch):
    """The database dropped every connection of the pool (a restart, a firewall): the next read after the idle
    time works, on a new connection, without an error for the person clicking."""
    from sqlalchemy import create_engine, text

    from assessment.store import engine as engines

    round_ = store.create_round("Round", "sample_role")
    with store.engine.connect() as connection:  # a connection of the pool, given back at once
        before = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    killer = create_engine(store.engine.url, poolclass=NullPool)
    with killer.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    killer.dispose()
    monkeypatch.setattr(engines, "PING_AFTER_IDLE_SECONDS", 0.0)  # as if it had been idle for long
    assert store.get_round(round_.id).name == "Round"
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT pg_backend_pid()")).scalar() != before


def test_a_rounds_frames_read_together_are_its_frames_read_one_by_one(store):
    """`round_frames` reads the six tables in one transaction, each interview once; what it gives is what each
    `*_frame` gives, for the whole round, for some candidates, and for none. The queries are made once."""
    round_, (ann, ben, cai) = _round_with(store, ["Ann", "Ben", "Cai"])
    round_id = round_.id
    key = item_keys(store.catalog_of_round(round_id))[0]
    for person in (ann, ben):
        store.give_consent(person)
        store.save_answer(person, key, 4)
    _full_interview(store, ann, "Kim", {"listening": 4, "planning": 3, "saying_no": 2})
    store.record_decision(round_id, ann, "advance", "Listens well.")
    for only in (None, [ann, cai], []):
        together = store.round_frames(round_id, only)
        one_by_one = {"candidates": store.candidates_frame(round_id, only),
                      "answers": store.answers_frame(round_id, only),
                      "ratings": store.ratings_frame(round_id, only=only),
                      "interviews": store.interviews_frame(round_id, only=only),
                      "consensus": store.consensus_frame(round_id, only),
                      "decisions": store.decisions_frame(round_id, only)}
        assert list(together) == list(one_by_one)
        for name, frame in one_by_one.items():
            pd.testing.assert_frame_equal(together[name], frame, obj=f"{name}, only={only}")
    assert len(together["candidates"]) == 0 and len(store.round_frames(round_id)["ratings"]) == 3
    made = dict(frames._QUERIES)
    store.round_frames(round_id, [ben])
    assert all(frames._QUERIES[key] is query for key, query in made.items()), "a query is made once and kept"
