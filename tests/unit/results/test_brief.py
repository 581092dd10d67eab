"""The pre-interview brief from hand-made self-assessments of the fixture catalog (targets: listening 4,
planning 3, saying_no 5; listening.s2, planning.s3 and saying_no.s1 are reverse-keyed)."""

from __future__ import annotations

import pytest

from assessment import i18n
from assessment.catalog import load_catalog
from assessment.results.brief import brief_text, interview_brief
from tests.conftest import FIXTURES


@pytest.fixture
def catalog():
    return load_catalog("sample_role", FIXTURES / "catalogs").catalog


# listening: agrees strongly with a statement and with its opposite (5 and reverse 5) → contradiction, score 3
# planning: 5, 5 and reverse 1 → self score 5, two points above target 3
# saying_no: reverse 4 → 2, and 2 → self score 2, three points below target 5
ANSWERS = {"listening.s1": 5, "listening.s2": 5, "planning.s1": 5, "planning.s2": 5, "planning.s3": 1,
           "saying_no.s1": 4, "saying_no.s2": 2}


def test_contradictions_and_distances_from_the_target_with_their_probes(catalog):
    entries = {e.competency: e for e in interview_brief(catalog, ANSWERS)}
    assert {c: e.reasons for c, e in entries.items()} == {
        "listening": ("contradiction",), "planning": ("above_target",), "saying_no": ("below_target",)}
    listening = entries["listening"]
    assert listening.self_score == 3.0 and listening.target == 4
    [clash] = listening.contradictions
    assert (clash.statement.en, clash.answer, clash.reverse_statement.en, clash.reverse_answer) == (
        "Item 1 of listening", 5, "Item 2 of listening", 5)
    every_probe = [p.en for q in catalog.competency("listening").questions for p in q.probes]
    assert [p.en for p in listening.probes] == every_probe[:4] and "What did you do?" in every_probe
    assert entries["planning"].self_score == 5.0 and entries["saying_no"].self_score == 2.0


def test_only_the_focus_competencies_are_briefed(catalog):
    assert [e.competency for e in interview_brief(catalog, ANSWERS, focus=["saying_no", "listening"])] == [
        "listening", "saying_no"]


def test_consistent_answers_near_the_target_give_no_entry(catalog):
    calm = {"listening.s1": 4, "listening.s2": 2, "planning.s1": 3, "planning.s2": 4, "planning.s3": 3,
            "saying_no.s1": 2, "saying_no.s2": 4}
    assert interview_brief(catalog, calm) == []
    assert brief_text([], catalog, "de") == i18n.t("brief.nothing", "de")


def test_a_distance_just_below_the_threshold_is_not_far(catalog):
    # planning 4.33 vs target 3: 1.33 < 1.5; a gap of one point between plain and reverse items is no contradiction
    answers = {"planning.s1": 4, "planning.s2": 5, "planning.s3": 2}
    assert interview_brief(catalog, answers) == []
    assert [e.reasons for e in interview_brief(catalog, answers, far=1.0)] == [("above_target",)]


def test_unanswered_and_unknown_items_are_left_out(catalog):
    assert interview_brief(catalog, {}) == []
    assert interview_brief(catalog, {"nonsense.s9": 5, "listening.s1": 5}) == []  # one item: no pair


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_the_brief_reads_in_every_language(catalog, lang):
    text = brief_text(interview_brief(catalog, ANSWERS), catalog, lang)
    name = catalog.competency("listening").name.get(lang)
    assert text.startswith(i18n.t("brief.intro", lang))
    assert f"■ {name}" in text
    assert i18n.t("brief.reason.contradiction", lang) in text
    assert i18n.t("brief.reason.above_target", lang, score=i18n.number(5.0, lang, 1), target=3) in text
    assert catalog.competency("listening").questions[0].probes[0].get(lang) in text
    assert catalog.self_items[0].item.text.get(lang) in text
    if lang != "en":
        assert "5,0" in text  # decimal comma
