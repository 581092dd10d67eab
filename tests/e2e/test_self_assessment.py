"""The candidate's side in a real browser: consent, answers that survive a reload and a server crash,
submission, and links that are not valid."""

from __future__ import annotations

import re

import pytest

from assessment.i18n import t
from assessment.results.questionnaire import steps

from .conftest import PHONE

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

ROUND = 1


def invite(server, name: str, via_cli: bool = True) -> tuple[int, str]:
    """A new candidate in round 1 and their invite link."""
    if via_cli:
        candidate_id = int(server.cli("candidate", "add", str(ROUND), name, "--language", "en"))
        link = server.cli("invite", str(candidate_id), "--base-url", server.base_url)
    else:
        store = server.store()
        candidate_id = store.add_candidate(ROUND, name, language="en").id
        link = server.url("/", token=store.invite(candidate_id), lang="en")
    assert link.startswith(server.base_url + "/") and "token=" in link, link
    return candidate_id, link


def questions(ui):
    """The radio groups of the current step, one per statement."""
    return ui.page.get_by_role("radiogroup")


def answer(ui, index: int, value: int) -> None:
    """Click option `value` (1-5) of statement `index` on the current step and wait until it is saved."""
    group = questions(ui).nth(index)
    ui.click(group.get_by_test_id("stRadioOption").nth(value - 1))
    expect(group.get_by_role("radio").nth(value - 1)).to_be_checked()


def expect_answers(ui, chosen: dict[int, int], count: int) -> None:
    """On the current step: exactly the `chosen` options are selected, every other statement is open."""
    expect(questions(ui)).to_have_count(count)
    for index in range(count):
        radios = questions(ui).nth(index).get_by_role("radio")
        if index in chosen:
            expect(radios.nth(chosen[index] - 1)).to_be_checked()
        expect(questions(ui).nth(index).locator("input:checked")).to_have_count(1 if index in chosen else 0)


def consent_and_start(ui, name: str) -> None:
    page = ui.page
    expect(page.get_by_role("heading", name=t("self.welcome", "en", name=name))).to_be_visible()
    start = page.get_by_role("button", name=t("self.start", "en"), exact=True)
    expect(start).to_be_disabled()
    ui.click(page.get_by_text(t("self.consent", "en"), exact=True))
    expect(start).to_be_enabled()
    ui.click(start, runs=2)  # the button's code calls st.rerun()
    expect(page.get_by_text(re.compile(r"^Step 1 of \d+:"))).to_be_visible()


def confirm_and_submit(ui, store, candidate_id: int, answered: int, total: int) -> None:
    """On the review step: the submit button stays off (and nothing is submitted) until the confirmation is
    ticked; then it submits."""
    page = ui.page
    expect(page.get_by_text(t("self.submit_summary", "en", answered=answered, total=total))).to_be_visible()
    submit = page.get_by_role("button", name=t("self.submit", "en"))
    expect(submit).to_be_disabled()
    submit.click(force=True)  # a click on the disabled button does nothing
    page.wait_for_timeout(300)
    ui.idle()
    assert store.get_candidate(candidate_id).submitted_at is None
    ui.click(page.get_by_text(t("self.submit_confirm", "en"), exact=True))
    expect(submit).to_be_enabled()
    ui.click(submit, runs=2)
    expect(page.get_by_role("heading", name=t("self.thanks_title", "en"))).to_be_visible()


def go_next(ui) -> None:
    ui.click(ui.page.get_by_role("button", name=t("self.next", "en") + " →"), runs=2)


