"""A load driver: many people at once on the real server, each a light client that speaks Streamlit's own
websocket protocol instead of a browser (55 chromium pages would swamp a 2-core machine before the server).

`StreamlitClient` does what the browser's frontend does on `/_stcore/stream`: it sends a `BackMsg` with
`rerun_script` (the page, the query string and the widget values that changed, plus the fragment a widget belongs
to), and reads `ForwardMsg`s (the elements drawn, the query string the page sets, `script_finished`). A click is
timed from sending its `BackMsg` until the run it starts has finished, reruns the page asks for included: by
then the page has saved what was clicked, and a browser would show it.

`candidate` and `interviewer` are the two people of a round; `benchmarks/bench_load.py` runs many of them at
once, and `tests/e2e/test_load_driver.py` runs a few, so the driver does not rot.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from assessment.i18n import t

FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
         ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
WIDGETS = ("radio", "button_group", "button", "checkbox")
RUN_TIMEOUT = 120.0


class ProtocolError(RuntimeError):
    """The server said something a page in a browser would show as a failure."""


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    options: list[str]
    fragment_id: str

    @property
    def key(self) -> str:
        """The key the page gave the widget (`$$ID-<hash>-<key>`), without its generation suffix (`~2`)."""
        parts = self.id.split("-", 2)
        return parts[2].split("~")[0] if len(parts) == 3 else ""


@dataclass
class StreamlitClient:
    """One browser tab's conversation with the app: `await open()`, then `click(...)`s, then `close()`."""

    base_url: str
    page: str = ""
    query: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    widgets: dict[tuple, Widget] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    finished: int = 0

    async def open(self) -> float:
        """Connect and draw the page, as a browser opening it does; the first run's time in ms."""
        await self.connect()
        return await self.rerun()

    async def connect(self) -> None:
        """Only the connection: a new server session that has run nothing yet, as after a server restart."""
        url = re.sub(r"^http", "ws", self.base_url) + "/_stcore/stream"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        # No pings of our own (a browser sends none either): on a busy machine an unanswered ping would
        # close the connection mid-run. The server's pings are answered by the library.
        self.socket = await websockets.connect(url, subprotocols=["streamlit"], origin=self.base_url,
                                               additional_headers=headers, max_size=None, open_timeout=60,
                                               ping_interval=None)

    async def close(self) -> None:
        await self.socket.close()

    async def rerun(self, *states: WidgetState, fragment_id: str = "") -> float:
        """Send one rerun (a click is one, with the clicked widget's state); its time in ms, to the last run.
        `finished` then says how the last run ended (a `ForwardMsg.ScriptFinishedStatus`)."""
        message = BackMsg()
        client = message.rerun_script
        client.query_string, client.page_name, client.fragment_id = self.query, self.page, fragment_id
        client.widget_states.widgets.extend(states)
        start = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        while True:
            reply = ForwardMsg.FromString(await asyncio.wait_for(self.socket.recv(), RUN_TIMEOUT))
            if self._read(reply):
                return (time.perf_counter() - start) * 1000

    def _read(self, reply: ForwardMsg) -> bool:
        """Keep what the reply draws; True when it ends the run (and any rerun the page asked for)."""
        kind = reply.WhichOneof("type")
        if kind == "new_session":  # a run starts: what it draws replaces what the last one drew
            redrawn = set(reply.metadata.run.fragment_ids)  # a part alone (see assessment/ui/fragments.py)
            self.widgets = {path: widget for path, widget in self.widgets.items()
                            if redrawn and widget.fragment_id not in redrawn}
        elif kind == "page_info_changed":
            self.query = reply.page_info_changed.query_string
        elif kind == "ref_hash":
            raise ProtocolError("the server sent a cached-message reference this client never asked for")
        elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
            self._element(tuple(reply.metadata.delta_path), reply.delta.new_element, reply.delta.fragment_id)
        elif kind == "script_finished":
            if reply.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise ProtocolError("the page did not compile")
            self.finished = reply.script_finished
            return reply.script_finished in FINAL
        return False

    def _element(self, path: tuple, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"{element.exception.type}: {element.exception.message}")
        if kind in WIDGETS:
            proto = getattr(element, kind)
            options = [o if isinstance(o, str) else o.content for o in getattr(proto, "options", [])]
            self.widgets[path] = Widget(kind, proto.id, proto.label, options, fragment_id)
        else:
            self.widgets.pop(path, None)

    # --- clicks --------------------------------------------------------------------------------------
    def find(self, kind: str, key_prefix: str = "", label: str | None = None) -> list[Widget]:
        return [w for w in self.widgets.values() if w.kind == kind and w.key.startswith(key_prefix)
                and (label is None or w.label == label)]

    async def choose(self, widget: Widget, option: str) -> float:
        """Pick `option` of a radio or a segmented control."""
        state = WidgetState(id=widget.id)
        if widget.kind == "radio":
            state.string_value = option
        else:
            state.string_array_value.data.append(option)
        return await self.rerun(state, fragment_id=widget.fragment_id)

    async def press(self, widget: Widget) -> float:
        return await self.rerun(WidgetState(id=widget.id, trigger_value=True), fragment_id=widget.fragment_id)

    async def tick(self, widget: Widget) -> float:
        return await self.rerun(WidgetState(id=widget.id, bool_value=True), fragment_id=widget.fragment_id)


