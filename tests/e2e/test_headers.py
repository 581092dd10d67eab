"""What the server sends with every page: no framing by other origins (clickjacking), no Referer carrying an
invite token to another site, no content sniffing; and a page that another origin frames stays blank."""

from __future__ import annotations

import urllib.request

import pytest

from assessment.ui.server import SECURITY_HEADERS

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/", "/rounds", "/?token=forged", "/_stcore/health", "/favicon.png"])
def test_every_response_carries_the_security_headers(server, path):
    with urllib.request.urlopen(server.base_url + path, timeout=10) as response:
        headers = {name.lower(): value for name, value in response.headers.items()}
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, (path, name)


def test_another_origin_cannot_frame_the_app(server, make_ui, tmp_path):
    ui = make_ui(server)
    attacker = tmp_path / "attacker.html"
    attacker.write_text(f'<iframe id="f" src="{server.base_url}/rounds" width="800" height="600"></iframe>')
    blocked = []
    ui.page.on("console", lambda message: blocked.append(message.text) if "frame" in message.text.lower() else None)
    ui.page.goto(attacker.as_uri())
    ui.page.wait_for_timeout(3_000)
    frame = ui.page.frame_locator("#f")
    assert frame.get_by_test_id("stApp").count() == 0, "the app rendered inside another origin's frame"