def test_candidate_answers_survive_a_reload_and_are_submitted(server, ui):
    page, store = ui.page, server.store()
    candidate_id, link = invite(server, "E2E Candidate")
    all_steps = steps(store.catalog_of_round(ROUND))
    total = sum(len(step.items) for step in all_steps)

    page.goto(link)
    ui.loaded()
    consent_and_start(ui, "E2E Candidate")
    expect(page.get_by_text(t("self.progress", "en", answered=0, total=total))).to_be_visible()

    first = len(all_steps[0].items)
    chosen = {0: 4, 2: 1, first - 1: 5}  # part of the first step
    for index, value in chosen.items():
        answer(ui, index, value)
    expect(page.get_by_text(t("self.progress", "en", answered=len(chosen), total=total))).to_be_visible()
    stored = store.answers_of(candidate_id)
    assert stored == {all_steps[0].items[i][0]: v for i, v in chosen.items()}

    ui.reload()
    expect(page.get_by_text(re.compile(r"^Step 1 of \d+:"))).to_be_visible()
    expect_answers(ui, chosen, first)

    # Change one answer, then finish every step with Next.
    chosen[0] = 2
    answer(ui, 0, 2)
    for number, step in enumerate(all_steps):
        expect(page.get_by_text(re.compile(rf"^Step {number + 1} of {len(all_steps)}:"))).to_be_visible()
        expect(questions(ui)).to_have_count(len(step.items))
        for index in range(len(step.items)):
            if number == 0 and index in chosen:
                continue
            value = (number + index) % 5 + 1
            answer(ui, index, value)
            if number == 0:
                chosen[index] = value
        go_next(ui)

    expect(page.get_by_text(t("self.review_title", "en"))).to_be_visible()
    expect(page.get_by_text(t("self.review_complete", "en"))).to_be_visible()
    # The review shows what was chosen: the first step's statements with their answers' words.
    first_step = page.locator(".st-key-review_step_0")
    scale = store.catalog_of_round(ROUND).self_scale
    for index, value in chosen.items():
        statement = all_steps[0].items[index][1].text.get("en")
        expect(first_step).to_contain_text(f"{statement}\n↳ {value} · {scale[value].get('en')}")
    confirm_and_submit(ui, store, candidate_id, answered=total, total=total)
    expect(page.get_by_role("heading", name=t("self.thanks_title", "en"))).to_be_visible()
    expect(page.get_by_text(t("self.thanks_text", "en"))).to_be_visible()

    answers = store.answers_of(candidate_id)
    assert len(answers) == total
    assert {key: answers[key] for key, _ in all_steps[0].items} == {
        all_steps[0].items[i][0]: v for i, v in chosen.items()}
    assert store.get_candidate(candidate_id).submitted_at is not None

    # The link now only thanks; nothing can be changed any more.
    again = ui.page.context.new_page()
    again.goto(link)
    expect(again.get_by_role("heading", name=t("self.thanks_title", "en"))).to_be_visible()
    expect(again.get_by_role("radiogroup")).to_have_count(0)
    expect(again.get_by_role("button", name=t("self.start", "en"))).to_have_count(0)
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)


def test_answers_survive_a_killed_server(own_server, make_ui):
    ui = make_ui(own_server)
    page, store = ui.page, own_server.store()
    candidate_id, link = invite(own_server, "Crash Candidate", via_cli=False)
    items = steps(store.catalog_of_round(ROUND))[0].items

    page.goto(link)
    ui.loaded()
    consent_and_start(ui, "Crash Candidate")
    chosen = {0: 3, 1: 5, 3: 2}
    for index, value in chosen.items():
        answer(ui, index, value)
    assert len(store.answers_of(candidate_id)) == len(chosen)

    own_server.restart(kill=True)  # SIGKILL, then a new process on the same port and database

    ui.reload()
    expect(page.get_by_text(re.compile(r"^Step 1 of \d+:"))).to_be_visible()
    expect_answers(ui, chosen, len(items))
    # The candidate carries on where they were, and the new answers are stored too.
    for index, value in {2: 4, 4: 1}.items():
        answer(ui, index, value)
        chosen[index] = value
    assert store.answers_of(candidate_id) == {items[i][0]: v for i, v in chosen.items()}
    ui.reload()
    expect_answers(ui, chosen, len(items))


@pytest.mark.parametrize("path", ["/self_assessment", "/"])
def test_a_forged_token_shows_only_that_the_link_is_not_valid(server, ui, path):
    ui.goto(path, token="forged")
    page = ui.page
    expect(page.get_by_role("heading", name=t("self.invalid_title", "en"))).to_be_visible()
    expect(page.get_by_text(t("self.invalid_text", "en"))).to_be_visible()
    main = page.get_by_test_id("stMain").inner_text()
    lines = [line.strip() for line in main.splitlines() if line.strip()]
    assert lines == [t("self.invalid_title", "en"), t("self.invalid_text", "en")], lines
    # No menu, no sidebar, no language picker, no other page, nobody's name.
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_role("combobox")).to_have_count(0)
    body = page.locator("body").inner_text()
    for candidate in server.store().list_candidates(ROUND):
        assert candidate.name not in body


