"""`assessment audit`: the audit log — who read or changed which candidate's data, when — as CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime

from assessment.errors import UserError
from assessment.inputs import printable

from .staff_cmd import operator

COLUMNS = ("at", "actor", "action", "subject", "detail")


def register(subparsers) -> None:
    audit = subparsers.add_parser("audit", help="the audit log (who read or changed what, when)")
    audit.add_argument("--round", type=int, dest="round_id", help="only this round, its candidates and interviews")
    audit.add_argument("--since", type=_date, help="only from this date on (YYYY-MM-DD, UTC)")
    audit.add_argument("--format", choices=("csv", "json"), default="csv")
    audit.set_defaults(func=run_audit)


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise UserError(f"'{text}' is not a date like 2026-12-01", code="date_invalid", value=text) from None


def run_audit(args) -> int:
    from assessment.store import Store

    events = Store.open().audit_events(args.round_id, args.since, reader=operator())
    rows = [{"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "subject": e.subject,
             "detail": json.dumps(e.detail, ensure_ascii=False, sort_keys=True)} for e in events]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: printable(value) for key, value in row.items()} for row in rows)
    return 0
