"""The scale-out recipe of `deploy/`, run for real: Debian's nginx with `deploy/nginx/assessment.conf` in front of
two app instances that share one PostgreSQL database and one cookie secret. A candidate answers from the invite
link, an interviewer signs in, rates and submits, each served by a different instance through the one address;
everything they did is in the database, and every request of a browser went to the same instance (sticky
sessions)."""

from __future__ import annotations

import re
import secrets
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from assessment.i18n import t
from assessment.results.questionnaire import steps
from tests.conftest import FIXTURES, POSTGRES_URL, empty_postgres
from tests.e2e.conftest import AppServer, free_port
from tests.e2e.nginx import ROUTE_COOKIE, Nginx, missing_reason
from tests.e2e.test_self_assessment import answer, consent_and_start, go_next, questions
from tests.e2e.test_sign_in import sign_in
from tests.e2e.test_two_instances import PostgresServer

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.postgres,
              pytest.mark.skipif(not POSTGRES_URL, reason="ASSESSMENT_TEST_POSTGRES_URL is not set"),
              pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or "")]

CATALOGS = FIXTURES / "catalogs"  # `sample_role`: three competencies, a short questionnaire
INTERVIEWER = "hinter.nginx@example.org"


class Front:
    """The one address people use: nginx. Enough of an AppServer for `make_ui`."""

    url = AppServer.url

    def __init__(self, base_url: str):
        self.base_url = base_url


@pytest.fixture
def behind_nginx(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", str(CATALOGS))
    empty_postgres()
    port = free_port()
    cookie_secret = secrets.token_hex(32)  # one secret for all instances, as deploy/README.md says
    instances = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        instance = PostgresServer(tmp_path / name)
        instance.env.update(ASSESSMENT_CATALOG_DIR=str(CATALOGS), ASSESSMENT_BASE_URL=f"http://127.0.0.1:{port}",
                            STREAMLIT_SERVER_COOKIE_SECRET=cookie_secret)
        instances.append(instance)
    proxy = Nginx(tmp_path / "nginx", port, [instance.port for instance in instances])
    try:
        with ThreadPoolExecutor(len(instances)) as starting:  # side by side: each takes seconds to come up
            list(starting.map(AppServer.start, instances))
        proxy.start()
        yield proxy, instances
    finally:
        proxy.stop()
        for instance in instances:
            instance.close()
        empty_postgres()


def test_a_candidate_and_an_interviewer_work_through_nginx_on_two_instances(behind_nginx, make_ui):
    proxy, (first, second) = behind_nginx
    front = Front(proxy.base_url)
    store = first.store()
    round_ = store.create_round("Behind nginx", "sample_role")
    candidate = store.add_candidate(round_.id, "Nginx Kandidat", language="en")
    link = first.cli("invite", str(candidate.id), "--base-url", proxy.base_url)
    interviewee = store.add_candidate(round_.id, "Interviewed Person", language="en")
    password = secrets.token_urlsafe(16)
    account = store.add_staff(INTERVIEWER, "Hinter Nginx", "interviewer", password)
    store.assign(interviewee.id, account.id)
    routes = {"candidate": proxy.route_to(first.port), "interviewer": proxy.route_to(second.port)}

    # The candidate, on the first instance: consent, the first step's statements, on to the next step.
    person = make_ui(front, as_=None)
    person.page.context.add_cookies([{"name": ROUTE_COOKIE, "value": routes["candidate"], "url": proxy.base_url}])
    person.page.goto(link)
    person.loaded()
    consent_and_start(person, "Nginx Kandidat")
    first_step = steps(store.catalog_of_round(round_.id))[0]
    expect(questions(person)).to_have_count(len(first_step.items))
    chosen = {}
    for index, (key, _) in enumerate(first_step.items):
        chosen[key] = index % 5 + 1
        answer(person, index, chosen[key])
    go_next(person)
    expect(person.page.get_by_text(re.compile(r"^Step 2 of \d+:"))).to_be_visible()

    # The interviewer, on the second instance: the sign-in form, then the interview.
    rater = make_ui(front, as_=None)
    rater.page.context.add_cookies([{"name": ROUTE_COOKIE, "value": routes["interviewer"], "url": proxy.base_url}])
    rater.page.goto(front.url("/interview", round=round_.id, candidate=interviewee.id, lang="en"))
    expect(rater.page).to_have_url(re.compile(r"/account/sign-in"))
    sign_in(rater, INTERVIEWER, password)
    rater.loaded()
    page = rater.page
    expect(page.get_by_role("heading", name=t("interview.title", "en"))).to_be_visible()
    competencies = store.catalog_of_round(round_.id).competencies
    picker = page.get_by_test_id("stButtonGroup").first  # the kit: one competency open at a time
    given = {}
    for number, competency in enumerate(competencies):
        given[competency.id] = number % 3 + 2  # 2, 3, 4: labels without anchor text
        rater.click(picker.get_by_text(competency.name.get("en"), exact=False).first)
        expect(page.get_by_role("heading", name=competency.name.get("en"), exact=True)).to_be_visible()
        rating = page.get_by_test_id("stButtonGroup").nth(1)
        rater.click(rating.get_by_role("radio", name=str(given[competency.id]), exact=True))
        expect(rating.get_by_role("radio", checked=True)).to_have_count(1)
    rater.click(page.get_by_role("radiogroup", name=t("interview.recommendation_label", "en"))
                .get_by_text(t("recommendation.yes", "en"), exact=True))
    rater.click(page.get_by_text(t("interview.submit_confirm", "en"), exact=True))
    rater.click(page.get_by_role("button", name=t("interview.submit", "en")), runs=2)
    expect(page.get_by_text(t("interview.submitted", "en", name="Interviewed Person"))).to_be_visible()

    # Everything is in the one database.
    assert store.answers_of(candidate.id) == chosen
    (interview,) = store.interviews_of(interviewee.id)
    assert interview.status == "submitted" and interview.recommendation == "yes"
    assert {key: rating.value for key, rating in store.ratings_of(interview.id).items()} == given

    # Sticky: every request of each browser, websocket included, went to its own instance. nginx logs a
    # websocket when it closes, so the pages close first.
    assert not person.errors and not rater.errors, (person.errors, rater.errors)
    person.page.close()
    rater.page.close()
    served = proxy.wait_for_log(lambda rows: sum("/_stcore/stream" in row[2] for row in rows) >= 2)
    for who, port in (("candidate", first.port), ("interviewer", second.port)):
        mine = [(upstream, request) for upstream, route, request in served if route == routes[who]]
        assert any("/_stcore/stream" in request for _, request in mine), f"the {who}'s websocket went elsewhere"
        assert {upstream for upstream, _ in mine} == {f"127.0.0.1:{port}"}, mine


def compressed(url: str) -> tuple[str | None, int]:
    """The Content-Encoding nginx answers with when the browser accepts gzip, and the size sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("Content-Encoding"), len(response.read())


def test_the_app_s_scripts_travel_compressed_through_nginx(behind_nginx):
    """The recipe compresses the app's scripts (a first visit downloads several MB of them)."""
    proxy, _ = behind_nginx
    with urllib.request.urlopen(proxy.base_url + "/", timeout=30) as response:
        page = response.read().decode("utf-8")
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', page)
    assert script, page[:500]
    encoding, size = compressed(f"{proxy.base_url}/{script.group(1)}")
    plain = len(urllib.request.urlopen(f"{proxy.base_url}/{script.group(1)}", timeout=30).read())
    assert encoding == "gzip" and size < plain / 2, (encoding, size, plain)

