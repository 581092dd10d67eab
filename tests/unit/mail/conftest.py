"""A real SMTP server on 127.0.0.1 for every mail test, and the settings that point at it."""

from __future__ import annotations

import pytest

from assessment.mail import mail_settings
from tests.smtp_server import SmtpTestServer

BASE_URL = "https://hiring.example.com"


@pytest.fixture
def smtp():
    server = SmtpTestServer().start()
    yield server
    server.stop()


@pytest.fixture
def settings(smtp):
    return mail_settings({"ASSESSMENT_SMTP_URL": smtp.url, "ASSESSMENT_MAIL_FROM": "Hiring team <hr@example.com>",
                          "ASSESSMENT_BASE_URL": BASE_URL, "ASSESSMENT_COMPANY_NAME": "Northwind"})
