"""The outbox sent to a real SMTP server (aiosmtpd on 127.0.0.1), on SQLite and PostgreSQL: what arrives, what
happens when the server stops in the middle of a batch, refuses a recipient or the sender, or is not there."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from assessment import i18n
from assessment.mail import MAX_ATTEMPTS, backoff, send_pass
from assessment.store import OutboxMessage

from .conftest import BASE_URL

ROLE = {"en": "Sample role", "de": "Sample role (de)", "ru": "Sample role (ru)"}  # the fixture catalog's name
PEOPLE = [("Ann Lee", "ann@example.com", "en"), ("Lena Krüger", "lena@example.de", "de"),
          ("Павел Егоров", "pavel@example.ru", "ru")]


def invite(store, people, send=True) -> list:
    round_ = store.create_round("Mail round", "sample_role")
    candidates = [store.add_candidate(round_.id, name, email, language) for name, email, language in people]
    for candidate in candidates:
        store.invite(candidate.id, 14, send=send)
    return candidates


def messages(store) -> list[OutboxMessage]:
    with store.reading() as session:
        return list(session.query(OutboxMessage).order_by(OutboxMessage.id))


def link_of(received) -> str:
    return next(word for word in received.part("plain").split() if word.startswith(BASE_URL))


def test_invitations_in_three_languages_arrive_with_subject_body_and_link(store, smtp, settings):
    candidates = invite(store, PEOPLE)
    result = send_pass(store, settings)
    assert (result.sent, result.failed, result.retry) == (3, 0, 0)
    by_address = {r.rcpt_tos: r for r in smtp.received}
    for candidate in candidates:
        received = by_address[(candidate.email,)]
        message, language = received.message, candidate.language
        assert received.mail_from == "hr@example.com"
        assert message["Subject"] == i18n.t("mail.invitation.subject", language, role=ROLE[language])
        assert message["To"].addresses[0].display_name == candidate.name
        assert message["To"].addresses[0].addr_spec == candidate.email
        assert message["From"].addresses[0].display_name == "Hiring team"
        plain, html = received.part("plain"), received.part("html")
        assert candidate.name in plain and "Northwind" in plain and ROLE[language] in plain
        link = link_of(received)
        query = parse_qs(urlsplit(link).query)
        assert query["lang"] == [language]
        assert store.resolve_token(query["token"][0]).id == candidate.id, "it opens this candidate's questionnaire"
        assert f'<a href="{link.replace("&", "&amp;")}">' in html
    sent = messages(store)
    assert {m.state for m in sent} == {"sent"} and all(m.answer.startswith("250 ") for m in sent)
    assert all("token" not in m.context for m in sent), "a sent message keeps no token"
    assert send_pass(store, settings).sent == 0, "nothing goes out twice"
    logged = [(e.actor, e.action, e.subject) for e in store.audit_events() if e.action.startswith("mail.")]
    assert sorted(logged) == sorted(("system:mail", "mail.sent", f"candidate:{c.id}") for c in candidates)


def test_a_server_stopped_mid_batch_delays_the_rest_and_sends_each_message_once(store, smtp, settings):
    people = [(f"Person {n}", f"p{n}@example.com", "en") for n in range(6)]
    invite(store, people)
    now = datetime.now(UTC)
    smtp.mailbox.hold_at = 2  # the third message's data is left unanswered ...
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(result=send_pass(store, settings, now=now)))
    worker.start()
    assert smtp.mailbox.holding.wait(10)
    smtp.stop()  # ... while the server goes away under it
    worker.join(30)
    result = outcome["result"]
    assert result.sent == 2 and result.retry == 1 and result.stopped
    states = [m.state for m in messages(store)]
    assert states.count("sent") == 2 and states.count("queued") == 4, states

    down = send_pass(store, settings, now=now + timedelta(minutes=5))  # still down: nothing lost, nothing sent
    assert down.sent == 0 and down.stopped and [m.state for m in messages(store)].count("queued") == 4

    smtp.start()
    back = send_pass(store, settings, now=now + timedelta(hours=1))
    assert back.sent == 4 and back.stopped is None
    received = [r.rcpt_tos[0] for r in smtp.received]
    assert sorted(received) == sorted(email for _, email, _ in people), "each arrived exactly once"
    ids = [r.message["Message-ID"] for r in smtp.received]
    assert len(set(ids)) == 6
    assert {m.state for m in messages(store)} == {"sent"}
    assert sum(m.attempts for m in messages(store)) == 6 + 2, "two tries found no server, each was counted"


def test_a_rejected_recipient_fails_with_the_servers_answer_and_the_rest_go_out(store, smtp, settings):
    answer = "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown"
    smtp.mailbox.refuse["gone@example.com"] = answer
    invite(store, [PEOPLE[0], ("Gone", "gone@example.com", "de"), PEOPLE[2]])
    result = send_pass(store, settings)
    assert (result.sent, result.failed) == (2, 1)
    failed = next(m for m in messages(store) if m.state == "failed")
    assert failed.recipient == "gone@example.com" and failed.answer == answer and "token" not in failed.context
    assert len(smtp.received) == 2


def test_a_busy_mailbox_is_retried_with_back_off_then_failed(store, smtp, settings):
    smtp.mailbox.refuse["busy@example.com"] = "450 4.2.1 Mailbox busy, try later"
    invite(store, [("Busy", "busy@example.com", "en")])
    now = datetime.now(UTC)
    delays = []
    for _ in range(MAX_ATTEMPTS):
        send_pass(store, settings, now=now)
        message = messages(store)[0]
        if message.state == "queued":
            due = message.next_attempt_at.replace(tzinfo=UTC)
            delays.append(round((due - now).total_seconds()))
            now = due
    assert delays == [60 * 2 ** n for n in range(MAX_ATTEMPTS - 1)]
    assert backoff(MAX_ATTEMPTS + 10) == timedelta(hours=6), "never longer than six hours"
    assert message.state == "failed" and message.attempts == MAX_ATTEMPTS
    assert message.answer == "450 4.2.1 Mailbox busy, try later"


def test_a_refused_sender_or_no_server_loses_nothing(store, smtp, settings):
    invite(store, PEOPLE)
    smtp.mailbox.refuse_senders["hr@example.com"] = "553 5.7.1 <hr@example.com>: Sender address rejected"
    refused = send_pass(store, settings)
    assert refused.sent == 0 and refused.stopped.startswith("553 5.7.1")
    assert [m.state for m in messages(store)] == ["queued"] * 3
    assert messages(store)[0].answer.startswith("553 5.7.1"), "the server's answer is recorded"

    smtp.stop()
    gone = send_pass(store, settings, now=datetime.now(UTC) + timedelta(hours=1))
    assert gone.sent == 0 and "Connection refused" in gone.stopped or "Errno" in gone.stopped
    assert [m.state for m in messages(store)] == ["queued"] * 3

    smtp.start()
    del smtp.mailbox.refuse_senders["hr@example.com"]
    assert send_pass(store, settings, now=datetime.now(UTC) + timedelta(days=1)).sent == 3


def test_a_replaced_link_is_not_sent_and_a_dead_sender_is_recovered(store, smtp, settings):
    candidate = invite(store, [PEOPLE[1]])[0]
    store.invite(candidate.id, 14, send=True)  # re-sent before the first went out: the first link is dead
    assert send_pass(store, settings).sent == 1
    first, second = messages(store)
    assert first.state == "cancelled" and "newer link" in first.answer and second.state == "sent"
    assert store.resolve_token(parse_qs(urlsplit(link_of(smtp.received[0])).query)["token"][0]).id == candidate.id

    store.invite(candidate.id, 14, send=True)
    now = datetime.now(UTC)
    claimed = store.claim_message(now)  # a sender takes it and dies
    assert claimed.state == "sending"
    assert send_pass(store, settings, now=now + timedelta(minutes=5)).sent == 0, "not while its lease runs"
    assert send_pass(store, settings, now=now + timedelta(minutes=20)).sent == 1


def test_two_senders_at_once_send_each_message_once(store, smtp, settings):
    people = [(f"Person {n}", f"p{n}@example.com", "en") for n in range(24)]
    invite(store, people)
    results = []
    senders = [threading.Thread(target=lambda: results.append(send_pass(store, settings))) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(60)
    assert sum(result.sent for result in results) == 24
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == sorted(email for _, email, _ in people)


def test_an_address_no_server_could_take_fails_at_once_and_the_rest_go_out(store, smtp, settings):
    invite(store, [("Odd", "odd@exa<mple.com", "en"), PEOPLE[0]])
    result = send_pass(store, settings)
    assert (result.sent, result.failed) == (1, 1)
    odd = messages(store)[0]
    assert odd.state == "failed" and odd.answer == "'odd@exa<mple.com' cannot be used as an e-mail address"


def test_a_server_that_stops_answering_times_out_and_the_message_waits(store, smtp):
    from assessment.mail import mail_settings

    settings = mail_settings({"ASSESSMENT_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}?starttls=off&timeout=1",
                              "ASSESSMENT_MAIL_FROM": "hr@example.com", "ASSESSMENT_BASE_URL": BASE_URL})
    invite(store, PEOPLE[:2])
    smtp.mailbox.hold_at = 0  # the first message's data is never answered
    result = send_pass(store, settings)
    assert result.sent == 0 and "timed out" in result.stopped
    assert [m.state for m in messages(store)] == ["queued", "queued"] and smtp.received == []
    assert "timed out" in messages(store)[0].answer
