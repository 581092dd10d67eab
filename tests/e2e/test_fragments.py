"""A click in the questions or the interview form reruns that part alone (`assessment/ui/fragments.py`), on the
real server over Streamlit's websocket: what it saves is stored; a click that names a part the server session
never ran (after a restart, or on another instance) reruns the whole page and is stored too; and a part run
alone notices what changed elsewhere (signed out, consent withdrawn) and lets the whole page say so."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.load import StreamlitClient, prepare, run, sign_in

pytestmark = pytest.mark.e2e

ALONE, WHOLE = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY, ForwardMsg.FINISHED_SUCCESSFULLY
DROPPED = 30  # seconds: a click the server drops never ends its run; this long is plenty for one that ends


def questionnaire(server) -> tuple[object, int, str]:
    store = server.store()
    cast = prepare(store, candidates=1, interviewers=1, catalog_id="sample_role")
    ((candidate_id, token),) = cast.tokens.items()
    return cast, candidate_id, token


def test_an_answer_reruns_the_questions_alone_and_is_stored(sample_server):
    _, candidate_id, token = questionnaire(sample_server)

    async def answer() -> tuple[str, int]:
        client = StreamlitClient(sample_server.base_url, query=f"token={token}&lang=en")
        await client.open()
        item = client.find("radio", "item:")[0]
        await client.choose(item, item.options[3])
        await client.close()
        return item, client.finished

    item, finished = run(answer())
    assert item.fragment_id and finished == ALONE
    assert sample_server.store().answers_of(candidate_id) == {item.key[5:]: 4}


def test_a_click_naming_a_part_the_session_never_ran_reruns_the_page_and_is_stored(sample_server):
    """What a browser sends after a server restart: its first click names the fragment of the page it shows,
    to a new session that has run nothing. Streamlit alone would drop it, and the answer with it."""
    _, candidate_id, token = questionnaire(sample_server)

    async def answer_on_a_new_session() -> tuple[object, int]:
        query = f"token={token}&lang=en"
        shown = StreamlitClient(sample_server.base_url, query=query)
        await shown.open()
        item = shown.find("radio", "item:")[0]
        await shown.close()
        fresh = StreamlitClient(sample_server.base_url, query=query)
        await fresh.connect()
        await asyncio.wait_for(fresh.choose(item, item.options[1]), DROPPED)
        await fresh.close()
        return item, fresh.finished

    item, finished = run(answer_on_a_new_session())
    assert finished == WHOLE
    assert sample_server.store().answers_of(candidate_id) == {item.key[5:]: 2}


def test_an_answer_after_consent_is_withdrawn_elsewhere_is_not_stored_and_the_page_says_so(sample_server):
    _, candidate_id, token = questionnaire(sample_server)

    async def answer_after_withdrawal() -> StreamlitClient:
        client = StreamlitClient(sample_server.base_url, query=f"token={token}&lang=en")
        await client.open()
        item = client.find("radio", "item:")[0]
        sample_server.store().withdraw_consent(candidate_id)  # in another tab, say
        await client.choose(item, item.options[0])
        await client.close()
        return client

    client = run(answer_after_withdrawal())
    assert client.finished == WHOLE and not client.find("radio", "item:")
    assert sample_server.store().answers_of(candidate_id) == {}


def test_a_rating_reruns_the_form_alone_and_after_signing_out_elsewhere_is_not_stored(sample_server):
    cast, candidate_id, _ = questionnaire(sample_server)
    ((email, password, _),) = cast.interviewers
    store = sample_server.store()

    async def rate() -> tuple[list[int], StreamlitClient]:
        cookies = await sign_in(sample_server.base_url, email, password)
        client = StreamlitClient(sample_server.base_url, page="interview", cookies=cookies,
                                 query=f"round={cast.round_id}&candidate={candidate_id}&lang=en")
        await client.open()
        rating = client.find("button_group", "rating:")[0]
        await client.choose(rating, rating.options[2])
        finished = [client.finished]
        async with httpx.AsyncClient(base_url=sample_server.base_url, cookies=cookies) as http:
            await http.get("/account/sign-out")  # in another tab
        rating = client.find("button_group", "rating:")[0]
        await client.choose(rating, rating.options[4])
        finished.append(client.finished)
        await client.close()
        return finished, client

    finished, client = run(rate())
    assert finished == [ALONE, WHOLE]
    assert not client.find("button_group", "rating:")  # the sign-in page instead of the form
    (interview,) = store.interviews_of(candidate_id)
    assert [r.value for r in store.ratings_of(interview.id).values()] == [3]
