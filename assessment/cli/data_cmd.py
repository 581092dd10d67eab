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

from ._files import write_error, write_output
from .staff_cmd import operator

if TYPE_CHECKING:
    from assessment.store import Store

# pandas, SQLAlchemy and SciPy are imported by the commands that need them, so that
# `assessment catalog ...` starts fast.
EXPORT_FORMATS = ("json", "csv", "xlsx")
MAX_SYNTHETIC = 100_000  # candidates in one synthetic round

def register(subparsers) -> None:
    db = subparsers.add_parser("db", help="the database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="create or upgrade the schema").set_defaults(func=run_upgrade)

    demo = subparsers.add_parser("demo", help="load the demo rounds (kept if already there)")
    demo.add_argument("--reset", action="store_true", help="replace the demo rounds with fresh ones")
    demo.add_argument("--size", type=_whole, metavar="N",
                      help="instead: add a synthetic round of N candidates (to try the app at scale); prints its id")
    demo.add_argument("--catalog", default="client_manager", help="the role catalog of the synthetic round")
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
    export.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="language of the CSV and XLSX column headings (JSON keeps its keys)")
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
    from assessment.demo import load_demo, synthetic_round
    from assessment.demo_staff import TEAM, demo_team

    store = _store()
    if args.size is not None:
        if not 1 <= args.size <= MAX_SYNTHETIC:
            raise UserError(f"--size is a number of candidates from 1 to {MAX_SYNTHETIC:,}", code="demo_size",
                            maximum=MAX_SYNTHETIC)
        print(synthetic_round(store, args.size, args.catalog).id)
        return 0
    rounds = load_demo(store, reset=args.reset)
    for round_ in rounds:
        print(f"{round_.id}\t{printable(round_.name)}")
    password = demo_team(store, rounds)
    print("\nDemo accounts (sign in at /account/sign-in); their password until the next `assessment demo`:")
    for person in TEAM:
        print(f"  {person.role:<12} {person.email}")
    print(f"  password:    {password}")
    print(NEXT_STEPS.format(admin=TEAM[0].email, interviewer=next(p.email for p in TEAM if p.role == "interviewer")))
    return 0


#: What a first-time user does after `assessment demo` (the command line speaks English, as its help does).
NEXT_STEPS = """
Next:
  1. Start the app:  streamlit run app.py   (then open http://localhost:8501)
  2. Sign in as {admin} with the password above.
     Rounds: the two demo rounds, their candidates and invite links.
     Comparison: the committee's view of a round; Candidates: everything about one person.
  3. Sign in as {interviewer} in a private window to run an interview (Interview page).
  4. Open a candidate's invite link (Rounds, Invite) to answer the self-assessment as the candidate would."""


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
    results = load_round(store, args.round_id)
    if args.format != "xlsx":
        return write_output(reports.export(results, args.format, lang=args.lang), args.out, "utf-8-sig")
    try:  # opened first, so that a file that cannot be written is said before the work
        out = open(args.out, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise write_error(f"cannot write {args.out}: {exc.strerror}", args.out, exc) from None
    with out:  # written as it goes, with a progress bar on stderr for a large round
        reports.write_xlsx(results, out, _progress_bar("xlsx") if len(results.candidates) > 200 else None,
                           args.lang)
    print(args.out)
    return 0


def _progress_bar(label: str, width: int = 30):
    """A `progress(done, total)` that redraws one line on stderr (only on a terminal: logs stay clean)."""
    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} rows")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress


def _safe_url(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
