"""The printed documents: how long each takes to make and how large it is.

A client-manager round of N candidates (default 50), each with every self-assessment answer and three submitted
interviews (bulk-inserted as in `bench_large_round`). Measured, as medians: the candidate report (aim: under
2 s), the 50-candidate round report, the interview kit and the feedback report, each beside the anchor, loading
the round's results (`load_round`), which every document starts from.

Run: python benchmarks/bench_documents.py [--candidates 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import median_ms, print_table  # noqa: E402
from bench_large_round import large_round  # noqa: E402


def measure(round_id: int, repeat: int) -> list[list]:
    from pypdf import PdfReader

    from assessment import documents
    from assessment.results.loader import load_round
    from assessment.store import Store

    store = Store.open()
    results = load_round(store, round_id)
    results = dataclasses.replace(results, round=dataclasses.replace(results.round, candidate_feedback=True))
    candidate = int(results.candidates.index[0])
    anchor = median_ms(lambda: load_round(store, round_id), repeat=repeat)
    rows = [["anchor: loading the round's results", anchor, "1.0×", "", ""]]
    for label, make in (("candidate report", lambda: documents.candidate_report(results, candidate, "de")),
                        (f"round report, {len(results.candidates)} candidates",
                         lambda: documents.round_report(results, "de")),
                        ("interview kit", lambda: documents.interview_kit(results, candidate, "Kim", "de")),
                        ("feedback report", lambda: documents.feedback_report(results, candidate, "de"))):
        pdf = make()
        ms = median_ms(make, repeat=repeat)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        rows.append([label, ms, f"{ms / anchor:.1f}×", f"{len(pdf) / 1000:,.0f} kB", pages])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    os.environ["ASSESSMENT_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite'}"
    round_id = large_round(args.candidates)
    print_table(f"Documents of a round of {args.candidates:,} candidates (median of {args.repeat}, German, A4)",
                ["document", "ms", "× anchor", "size", "pages"], measure(round_id, args.repeat))


if __name__ == "__main__":
    main()