def test_review_marks_open_statements_and_leads_back_to_their_step(server, ui):
    page, store = ui.page, server.store()
    candidate_id = store.add_candidate(ROUND, "Review Candidate", language="en").id
    catalog = store.catalog_of_round(ROUND)
    all_steps = steps(catalog)
    store.give_consent(candidate_id)
    keys = [key for step in all_steps for key, _ in step.items]
    last_step = len(all_steps) - 1
    open_key, open_item = all_steps[last_step].items[1]
    for number, key in enumerate(keys):
        if key != open_key:
            store.save_answer(candidate_id, key, number % 5 + 1)

    ui.goto("/", token=store.invite(candidate_id), lang="en", step=len(all_steps))  # the review step
    expect(page.get_by_text(t("self.review_missing", "en", count=1))).to_be_visible()
    review = page.locator(f".st-key-review_step_{last_step}")
    expect(review).to_contain_text(f"{open_item.text.get('en')}\n↳ {t('self.review_open', 'en')}")
    expect(page.get_by_role("button", name=t("self.submit", "en"))).to_have_count(0)  # nothing to submit yet
    first_key, first_item = all_steps[0].items[0]
    expect(page.locator(".st-key-review_step_0")).to_contain_text(
        f"{first_item.text.get('en')}\n↳ 1 · {catalog.self_scale[1].get('en')}")

    ui.click(review.get_by_role("button", name=t("self.review_change", "en", step=last_step + 1)), runs=2)
    expect(page.get_by_text(re.compile(rf"^Step {last_step + 1} of {len(all_steps)}:"))).to_be_visible()
    answer(ui, 1, 3)
    go_next(ui)
    expect(page.get_by_text(t("self.review_complete", "en"))).to_be_visible()
    expect(page.locator(f".st-key-review_step_{last_step}")).to_contain_text(
        f"{open_item.text.get('en')}\n↳ 3 · {catalog.self_scale[3].get('en')}")
    confirm_and_submit(ui, store, candidate_id, answered=len(keys), total=len(keys))
    assert store.get_candidate(candidate_id).submitted_at is not None
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)


@pytest.mark.parametrize("lang", ["de", "ru"])
def test_on_a_phone_the_five_answers_lie_in_one_row_left_to_right(server, make_ui, lang):
    ui = make_ui(server, viewport=PHONE, as_=None)
    store = server.store()
    candidate = store.add_candidate(ROUND, f"Phone Candidate {lang}", language=lang)
    store.give_consent(candidate.id)
    ui.goto("/", token=store.invite(candidate.id), lang=lang)
    groups = questions(ui)
    count = len(steps(store.catalog_of_round(ROUND))[0].items)
    expect(groups).to_have_count(count)
    for index in range(count):
        options = groups.nth(index).get_by_test_id("stRadioOption")
        expect(options).to_have_count(5)
        boxes = [options.nth(n).bounding_box() for n in range(5)]
        assert [options.nth(n).inner_text().strip() for n in range(5)] == ["1", "2", "3", "4", "5"]
        assert max(b["y"] for b in boxes) - min(b["y"] for b in boxes) < 2, (index, boxes)  # one row
        lefts = [b["x"] for b in boxes]
        assert lefts == sorted(lefts) and len(set(lefts)) == 5, (index, boxes)  # left to right
        assert boxes[-1]["x"] + boxes[-1]["width"] <= PHONE["width"], (index, boxes)  # nothing off screen
    # The scale's words show above the statements, so that the numbers mean something.
    scale = store.catalog_of_round(ROUND).self_scale
    expect(ui.page.get_by_text(f"1 · {scale[1].get(lang)}", exact=False).first).to_be_visible()
    # Several statements fit on one phone screen (the page is scrolled to the first one).
    groups.first.scroll_into_view_if_needed()
    top = groups.first.bounding_box()["y"]
    on_screen = sum(1 for n in range(count) if groups.nth(n).bounding_box()["y"] + groups.nth(n).bounding_box()[
        "height"] <= top + PHONE["height"])
    assert on_screen >= 5, on_screen
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)
