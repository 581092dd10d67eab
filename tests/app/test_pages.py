"""Every page, driven as a person would: what they see, what they change, what is stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.i18n import t
from assessment.store import item_keys
from assessment.ui.common import plain
from tests.app.conftest import add_staff

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["rounds", "interview", "comparison", "catalogs", "manager_types"]

pytestmark = pytest.mark.slow  # every page runs the whole app script


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_every_language(app, page, lang):
    at = app(page, lang=lang)
    assert at.title, "a page without a title"
    assert not at.error


def test_language_choice_changes_texts_and_lands_in_the_url(app):
    at = app()
    assert at.title[0].value == "Hiring rounds"
    at.selectbox(key="language_picker").select("de").run()
    assert at.query_params["lang"] == ["de"] or at.query_params["lang"] == "de"
    assert at.title[0].value == "Auswahlrunden"


def test_rounds_shows_status_and_adds_a_candidate(app, demo_store):
    at = app("rounds", round=1)
    table = at.dataframe[1].value  # below the overview of all rounds
    assert len(table) == 12 and "In progress: 24 of 48" in set(table["Status"])
    at.text_input[1].input("Zoë O'Brien")
    at.text_input[2].input("zoe@example.com")
    at.button[1].click().run()  # the form's "Add" button
    assert "Zoë O'Brien" in {c.name for c in demo_store.list_candidates(1)}
    table = at.dataframe[1].value  # the status table is drawn again with the new candidate
    assert len(table) == 13 and "Zoë O'Brien" in set(table["Name"])
    assert any("was added" in s.value for s in at.success)


def test_rounds_rejects_a_bad_email_and_changes_nothing(app, demo_store):
    at = app("rounds", round=1)
    at.text_input[1].input("Someone")
    at.text_input[2].input("not-an-address")
    at.button[1].click().run()
    assert at.error and "not an e-mail address" in at.error[0].value
    assert len(demo_store.list_candidates(1)) == 12


def test_forged_token_shows_only_the_invalid_page(app):
    at = app(token="forged-token-123")
    assert at.title[0].value == "This link is not valid"
    assert len(at.title) == 1 and not at.radio and not at.dataframe


def _new_candidate(store, language="en"):
    candidate = store.add_candidate(1, "Test Person", language=language)
    return candidate, store.invite(candidate.id)


def test_self_assessment_saves_each_answer_and_resumes(app, demo_store):
    candidate, token = _new_candidate(demo_store)
    at = app(token=token)
    assert "Test Person" in at.title[0].value
    at.checkbox[0].check().run()
    at.button[0].click().run()  # start
    assert at.radio, "the first step shows statements"
    first, _ = at.radio[0], at.radio[1]
    first.set_value(4).run()
    at.radio[1].set_value(2).run()
    keys = item_keys(demo_store.catalog_of_round(1))
    assert demo_store.answers_of(candidate.id) == {keys[0]: 4, keys[1]: 2}
    again = app(token=token)  # a reload: a new session with the same link
    assert again.radio[0].value == 4 and again.radio[1].value == 2
    assert "2 of 48" in again.get("progress")[0].proto.text


def test_self_assessment_review_submit_and_thank_you(app, demo_store):
    candidate, token = _new_candidate(demo_store, "de")
    demo_store.give_consent(candidate.id)
    keys = item_keys(demo_store.catalog_of_round(1))
    for key in keys[:-1]:
        demo_store.save_answer(candidate.id, key, 3)
    at = app(token=token)
    assert at.query_params["lang"] in ("de", ["de"])  # the candidate's language by default
    last = len(at.radio) - 1
    at.radio[last].set_value(5).run()
    next_buttons = [b for b in at.button if "Weiter" in b.label]
    next_buttons[0].click().run()
    assert any("Prüfen" in s.value for s in at.subheader)
    assert any(m.value.endswith("↳ **5 · Trifft voll und ganz zu**") for m in at.markdown), "the review shows answers"
    assert any(t("self.submit_summary", "de", answered=len(keys), total=len(keys)) in m.value for m in at.markdown)
    assert [b for b in at.button if "abschicken" in b.label][0].disabled  # not before the confirmation
    assert demo_store.get_candidate(candidate.id).submitted_at is None
    at.checkbox(key=f"confirm_submit:{candidate.id}").check().run()
    [b for b in at.button if "abschicken" in b.label][0].click().run()
    assert at.title[0].value == "Vielen Dank!"
    assert demo_store.get_candidate(candidate.id).submitted_at is not None


def test_interview_hides_others_until_submitted(app, demo_store):
    email = add_staff(demo_store, "New Interviewer", "interviewer", assign_to=(1,))
    at = app("interview", as_=email, round=1, candidate=1)
    assert any("Hidden until you submit" in i.value for i in at.info)
    catalog = demo_store.catalog_of_round(1)
    for competency in catalog.competencies:  # one competency open at a time: pick it, then rate it
        at.pills(key=f"pick:{_interview_id(demo_store)}").set_value(competency.id).run()
        at.segmented_control(key=f"rating:{_interview_id(demo_store)}:{competency.id}").set_value(4).run()
    at.radio(key=f"recommendation:{_interview_id(demo_store)}").set_value("yes").run()
    summary = "\n".join(m.value for m in at.markdown)
    assert all(f"{plain(c.name.en)}: **4 · " in summary for c in catalog.competencies), summary  # each with its rating
    assert t("interview.summary_no_notes", "en") in summary
    assert [b for b in at.button if b.label == "Submit interview"][0].disabled  # not before the confirmation
    [c for c in at.checkbox if c.label == t("interview.submit_confirm", "en")][0].check().run()
    [b for b in at.button if b.label == "Submit interview"][0].click().run()
    assert not at.exception and not at.error
    assert at.dataframe, "all interviewers' ratings are shown after submitting"
    table = at.dataframe[0].value  # a row per competency, a column per interviewer
    assert {"New Interviewer", "Katrin Vogel"} <= set(table.columns)
    assert set(table["New Interviewer"]) == {"4"}


def _interview_id(store) -> int:
    return next(i.id for i in store.interviews_of(1) if i.interviewer == "New Interviewer")


def test_a_rating_marks_its_competency_done_in_the_same_click(app, demo_store):
    """The pills are drawn before the panel saves the rating; the mark must follow the click, not the next one,
    and go again when the rating is taken back."""
    email = add_staff(demo_store, "New Interviewer", "interviewer", assign_to=(1,))
    at = app("interview", as_=email, round=1, candidate=1)
    interview_id = _interview_id(demo_store)
    first = demo_store.catalog_of_round(1).competencies[0]

    def mark() -> str:
        pills = at.pills(key=f"pick:{interview_id}")
        return pills.format_func(first.id).split(" ", 1)[0]

    assert mark() == "○"
    at.segmented_control(key=f"rating:{interview_id}:{first.id}").set_value(3).run()
    assert mark() == "✓" and demo_store.ratings_of(interview_id)[first.id].value == 3
    at.segmented_control(key=f"rating:{interview_id}:{first.id}").set_value(None).run()
    assert mark() == "○" and demo_store.ratings_of(interview_id)[first.id].value is None


def test_interview_notes_are_saved(app, demo_store):
    email = add_staff(demo_store, "Notes Taker", "recruiter", assign_to=(2,))
    at = app("interview", as_=email, round=1, candidate=2)
    interview_id = next(i.id for i in demo_store.interviews_of(2) if i.interviewer == "Notes Taker")
    competency = demo_store.catalog_of_round(1).competencies[0].id
    at.text_area(key=f"notes:{interview_id}:{competency}").input("Strong example <b>with</b> numbers").run()
    assert demo_store.ratings_of(interview_id)[competency].notes == "Strong example <b>with</b> numbers"


def test_comparison_draws_every_chart(app):
    at = app("comparison", round=1)
    assert len(at.get("plotly_chart")) == 1, "the first view: the ranking; the other charts are folded"
    for section in ("profiles_section", "heatmap_section", "gap_section", "disagreement_section"):
        at.session_state[section] = True  # every section opened, as clicks would
    at.run()
    assert not at.exception and not at.error
    charts = at.get("plotly_chart")
    assert len(charts) == 5
    key = [expander for expander in at.expander if expander.label == t("comparison.key", "en")]
    assert len(key) == 2 and not any(expander.dataframe for expander in key)  # under the radar and heatmap, closed
    at.session_state["heatmap_key"] = True  # opened, as a click would
    at.run()
    key = [expander for expander in at.expander if expander.label == t("comparison.key", "en")]
    assert [len(expander.dataframe) for expander in key] == [0, 1], "the opened key shows its table"
    assert len(at.get("download_button")) == 5  # JSON, CSV, XLSX; the candidate report and the round report


def test_catalog_browser_in_russian(app):
    at = app("catalogs", lang="ru")
    assert at.title[0].value == "Каталоги компетенций"
    assert len(at.expander) >= 12


def test_manager_types_page_types_every_interviewed_candidate(app, demo_store):
    at = app("manager_types", round=1)
    assert at.title[0].value == "Manager types"
    table = at.dataframe[0].value
    finalists = {c.name for c in demo_store.list_candidates(1)} & set(table["Candidate"])
    assert len(table) == 5 and len(finalists) == 5
    assert table["What the profile shows"].str.startswith("Relative strengths").all()
    assert set(table["How clearly"]) <= {"Likely", "Unclear"}, "five candidates: no type is called clear"
    assert any("Too few candidates" in i.value and "at least 10" in i.value for i in at.info), \
        "5 candidates are typed against the archetypes"
    panels = list(at.expander)  # the page's only expanders: a panel per type
    assert len(panels) == len(set(table["Type"])), "a panel per type"
    assert len(at.get("plotly_chart")) == 1 and not any(p.children for p in panels), \
        "closed, the panels hold nothing yet: the first page draws only the strip"


def test_a_large_round_keeps_its_types_after_an_interview_and_says_how_many_were_placed(app, demo_store):
    from assessment.demo import synthetic_round

    round_ = synthetic_round(demo_store, 320)  # about 230 interviewed: above KEEP_FROM
    before = app("manager_types", round=round_.id, lang="de")
    placed = [c.value for c in before.caption if "Seitdem hinzugekommene" in c.value]
    assert not placed, "the types were just found: nothing placed yet"
    frame = demo_store.candidates_frame(round_.id)
    candidate = int(frame.loc[frame["interviews"] > 0, "candidate"].iloc[0])
    opened = demo_store.start_interview(candidate, "Kept Types Interviewer")
    version = opened.version
    for competency in demo_store.catalog_of_round(round_.id).competencies:
        version = demo_store.save_rating(opened.id, version, competency.id, 1)
    demo_store.submit_interview(opened.id, demo_store.set_recommendation(opened.id, version, "no"))
    after = app("manager_types", round=round_.id, lang="de")
    notes = [c.value for c in after.caption if "Seitdem hinzugekommene" in c.value]
    assert len(notes) == 1 and "zugeordnet wurden: 1." in notes[0] and "2 %" in notes[0]
    assert not after.exception and not after.error


def test_a_large_rounds_table_of_types_is_folded_until_opened(app, demo_store):
    from assessment.demo import synthetic_round

    round_ = synthetic_round(demo_store, 120)  # more typed candidates than the strip has rows for
    at = app("manager_types", round=round_.id, lang="ru")
    assert not at.exception and not at.error and not at.dataframe, "closed: the table is not sent"
    heading = t("types.candidates_heading", "ru")
    assert [e.label for e in at.expander if e.label == heading] == [heading]
    at.session_state["types_table"] = True  # opened, as a click would
    at.run()
    table = at.dataframe[0].value
    typed = len(demo_store.candidates_frame(round_.id).query("interviews > 0"))
    assert len(table) == typed and not at.exception


def test_a_type_panel_shows_its_radar_and_members_once_opened(app, demo_store):
    from assessment.results.cache import types_of
    from assessment.results.loader import load_round

    typed = types_of(load_round(demo_store, 1), "interview")
    type_id = typed.present_types()[0]
    name = typed.type_name(type_id, "en")
    at = app("manager_types", round=1)
    at.session_state[f"type_section:{type_id}"] = True  # opened, as a click would
    at.run()
    panel = next(e for e in at.expander if e.label.startswith(plain(name)))
    assert len(panel.get("plotly_chart")) == 1, "the type's radar"
    members = typed.table.loc[typed.table["type"] == type_id, "name"]
    shown = " ".join(m.value for m in panel.markdown)
    assert len(members) and all(plain(member) in shown for member in members), "every member listed"
    assert len(at.get("plotly_chart")) == 2, "the strip and the one open panel's radar"


def test_manager_types_page_says_plainly_when_there_are_no_groups(app):
    at = app("manager_types", round=1, lang="de")
    at.segmented_control(key="types_source").set_value("self").run()
    assert at.query_params["source"] in ("self", ["self"])
    assert len(at.dataframe[0].value) == 10
    assert at.warning and "keine echten Gruppen" in at.warning[0].value


def test_manager_types_page_on_a_round_without_profiles(app, demo_store):
    empty = demo_store.create_round("Leer", "project_manager")
    at = app("manager_types", round=empty.id, lang="ru")
    assert at.title[0].value == "Типы менеджеров"
    assert at.info and "пока нет профиля" in at.info[0].value and not at.dataframe


def test_manager_types_page_with_a_broken_archetypes_file_names_no_file(app, tmp_path, monkeypatch, caplog):
    catalogs = tmp_path / "catalogs"
    shutil.copytree(ROOT / "competencies", catalogs)
    (catalogs / "manager_types.yaml").write_text("types:\n  - id: only_one\n    name: {en: x}\n", encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", str(catalogs))
    at = app("manager_types", round=1, lang="de")
    assert at.error and at.error[0].value == t("types.unavailable", "de")
    assert ".yaml" not in at.error[0].value and not at.dataframe
    assert "manager_types.yaml" in caplog.text, "the server's log says where, for the administrator"


def test_a_mistake_is_told_in_the_reader_s_language_and_changes_nothing(app, demo_store):
    at = app("rounds", round=1, lang="ru")
    at.text_input[1].input("Кто-то")
    at.text_input[2].input("<b>nicht</b>@")
    at.button[1].click().run()
    assert at.error and at.error[0].value == "«\\<b\\>nicht\\</b\\>@\u2060» — это не адрес электронной почты."
    assert len(demo_store.list_candidates(1)) == 12


def test_notes_refused_as_stale_are_offered_for_copying_and_nothing_is_overwritten(app, demo_store):
    email = add_staff(demo_store, "Two Windows", "interviewer", assign_to=(2,))
    at = app("interview", as_=email, round=1, candidate=2)
    interview = next(i for i in demo_store.interviews_of(2) if i.interviewer == "Two Windows")
    competency = demo_store.catalog_of_round(1).competencies[0].id
    demo_store.save_notes(interview.id, interview.version, competency, "Saved in the other window")
    at.text_area(key=f"notes:{interview.id}:{competency}").input("Typed here <b>late</b>").run()
    assert at.error and "changed this interview in the meantime" in at.error[0].value
    assert at.code and at.code[0].value == "Typed here <b>late</b>"
    assert demo_store.ratings_of(interview.id)[competency].notes == "Saved in the other window"
    assert at.text_area(key=f"notes:{interview.id}:{competency}~1").value == "Saved in the other window"


def test_a_rating_without_a_level_shows_a_dash_not_none():
    from types import SimpleNamespace

    from assessment.ui.all_ratings import rating_cell
    notes_only = SimpleNamespace(value=None, not_observed=False, notes="Asked about budgets")
    assert rating_cell(notes_only) == rating_cell(None) == "—"
    assert rating_cell(SimpleNamespace(value=None, not_observed=True, notes="")) == t("common.not_observed_short", "en")
    assert rating_cell(SimpleNamespace(value=4, not_observed=False, notes="")) == "4"
