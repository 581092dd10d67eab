"""`assessment kit|report`: the printed documents as PDF files, and `assessment round feedback` to let a
round's candidates download their own feedback report.

    assessment kit 1 --candidate 7 --lang de --out kit.pdf
    assessment report candidate 1 --candidate 7 --lang de
    assessment report round 1 --paper letter --out round.pdf
    assessment report feedback 1 --candidate 7          # in the candidate's language

Every document written is recorded in the audit log as read by the operator (`cli:<user>`).
Without --out the file is written to the current folder under a safe name made from the round and candidate.
"""

from __future__ import annotations

from pathlib import Path

from assessment.errors import UserError
from assessment.i18n import LANGUAGES
from assessment.inputs import printable

from .data_cmd import _store, _whole
from .staff_cmd import operator

PAPERS = ("a4", "letter")


def register(subparsers) -> None:
    kit = subparsers.add_parser("kit", help="the interview kit of a candidate as PDF")
    kit.add_argument("round_id", type=_whole)
    kit.add_argument("--candidate", type=_whole, required=True)
    kit.add_argument("--interviewer", default="", help="the name printed on the cover (default: left blank)")
    _common(kit, default_lang="en")
    kit.set_defaults(func=run_kit)

    report = subparsers.add_parser("report", help="the candidate, round or feedback report as PDF")
    kinds = report.add_subparsers(dest="report_command", required=True)
    for kind, text in (("candidate", "one candidate for the hiring committee"),
                       ("feedback", "the candidate's own feedback (when the round gives it)")):
        command = kinds.add_parser(kind, help=text)
        command.add_argument("round_id", type=_whole)
        command.add_argument("--candidate", type=_whole, required=True)
        _common(command, default_lang=None if kind == "feedback" else "en")
        command.set_defaults(func=run_report, kind=kind)
    whole = kinds.add_parser("round", help="the comparison page as a document")
    whole.add_argument("round_id", type=_whole)
    _common(whole, default_lang="en")
    whole.set_defaults(func=run_report, kind="round", candidate=None)


def register_round(round_commands) -> None:
    """`assessment round feedback ROUND on|off`, added to the `round` group."""
    feedback = round_commands.add_parser("feedback", help="let the round's candidates download their feedback report")
    feedback.add_argument("round_id", type=_whole)
    feedback.add_argument("state", choices=("on", "off"))
    feedback.set_defaults(func=run_feedback_setting)


def _common(command, default_lang: str | None) -> None:
    command.add_argument("--lang", choices=LANGUAGES, default=default_lang,
                         help="language of the document" + ("" if default_lang else " (default: the candidate's)"))
    command.add_argument("--paper", choices=PAPERS, default="a4")
    command.add_argument("--out", type=Path, help="the PDF file to write (default: a safe name in this folder)")


def run_kit(args) -> int:
    from assessment.documents import interview_kit, safe_filename

    store, results = _results(args.round_id)
    name = _name(results, args.candidate)
    data = interview_kit(results, args.candidate, args.interviewer, args.lang, args.paper)
    _write(data, args.out or Path(safe_filename("kit", results.round.name, name)))
    store.record_read(operator(), "candidate.document", f"candidate:{args.candidate}", document="kit")
    return 0


def run_report(args) -> int:
    from assessment import documents

    store, results = _results(args.round_id)
    if args.kind == "round":
        data = documents.round_report(results, args.lang, args.paper)
        _write(data, args.out or Path(documents.safe_filename("round", results.round.name)))
        store.record_read(operator(), "round.document", f"round:{args.round_id}", document="round_report")
        return 0
    name = _name(results, args.candidate)
    if args.kind == "candidate":
        data = documents.candidate_report(results, args.candidate, args.lang, args.paper)
    else:
        data = documents.feedback_report(results, args.candidate, args.lang, args.paper)
    _write(data, args.out or Path(documents.safe_filename(args.kind, results.round.name, name)))
    store.record_read(operator(), "candidate.document", f"candidate:{args.candidate}", document=args.kind)
    return 0


def run_feedback_setting(args) -> int:
    round_ = _store().set_candidate_feedback(args.round_id, args.state == "on", actor=operator())
    print(f"{round_.id}\tcandidate feedback {'on' if round_.candidate_feedback else 'off'}\t{printable(round_.name)}")
    return 0


def _results(round_id: int):
    """The store and the round's results, every rating included (the operator is not an interviewer)."""
    from assessment.results.loader import load_round

    store = _store()
    return store, load_round(store, round_id)


def _name(results, candidate_id: int) -> str:
    from assessment.documents.common import candidate_name

    return candidate_name(results, candidate_id)


def _write(data: bytes, path: Path) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}", code="cannot_write", path=str(path),
                        reason=exc.strerror) from None
    print(path)


__all__ = ["register", "register_round"]