@dataclass
class Outcome:
    """What one person did: the click times (ms) and what they chose, to compare with the database."""

    clicks: list[float] = field(default_factory=list)
    chosen: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)  # time.monotonic() of each click, beside `clicks`

    async def time(self, click) -> None:
        """Await `click` (a rerun) and keep its time and when it was sent."""
        self.sent.append(time.monotonic())
        self.clicks.append(await click)


def _one_button(client: StreamlitClient, label: str) -> Widget:
    found = client.find("button", label=label)
    if len(found) != 1:
        raise ProtocolError(f"expected one button {label!r}, found {len(found)}: {client.errors}")
    return found[0]


async def candidate(base_url: str, token: str, answers: int, think: tuple[float, float],
                    rng: random.Random, lang: str = "en") -> Outcome:
    """A consented candidate on the invite link: answers `answers` statements (or all), step by step, a random
    agreement each, with a pause of `think` seconds (uniform) before each click."""
    client = StreamlitClient(base_url, query=urlencode({"token": token, "lang": lang}))
    outcome = Outcome()
    async with _session(client, outcome):
        await _answer(client, outcome, answers, think, rng, lang)
    return outcome


class _session:
    """Open `client`; at the end (or when a run never ends, or the connection drops) close it and keep the
    page's errors and the failure in `outcome`, so that one stuck person does not end everyone's run."""

    def __init__(self, client: StreamlitClient, outcome: Outcome):
        self.client, self.outcome = client, outcome

    async def __aenter__(self):
        await self.client.open()

    async def __aexit__(self, kind, error, traceback) -> bool:
        self.outcome.errors = list(self.client.errors)
        if error is not None:
            self.outcome.errors.append(f"{kind.__name__}: {error}")
        with contextlib.suppress(Exception):
            await self.client.close()
        return kind is None or issubclass(kind, (TimeoutError, websockets.ConnectionClosed, ProtocolError))


async def _answer(client: StreamlitClient, outcome: Outcome, answers: int, think: tuple[float, float],
                  rng: random.Random, lang: str) -> None:
    pages = 0
    while len(outcome.chosen) < answers:
        open_items = [w for w in client.find("radio", "item:") if w.key[5:] not in outcome.chosen]
        if not open_items:
            nexts = client.find("button", label=t("self.next", lang) + " →")
            if not nexts:
                break  # the review: every statement is answered
            if (pages := pages + 1) > 100:
                raise ProtocolError(f"'Next' does not lead on: {client.errors}")
            await asyncio.sleep(rng.uniform(*think))
            await client.press(nexts[0])
            continue
        item, value = open_items[0], rng.randint(1, 5)
        await asyncio.sleep(rng.uniform(*think))
        outcome.chosen[item.key[5:]] = value  # given, whether or not the run ends: the database decides
        await outcome.time(client.choose(item, item.options[value - 1]))


