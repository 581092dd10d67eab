"""Two app instances on one PostgreSQL database, as a team that outgrew one machine runs them: a candidate
answers on one instance, and whatever instance serves the next request shows every answer; an interview
saved on one instance is refused as stale when the other saves over it."""

from __future__ import annotations

import pytest

from assessment.i18n import t
from tests.conftest import POSTGRES_URL, empty_postgres
from tests.e2e.conftest import AppServer
from tests.e2e.test_self_assessment import answer, consent_and_start, expect_answers

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.postgres,
              pytest.mark.skipif(not POSTGRES_URL, reason="ASSESSMENT_TEST_POSTGRES_URL is not set")]


class PostgresServer(AppServer):
    """An AppServer whose database is the shared PostgreSQL."""

    def __init__(self, workdir):
        super().__init__(workdir)
        self.database_url = POSTGRES_URL
        self.env["ASSESSMENT_DATABASE_URL"] = POSTGRES_URL


@pytest.fixture
def two_servers(tmp_path):
    empty_postgres()
    first = PostgresServer(tmp_path / "a")
    (tmp_path / "a").mkdir()
    first.load_demo()
    second = PostgresServer(tmp_path / "b")
    second.demo_password = first.demo_password
    (tmp_path / "b").mkdir()
    servers = (first.start(), second.start())
    yield servers
    for server in servers:
        server.close()
    empty_postgres()


def test_answers_given_on_one_instance_show_on_the_other(two_servers, make_ui):
    first, second = two_servers
    candidate_id = int(first.cli("candidate", "add", "1", "Zwei Instanzen", "--language", "en"))
    token = first.store().invite(candidate_id)

    on_first = make_ui(first)
    on_first.goto("/", token=token, lang="en")
    consent_and_start(on_first, "Zwei Instanzen")
    chosen = {0: 2, 1: 5, 3: 4}
    for index, value in chosen.items():
        answer(on_first, index, value)

    on_second = make_ui(second)
    on_second.goto("/", token=token, lang="en")  # the same link, served by the other instance
    # The step is drawn once the button below its statements shows: then count them.
    expect(on_second.page.get_by_role("button", name=t("self.next", "en") + " →")).to_be_visible()
    count = on_second.page.get_by_role("radiogroup").count()
    expect_answers(on_second, chosen, count)
    answer(on_second, 2, 1)  # and it goes on there
    chosen[2] = 1
    on_first.reload()
    expect_answers(on_first, chosen, count)
    assert len(second.store().answers_of(candidate_id)) == 4
    assert not on_first.errors and not on_second.errors


def test_a_stale_interview_save_on_the_other_instance_is_refused_in_words(two_servers, make_ui):
    first, second = two_servers
    store = first.store()
    candidate_id = int(first.cli("candidate", "add", "1", "Streitfall", "--language", "de"))
    competency = store.catalog_of_round(1).competencies[0]
    first.staff_account("doppelt.offen@example.de", "Doppelt Offen", "interviewer", assign_to=(candidate_id,))
    second.passwords = first.passwords
    pages = []
    for server in (first, second):  # the same interviewer opens the same interview on both instances
        ui = make_ui(server, as_="doppelt.offen@example.de")
        ui.goto("/interview", round=1, candidate=candidate_id, lang="de")
        pages.append(ui)
    # The kit opens the first competency; its rating is the page's second button group (after the picker).
    panel_of = lambda ui: ui.page.get_by_test_id("stButtonGroup").nth(1)  # noqa: E731
    for ui in pages:
        expect(ui.page.get_by_role("heading", name=competency.name.get("de"), exact=True)).to_be_visible()

    pages[0].click(panel_of(pages[0]).get_by_role("radio", name="2", exact=True))
    pages[1].click(panel_of(pages[1]).get_by_role("radio", name="4", exact=True))

    expect(pages[1].page.get_by_text("Jemand hat dieses Interview inzwischen geändert.", exact=False)).to_be_visible()
    (interview,) = store.interviews_of(candidate_id)
    assert store.ratings_of(interview.id)[competency.id].value == 2, "the refused save changed nothing"
    expect(panel_of(pages[1]).get_by_role("radio", checked=True)).to_have_text("2")
    assert not pages[0].errors and not pages[1].errors
