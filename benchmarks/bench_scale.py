"""Fast at every size (issue 18), measured on the server with Streamlit's AppTest on SQLite, ratios in one run:

- whole-page runs of the two clicks: an answer on the questionnaire and a rating on the interview page, against a
  blank rerun (a script with one `st.radio`), and against the same rerun saving one rating through the store
  (the write every click must make). AppTest reruns the whole page on every click; on a server a click reruns
  only the questions or the interview form (`assessment/ui/fragments.py`), measured by `bench_clicks.py`. A
  whole-page run is what a click costs when the part cannot run alone (the first click after a restart);
- the comparison and manager-types pages of synthetic rounds (`assessment demo --size N`), warm (computed
  results kept) and cold (first view after a change: a new name of the round, and an interview submitted);
  aims: warm under 1 s at 1,000 and 3 s at 5,000 candidates, cold within 2x of warm;
- the XLSX export: time and peak memory at 1,000 and 5,000 candidates, with the whole-table export it
  replaced (pandas + openpyxl) as the anchor at 1,000; aims: under 10 s at 5,000, memory flat in candidates.

AppTest keeps compiled page scripts between runs here, as a server does (`_table.compile_once_as_a_server_does`).

Run: python benchmarks/bench_scale.py [--sizes 1000 5000] [--repeat 3] [--clicks 15]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import compile_once_as_a_server_does, print_table  # noqa: E402
from bench_app import admin_session, click_times  # noqa: E402

BLANK = """
import streamlit as st
st.radio("Level", [1, 2, 3, 4, 5], index=None, horizontal=True, key="level")
"""


def blank_times(clicks: int) -> list[float]:
    """The anchor: a rerun of a script that holds one radio, in ms."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(BLANK, default_timeout=60)
    at.run()
    return radio_clicks(at, clicks)


def radio_clicks(at, clicks: int) -> list[float]:
    """ms of each of `clicks` changes of the script's one radio (1-5 in turn), each with the rerun it triggers."""
    times = []
    for i in range(clicks):
        start = time.perf_counter()
        at.radio[0].set_value(1 + i % 5).run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    return times


SAVING = """
import streamlit as st
state = st.session_state
level = st.radio("Level", [1, 2, 3, 4, 5], index=None, horizontal=True, key="level")
if level is not None:
    state.version = state.store.save_rating(state.interview, state.version, state.competency, level)
"""


def saving_times(clicks: int) -> list[float]:
    """The second anchor: the blank rerun that also saves the rating through the store, as a rating click must
    (its transaction: the interview's version checked and raised, the rating upserted, the round's revision
    counted), in ms. What a rating click costs beyond it is the page: who may rate, what to show, the widgets."""
    from streamlit.testing.v1 import AppTest

    from assessment.store import Store

    store = Store.open()
    round_ = store.create_round("Saving clicks", "client_manager")
    candidate = store.add_candidate(round_.id, "Saved Candidate")
    interview = store.start_interview(candidate.id, "Bench Saver")
    at = AppTest.from_string(SAVING, default_timeout=60)
    at.session_state["store"], at.session_state["interview"] = store, interview.id
    at.session_state["version"] = interview.version
    at.session_state["competency"] = store.catalog_of_round(round_.id).competencies[0].id
    at.run()
    return radio_clicks(at, clicks)


def rating_times(clicks: int) -> list[float]:
    """A rating click on the interview page of a candidate of the client-manager round (14 competencies)."""
    from streamlit.testing.v1 import AppTest

    from assessment.store import Store

    store = Store.open()
    round_ = store.create_round("Rating clicks", "client_manager")
    candidate = store.add_candidate(round_.id, "Rated Candidate")
    email, password = f"bench.interviewer.{round_.id}@example.com", "benchmark interviewer password"
    interviewer = store.add_staff(email, "Bench Interviewer", "interviewer", password)
    store.add_member(round_.id, interviewer.id)
    store.assign(candidate.id, interviewer.id)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = store.sign_in(email, password, "127.0.0.1").token
    at.query_params["round"], at.query_params["candidate"] = str(round_.id), str(candidate.id)
    at.run()
    at.switch_page("assessment/ui/interview.py").run()
    times = []
    for i in range(clicks):
        groups = [g for g in at.button_group if str(g.key).startswith("rating")]
        if not groups:
            raise RuntimeError("no rating on the interview page: " + " ".join(str(e.value) for e in at.error))
        start = time.perf_counter()
        groups[i % len(groups)].set_value(1 + i % 5).run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    return times


