"""`assessment privacy check [FILE]`: check a privacy notice file before candidates read it."""

from __future__ import annotations

from pathlib import Path

from assessment import privacy


def register(subparsers) -> None:
    group = subparsers.add_parser("privacy", help="the privacy notice candidates read before consenting")
    commands = group.add_subparsers(dest="privacy_command", required=True)
    check = commands.add_parser("check", help="check a notice file; without FILE, the one in use "
                                              "($ASSESSMENT_PRIVACY_NOTICE or the shipped example)")
    check.add_argument("file", nargs="?", type=Path)
    check.set_defaults(func=run_check)


def run_check(args) -> int:
    """Prints the notice's version and retention period; a mistake ends as one `file:line: message` line."""
    notice = privacy.load_notice(args.file) if args.file else privacy.notice()
    example = " (the shipped example: replace it before inviting real candidates)" if notice.example else ""
    print(f"{notice.path}: valid, version {notice.version}, retention {notice.retention_days} days{example}")
    return 0
