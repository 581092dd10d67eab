"""A planned round in a real browser: HR chooses 7 competencies and splits them into two stages with two
interviewers each; each interviewer's kit shows only their stage's competencies; the candidate's
self-assessment asks only the 7 competencies' statements. Screenshots of the kit on a 1366×768 laptop in German
and Russian, and on a 390×844 phone, go to tests/e2e/screenshots/."""

from __future__ import annotations

import re

import pytest

from assessment.catalog import load_catalog
from assessment.catalog.planning import default_competencies
from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

CLIENT_COMPETENCIES = len(load_catalog("client_manager").catalog.competencies)


def choose(ui, scope, label: str, options: list[str]) -> None:
    """Pick each of `options` in the multiselect labelled `label` inside `scope`, as a person does: type, Enter."""
    box = scope.get_by_role("combobox", name=label)
    for option in options:
        box.click()
        box.fill(option)
        choice = ui.page.get_by_role("option", name=option).first
        expect(choice).to_be_visible(timeout=15_000)  # the list has caught up with what was typed
        ui.act(choice.click, runs=0)
    # Wait until the runs the choices started are over (closing the list may start one more): else the next
    # click (the stage's button) counts one of them as its own and is checked too early on a busy machine.
    ui.act(lambda: ui.page.keyboard.press("Escape"), settle=2_000)


def add_stage(ui, name: str, focus: list[str], people: list[str]) -> None:
    page = ui.page
    expander = page.get_by_test_id("stExpander").filter(
        has=page.locator("summary", has_text=t("plan.add_stage", "en")))
    if expander.locator("details").get_attribute("open") is None:
        expander.locator("summary").click()
    field = expander.get_by_label(t("plan.stage_name", "en"), exact=True)
    field.fill(name)
    # Leaving the field commits it with a run of its own; wait for that run, or it redraws the focus box while
    # the next step types into it and wipes what was typed.
    ui.act(lambda: field.press("Tab"))
    choose(ui, expander, t("plan.stage_focus", "en"), focus)
    choose(ui, expander, t("plan.stage_people", "en"), people)
    ui.click(expander.get_by_role("button", name=t("plan.add_stage", "en")), runs=2)
    expect(page.get_by_text(t("plan.stage_saved", "en", stage=name))).to_be_visible()


def test_hr_plans_two_stages_and_each_interviewer_sees_only_their_own(server, make_ui):
    store = server.store()
    round_id = int(server.cli("round", "create", "Planned loop", "--catalog", "client_manager"))
    full = store.full_catalog_of_round(round_id)
    chosen = default_competencies(full)
    names = {c.id: c.name.get("en") for c in full.competencies}
    people = {}
    for index, name in enumerate(("Pia Plan", "Paul Plan", "Dora Delivery", "Dan Delivery")):
        email = f"{name.lower().replace(' ', '.')}@example.org"
        server.staff_account(email, name, "interviewer")
        people[name] = email
        assert index >= 0

    hr = make_ui(server)
    hr.goto("/", round=round_id, lang="en")
    hr.click(hr.page.get_by_role("tab", name=t("plan.tab", "en")))
    expect(hr.page.get_by_text(t("plan.none", "en", count=CLIENT_COMPETENCIES))).to_be_visible()
    hr.page.get_by_label(t("plan.rationale", "en"), exact=True).fill("Key accounts: seven competencies, two loops.")
    hr.click(hr.page.get_by_role("button", name=t("plan.save", "en")), runs=2)
    expect(hr.page.get_by_text(t("plan.saved", "en", count=7))).to_be_visible()
    assert store.plan_of(round_id).competencies == chosen

    client, delivery = chosen[:4], chosen[4:]
    add_stage(hr, "Client focus", [names[c] for c in client], ["Pia Plan", "Paul Plan"])
    add_stage(hr, "Delivery", [names[c] for c in delivery], ["Dora Delivery", "Dan Delivery"])
    stages = store.stages(round_id)
    assert [(s.name, s.competencies, sorted(p.name for p in s.interviewers)) for s in stages] == [
        ("Client focus", client, ["Paul Plan", "Pia Plan"]), ("Delivery", delivery, ["Dan Delivery", "Dora Delivery"])]
    expect(hr.page.get_by_text(t("plan.covered", "en"))).to_be_visible()
    hr.assert_no_exception()

    candidate_id = int(server.cli("candidate", "add", str(round_id), "Nina Neumann", "--language", "de"))
    for person, focus in (("Pia Plan", client), ("Paul Plan", client), ("Dora Delivery", delivery),
                          ("Dan Delivery", delivery)):
        kit = make_ui(server, viewport=LAPTOP, as_=people[person])
        kit.goto("/interview", round=round_id, candidate=candidate_id, lang="en")
        picker = kit.page.get_by_test_id("stButtonGroup").first  # the competency picker
        expect(picker).to_contain_text(t("interview.pick", "en", count=len(focus)))
        shown = re.findall(r"[○✓]\s*([^○✓]+)", picker.inner_text())
        assert [name.strip() for name in shown] == [names[c] for c in focus]
        for other in chosen:
            if other not in focus:
                expect(kit.page.get_by_text(names[other], exact=True)).to_have_count(0)
        kit.assert_no_exception()
        if person == "Dora Delivery":
            rate_and_shoot(kit, round_id, candidate_id, focus, store)

    # The candidate's self-assessment asks only the seven competencies' statements.
    catalog = store.catalog_of_round(round_id)
    link = server.cli("invite", str(candidate_id), "--base-url", server.base_url)
    candidate = make_ui(server, as_=None)
    candidate.page.goto(link + "&lang=en" if "lang=" not in link else link.replace("lang=de", "lang=en"))
    candidate.loaded()
    candidate.click(candidate.page.get_by_text(t("self.consent", "en"), exact=True))
    candidate.click(candidate.page.get_by_role("button", name=t("self.start", "en"), exact=True), runs=2)
    total = len(catalog.self_items)
    assert total < len(full.self_items)
    expect(candidate.page.get_by_text(t("self.progress", "en", answered=0, total=total))).to_be_visible()
    shown = candidate.page.get_by_role("radiogroup")
    first_area = {c.id for c in catalog.areas[0].competencies}
    assert shown.count() == sum(1 for entry in catalog.self_items if entry.competency.id in first_area)


def rate_and_shoot(kit, round_id: int, candidate_id: int, focus: list[str], store) -> None:
    """Rate the first competency, open the second, and take the kit's pictures in German and Russian."""
    page = kit.page
    kit.click(page.get_by_test_id("stButtonGroup").nth(1).get_by_text("4", exact=True))  # the open competency
    (interview,) = [i for i in store.interviews_of(candidate_id) if i.interviewer == "Dora Delivery"]
    assert store.ratings_of(interview.id)[focus[0]].value == 4
    kit.click(page.get_by_role("button", name=t("interview.next", "en")), runs=1)
    for lang in ("de", "ru"):
        kit.goto("/interview", round=round_id, candidate=candidate_id, lang=lang)
        expect(page.get_by_role("heading", level=1).first).to_have_text(t("interview.title", lang))
        kit.assert_no_exception()
        page.screenshot(path=str(_shot_path(f"kit_laptop-{lang}")))  # exactly what a 1366×768 screen shows
        kit.shot(f"kit_laptop_full-{lang}")
    page.set_viewport_size(PHONE)
    kit.goto("/interview", round=round_id, candidate=candidate_id, lang="de")
    kit.shot("kit_phone-de")
    page.set_viewport_size(LAPTOP)


def _shot_path(name: str):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