def page_times(page: str, round_id: int, repeat: int) -> tuple[float, float, float]:
    """Warm (median of `repeat` views after no change) and cold ms of `page`: the first view after a new name of
    the round (its own settings: nothing is read or computed again) and the median of `repeat` first views
    after an interview was submitted (one candidate read again, the round scored again, and what depends on
    the ratings, such as reliability and the manager types, computed again)."""
    from streamlit.testing.v1 import AppTest

    from assessment.store import Store

    store, token = Store.open(), admin_session()

    def view() -> float:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.session_state["staff_token"] = token
        at.query_params["round"] = str(round_id)
        at.run()
        start = time.perf_counter()
        at.switch_page(f"assessment/ui/{page}.py").run()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        return elapsed

    view()  # the process warmed up (imports, translations, archetypes)
    store.rename_round(round_id, store.get_round(round_id).name)
    renamed = view()
    warm = statistics.median(view() for _ in range(repeat))
    after_interview = []
    for _ in range(repeat):
        submit_an_interview(store, round_id)
        after_interview.append(view())
    return warm, renamed, statistics.median(after_interview)


def submit_an_interview(store, round_id: int) -> None:
    """A new interviewer submits an interview of the round's first candidate who has answered: a change of one
    candidate's ratings."""
    candidates = store.candidates_frame(round_id)
    candidate = int(candidates[candidates["answered"] > 0]["candidate"].iloc[0])
    catalog = store.catalog_of_round(round_id)
    opened = store.start_interview(candidate, f"Bench interviewer {time.perf_counter_ns()}")
    version = opened.version
    for competency in catalog.competencies:
        version = store.save_rating(opened.id, version, competency.id, 3)
    store.submit_interview(opened.id, store.set_recommendation(opened.id, version, "yes"))


def export_figures(round_id: int, whole_table: bool) -> list:
    """Seconds and peak MB (tracemalloc) of the streamed XLSX export written to a file (what it holds while
    writing, not the file), and the file's MB; with `whole_table`, the same of the old exports (their bytes)."""
    from assessment.exchange import exports
    from assessment.results.loader import load_round
    from assessment.store import Store

    results = load_round(Store.open(), round_id)
    target = Path(tempfile.mkdtemp(prefix="bench-export-")) / "round.xlsx"
    figures = []
    anchors = [lambda: _xlsxwriter(results), lambda: _whole_table(results)] if whole_table else []
    for build in [lambda: exports.write_xlsx(results, str(target)), *anchors]:
        start = time.perf_counter()
        made = build()
        seconds = time.perf_counter() - start
        tracemalloc.start()
        build()
        peak = tracemalloc.get_traced_memory()[1] / 1024**2
        tracemalloc.stop()
        size = (len(made) if made is not None else target.stat().st_size) / 1024**2
        figures.append((seconds, peak, size))
    return figures


def _xlsxwriter(results) -> bytes:
    """The XLSX export as it was streamed before (xlsxwriter's constant-memory mode, a call per cell)."""
    from datetime import datetime

    import xlsxwriter

    from assessment.exchange import exports

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for name, frame in exports.xlsx_sheets(results).items():
        sheet = book.add_worksheet(name)
        sheet.add_write_handler(datetime, lambda sheet, row, col, value, _=None: sheet.write_datetime(
            row, col, value, when))
        sheet.write_row(0, 0, [exports.defuse(str(column)) for column in frame.columns])
        part = exports._naive(exports.defused(frame))
        for offset, row in enumerate(part.astype(object).where(part.notna(), None).itertuples(index=False), 1):
            sheet.write_row(offset, 0, [v.to_pydatetime() if hasattr(v, "to_pydatetime") else v for v in row])
    book.close()
    return buffer.getvalue()


