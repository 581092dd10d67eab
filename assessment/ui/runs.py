"""What one run of a page (or of a part of it alone, see `fragments.py`) has worked out: the language, the
workspace, and what `this_run` keeps. Kept by the thread that runs it (a session's runs happen in its script
thread, one at a time): reading it costs nothing, where session state takes a lock on every read."""

from __future__ import annotations

import threading

THIS_RUN = threading.local()


def new_run(page: bool = True) -> None:
    """Called by app.py at the start of every run of the page (and by `fragments.rerun_alone` at the start of a
    run of a part alone): the language, the workspace and what `this_run` keeps are made again on first use."""
    THIS_RUN.lang = None
    THIS_RUN.workspace = None
    THIS_RUN.kept = {}
    THIS_RUN.page = page


def end_run() -> None:
    """Called when a run ends (app.py, `fragments.rerun_alone`): nothing it worked out outlives it."""
    new_run(page=False)


def in_page_run() -> bool:
    """Whether this thread is running the whole page (not a part of it alone, see `fragments.rerun_alone`)."""
    return getattr(THIS_RUN, "page", False)


def this_run(key, compute):
    """`compute()`, once per run: a part that may also run alone asks for it again instead of being handed what
    the page read (a part run alone gets the arguments of the page's last run)."""
    kept = getattr(THIS_RUN, "kept", None)
    if kept is None:
        kept = THIS_RUN.kept = {}
    if key not in kept:
        kept[key] = compute()
    return kept[key]