async def sign_in(base_url: str, email: str, password: str) -> dict[str, str]:
    """The sign-in form, as a browser posts it; returns the cookies the browser then holds."""
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        form = await http.get("/account/sign-in", params={"lang": "en"})
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        if csrf is None:
            raise ProtocolError(f"no sign-in form at {base_url}: {form.status_code}")
        done = await http.post("/account/sign-in", data={"email": email, "password": password,
                                                         "csrf": csrf.group(1), "lang": "en", "next": "/"})
        if done.status_code != 303:
            raise ProtocolError(f"sign-in of {email} refused: {done.status_code}")
        return dict(http.cookies)


async def interviewer(base_url: str, email: str, password: str, round_id: int, candidate_id: int,
                      think: tuple[float, float], rng: random.Random, lang: str = "en") -> Outcome:
    """An interviewer signs in, rates every competency of `candidate_id` (1–5 at random), recommends, submits.
    `chosen` maps competency ids to the ratings given, and `recommendation` to the index chosen."""
    cookies = await sign_in(base_url, email, password)
    client = StreamlitClient(base_url, page="interview", cookies=cookies,
                             query=urlencode({"round": round_id, "candidate": candidate_id, "lang": lang}))
    outcome = Outcome()
    async with _session(client, outcome):
        await _rate(client, outcome, think, rng, lang)
    return outcome


async def _rate(client: StreamlitClient, outcome: Outcome, think: tuple[float, float], rng: random.Random,
                lang: str) -> None:
    # The kit shows one competency at a time: rate the open one, then "Next" opens the following one.
    def competency(widget) -> str:
        return widget.key.split("~")[0].rsplit(":", 1)[1]

    while True:
        open_ratings = [w for w in client.find("button_group", "rating:") if competency(w) not in outcome.chosen]
        if not open_ratings:
            following = client.find("button", "next:")
            if not following:
                break
            await client.press(following[0])
            if not [w for w in client.find("button_group", "rating:") if competency(w) not in outcome.chosen]:
                break  # "Next" led back to a rated one: every competency is rated
            continue
        widget, value = open_ratings[0], rng.randint(1, 5)
        await asyncio.sleep(rng.uniform(*think))
        outcome.chosen[competency(widget)] = value
        await outcome.time(client.choose(widget, widget.options[value - 1]))
    (recommendation,) = client.find("radio", "recommendation:")
    await asyncio.sleep(rng.uniform(*think))
    outcome.chosen["recommendation"] = 2
    await outcome.time(client.choose(recommendation, recommendation.options[2]))
    await asyncio.sleep(rng.uniform(*think))
    (confirm,) = client.find("checkbox", "confirm_interview:")  # the summary's confirmation, then submit
    await client.tick(confirm)
    await client.rerun(WidgetState(id=confirm.id, bool_value=True),
                       WidgetState(id=_one_button(client, t("interview.submit", lang)).id, trigger_value=True))


async def blank_clicker(base_url: str, clicks: int, think: tuple[float, float], rng: random.Random) -> Outcome:
    """The anchor: the same clicks on a script with one `st.radio` (see `BLANK_SCRIPT`)."""
    client = StreamlitClient(base_url)
    outcome = Outcome()
    async with _session(client, outcome):
        (radio,) = client.find("radio")
        for _ in range(clicks):
            await asyncio.sleep(rng.uniform(*think))
            await outcome.time(client.choose(radio, rng.choice(radio.options)))
    return outcome


