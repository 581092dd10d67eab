"""The Rounds page's e-mail section (AppTest): whether mail is set up, bulk invitations, a new link sent again,
and what was sent; interviewers' and committee members' pages never show it."""

from __future__ import annotations

import pytest

from assessment.errors import InvalidToken
from assessment.i18n import t
from assessment.store import OutboxMessage

pytestmark = pytest.mark.slow  # every page runs the whole app script


def outbox(store) -> list[OutboxMessage]:
    with store.reading() as session:
        return list(session.query(OutboxMessage).order_by(OutboxMessage.id))


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_without_smtp_the_page_says_so_and_invitations_wait_in_the_outbox(app, demo_store, monkeypatch):
    monkeypatch.delenv("ASSESSMENT_SMTP_URL", raising=False)
    round_ = demo_store.create_round("Mail", "project_manager")
    for name, email, language in (("Ann Lee", "ann@example.com", "en"), ("Lena Krüger", "lena@example.de", "de"),
                                  ("Без почты", None, "ru")):
        demo_store.add_candidate(round_.id, name, email, language)
    at = app("rounds", round=round_.id, lang="de")
    assert any(w.value.startswith("Der E-Mail-Versand ist nicht eingerichtet") for w in at.warning)
    assert not mail_pickers(at), "closed, the section reads nothing"
    at.session_state["mail_section"] = True  # opened
    at.run()
    assert mail_pickers(at)[0].value == [c.id for c in demo_store.list_candidates(round_.id)][:2]
    button(at, t("mailui.bulk_send", "de")).click().run()
    assert [(m.kind, m.recipient, m.language, m.state) for m in outbox(demo_store)] == [
        ("invitation", "ann@example.com", "en", "queued"), ("invitation", "lena@example.de", "de", "queued")]
    assert any(t("mailui.bulk_done", "de", count=2) in s.value for s in at.success)
    assert any("Без почты" in c.value for c in at.caption), "who cannot be invited by e-mail is named"
    table = at.dataframe[-1].value
    assert list(table[t("mailui.col_state", "de")]) == [t("mailui.state_queued", "de")] * 2

    lena = demo_store.list_candidates(round_.id)[1]
    at.selectbox(key="mail_resend_who").select(lena.id).run()
    button(at, t("mailui.resend", "de")).click().run()
    first, second = [m for m in outbox(demo_store) if m.candidate_id == lena.id]
    assert first.context["token"] != second.context["token"]
    with pytest.raises(InvalidToken):
        demo_store.resolve_token(first.context["token"])  # the earlier link stopped working
    assert demo_store.resolve_token(second.context["token"]).id == lena.id


def test_with_smtp_the_page_names_the_server_never_its_password(app, demo_store, monkeypatch):
    monkeypatch.setenv("ASSESSMENT_SMTP_URL", "smtp://hr:secret-pass@mail.example.com:587")
    monkeypatch.setenv("ASSESSMENT_MAIL_FROM", "Hiring <hr@example.com>")
    monkeypatch.setenv("ASSESSMENT_BASE_URL", "https://hiring.example.com")
    at = app("rounds", round=1)
    line = next(c.value for c in at.caption if c.value.startswith("E-mail goes out through"))
    line = line.replace("\\", "").replace("\u2060", "")  # as a reader sees it: no escapes, no word joiners
    assert "mail.example.com:587 (encrypted with STARTTLS)" in line and "secret" not in line
    assert "hr@example.com" in line


def mail_pickers(at) -> list:
    """The mail section's multiselects (the Rounds page's plan tab has its own, keyed plan_* and stage_*)."""
    return [m for m in at.multiselect if not str(m.key or "").startswith(("plan_", "stage_"))
            and m.label not in {t("plan.stage_focus", "de"), t("plan.stage_people", "de")}]
