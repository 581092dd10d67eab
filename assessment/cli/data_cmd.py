"""`assessment db|demo|round|candidate|invite|export`: the data of hiring rounds."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assessment.catalog import LANGUAGES
from assessment.errors import UserError
from assessment.exchange.links import invite_url
from assessment.inputs import printable

from ._files import write_output
from .staff_cmd import operator

if TYPE_CHECKING:
    from assessment.store import Store

# pandas, SQLAlchemy and SciPy are imported by the commands that need them, so that
# `assessment catalog ...` starts fast.
EXPORT_FORMATS = ("json", "csv", "xlsx")

def register(subparsers) -> None:
    db = subparsers.add_parser("db", help="the database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="create or upgrade the schema").set_defaults(func=run_upgrade)

    demo = subparsers.add_parser("demo", help="load the demo rounds (kept if already there)")
    demo.add_argument("--reset", action="store_true", help="replace the demo rounds with fresh ones")
    demo.set_defaults(func=run_demo)

    round_ = subparsers.add_parser("round", help="hiring rounds")
    round_commands = round_.add_subparsers(dest="round_command", required=True)
    create = round_commands.add_parser("create", help="create a round; prints its id")
    create.add_argument("name")
    create.add_argument("--catalog", required=True, help="role catalog id, e.g. client_manager")
    create.set_defaults(func=run_round_create)
    round_commands.add_parser("list", help="every round").set_defaults(func=run_round_list)
    from .documents_cmd import register_round  # here, not on top: documents_cmd imports this module

    register_round(round_commands)
    from .plan_cmd import register_round as register_plan

    register_plan(round_commands)

    candidate = subparsers.add_parser("candidate", help="candidates of a round")
    candidate_commands = candidate.add_subparsers(dest="candidate_command", required=True)
    add = candidate_commands.add_parser("add", help="add a candidate; prints its id")
    add.add_argument("round_id", type=_whole)
    add.add_argument("name")
    add.add_argument("--email")
    add.add_argument("--language", default="en", help=f"one of {', '.join(LANGUAGES)}")
    add.set_defaults(func=run_candidate_add)

    invite = subparsers.add_parser("invite", help="a self-assessment link for a candidate; prints the URL")
    invite.add_argument("candidate_id", type=_whole)
    invite.add_argument("--expires-days", type=_whole, default=14)
    invite.add_argument("--base-url", default=os.environ.get("ASSESSMENT_BASE_URL", "http://localhost:8501"))
    invite.add_argument("--send", action="store_true", help="also queue the invitation e-mail (`assessment mail send`)")
    invite.set_defaults(func=run_invite)

    export = subparsers.add_parser("export", help="export a round's candidates, answers, ratings and scores")
    export.add_argument("round_id", type=_whole)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--out", type=Path, help="file to write (default: standard output; xlsx needs --out)")
    export.set_defaults(func=run_export)


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UserError(f"'{text}' is not a whole number", code="not_whole_number", text=text) from None


def _store() -> Store:
    from assessment.store import Store

    return Store.open()


def run_upgrade(args) -> int:
    from assessment.store import default_url

    _store()
    print(f"database is up to date: {_safe_url(default_url())}")
    return 0


def run_demo(args) -> int:
    from assessment.demo import load_demo
    from assessment.demo_staff import TEAM, demo_team

    store = _store()
    rounds = load_demo(store, reset=args.reset)
    for round_ in rounds:
        print(f"{round_.id}\t{printable(round_.name)}")
    password = demo_team(store, rounds)
    print("\nDemo accounts (sign in at /account/sign-in); their password until the next `assessment demo`:")
    for person in TEAM:
        print(f"  {person.role:<12} {person.email}")
    print(f"  password:    {password}")
    return 0


def run_round_create(args) -> int:
    print(_store().create_round(args.name, args.catalog, actor=operator()).id)
    return 0


def run_round_list(args) -> int:
    for round_ in _store().list_rounds():
        print(f"{round_.id}\t{round_.catalog_id}\t{round_.status}\t{printable(round_.name)}")
    return 0


def run_candidate_add(args) -> int:
    store = _store()
    candidate = store.add_candidate(args.round_id, args.name, args.email, args.language, actor=operator())
    print(candidate.id)
    return 0


def run_invite(args) -> int:
    store = _store()
    candidate = store.get_candidate(args.candidate_id)
    token = store.invite(candidate.id, args.expires_days, actor=operator(), send=args.send)
    print(invite_url(args.base_url, token, candidate.language))
    if args.send:
        print(f"queued an invitation e-mail to {printable(candidate.email)}; `assessment mail send` sends it",
              file=sys.stderr)
    return 0


def run_export(args) -> int:
    if args.format == "xlsx" and args.out is None:
        raise UserError("xlsx is binary: give a file with --out", code="xlsx_needs_out")
    from assessment.exchange import exports as reports
    from assessment.results.loader import load_round


    store = _store()
    store.record_read(operator(), "round.export", f"round:{args.round_id}", format=args.format)
    return write_output(reports.export(load_round(store, args.round_id), args.format), args.out, "utf-8-sig")


def _safe_url(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
