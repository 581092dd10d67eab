"""What signing in and the access checks cost, against what the same operations cost without them.

- one page run's identity check: resolving the session cookie (`resolve_session`), against a bare
  `SELECT 1` on the same engine;
- one permission check (`require`), and the round list a page shows (`visible_rounds` against the
  unfiltered `list_rounds`);
- one rating save by its owner (`save_rating(..., staff_id=...)`, ownership checked) and the same save
  through the service layer (`Workspace.save_rating`: role, assignment and ownership checked), against the
  same save without any check.

Aim: under 2 ms added per page run and per save. Run: python benchmarks/bench_access.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import median_ms, print_table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-access-"))
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"
    from assessment.demo import load_demo
    from assessment.demo_staff import demo_team
    from assessment.store import Store
    from assessment.workspace import Workspace

    store = Store.open()
    password = demo_team(store, load_demo(store))
    token = store.sign_in("mark.ellis@demo.example", password, "127.0.0.1").token
    mark = store.staff_by_email("mark.ellis@demo.example")
    candidate = store.assigned_candidates(mark.id, 1)[-1].id
    owned = store.start_interview(candidate, mark.name, staff_id=mark.id)
    unowned = store.start_interview(candidate, "Someone Typed")
    competency = store.catalog_of_round(1).competencies[0].id
    versions = {"owned": owned.version, "unowned": unowned.version}
    desk = Workspace(store, mark, seen=set())  # one page run's workspace
    desk.open_interview(candidate)

    def save(kind: str, staff_id: int | None) -> None:
        interview = owned if kind == "owned" else unowned
        versions[kind] = store.save_rating(interview.id, versions[kind], competency, 3, staff_id=staff_id)

    def save_through_workspace() -> None:
        versions["owned"] = desk.save_rating(owned.id, versions["owned"], competency, 3)

    def select_one() -> None:
        with store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    n = args.repeat
    rows = [
        ["identity per page run: resolve_session", median_ms(lambda: store.resolve_session(token), n),
         "SELECT 1", median_ms(select_one, n)],
        ["permission check: require(interview.rate)",
         median_ms(lambda: store.require(mark, "interview.rate", 1, candidate), n),
         "SELECT 1", median_ms(select_one, n)],
        ["round list: visible_rounds (membership join)", median_ms(lambda: store.visible_rounds(mark), n),
         "list_rounds (all)", median_ms(store.list_rounds, n)],
        ["rating save by its owner (ownership checked)", median_ms(lambda: save("owned", mark.id), n),
         "the same save, unchecked", median_ms(lambda: save("unowned", None), n)],
        ["rating save through the workspace (all checks)", median_ms(save_through_workspace, n),
         "the same save, unchecked", median_ms(lambda: save("unowned", None), n)],
    ]
    rows = [[what, ms, anchor, anchor_ms, f"{ms - anchor_ms:+.2f}"] for what, ms, anchor, anchor_ms in rows]
    print_table(f"Access checks on SQLite, medians of {n} (ms)",
                ["what", "ms", "anchor", "anchor ms", "added ms"], rows)


if __name__ == "__main__":
    main()
