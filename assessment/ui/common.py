"""What every page shares: the store, the language, translated text, safe rendering of user text."""

from __future__ import annotations

import re
import threading

import streamlit as st

from assessment import i18n
from assessment.catalog import load_catalogs
from assessment.errors import UserError
from assessment.store import Store, default_url
from assessment.ui.runs import THIS_RUN, new_run
from assessment.workspace import Workspace

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_AUTOLINK = re.compile(r"@|(?<=:)//|\bwww", re.IGNORECASE)


def store() -> Store:
    """The store of the configured database, one per process; its engine pools connections for every session."""
    return _store(default_url())


_STORES: dict[str, Store] = {}
_OPENING = threading.Lock()


def _store(url: str) -> Store:
    """One store per URL, opened (and its schema upgraded) on first use. A plain dictionary, not
    `st.cache_resource`: a page asks for the store many times a run, and the cache's hashing of the call cost
    about a millisecond each time."""
    opened = _STORES.get(url)
    if opened is None:
        with _OPENING:
            opened = _STORES.get(url)
            if opened is None:
                opened = _STORES[url] = Store.open(url, shared=True)
    return opened


def requested_lang() -> str:
    """The language asked for by the URL or chosen earlier in this session, without recording it."""
    return i18n.language(st.query_params.get("lang") or st.session_state.get("lang"))


def lang() -> str:
    """The language of this session: the URL's `lang`, kept in session state across page switches.

    Worked out (and written into the URL) once per run, on first use: a large page asks for it tens of thousands
    of times, and reading and writing query parameters, or even session state, each time made pages and clicks
    slow. The language picker starts a new run."""
    chosen = getattr(THIS_RUN, "lang", None)
    if chosen is None:
        chosen = requested_lang()
        st.session_state["lang"] = chosen
        if st.query_params.get("lang") != chosen:
            st.query_params["lang"] = chosen
        THIS_RUN.lang = chosen
    return chosen


def tr(key: str, **values) -> str:
    return i18n.t(key, lang(), **values)


def language_picker(container=None, label_visibility: str = "visible") -> None:
    """A language switch; the choice goes into the URL, so it survives a reload."""
    container = container or st.sidebar
    current = lang()
    choice = container.selectbox(
        tr("common.language"), i18n.LANGUAGES, index=i18n.LANGUAGES.index(current),
        format_func=i18n.LANGUAGE_NAMES.get, key="language_picker", label_visibility=label_visibility,
    )
    if choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        new_run()
        st.rerun()


def number(value: float | None, digits: int) -> str:
    """A number as a reader of the session's language writes it, with a true minus sign; "–" when missing."""
    return i18n.number(value, lang(), digits, missing="–").replace("-", "−")


def plain(text) -> str:
    """User text made inert for Markdown: it shows as typed, never as formatting, links or HTML. Escaping does
    not stop Markdown from linking bare e-mail addresses and web addresses, so an invisible word joiner
    (U+2060) goes after each "@", "://" and "www" that could start one."""
    return _AUTOLINK.sub(lambda found: found.group(0) + "\u2060", _MARKDOWN.sub(r"\\\1", str(text)))


def error(exc: UserError) -> None:
    st.error(error_text(exc), icon=":material/error:")


def error_text(exc: UserError) -> str:
    """A user's mistake in words of the session's language; what the person typed shows as typed."""
    params = {name: plain(value) if isinstance(value, str) else value for name, value in exc.params.items()}
    return i18n.error_text(exc, lang(), params)


def query_int(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and value.isdigit() else None


def set_query(**values) -> None:
    """Put ids in the URL so a reload comes back to the same place; None removes a key."""
    for name, value in values.items():
        if value is None:
            st.query_params.pop(name, None)
        elif st.query_params.get(name) != str(value):
            st.query_params[name] = str(value)


def lazy_section(label: str, key: str, icon: str | None = None, expanded: bool = False):
    """A folded part of a page whose content is made only while it is open: the container to draw into, or None
    while closed. Closed, nothing inside is worked out or sent (a closed `st.expander` still carries its charts
    and tables to the browser); opening or closing it reruns the page, and its state is kept under `key`. The
    label is shown as typed: pass only translated text or text made `plain`. `expanded`: open at first."""
    section = st.expander(label, icon=icon, expanded=expanded, key=key, on_change="rerun")
    return section if section.open else None


def me():
    """The signed-in staff account of this run, resolved once by app.py (which lets no staff page run
    without one): no database read per call."""
    return st.session_state["staff"]


def workspace() -> Workspace:
    """What the signed-in person may do (`assessment.workspace`): every page reads and changes candidates'
    data through it. One per run, remembering what it read until something is written (a page asks the same
    questions many times a run). Reads are recorded in the audit log once per browser session and object, not
    on every rerun of a page.

    Kept by the run's thread (see `THIS_RUN`), not in session state, whose every read takes a lock: a page asks
    for the workspace tens of times a run. `new_run` drops it at the start of each run, before app.py names who
    is signed in, so a run never uses another run's account or memory."""
    desk = getattr(THIS_RUN, "workspace", None)
    if desk is None:
        desk = Workspace(store(), me(), st.session_state.setdefault("audited_reads", set()), remember=True)
        THIS_RUN.workspace = desk
    return desk


def refused(call, *args, **kwargs):
    """`call(*args)`, or None after showing the person why not (a refusal, a mistake): the page goes on."""
    try:
        return call(*args, **kwargs)
    except UserError as exc:
        error(exc)
        return None


def round_picker(label_key: str = "common.round"):
    """Choose one of the rounds the signed-in person may open (remembered in the URL); None when there are none.
    A round id in the URL that the person may not open is refused (said, and recorded), then another shown."""
    rounds = workspace().rounds()
    ids = [r.id for r in rounds]
    current = query_int("round")
    if current is not None and current not in ids:
        refused(workspace().round, current)
        set_query(round=None, candidate=None)
    if not rounds:
        st.info(tr("common.no_rounds"))
        return None
    index = ids.index(current) if current in ids else 0
    names = round_labels(rounds)
    chosen = st.selectbox(tr(label_key), ids, index=index, format_func=names.get, key="round_picker")
    set_query(round=chosen)
    return next(r for r in rounds if r.id == chosen)


def round_labels(rounds) -> dict[int, str]:
    """Rounds as a picker shows them: name, role and number, and the state unless the round is open."""
    roles = {loaded.catalog.id: loaded.catalog.name.get(lang()) for loaded in load_catalogs()}
    return {r.id: " · ".join([r.name, roles.get(r.catalog_id, r.catalog_id), f"#{r.id}"]
                             + ([] if r.status == "open" else [tr(f"round_state.{r.status}")]))
            for r in rounds}
