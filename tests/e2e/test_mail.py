"""Invitations by e-mail in a real browser and a real SMTP server: HR invites a round's candidates at once from
the Rounds page, `assessment mail send` delivers them to aiosmtpd on 127.0.0.1, and the link each candidate
receives opens their own questionnaire in their language."""

from __future__ import annotations

import pytest

from assessment.i18n import t
from tests.e2e.conftest import DESKTOP, PHONE, AppServer
from tests.smtp_server import SmtpTestServer

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

PEOPLE = [("Ann Lee", "ann@example.com", "en"), ("Lena Krüger", "lena@example.de", "de"),
          ("Павел Егоров", "pavel@example.ru", "ru")]


@pytest.fixture
def mail_server(tmp_path):
    smtp = SmtpTestServer().start()
    app = AppServer(tmp_path)
    app.env.update(ASSESSMENT_SMTP_URL=smtp.url, ASSESSMENT_MAIL_FROM="Hiring team <hr@example.com>",
                   ASSESSMENT_COMPANY_NAME="Northwind")
    app.load_demo()
    app.start()
    yield app, smtp
    app.close()
    smtp.stop()


def test_bulk_invitation_from_the_rounds_page_arrives_and_opens_the_questionnaire(make_ui, mail_server):
    app, smtp = mail_server
    round_id = int(app.cli("round", "create", "Mail round", "--catalog", "project_manager"))
    for name, email, language in PEOPLE:
        app.cli("candidate", "add", str(round_id), name, "--email", email, "--language", language)

    ui = make_ui(app)
    page = ui.page
    ui.goto("/rounds", round=round_id, lang="de")
    expect(page.get_by_text(f"E-Mails gehen über 127.0.0.1:{smtp.port} (unverschlüsselt")).to_be_visible()
    ui.act(page.get_by_text(t("mailui.title", "de"), exact=True).click)
    ui.click(page.get_by_role("button", name=t("mailui.bulk_send", "de")))
    expect(page.get_by_text(t("mailui.bulk_done", "de", count=3))).to_be_visible()
    assert smtp.received == [], "the page only queues; it never waits for a mail server"

    assert app.cli("mail", "send").startswith("sent 3, failed 0")
    ui.reload()
    ui.act(page.get_by_text(t("mailui.title", "de"), exact=True).click)
    assert [(message.kind, message.state) for message, _ in app.store().round_mail(round_id)] == \
        [("invitation", "sent")] * 3
    ui.shot("rounds_mail-de")  # the table of what was sent is a canvas: see the picture
    for language, viewport in (("en", DESKTOP), ("ru", PHONE)):
        other = make_ui(app, viewport=viewport)
        other.goto("/rounds", round=round_id, lang=language)
        other.act(other.page.get_by_text(t("mailui.title", language), exact=True).click)
        expect(other.page.get_by_role("button", name=t("mailui.resend", language))).to_be_visible()
        other.shot(f"rounds_mail-{language}")

    received = {r.rcpt_tos[0]: r for r in smtp.received}
    for name, email, language in PEOPLE:
        mail = received[email]
        assert mail.message["Subject"] == t("mail.invitation.subject", language, role=_role(app, round_id, language))
        link = next(word for word in mail.part("plain").split() if word.startswith(app.base_url))
        assert f'href="{link.replace("&", "&amp;")}"' in mail.part("html")
        candidate = make_ui(app, viewport=PHONE if language == "ru" else DESKTOP, as_=None)
        candidate.page.goto(link)
        candidate.loaded()
        expect(candidate.page.get_by_role("heading", level=1)).to_have_text(t("self.welcome", language, name=name))
        expect(candidate.page.get_by_text(t("self.consent", language), exact=True)).to_be_visible()
        assert not candidate.errors, candidate.errors


def _role(app, round_id: int, language: str) -> str:
    return app.store().catalog_of_round(round_id).name.get(language)
