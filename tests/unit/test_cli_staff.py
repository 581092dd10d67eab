"""`assessment staff`: accounts from the command line, passwords never on it, the operator in the audit log."""

from __future__ import annotations

import json

import pytest

from assessment.cli import main
from assessment.store import Store


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    return lambda *argv: main([str(a) for a in argv])


def test_add_with_a_generated_password_that_signs_in(cli, capsys):
    assert cli("staff", "add", "Ann@Example.de", "--role", "admin", "--name", "Ann Admin", "--generate") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("\tann@example.de\tadmin") and out[1].startswith("password (shown once): ")
    password = out[1].split(": ", 1)[1]
    assert Store.open().sign_in("ann@example.de", password, "127.0.0.1").staff.name == "Ann Admin"


def test_passwords_are_typed_twice_at_a_prompt(cli, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    typed = iter(["a long enough secret", "a long enough secret", "another secret!", "mistyped secret!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert cli("staff", "add", "kim@example.de", "--role", "interviewer") == 0
    assert Store.open().sign_in("kim@example.de", "a long enough secret", "127.0.0.1")
    capsys.readouterr()
    assert cli("staff", "password", "kim@example.de") == 1
    assert "differ" in capsys.readouterr().err


def test_without_a_terminal_a_password_must_be_generated(cli, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli("staff", "add", "kim@example.de", "--role", "interviewer") == 1
    assert "--generate" in capsys.readouterr().err


def test_list_role_disable_and_the_operator_in_the_audit(cli, capsys):
    assert cli("staff", "add", "sso@example.de", "--role", "committee", "--sso") == 0
    assert cli("staff", "role", "sso@example.de", "recruiter") == 0
    assert cli("staff", "disable", "sso@example.de") == 0
    capsys.readouterr()
    assert cli("staff", "list", "--format", "json") == 0
    (account,) = json.loads(capsys.readouterr().out)
    assert account | {"id": 0} == {"id": 0, "email": "sso@example.de", "name": "sso", "role": "recruiter",
                                   "disabled": True, "sso_only": True}
    from sqlalchemy import select

    from assessment.store.models import AuditEvent
    with Store.open().engine.connect() as connection:
        actors = set(connection.scalars(select(AuditEvent.actor)))
    assert actors and all(actor.startswith("cli:") for actor in actors)


@pytest.mark.parametrize("argv", [("staff", "add", "not-an-email", "--role", "admin", "--sso"),
                                  ("staff", "role", "nobody@example.de", "admin"),
                                  ("staff", "add", "x@example.de", "--role", "boss", "--sso")])
def test_mistakes_are_one_line(cli, capsys, argv):
    assert cli(*argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
