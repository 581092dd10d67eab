"""App speed, measured on the server with Streamlit's AppTest (no browser, no network):

- one answer click on a 60-item self-assessment: the script run a click triggers, save included;
- the comparison page and the manager-types page of a round of 200 interviewed candidates.

Aims: a click under 50 ms, the comparison page under 1 s.
Run: python benchmarks/bench_app.py [--candidates 200] [--clicks 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from copy import deepcopy
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import compile_once_as_a_server_does, print_table  # noqa: E402

ITEMS = 60


def catalog_with_60_items(folder: Path) -> None:
    """The shipped catalogs plus `long_form`: the client-manager catalog with extra self items up to 60."""
    for source in (ROOT / "competencies").glob("*.yaml"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load((ROOT / "competencies" / "client_manager.yaml").read_text(encoding="utf-8"))
    data["id"] = "long_form"
    competencies = [c for area in data["areas"] for c in area["competencies"]]
    count = sum(len(c["self_items"]) for c in competencies)
    extra = 0
    while count < ITEMS:
        competency = competencies[extra % len(competencies)]
        copy = dict(deepcopy(competency["self_items"][0]), id=f"extra{extra}")  # no YAML aliases
        competency["self_items"].append(copy)
        count, extra = count + 1, extra + 1
    (folder / "long_form.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def click_times(clicks: int) -> list[float]:
    """Server time of each answer click, in ms, on a fresh candidate of a `long_form` round."""
    from streamlit.testing.v1 import AppTest

    from assessment.store import Store

    store = Store.open()
    round_ = store.create_round("Clicks", "long_form")
    candidate = store.add_candidate(round_.id, "Clicking Candidate")
    store.give_consent(candidate.id)
    token = store.invite(candidate.id)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["token"] = token
    at.run()
    times = []
    for i in range(clicks):
        radios = at.radio
        if not radios:  # the step is full: go on to the next one
            next(b for b in at.button if "Next" in b.label).click().run()
            radios = at.radio
        start = time.perf_counter()
        radios[i % len(radios)].set_value(1 + i % 5).run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def big_round(candidates: int, seed: int = 7) -> int:
    """A client-manager round of `candidates`, each with self answers and three submitted interviews."""
    from assessment.store import Store, item_keys

    rng = np.random.default_rng(seed)
    store = Store.open()
    round_ = store.create_round("Big round", "client_manager")
    catalog = store.catalog_of_round(round_.id)
    keys = item_keys(catalog)
    people = store.add_candidates(round_.id, [{"name": f"Candidate {i:03d}"} for i in range(candidates)])
    for person in people:
        store.give_consent(person.id)
        for key, value in zip(keys, rng.integers(1, 6, len(keys)), strict=True):
            store.save_answer(person.id, key, int(value))
        for interviewer in ("Kim", "Lee", "Max"):
            interview = store.start_interview(person.id, interviewer)
            version = interview.version
            values = rng.integers(1, 6, len(catalog.competencies))
            for competency, value in zip(catalog.competencies, values, strict=True):
                version = store.save_rating(interview.id, version, competency.id, int(value))
            version = store.set_recommendation(interview.id, version, "yes")
            store.submit_interview(interview.id, version)
    return round_.id


def admin_session() -> str:
    """A signed-in session of a benchmark admin account, created on first use."""
    from assessment.errors import NotFound
    from assessment.store import Store

    store, email, password = Store.open(), "bench.admin@example.com", "benchmark admin password"
    try:
        store.staff_by_email(email)
    except NotFound:
        store.add_staff(email, "Bench Admin", "admin", password)
    return store.sign_in(email, password, "127.0.0.1").token


def page_ms(page: str, round_id: int, repeat: int) -> tuple[float, float]:
    """First and median time of the script run that opens `page` (the app already running)."""
    from streamlit.testing.v1 import AppTest

    token = admin_session()
    times = []
    for _ in range(repeat):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["staff_token"] = token  # signed in as an admin (AppTest has no cookies)
        at.query_params["round"] = str(round_id)
        at.run()
        start = time.perf_counter()
        at.switch_page(f"assessment/ui/{page}.py").run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    return times[0], statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    compile_once_as_a_server_does()
    folder = Path(tempfile.mkdtemp(prefix="bench-app-"))
    (folder / "catalogs").mkdir()
    catalog_with_60_items(folder / "catalogs")
    os.environ["ASSESSMENT_CATALOG_DIR"] = str(folder / "catalogs")
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"

    times = click_times(args.clicks)
    started = time.perf_counter()
    round_id = big_round(args.candidates)
    setup = time.perf_counter() - started
    rows = [
        [f"answer click, {ITEMS}-item self-assessment (median of {len(times)})", "", statistics.median(times)],
        ["answer click, 90th percentile", "", float(np.percentile(times, 90))],
    ]
    for page, label in (("comparison", "comparison page"), ("manager_types", "manager types page"),
                        ("catalogs", "for scale: catalog page")):
        first, median = page_ms(page, round_id, args.repeat)
        rows.append([f"{label}, round of {args.candidates} interviewed candidates", first, median])
    print_table(f"App on the server, AppTest on SQLite (round built in {setup:.0f} s)",
                ["what", "first run, ms", f"median of {args.repeat}, ms"], rows)


if __name__ == "__main__":
    main()