BLANK_SCRIPT = 'import streamlit as st\n\nst.radio("Answer", [1, 2, 3, 4, 5], index=None, horizontal=True)\n'


def run(coroutine):
    """Run the driver to its end in a thread of its own: the caller's thread may already have an event loop
    running (Playwright's synchronous API keeps one in pytest's main thread)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


# --- a round to load, and what the database holds afterwards ------------------------------------------------
@dataclass
class Cast:
    """A round with invited, consented candidates and interviewers with passwords, each assigned one of them."""

    round_id: int
    tokens: dict[int, str]  # candidate id -> invite token
    interviewers: list[tuple[str, str, int]]  # (e-mail, password, candidate id to interview)


def prepare(store, candidates: int, interviewers: int, catalog_id: str = "client_manager") -> Cast:
    import secrets

    round_ = store.create_round(f"Load {secrets.token_hex(3)}", catalog_id)
    tokens = {}
    for number in range(candidates):
        person = store.add_candidate(round_.id, f"Load Candidate {number + 1}", language="en")
        store.give_consent(person.id)
        tokens[person.id] = store.invite(person.id)
    staff = []
    for number, candidate_id in zip(range(interviewers), tokens, strict=False):
        email, password = f"load.{round_.id}.{number + 1}@example.org", secrets.token_urlsafe(16)
        account = store.add_staff(email, f"Load Interviewer {number + 1}", "interviewer", password)
        store.assign(candidate_id, account.id)
        staff.append((email, password, candidate_id))
    return Cast(round_.id, tokens, staff)


async def run_cast(base_urls: list[str], cast: Cast, answers: int, think: tuple[float, float],
                   seed: int = 18) -> tuple[dict[int, Outcome], dict[int, Outcome]]:
    """Every candidate and interviewer of `cast` at once, spread over `base_urls` in turn; their outcomes by
    candidate id (the interviewers' by the candidate they interview)."""
    rng = random.Random(seed)
    people, keys = [], []
    for number, (candidate_id, token) in enumerate(cast.tokens.items()):
        base = base_urls[number % len(base_urls)]
        people.append(candidate(base, token, answers, think, random.Random(rng.random())))
        keys.append(("candidate", candidate_id))
    for number, (email, password, candidate_id) in enumerate(cast.interviewers):
        base = base_urls[number % len(base_urls)]
        people.append(interviewer(base, email, password, cast.round_id, candidate_id, think,
                                  random.Random(rng.random())))
        keys.append(("interviewer", candidate_id))
    outcomes = await asyncio.gather(*people)
    done: dict[str, dict[int, Outcome]] = {"candidate": {}, "interviewer": {}}
    for (who, candidate_id), outcome in zip(keys, outcomes, strict=True):
        done[who][candidate_id] = outcome
    return done["candidate"], done["interviewer"]


def lost(store, candidates: dict[int, Outcome], interviews: dict[int, Outcome]) -> tuple[int, int]:
    """(answers, ratings) given through the server that the database does not hold as given; a recommendation
    and a submission count as ratings."""
    from assessment.store import RECOMMENDATIONS

    answers = sum(store.answers_of(candidate_id).get(key) != value
                  for candidate_id, outcome in candidates.items() for key, value in outcome.chosen.items())
    ratings = 0
    for candidate_id, outcome in interviews.items():
        given = {k: v for k, v in outcome.chosen.items() if k != "recommendation"}
        opened = store.interviews_of(candidate_id)
        if not opened:
            ratings += len(outcome.chosen) + 1
            continue
        stored = store.ratings_of(opened[0].id)
        ratings += sum(stored[key].value != value if key in stored else 1 for key, value in given.items())
        if "recommendation" in outcome.chosen:
            ratings += opened[0].recommendation != RECOMMENDATIONS[outcome.chosen["recommendation"]]
        ratings += opened[0].status != "submitted"
    return answers, ratings
