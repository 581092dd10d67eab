"""The load driver of `benchmarks/bench_load.py` still speaks the app's protocol: three candidates and one
interviewer at once on a real server, everything they chose stored. Not timed; the benchmark measures."""

from __future__ import annotations

import pytest

from assessment.results.questionnaire import steps
from tests.e2e.load import lost, prepare, run, run_cast

pytestmark = pytest.mark.e2e


def test_candidates_and_an_interviewer_driven_over_the_websocket_are_all_stored(sample_server):
    store = sample_server.store()
    cast = prepare(store, candidates=3, interviewers=1, catalog_id="sample_role")
    first_step = len(steps(store.catalog_of_round(cast.round_id))[0].items)
    competencies = len(store.catalog_of_round(cast.round_id).competencies)

    candidates, interviews = run(run_cast([sample_server.base_url], cast, answers=first_step + 1,
                                         think=(0, 0.05)))

    # The first step's statements, "Next", one statement of the second step.
    assert [len(o.chosen) for o in candidates.values()] == [first_step + 1] * 3
    assert [len(o.clicks) for o in candidates.values()] == [first_step + 1] * 3
    (interview,) = interviews.values()
    assert len(interview.chosen) == competencies + 1 and len(interview.clicks) == competencies + 1
    assert all(not o.errors for o in [*candidates.values(), interview]), "the pages showed no exception"
    assert lost(store, candidates, interviews) == (0, 0)
