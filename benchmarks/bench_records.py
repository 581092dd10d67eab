"""What correcting, copying out and erasing a candidate's data cost, against saving one answer (the anchor):

- a subject-access copy of one interviewed candidate (`subject_access`, JSON with summary);
- erasing one interviewed candidate from every table, with the audit log redacted (`erase_candidate`);
- a retention run over a closed round of N candidates, per candidate.

Run: python benchmarks/bench_records.py [--candidates 300] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import median_ms, print_table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-records-"))
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"
    from sqlalchemy import update

    from assessment.exchange.subject_access import as_json
    from assessment.store import Round, Store, item_keys

    store = Store.open()
    round_ = store.create_round("Bench", "project_manager")
    catalog = store.catalog_of_round(round_.id)
    keys, competencies = item_keys(catalog), [c.id for c in catalog.competencies]

    def candidate(n: int) -> int:
        cid = store.add_candidate(round_.id, f"Person {n}", f"person{n}@example.org", "de").id
        store.invite(cid)
        store.give_consent(cid)
        for key in keys:
            store.save_answer(cid, key, 3)
        store.submit_self_assessment(cid)
        interview = store.start_interview(cid, "Bench Interviewer")
        version = interview.version
        for competency in competencies:
            version = store.save_rating(interview.id, version, competency, 4, notes=f"notes on person {n}")
        return cid

    start = time.perf_counter()
    ids = [candidate(n) for n in range(args.candidates)]
    built = time.perf_counter() - start
    probe = store.add_candidate(round_.id, "Anchor", None, "en").id
    store.give_consent(probe)
    victims = iter(ids[: args.repeat + 1])
    rows = [
        ["save one answer (anchor)", median_ms(lambda: store.save_answer(probe, keys[0], 4), args.repeat)],
        ["subject access: one candidate as JSON", median_ms(lambda: as_json(store.subject_access(ids[-1])),
                                                            args.repeat)],
        ["erase one interviewed candidate", median_ms(lambda: store.erase_candidate(next(victims)), args.repeat)],
    ]
    left = len(store.list_candidates(round_.id))
    store.set_round_state(round_.id, "closed")
    with store.transaction() as session:
        session.execute(update(Round).where(Round.id == round_.id)
                        .values(closed_at=datetime.now(UTC) - timedelta(days=400)))
    start = time.perf_counter()
    report = store.run_retention(default_days=180, max_age_days=730)
    spent = (time.perf_counter() - start) * 1000
    rows.append([f"retention run, {report.erased} candidates, per candidate", spent / max(report.erased, 1)])
    anchor = rows[0][1]
    print_table(f"Candidates' data on SQLite ({args.candidates} candidates built in {built:.1f} s; "
                f"{left} left for retention), medians of {args.repeat} (ms)",
                ["what", "ms", "× saving one answer"], [[what, ms, ms / anchor] for what, ms in rows])


if __name__ == "__main__":
    main()
