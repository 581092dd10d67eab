"""Single sign-on through Streamlit's `st.login` against a real OpenID Connect provider started here on
127.0.0.1 (oidc-provider-mock): a staff member's e-mail opens their pages, an e-mail without an account is
refused in words, and a weak cookie secret stops the server at start with one line."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys

import pytest

from assessment.i18n import t
from tests.e2e.conftest import ROOT, AppServer

expect = pytest.importorskip("playwright.sync_api").expect
oidc = pytest.importorskip("oidc_provider_mock")

pytestmark = pytest.mark.e2e


def auth_section(server: AppServer, provider_port: int, cookie_secret: str) -> str:
    return (f'[auth]\nredirect_uri = "{server.base_url}/oauth2callback"\ncookie_secret = "{cookie_secret}"\n'
            f'client_id = "assessment-e2e"\nclient_secret = "{secrets.token_hex(16)}"\n'
            f'server_metadata_url = "http://localhost:{provider_port}/.well-known/openid-configuration"\n')


@pytest.fixture(scope="module")
def provider():
    with oidc.run_server_in_thread() as server:
        yield server.server_port


@pytest.fixture
def sso_server(tmp_path, provider):
    server = AppServer(tmp_path)
    server.load_demo()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(auth_section(server, provider, secrets.token_hex(32)), encoding="utf-8")
    server.extra_args = ["--secrets.files", str(secrets_file)]
    yield server.start()
    server.close()


def sign_in_at_provider(ui, email: str) -> None:
    ui.page.get_by_role("button", name=t("signin.with_sso", "en")).click()  # leaves the app: no run to wait for
    ui.page.wait_for_url(lambda url: "/oauth2/authorize" in url or "authorize" in url, timeout=30_000)
    ui.page.locator('input[name="sub"][type="text"]').fill(email)
    ui.page.get_by_role("button", name="Authorize").click()
    ui.page.wait_for_url(lambda url: url.startswith(ui.server.base_url), timeout=30_000)
    ui.loaded()


def test_a_staff_member_signs_in_through_the_identity_provider(sso_server, make_ui):
    ui = make_ui(sso_server, as_=None)
    ui.goto("/", lang="en")
    expect(ui.page.get_by_role("heading", name=t("signin.page_title", "en"))).to_be_visible()
    sign_in_at_provider(ui, "olivia.grant@demo.example")
    expect(ui.page.get_by_text(t("signin.signed_in_as", "en", name="Olivia Grant", role="Hiring committee"))) \
        .to_be_visible()
    nav = ui.page.get_by_test_id("stSidebarNav")
    expect(nav).to_contain_text(t("nav.comparison", "en"))
    expect(nav).not_to_contain_text(t("nav.rounds", "en"))  # a committee member does not manage rounds
    ui.reload()
    expect(ui.page.get_by_text(t("signin.signed_in_as", "en", name="Olivia Grant", role="Hiring committee"))) \
        .to_be_visible()


def test_an_email_without_an_account_is_refused_in_words(sso_server, make_ui):
    ui = make_ui(sso_server, as_=None)
    ui.goto("/", lang="en")
    sign_in_at_provider(ui, "stranger@example.com")
    expect(ui.page.get_by_role("heading", name=t("signin.sso_refused_title", "en"))).to_be_visible()
    # As typed, with an invisible word joiner after "@" that keeps Markdown from making the address a link.
    expect(ui.page.get_by_text(re.compile("stranger@\u2060?example\\.com has no active account"))).to_be_visible()
    expect(ui.page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_a_weak_cookie_secret_stops_the_server_with_one_line(tmp_path, provider):
    server = AppServer(tmp_path)
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(auth_section(server, provider, "secret"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                           "--server.port", str(server.port), "--secrets.files", str(secrets_file)],
                          cwd=ROOT, env=server.env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    errors = [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cookie_secret" in errors[0] and "Traceback" not in done.stderr, done.stderr[-2000:]
