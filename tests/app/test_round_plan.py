"""The Rounds page's plan tab and the interview kit of a stage (AppTest on a copy of the demo)."""

from __future__ import annotations

from assessment.catalog import load_catalog
from assessment.catalog.planning import default_competencies
from assessment.i18n import t
from tests.app.conftest import add_staff

CLIENT_COMPETENCIES = len(load_catalog("client_manager").catalog.competencies)


def widget(elements, label: str):
    found = [e for e in elements if e.label == label]
    assert len(found) == 1, (label, [e.label for e in elements])
    return found[0]


def new_round(store) -> int:
    return store.create_round("Planned round", "client_manager").id


def test_hr_plans_a_round_from_the_suggested_seven(app, demo_store):
    round_id = new_round(demo_store)
    at = app("rounds", round=round_id)
    assert any(t("plan.none", "en", count=CLIENT_COMPETENCIES) == i.value for i in at.info)
    pick = widget(at.multiselect, t("plan.competencies", "en"))
    full = demo_store.full_catalog_of_round(round_id)
    assert pick.value == default_competencies(full) and len(pick.value) == 7
    assert not [w for w in at.warning if "more than 8" in w.value]
    widget(at.text_area, t("plan.rationale", "en")).input("Key accounts: listening and complaints first")
    widget(at.button, t("plan.save", "en")).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    plan = demo_store.plan_of(round_id)
    assert plan.competencies == default_competencies(full)
    assert plan.rationale == "Key accounts: listening and complaints first"
    assert plan.weights == {} and plan.targets == {}
    assert at.success[0].value == t("plan.saved", "en", count=7)
    assert len(demo_store.catalog_of_round(round_id).competencies) == 7


def test_nine_competencies_warn_and_none_is_refused(app, demo_store):
    round_id = new_round(demo_store)
    at = app("rounds", round=round_id, lang="de")
    ids = [c.id for c in demo_store.full_catalog_of_round(round_id).competencies]
    widget(at.multiselect, t("plan.competencies", "de")).set_value(ids[:9]).run()
    assert any(t("plan.too_many", "de", count=9, most=8) == w.value for w in at.warning)
    assert any("9 Kompetenzen" in c.value and "Minuten" in c.value for c in at.caption)
    widget(at.multiselect, t("plan.competencies", "de")).set_value([]).run()
    widget(at.button, t("plan.save", "de")).click().run()
    assert [e.value for e in at.error] == [t("error.plan_empty", "de")]
    assert demo_store.plan_of(round_id) is None
    assert not [e for e in demo_store.audit_events() if e.action == "round.plan"]


def test_stages_are_added_checked_and_covered(app, demo_store):
    round_id = new_round(demo_store)
    ids = default_competencies(demo_store.full_catalog_of_round(round_id))
    demo_store.set_plan(round_id, ids)
    people = [add_staff(demo_store, name, "interviewer") for name in ("Ina One", "Ina Two", "Ina Three")]
    accounts = [demo_store.staff_by_email(e) for e in people]
    at = app("rounds", round=round_id)
    widget(at.text_input, t("plan.stage_name", "en")).input("Client focus")
    widget(at.multiselect, t("plan.stage_focus", "en")).set_value(ids[:4])
    widget(at.button, t("plan.add_stage", "en")).click().run()
    assert [e.value for e in at.error] == [t("error.stage_no_interviewer", "en")]  # nothing changed
    assert demo_store.stages(round_id) == []
    widget(at.text_input, t("plan.stage_name", "en")).input("Client focus")
    widget(at.multiselect, t("plan.stage_focus", "en")).set_value(ids[:4])
    widget(at.multiselect, t("plan.stage_people", "en")).set_value([accounts[0].id, accounts[1].id])
    widget(at.button, t("plan.add_stage", "en")).click().run()
    assert not at.error, [e.value for e in at.error]
    (stage,) = demo_store.stages(round_id)
    assert (stage.name, stage.competencies, len(stage.interviewers)) == ("Client focus", ids[:4], 2)
    # The coverage names the three competencies nobody rates yet.
    names = {c.id: c.name.en for c in demo_store.catalog_of_round(round_id).competencies}
    assert any(w.value.startswith("Rated by fewer than two interviewers") and names[ids[5]] in w.value
               for w in at.warning)
    # A second stage with an interviewer of the first is refused, and said so.
    adding = [e for e in at.text_input if e.label == t("plan.stage_name", "en")][-1]
    adding.input("Delivery")
    [e for e in at.multiselect if e.label == t("plan.stage_focus", "en")][-1].set_value(ids[4:])
    [e for e in at.multiselect if e.label == t("plan.stage_people", "en")][-1].set_value(
        [accounts[2].id, accounts[0].id])
    [b for b in at.button if b.label == t("plan.add_stage", "en")][-1].click().run()
    (said,) = [e.value for e in at.error]
    assert said.startswith("ina\\.one@") and said.endswith(t("error.interviewer_twice", "en", email="")[1:])
    assert len(demo_store.stages(round_id)) == 1


def test_a_stage_interviewer_sees_and_rates_only_the_stage_competencies(app, demo_store):
    round_id = new_round(demo_store)
    ids = default_competencies(demo_store.full_catalog_of_round(round_id))
    demo_store.set_plan(round_id, ids)
    email = add_staff(demo_store, "Stage Rater", "interviewer")
    rater = demo_store.staff_by_email(email)
    demo_store.add_stage(round_id, "Delivery", ids[4:], [rater.id])
    candidate = demo_store.add_candidate(round_id, "Planned Candidate")
    at = app("interview", as_=email, round=round_id, candidate=candidate.id)
    (interview,) = demo_store.interviews_of(candidate.id)
    pills = at.pills(key=f"pick:{interview.id}")
    assert pills.options == ["○ " + demo_store.catalog_of_round(round_id).competency(c).name.en for c in ids[4:]]
    assert any(t("interview.stage", "en", stage="Delivery", count=3, minutes="")[:30] in c.value for c in at.caption)
    for competency in ids[4:]:
        at.pills(key=f"pick:{interview.id}").set_value(competency).run()
        at.segmented_control(key=f"rating:{interview.id}:{competency}").set_value(3).run()
    at.radio(key=f"recommendation:{interview.id}").set_value("yes").run()
    [c for c in at.checkbox if c.label == t("interview.submit_confirm", "en")][0].check().run()
    [b for b in at.button if b.label == t("interview.submit", "en")][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert demo_store.get_interview(interview.id).status == "submitted"
    assert set(demo_store.ratings_of(interview.id)) == set(ids[4:])
    # Once an interview is submitted, the plan is pinned: the tab says so and the save button is off.
    hr = app("rounds", round=round_id)
    assert any(t("error.plan_locked", "en") == i.value for i in hr.info)
    assert widget(hr.button, t("plan.save", "en")).disabled
