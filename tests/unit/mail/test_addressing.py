"""Whatever a name holds, a message built for it has exactly our headers, one recipient, and the name as text."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.header import decode_header, make_header

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.inputs import normalise_text
from assessment.mail import compose, mail_settings
from assessment.store import OutboxMessage

HEADERS = {"Content-Type", "MIME-Version", "From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted",
           "Content-Language"}
SETTINGS = mail_settings({"ASSESSMENT_SMTP_URL": "smtp://127.0.0.1:25", "ASSESSMENT_MAIL_FROM": "hr@example.com",
                          "ASSESSMENT_BASE_URL": "https://hiring.example.com"})
PIECES = st.sampled_from(["\r\n", "\n", "\r", "Bcc: x@evil.example", "=?utf-8?b?QmNjOg==?=", "=?", "?=", "<", ">",
                          ",", '"', ";", ":", "\\", "\x00", "\u202e", "é", "Ж", "😀", " "])
NAMES = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(name=NAMES, candidate=NAMES)
def test_no_name_adds_a_header_or_a_recipient(name, candidate):
    message = OutboxMessage(id=1, kind="assignment", recipient="int@example.com", recipient_name=name, language="en",
                            message_id="abc", context={"role": "R", "candidate": candidate, "round": "Q",
                                                       "round_id": 1, "candidate_id": 2})
    payload, subject = compose(message, SETTINGS)
    parsed = message_from_bytes(payload, policy=policy.default)
    assert set(parsed.keys()) == HEADERS
    assert all(len(line) <= 998 for line in payload.split(b"\r\n"))
    raw = payload.split(b"\r\n\r\n", 1)[0].decode("ascii").replace("\r\n ", " ")
    to = next(line[4:] for line in raw.split("\r\n") if line.startswith("To: "))
    shown = normalise_text(name)
    if shown:
        words, address = to.rsplit(" <", 1)
        assert str(make_header(decode_header(words))) == shown and address == "int@example.com>"
    else:
        assert to == "int@example.com"
    assert str(make_header(decode_header(_raw(raw, "Subject")))) == subject
    assert normalise_text(candidate) in subject


def _raw(raw_headers: str, name: str) -> str:
    return next(line.split(": ", 1)[1] for line in raw_headers.split("\r\n") if line.startswith(f"{name}: "))
