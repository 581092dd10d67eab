"""Submission against late answers, on both databases: once a candidate has submitted, no answer is
stored after the submission, however the threads interleave."""

from __future__ import annotations

import threading

from assessment.errors import InvalidValue
from assessment.store import item_keys

TRIALS, WRITERS = 20, 4


def test_no_answer_is_stored_after_the_submission(store):
    round_ = store.create_round("Race", "sample_role")
    items = item_keys(store.catalog_of_round(round_.id))
    late = 0
    for trial in range(TRIALS):
        candidate = store.add_candidate(round_.id, f"Candidate {trial}").id
        for item in items:
            store.save_answer(candidate, item, 3)
        start, unexpected = threading.Barrier(WRITERS + 1), []

        def write(offset: int, candidate: int = candidate, start=start, unexpected=unexpected) -> None:
            start.wait()
            for n in range(10):
                try:
                    store.save_answer(candidate, items[(offset + n) % len(items)], (offset + n) % 5 + 1)
                except InvalidValue as exc:
                    if exc.code != "self_submitted":
                        unexpected.append(exc)
                    return
                except BaseException as exc:  # noqa: BLE001 - any other failure fails the test
                    unexpected.append(exc)
                    return

        def submit(candidate: int = candidate, start=start) -> None:
            start.wait()
            store.submit_self_assessment(candidate)

        threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
        threads.append(threading.Thread(target=submit))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert unexpected == []
        submitted_at = store.get_candidate(candidate).submitted_at
        late += sum(1 for moment in _answered_at(store, candidate) if moment > submitted_at)
    assert late == 0


def _answered_at(store, candidate_id: int) -> list:
    from sqlalchemy import select

    from assessment.store.models import SelfAnswer
    with store.engine.connect() as connection:
        return list(connection.scalars(select(SelfAnswer.answered_at).where(SelfAnswer.candidate_id == candidate_id)))
