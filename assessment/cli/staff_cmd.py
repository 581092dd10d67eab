"""`assessment staff add|list|role|disable|enable|password`: the hiring team's accounts.

Passwords are typed twice at a prompt (never on the command line, where shell history and process lists
would keep them), or generated with --generate and shown once. The command acts as the local operator:
the audit log names the OS user.
"""

from __future__ import annotations

import getpass
import json
import sys

from assessment.access import ROLES, generate_password
from assessment.errors import UserError
from assessment.i18n import LANGUAGES
from assessment.inputs import printable


def register(subparsers) -> None:
    group = subparsers.add_parser("staff", help="the hiring team's accounts")
    commands = group.add_subparsers(dest="staff_command", required=True)

    add = commands.add_parser("add", help="add an account (prompts for a password unless --sso or --generate)")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", default="", help="the name shown in the app (default: from the e-mail)")
    add.add_argument("--language", default="en", choices=LANGUAGES, help="of the e-mails the app sends them")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--generate", action="store_true", help="generate a strong password and show it once")
    how.add_argument("--sso", action="store_true", help="no password: signs in through single sign-on only")
    add.set_defaults(func=run_add)

    listing = commands.add_parser("list", help="every account")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run_list)

    role = commands.add_parser("role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(func=run_role)

    language = commands.add_parser("language", help="the language of the e-mails the app sends an account")
    language.add_argument("email")
    language.add_argument("language", choices=LANGUAGES)
    language.set_defaults(func=run_language)

    for name, disabled in (("disable", True), ("enable", False)):
        command = commands.add_parser(name, help=f"{name} an account" + (" and end its sessions" if disabled else ""))
        command.add_argument("email")
        command.set_defaults(func=run_disable, disabled=disabled)

    password = commands.add_parser("password", help="set a new password (prompts, or --generate)")
    password.add_argument("email")
    password.add_argument("--generate", action="store_true", help="generate a strong password and show it once")
    password.set_defaults(func=run_password)


def operator() -> str:
    """The person at the terminal, as the audit log names them."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli:unknown"


def _store():
    from assessment.store import Store

    return Store.open()


def _new_password(generate: bool) -> tuple[str, bool]:
    """(password, shown): a generated one, or one typed twice at a prompt."""
    if generate:
        return generate_password(), True
    if not sys.stdin.isatty():
        raise UserError("no terminal to type a password at: use --generate (or --sso for single sign-on)",
                        code="no_terminal")
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("Repeat it: "):
        raise UserError("the two passwords differ; nothing was changed", code="passwords_differ")
    return first, False


def run_add(args) -> int:
    password, shown = (None, False) if args.sso else _new_password(args.generate)
    account = _store().add_staff(args.email, args.name, args.role, password, actor=operator(),
                                 language=args.language)
    print(f"{account.id}\t{printable(account.email)}\t{account.role}")
    if shown:
        print(f"password (shown once): {password}")
    return 0


def run_list(args) -> int:
    accounts = _store().list_staff()
    if args.format == "json":
        print(json.dumps([{"id": a.id, "email": a.email, "name": a.name, "role": a.role, "disabled": a.disabled,
                           "sso_only": a.password_hash is None} for a in accounts], ensure_ascii=False, indent=2))
        return 0
    for a in accounts:
        state = "disabled" if a.disabled else "sso only" if a.password_hash is None else "active"
        print(f"{a.id}\t{printable(a.email)}\t{a.role}\t{state}\t{printable(a.name)}")
    return 0


def run_role(args) -> int:
    account = _store().change_staff(args.email, role=args.role, actor=operator())
    print(f"{printable(account.email)}\t{account.role}")
    return 0


def run_language(args) -> int:
    account = _store().change_staff(args.email, language=args.language, actor=operator())
    print(f"{printable(account.email)}\t{account.language}")
    return 0


def run_disable(args) -> int:
    account = _store().change_staff(args.email, disabled=args.disabled, actor=operator())
    print(f"{printable(account.email)}\t{'disabled' if account.disabled else 'enabled'}")
    return 0


def run_password(args) -> int:
    password, shown = _new_password(args.generate)
    account = _store().change_staff(args.email, password=password, actor=operator())
    print(printable(account.email))
    if shown:
        print(f"password (shown once): {password}")
    return 0