def _whole_table(results) -> bytes:
    """The XLSX export before it streamed: every table whole, through pandas and openpyxl."""
    import pandas as pd

    from assessment.exchange import exports

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in exports.xlsx_sheets(results).items():
            exports._naive(exports.defused(frame)).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clicks", type=int, default=15)
    args = parser.parse_args()
    compile_once_as_a_server_does()
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    (folder / "catalogs").mkdir()
    from bench_app import catalog_with_60_items

    catalog_with_60_items(folder / "catalogs")
    os.environ["ASSESSMENT_CATALOG_DIR"] = str(folder / "catalogs")
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"

    blank, answer, rating = blank_times(args.clicks), click_times(args.clicks), rating_times(args.clicks)
    saving = saving_times(args.clicks)
    anchor, saved = statistics.median(blank), statistics.median(saving)
    print_table("Clicks as whole-page runs (AppTest; a click on a server reruns its part alone: bench_clicks.py)",
                ["what", "ms", "× blank rerun", "aim", "× blank rerun that saves"], [
        ["anchor: blank rerun, a script with one st.radio", anchor, 1.0, "", ""],
        ["anchor: the same rerun saving one rating through the store", saved, saved / anchor, "", 1.0],
        ["answer click, 60-item questionnaire", statistics.median(answer), statistics.median(answer) / anchor, "",
         statistics.median(answer) / saved],
        ["rating click, interview of 14 competencies", statistics.median(rating), statistics.median(rating) / anchor,
         "", statistics.median(rating) / saved],
    ])

    from assessment.demo import synthetic_round
    from assessment.store import Store

    pages, exports_rows = [], []
    for size in args.sizes:
        started = time.perf_counter()
        round_id = synthetic_round(Store.open(), size).id
        built = time.perf_counter() - started
        for page, label in (("comparison", "comparison page"), ("manager_types", "manager types page")):
            warm, renamed, interviewed = page_times(page, round_id, args.repeat)
            aim = "< 1 s" if size <= 1000 else "< 3 s"
            pages.append([f"{label}, {size:,} candidates (built in {built:.0f} s)", warm, aim, renamed,
                          renamed / warm, interviewed, interviewed / warm, "≤ 2×"])
        print_table("Pages (AppTest, SQLite), so far", PAGE_HEADER, pages)
        figures = export_figures(round_id, whole_table=size == min(args.sizes))
        seconds, peak, megabytes = figures[0]
        exports_rows.append([f"XLSX export, {size:,} candidates", seconds, peak, megabytes,
                             "< 10 s at 5,000; flat"])
        if len(figures) > 1:
            exports_rows.append([f"anchor: xlsxwriter constant-memory export (before), {size:,} candidates",
                                 *figures[1], ""])
            exports_rows.append([f"anchor: whole-table export (pandas + openpyxl), {size:,} candidates",
                                 *figures[2], ""])
        print_table(EXPORT_TITLE + ", so far", EXPORT_HEADER, exports_rows)
    print_table("Pages (AppTest, SQLite)", PAGE_HEADER, pages)
    print_table(EXPORT_TITLE, EXPORT_HEADER, exports_rows)


PAGE_HEADER = ["page", "warm, ms", "aim", "cold after a new name, ms", "× warm", "cold after an interview, ms",
               "× warm", "aim"]
EXPORT_TITLE = ("XLSX export (peak: tracemalloc while writing, beyond the loaded results; ours into a file, the "
                "anchors into bytes)")
EXPORT_HEADER = ["what", "seconds", "peak MB", "file MB", "aim"]


if __name__ == "__main__":
    main()
