"""The interviewer's and the committee's side in a real browser: a structured interview rated and submitted,
then the round's comparison charts."""

from __future__ import annotations

import pytest

from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1
INTERVIEWER = "E2E Interviewer"
INTERVIEWER_EMAIL = "e2e.interviewer@example.com"
RATED: dict[str, int] = {}  # the candidate interviewed in the interview test, for the comparison test


def uninterviewed_candidate(store):
    """A candidate of round 1 with a submitted self-assessment and no interview at all, so not yet on the
    comparison charts."""
    for status in store.statuses(ROUND):
        if status.state == "submitted" and not store.interviews_of(status.candidate.id):
            return status.candidate
    pytest.fail("the demo round has no self-assessed candidate without interviews")


def round_label(store) -> str:
    round_ = store.get_round(ROUND)
    return f"{round_.name} · {store.catalog_of_round(ROUND).name.en} · #{round_.id}"


def test_interviewer_rates_every_competency_and_submits(server, make_ui):
    store = server.store()
    candidate = uninterviewed_candidate(store)
    catalog = store.catalog_of_round(ROUND)
    server.staff_account(INTERVIEWER_EMAIL, INTERVIEWER, "interviewer", assign_to=(candidate.id,))
    ui = make_ui(server, as_=INTERVIEWER_EMAIL)  # signed in: the interviewer is who they are, not a typed name
    page = ui.page

    ui.goto("/interview")
    expect(page.get_by_role("heading", name=t("interview.title", "en"))).to_be_visible()
    ui.select(t("common.round", "en"), round_label(store))
    expect(page.get_by_role("combobox", name=t("common.candidate", "en"))).to_have_value(
        candidate.name)  # the only candidate assigned to this interviewer
    expect(page.get_by_text(t("interview.saved_hint", "en"))).to_be_visible()
    expect(page.get_by_text(t("interview.hidden", "en"))).to_be_visible()

    competencies = [c for area in catalog.areas for c in area.competencies]
    picker = page.get_by_test_id("stButtonGroup").first  # one competency open at a time
    given = {}
    for number, competency in enumerate(competencies):
        ui.click(picker.get_by_text(competency.name.get("en"), exact=False).first)
        expect(page.get_by_role("heading", name=competency.name.get("en"), exact=True)).to_be_visible()
        # Ratings rerun only their panel; the page's progress follows with the next full run (this pick).
        expect(page.get_by_text(t("interview.progress", "en", rated=number, total=len(competencies)))) \
            .to_be_visible()
        choice = t("common.not_observed", "en") if number == 3 else str(number % 5 + 1)
        rating = page.get_by_test_id("stButtonGroup").nth(1)
        button = rating.get_by_role("radio", name=choice, exact=True)
        expect(button).to_be_visible()
        ui.click(button)
        expect(rating.get_by_role("radio", checked=True)).to_have_count(1)
        given[competency.id] = choice

    summary = page.locator(".st-key-interview_summary")
    expect(summary).to_contain_text(t("interview.summary_title", "en"))
    expect(summary).to_contain_text(t("interview.summary_recommendation_open", "en"))
    expect(page.get_by_text(t("interview.summary_no_recommendation", "en"))).to_be_visible()
    expect(page.get_by_role("button", name=t("interview.submit", "en"))).to_have_count(0)  # nothing to confirm yet
    ui.click(page.get_by_role("radiogroup", name=t("interview.recommendation_label", "en"))
             .get_by_text(t("recommendation.yes", "en"), exact=True))
    # Before it is final: every competency with its rating, notes missing, the recommendation, a confirmation.
    scale = catalog.scale
    for competency in competencies:
        choice = given[competency.id]
        shown = choice if choice == t("common.not_observed", "en") else \
            f"{choice} · {scale[int(choice)].get('en').split(':', 1)[0]}"
        no_notes = t("interview.summary_no_notes", "en")
        expect(summary).to_contain_text(f"{competency.name.get('en')}: {shown} · {no_notes}")
    expect(summary).to_contain_text(f"{t('interview.recommendation', 'en')}: {t('recommendation.yes', 'en')}")
    submit = page.get_by_role("button", name=t("interview.submit", "en"))
    expect(submit).to_be_disabled()
    submit.click(force=True)  # does nothing while the confirmation is not ticked
    ui.idle()
    assert all(i.status == "draft" for i in store.interviews_of(candidate.id) if i.interviewer == INTERVIEWER)
    ui.shot("interview_confirm-en")
    ui.click(page.get_by_text(t("interview.submit_confirm", "en"), exact=True))
    expect(submit).to_be_enabled()
    ui.shot("interview_confirmed-en")
    ui.click(submit, runs=2)

    expect(page.get_by_text(t("interview.submitted", "en", name=candidate.name))).to_be_visible()
    expect(page.get_by_role("heading", name=t("interview.all_ratings", "en"))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_text(f"{INTERVIEWER}: {t('recommendation.yes', 'en')}")).to_be_visible()
    expect(page.get_by_test_id("stExpander").filter(has_text=t("interview.notes", "en"))).to_have_count(1)

    # What the browser showed is what the database holds.
    interview = next(i for i in store.interviews_of(candidate.id) if i.interviewer == INTERVIEWER)
    assert interview.status == "submitted" and interview.recommendation == "yes"
    ratings = store.ratings_of(interview.id)
    assert {cid: "Not observed" if r.not_observed else str(r.value) for cid, r in ratings.items()} == given
    RATED["candidate"] = candidate.id
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)


def _ensure_rated(store) -> int:
    """The candidate of the interview test; when run alone, one rated through the Python API."""
    if "candidate" in RATED:
        return RATED["candidate"]
    candidate = uninterviewed_candidate(store)
    interview = store.start_interview(candidate.id, INTERVIEWER)
    version = interview.version
    for competency in store.catalog_of_round(ROUND).competencies:
        version = store.save_rating(interview.id, version, competency.id, 4)
    version = store.set_recommendation(interview.id, version, "yes")
    store.submit_interview(interview.id, version)
    RATED["candidate"] = candidate.id
    return candidate.id


def test_comparison_shows_the_fit_ranking_with_the_rated_candidate(server, ui):
    store = server.store()
    name = store.get_candidate(_ensure_rated(store)).name
    page = ui.page

    ui.goto("/comparison", round=ROUND)
    expect(page.get_by_role("heading", name=t("comparison.ranking", "en"))).to_be_visible()
    ranking = page.locator(".st-key-fit .js-plotly-plot")
    expect(ranking).to_have_count(1)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)  # the first view: the ranking; the rest is folded
    expect(ranking.locator("svg.main-svg").first).to_be_attached()
    # Real content: markers for the candidates and one tick label per candidate, the rated one among them.
    assert ranking.locator(".scatterlayer .point").count() > 0
    ticks = ranking.locator(".ytick text").all_text_contents()
    assert name in ticks, ticks
    expect(ranking.locator(".gtitle")).to_have_text(t("charts.fit.title", "en"))
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)


def test_the_committee_downloads_the_round_as_csv(server, ui):
    store = server.store()
    name = store.get_candidate(_ensure_rated(store)).name
    page = ui.page
    ui.goto("/comparison", round=ROUND)
    button = page.get_by_role("button", name=t("comparison.export", "en", format="CSV"))
    expect(button).to_be_visible()
    with page.expect_download() as download:
        button.click()
    path = download.value.path()
    text = path.read_text(encoding="utf-8-sig")
    assert download.value.suggested_filename == f"round-{ROUND}.csv"
    assert name in text and text.count("\n") > len(store.list_candidates(ROUND))
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)
