"""What e-mail costs: a page queuing one invitation against saving one answer (the anchor; aim: no slower), and
1,000 invitations queued, then sent to a real SMTP server on 127.0.0.1 (aiosmtpd), in messages per second.

Run: python benchmarks/bench_mail.py [--messages 1000] [--repeat 200] [--database URL]
(default: a fresh SQLite file; give a PostgreSQL URL to measure there, its tables are replaced)
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from _table import median_ms, print_table  # noqa: E402


def fresh_store(url: str | None):
    from assessment.store import Store
    from assessment.store.models import Base

    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-mail-')) / 'bench.sqlite'}"
    elif url.startswith("postgres"):
        from sqlalchemy import text

        from assessment.store import make_engine

        engine = make_engine(url)
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    return Store.open(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    from assessment.catalog import item_keys
    from assessment.i18n import LANGUAGES
    from assessment.mail import mail_settings, send_pass
    from tests.smtp_server import SmtpTestServer

    store = fresh_store(args.database)
    round_ = store.create_round("Benchmark", "project_manager")
    n, repeat = args.messages, args.repeat
    rows = [{"name": f"Candidate {i}", "email": f"c{i}@example.com", "language": LANGUAGES[i % 3]}
            for i in range(n + 2 * repeat + 20)]
    candidates = iter(c.id for c in store.add_candidates(round_.id, rows))
    answering = next(candidates)
    items = itertools.cycle(item_keys(store.catalog_of_round(round_.id)))
    values = itertools.cycle(range(1, 6))

    # Interleaved in blocks, so that a busy moment of the machine falls on all three alike.
    actions = {"queue": lambda: store.invite(next(candidates), 14, send=True),
               "link": lambda: store.invite(next(candidates), 14),
               "answer": lambda: store.save_answer(answering, next(items), next(values))}
    blocks = {name: [] for name in actions}
    for _ in range(10):
        for name, action in actions.items():
            blocks[name].append(median_ms(action, max(repeat // 10, 1), warmup=0))
    queue_ms, link_ms, answer_ms = (statistics.median(blocks[name]) for name in actions)

    with store.transaction() as session:  # only the batch below is to be sent
        from assessment.store import OutboxMessage

        session.query(OutboxMessage).delete()
    start = time.perf_counter()
    for _ in range(n):
        store.invite(next(candidates), 14, send=True)
    queued_s = time.perf_counter() - start

    smtp = SmtpTestServer().start()
    settings = mail_settings({"ASSESSMENT_SMTP_URL": smtp.url, "ASSESSMENT_MAIL_FROM": "hr@example.com",
                              "ASSESSMENT_BASE_URL": "https://hiring.example.com"})
    start = time.perf_counter()
    result = send_pass(store, settings)
    sent_s = time.perf_counter() - start
    smtp.stop()
    assert result.sent == n == len(smtp.received), (result, len(smtp.received))

    backend = store.engine.dialect.name
    print_table(f"One page action on {backend}, medians of {repeat} in ten interleaved blocks (ms)",
                ["what", "ms", "anchor", "anchor ms", "ratio"],
                [["queue one invitation (new link + outbox row, one transaction)", queue_ms,
                  "save one answer", answer_ms, f"{queue_ms / answer_ms:.2f}"],
                 ["create one link, no e-mail (before this feature)", link_ms,
                  "save one answer", answer_ms, f"{link_ms / answer_ms:.2f}"]])
    print_table(f"{n:,} invitations on {backend} to aiosmtpd on 127.0.0.1", ["what", "seconds", "per second"],
                [["queue (one transaction each)", queued_s, f"{n / queued_s:,.0f}"],
                 ["send (one pass: claim, render, SMTP, record)", sent_s, f"{n / sent_s:,.0f}"]])


if __name__ == "__main__":
    main()
