"""`assessment round close|reopen|archive`, `candidate list|export|erase`, `retention run`: a round's life and a
candidate's data from correction to erasure. The operator (`cli:<os user>`) is named in the audit log."""

from __future__ import annotations

import json
from pathlib import Path

from assessment.inputs import printable

from ._files import write_output
from .staff_cmd import operator

STATES = {"close": "closed", "reopen": "open", "archive": "archived"}


def register(subparsers) -> None:
    from .data_cmd import _whole

    round_ = subparsers.choices["round"]
    round_commands = next(a for a in round_._actions if a.dest == "round_command")
    for verb, state in STATES.items():
        command = round_commands.add_parser(verb, help=f"set a round {state}" + (
            " (no more answers or new interviews)" if state != "open" else ""))
        command.add_argument("round_id", type=_whole)
        command.set_defaults(func=run_round_state, state=state)

    candidate = subparsers.choices["candidate"]
    candidate_commands = next(a for a in candidate._actions if a.dest == "candidate_command")
    listing = candidate_commands.add_parser(
        "list", help="a round's candidates: id, state, language, e-mail, name (tab-separated)")
    listing.add_argument("round_id", type=_whole)
    listing.add_argument("--json", action="store_true",
                         help="a JSON list instead, with answered items and submitted interviews")
    listing.set_defaults(func=run_candidate_list)
    export = candidate_commands.add_parser(
        "export", help="everything stored about one candidate (subject access), as JSON with a summary")
    export.add_argument("candidate_id", type=_whole)
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.set_defaults(func=run_candidate_export)
    erase = candidate_commands.add_parser("erase", help="erase one candidate's personal data from every table")
    erase.add_argument("candidate_id", type=_whole)
    erase.add_argument("--yes", action="store_true", help="erase without asking (for scripts)")
    erase.set_defaults(func=run_candidate_erase)

    retention = subparsers.add_parser("retention", help="erase personal data whose retention period has run out")
    retention_commands = retention.add_subparsers(dest="retention_command", required=True)
    run = retention_commands.add_parser("run", help="erase what is due (idempotent; run daily from cron)")
    run.add_argument("--dry-run", action="store_true", help="only print what would be erased")
    run.set_defaults(func=run_retention)


def _store():
    from .data_cmd import _store

    return _store()


def run_round_state(args) -> int:
    round_ = _store().set_round_state(args.round_id, args.state, actor=operator())
    print(f"{round_.id}\t{round_.status}\t{printable(round_.name)}")
    return 0


def run_candidate_list(args) -> int:
    store = _store()
    statuses = store.statuses(args.round_id)  # refuses an unknown round before anything is recorded
    store.record_read(operator(), "round.read_candidates", f"round:{args.round_id}")
    if args.json:
        print(json.dumps([{"id": s.candidate.id, "name": s.candidate.name, "email": s.candidate.email,
                           "language": s.candidate.language, "status": s.state, "answered": s.answered,
                           "items": s.items, "interviews": s.submitted_interviews} for s in statuses],
                         ensure_ascii=False, indent=2))
        return 0
    for status in statuses:
        c = status.candidate
        print(f"{c.id}\t{status.state}\t{c.language}\t{printable(c.email or '-')}\t{printable(c.name)}")
    return 0


def run_candidate_export(args) -> int:
    from assessment.exchange.subject_access import as_json

    store = _store()
    data = as_json(store.subject_access(args.candidate_id))
    store.record_read(operator(), "candidate.export", f"candidate:{args.candidate_id}")
    return write_output(data + b"\n", args.out)


def run_candidate_erase(args) -> int:
    store = _store()
    candidate = store.get_candidate(args.candidate_id)  # unknown or already erased: said before asking
    if not args.yes:
        answer = input(f"Erase every record of {printable(candidate.name)} (#{candidate.id})? "
                       "This cannot be undone. Type 'erase' to go on: ")
        if answer.strip() != "erase":
            print("nothing erased")
            return 1
    store.erase_candidate(candidate.id, actor=operator())
    print(f"erased candidate #{candidate.id}")
    return 0


def run_retention(args) -> int:
    report = _store().run_retention(dry_run=args.dry_run, actor=operator() if args.dry_run else "retention")
    if not report.rounds:
        print("nothing to erase")
        return 0
    verb = "would erase" if report.dry_run else "erased"
    for round_id, name, why, candidates in report.rounds:
        print(f"round {round_id} ({printable(name)}; {why}): {verb} {len(candidates)} candidate(s): "
              + ", ".join(f"#{c}" for c in candidates))
    print(f"{verb} {report.erased} candidate(s) in all")
    return 0
