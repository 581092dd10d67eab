"""The `assessment` command: everything scriptable.

Each command group lives in its own module with a `register(subparsers)` function
that adds its sub-commands; a sub-command sets `func(args) -> int` as its handler.
A user's mistake raises `UserError` and ends as one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from assessment.errors import UserError
from assessment.inputs import printable

from . import (
    audit_cmd,
    catalog_cmd,
    data_cmd,
    debrief_cmd,
    documents_cmd,
    mail_cmd,
    plan_cmd,
    privacy_cmd,
    records_cmd,
    staff_cmd,
    stats_cmd,
    types_cmd,
)

GROUPS = (catalog_cmd, data_cmd, debrief_cmd, records_cmd, stats_cmd, types_cmd, staff_cmd, audit_cmd, documents_cmd,
          mail_cmd, privacy_cmd, plan_cmd)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake as one line and exit 1, like every other error."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        # No code: a usage mistake happens only on the command line, in argparse's own (English) words.
        raise UserError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assessment", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for group in GROUPS:
        group.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # here, not at exit: a reader that stopped early is noticed below
        return code
    except UserError as exc:
        print(f"error: {printable(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader has stopped (`assessment candidate list 1 | head`): nothing more to say, and no traceback.
        # What is still buffered goes nowhere, so that Python does not hit the closed pipe again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command whose output pipe was closed


__all__ = ["build_parser", "main"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
