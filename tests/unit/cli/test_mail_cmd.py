"""`assessment invite --send`, `assessment mail send|status` and the worker's clean stop on SIGTERM, against a
real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assessment.cli import main
from tests.smtp_server import SmtpTestServer

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def smtp():
    server = SmtpTestServer().start()
    yield server
    server.stop()


@pytest.fixture
def env(tmp_path, monkeypatch, sample_catalogs, smtp):
    values = {"ASSESSMENT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}", "ASSESSMENT_SMTP_URL": smtp.url,
              "ASSESSMENT_MAIL_FROM": "hr@example.com", "ASSESSMENT_BASE_URL": "https://hr.example.com",
              "ASSESSMENT_MAIL_INTERVAL": "1"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def candidate(capsys, email: str | None = "ann@example.com") -> int:
    _, round_id, _ = cli(capsys, "round", "create", "R", "--catalog", "sample_role")
    extra = ("--email", email) if email else ()
    return int(cli(capsys, "candidate", "add", round_id, "Ann Lee", *extra, "--language", "de")[1])


def test_invite_send_queues_and_mail_send_delivers(env, smtp, capsys):
    candidate_id = candidate(capsys)
    code, url, note = cli(capsys, "invite", candidate_id, "--send")
    assert code == 0 and url.startswith("https://hr.example.com/?token=") and "ann@example.com" in note
    assert smtp.received == [], "queued, not sent, by the invite"
    assert cli(capsys, "mail", "status")[1].splitlines()[0] == "queued\t1"
    code, summary, _ = cli(capsys, "mail", "send")
    assert code == 0 and summary.startswith("sent 1, failed 0")
    assert url in smtp.received[0].part("plain"), "the mailed link is the one printed"


def test_mistakes_are_one_line(env, capsys, monkeypatch):
    no_mail = candidate(capsys, email=None)
    code, _, err = cli(capsys, "invite", no_mail, "--send")
    assert code == 1 and err == f"error: candidate {no_mail} has no e-mail address"
    monkeypatch.delenv("ASSESSMENT_SMTP_URL")
    code, _, err = cli(capsys, "mail", "send")
    assert code == 1 and err == "error: mail is not set up: set ASSESSMENT_SMTP_URL"
    monkeypatch.setenv("ASSESSMENT_SMTP_URL", "http://mail.example.com")
    code, _, err = cli(capsys, "mail", "send")
    assert code == 1 and err.startswith("error: ASSESSMENT_SMTP_URL must look like smtp://")


def test_the_worker_sends_and_stops_cleanly_on_sigterm(env, smtp, capsys):
    candidate_id = candidate(capsys)
    cli(capsys, "invite", candidate_id, "--send")
    worker = subprocess.Popen([sys.executable, "-m", "assessment", "mail", "worker"], cwd=ROOT,
                              env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while not smtp.received and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(smtp.received) == 1
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=15)
    finally:
        worker.kill()
    assert worker.returncode == 0, output
    assert "sent 1" in output and output.strip().endswith("mail worker: stopped")


def test_an_interviewers_mail_comes_in_the_language_set_for_their_account(env, smtp, capsys):
    candidate_id = candidate(capsys)
    assert cli(capsys, "staff", "add", "ida@example.com", "--role", "interviewer", "--sso", "--language", "de")[0] == 0
    assert cli(capsys, "staff", "language", "ida@example.com", "ru")[1] == "ida@example.com\tru"
    from assessment.store import Store

    store = Store.open()
    store.assign(candidate_id, store.staff_by_email("ida@example.com").id)
    assert cli(capsys, "mail", "send")[1].startswith("sent 1")
    assert smtp.received[0].message["Subject"].startswith("Интервью: Ann Lee")
    assert cli(capsys, "staff", "language", "ida@example.com", "fr")[0] == 1
