"""`assessment mail send|worker|status`: the outbox sent over SMTP (see `assessment.mail.settings` for the
environment it reads)."""

from __future__ import annotations

import signal
import sys
import threading


def register(subparsers) -> None:
    group = subparsers.add_parser("mail", help="send the outbox's e-mails (ASSESSMENT_SMTP_URL, ASSESSMENT_MAIL_FROM)")
    commands = group.add_subparsers(dest="mail_command", required=True)
    send = commands.add_parser("send", help="one pass: queue due reminders, send what is due (for cron)")
    send.add_argument("--limit", type=int, default=None, help="try at most this many messages")
    send.set_defaults(func=run_send)
    commands.add_parser("worker", help="send passes until SIGTERM or Ctrl-C").set_defaults(func=run_worker)
    commands.add_parser("status", help="how many messages are in each state").set_defaults(func=run_status)


def _store():
    from assessment.store import Store

    return Store.open()


def run_send(args) -> int:
    from assessment.mail import mail_settings, send_pass

    settings = mail_settings()
    settings.require_ready()
    result = send_pass(_store(), settings, limit=args.limit)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(result)
    return 0


def run_worker(args) -> int:
    from assessment.mail import mail_settings, run_worker

    settings = mail_settings()
    settings.require_ready()
    stop = threading.Event()
    for name in ("SIGTERM", "SIGINT"):
        signal.signal(getattr(signal, name), lambda *_: stop.set())
    print(f"mail worker: sending through {settings.server} every {settings.interval:g} s; SIGTERM stops it",
          flush=True)
    run_worker(_store(), settings, stop, lambda line: print(f"mail worker: {line}", flush=True))
    print("mail worker: stopped", flush=True)
    return 0


def run_status(args) -> int:
    counts = _store().outbox_counts()
    for state in ("queued", "sending", "sent", "failed", "cancelled"):
        print(f"{state}\t{counts.get(state, 0)}")
    return 0
