"""What a message says and how it is built: hostile names cannot add headers, recipients or markup; templates
an organisation overrides are used, and a broken one holds back only its own messages."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header

import pytest
from sqlalchemy import update

from assessment.errors import UserError
from assessment.mail import mail_settings, render, send_pass
from assessment.store import Candidate

from .conftest import BASE_URL
from .test_sender import messages

HOSTILE = [
    "Eve\r\nBcc: victim@example.org",
    "=?utf-8?b?QmNjOiB2aWN0aW1AZXhhbXBsZS5vcmc=?=",
    "=?utf-8?q?Eve?= <eve@evil.example>, \"Mallory\" <m@evil.example>",
    "<script>alert(1)</script><a href=\"https://evil.example\">click</a>",
]

HEADERS = {"Content-Type", "MIME-Version", "From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted",
           "Content-Language"}


def _raw_header(raw_headers: str, name: str) -> str:
    """The header as it travelled, unfolded, undecoded."""
    unfolded = raw_headers.replace("\r\n ", " ").replace("\r\n\t", " ")
    return next(line.split(": ", 1)[1] for line in unfolded.split("\r\n") if line.startswith(f"{name}: "))


@pytest.mark.parametrize("name", HOSTILE, ids=["crlf", "encoded-word", "second-address", "markup"])
def test_hostile_names_inject_no_header_recipient_or_markup(sqlite_store, smtp, settings, name):
    store = sqlite_store
    round_ = store.create_round("Round\r\nX-Injected: round", "sample_role")
    candidate = store.add_candidate(round_.id, "placeholder", "cand@example.com", "en")
    with store.transaction() as session:  # stored as typed, past the input boundary, to test the mail's own guard
        session.execute(update(Candidate).where(Candidate.id == candidate.id).values(name=name))
    interviewer = store.add_staff("int@example.com", name, "interviewer", language="de")
    store.invite(candidate.id, 14, send=True)
    store.assign(candidate.id, interviewer.id)  # its subject carries the candidate's name
    assert send_pass(store, settings).sent == 2
    for received in smtp.received:
        raw_headers = received.content.split(b"\r\n\r\n", 1)[0].decode("ascii")
        message = received.message
        assert set(message.keys()) == HEADERS, "no header of anyone's making"
        assert all(line[0] in " \t" or line.split(":")[0] in HEADERS for line in raw_headers.split("\r\n"))
        assert len(message.get_all("To")) == 1 and len(message["To"].addresses) == 1
        assert received.rcpt_tos in (("cand@example.com",), ("int@example.com",))
        flat = " ".join(name.split())
        raw_to = _raw_header(raw_headers, "To")
        words, address = raw_to.rsplit(" <", 1)
        assert str(make_header(decode_header(words))) == flat and address in ("cand@example.com>", "int@example.com>")
        html = received.part("html")
        assert "<script" not in html and 'href="https://evil' not in html
        assert html.count("<a href=") == (2 if received.rcpt_tos == ("cand@example.com",) else 1)
    assignment = next(r for r in smtp.received if r.rcpt_tos == ("int@example.com",)).message
    assert flat in assignment["Subject"] and assignment["Subject"].startswith("Interview mit")


def test_an_organisations_template_is_used_and_a_broken_one_holds_back_only_its_kind(sqlite_store, smtp, tmp_path):
    store = sqlite_store
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "ours.yaml").write_text(
        'mail.invitation.subject: {de: "Northwind lädt Sie ein: {role}"}\n'
        'mail.assignment.body: {en: "Hello {name}, your salary is {salary}. {link}"}\n', encoding="utf-8")
    settings = mail_settings({"ASSESSMENT_SMTP_URL": smtp.url, "ASSESSMENT_MAIL_FROM": "hr@example.com",
                              "ASSESSMENT_BASE_URL": BASE_URL, "ASSESSMENT_MAIL_TEMPLATES": str(folder)})
    round_ = store.create_round("R", "sample_role")
    candidate = store.add_candidate(round_.id, "Lena", "lena@example.de", "de")
    store.invite(candidate.id, 14, send=True)
    store.assign(candidate.id, store.add_staff("int@example.com", "Ida", "interviewer").id)
    result = send_pass(store, settings)
    assert (result.sent, result.retry) == (1, 1), "the invitation went out; the broken assignment waits"
    assert smtp.received[0].message["Subject"] == "Northwind lädt Sie ein: Sample role (de)"
    held = next(m for m in messages(store) if m.kind == "assignment")
    assert held.state == "queued" and "uses {salary}" in held.answer and "token" not in held.context
    assert any("uses {salary}" in problem for problem in result.problems)

    (folder / "ours.yaml").write_text('mail.assignment.body: {en: "Hello {name}"}\n', encoding="utf-8")
    os.utime(folder / "ours.yaml", ns=(0, time.time_ns() + 10**9))  # changed: read again, no restart needed
    with pytest.raises(UserError) as missing:
        render("assignment", "en", {"name": "Ida"}, folder)
    assert missing.value.code == "mail_template_link"


def test_every_kind_renders_in_every_language_with_escaped_html():
    values = {"name": "A & B <x>", "company": "C", "role": "R", "deadline": "D", "days": 3, "candidate": "K",
              "round": "Q", "number": 1, "link": f"{BASE_URL}/?token=t&lang=de", "privacy": f"{BASE_URL}/privacy"}
    for kind in ("invitation", "reminder", "thanks", "assignment", "scorecard"):
        for language in ("en", "de", "ru"):
            rendered = render(kind, language, values)
            assert "A & B <x>" in rendered.text and "A &amp; B &lt;x&gt;" in rendered.html
            assert "<x>" not in rendered.html and f'lang="{language}"' in rendered.html
            assert "\n" not in rendered.subject
            if kind != "thanks":
                assert f'<a href="{BASE_URL}/' in rendered.html


def test_reminders_go_to_those_who_have_not_finished_once_each(sqlite_store, smtp, settings):
    store = sqlite_store
    round_ = store.create_round("R", "sample_role")
    waiting, done, copied = (store.add_candidate(round_.id, n, f"{n.lower()}@example.com", "ru")
                             for n in ("Waiting", "Done", "Copied"))
    for person in (waiting, done):
        store.invite(person.id, 14, send=True)
    first_token = store.invite(copied.id, 14)  # a link HR copied by hand: no reminder by mail
    from tests.unit.test_store import ITEMS

    for item in ITEMS:
        store.save_answer(done.id, item, 3)
    store.submit_self_assessment(done.id)
    now = datetime.now(UTC)
    assert send_pass(store, settings, now=now).reminders == 0, "not yet: the links expire in 14 days"
    late = now + timedelta(days=11, hours=1)
    result = send_pass(store, settings, now=late)
    assert result.reminders == 1 and send_pass(store, settings, now=late + timedelta(hours=1)).reminders == 0
    kinds = {(m.kind, m.recipient) for m in messages(store) if m.state == "sent"}
    assert ("reminder", "waiting@example.com") in kinds and ("thanks", "done@example.com") in kinds
    assert not any(k == "reminder" and r != "waiting@example.com" for k, r in kinds)
    reminder = next(r for r in smtp.received if r.message["Subject"].startswith("Напоминание"))
    from urllib.parse import parse_qs, urlsplit

    from .test_sender import link_of
    token = parse_qs(urlsplit(link_of(reminder)).query)["token"][0]
    assert store.resolve_token(token).id == waiting.id
    original = parse_qs(urlsplit(link_of(smtp.received[0])).query)["token"][0]
    assert store.resolve_token(original).id == waiting.id, "the first link keeps working beside the reminder's"
    assert store.resolve_token(first_token).id == copied.id


def test_scorecard_reminders_a_day_after_then_daily_up_to_the_limit(sqlite_store, smtp, settings):
    store = sqlite_store
    round_ = store.create_round("R", "sample_role")
    candidate = store.add_candidate(round_.id, "Lena", "lena@example.de", "de")
    account = store.add_staff("int@example.com", "Ida", "interviewer", language="ru")
    store.assign(candidate.id, account.id)
    interview = store.start_interview(candidate.id, "Ida", staff_id=account.id)
    start = interview.started_at.replace(tzinfo=UTC)
    queued = [send_pass(store, settings, now=start + timedelta(hours=hours)).reminders
              for hours in (23, 25, 30, 49, 73, 97, 121, 145, 300)]
    assert queued == [0, 1, 0, 1, 1, 1, 1, 0, 0], "at most five (ASSESSMENT_SCORECARD_REMINDERS)"
    scorecards = [r for r in smtp.received if r.message["Subject"].startswith("Напоминание")]
    assert len(scorecards) == 5
    assert "/interview?round=" in scorecards[0].part("plain") and "lang=ru" in scorecards[0].part("plain")


def test_two_senders_queuing_the_same_reminder_queue_it_once(store, smtp, settings):
    round_ = store.create_round("R", "sample_role")
    candidate = store.add_candidate(round_.id, "Lena", "lena@example.de", "de")
    store.invite(candidate.id, 14, send=True)
    late = datetime.now(UTC) + timedelta(days=12)
    other = []
    with store.transaction() as session:  # one sender is queuing the reminder ...
        assert store._candidate_reminders(session, late, 3) == 1
        second = threading.Thread(target=lambda: other.append(store.queue_due_reminders(late, 3, 5)))
        second.start()  # ... when the other starts: it waits for the first to commit, then finds it done
        time.sleep(1)
    second.join(30)
    assert other == [0]
    assert [m.kind for m in messages(store)] == ["invitation", "reminder"]
