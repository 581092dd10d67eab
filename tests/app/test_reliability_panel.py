"""The reliability panel on the comparison page: shown in every language, with the demo's flags and agenda."""

from __future__ import annotations

import pytest

from assessment import i18n
from assessment.psychometrics import interpret_icc

pytestmark = pytest.mark.slow  # every page runs the whole app script


def panel(at, lang: str, open_it: bool = True):
    """The reliability panel of the page; opened first (as a click would) unless `open_it` is False."""
    if open_it:
        at.session_state["trust_panel"] = True
        at.run()
    title = i18n.t("trust.title", lang)
    expanders = [e for e in at.expander if e.label == title]
    assert len(expanders) == 1, [e.label for e in at.expander]
    return expanders[0]


def test_the_closed_panel_holds_nothing_yet(app):
    at = app("comparison", round=1)
    shown = panel(at, "en", open_it=False)
    assert not shown.children, "closed, nothing of it is worked out or sent"


def texts(element) -> str:
    return "\n".join(m.value for m in element.markdown)


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_the_panel_renders_with_the_demo_flags_in_every_language(app, lang):
    at = app("comparison", lang=lang, round=1)
    assert not at.exception and not at.error
    shown = panel(at, lang)
    assert [m.label for m in shown.metric] == [i18n.t("trust.icc.single", lang), i18n.t("trust.icc.panel", lang)]
    assert all(m.value[0] in "0−-" for m in shown.metric)  # a figure, not a reason
    lines = texts(shown)
    assert f"**Mark Ellis** — {i18n.t('trust.flag.lenient', lang)}" in lines
    assert f"**Дмитрий Волков** — {i18n.t('trust.flag.speeding', lang)}" in lines
    assert f"**Sophie Becker** — {i18n.t('trust.flag.straight_lining', lang)}" in lines
    # each figure is read in a sentence, banded as it is shown (the demo's single-rater ICC is about 0.5)
    shown_icc = float(shown.metric[0].value.replace(",", ".").replace("−", "-"))
    assert i18n.t(f"trust.icc.single.{interpret_icc(shown_icc)}", lang) in lines
    agenda = shown.dataframe[0].value
    assert list(agenda.columns)[:2] == [i18n.t("common.candidate", lang), i18n.t("common.competency", lang)]
    highest = agenda[i18n.t("trust.col.highest", lang)]
    assert len(agenda) > 0 and highest.str.fullmatch(r"[1-5] \(.+\)").all()  # "4 (Mark Ellis)"
    assert highest.str.contains("Mark Ellis").any()


def test_decimal_comma_in_german(app):
    shown = panel(app("comparison", lang="de", round=1), "de")
    assert all("," in m.value and "." not in m.value for m in shown.metric)


def test_a_round_with_one_interviewer_shows_reasons_not_errors(app, demo_store):
    round_ = demo_store.create_round("Tiny round", "client_manager")
    candidate = demo_store.add_candidate(round_.id, "Zoë O'Brien")
    interview = demo_store.start_interview(candidate.id, "Vera Vogel")
    version = interview.version
    for competency in demo_store.catalog_of_round(round_.id).competencies:
        version = demo_store.save_rating(interview.id, version, competency.id, 3)
    version = demo_store.set_recommendation(interview.id, version, "yes")
    demo_store.submit_interview(interview.id, version)
    at = app("comparison", lang="ru", round=round_.id)
    shown = panel(at, "ru")
    assert not shown.metric and not shown.dataframe
    infos = {i.value for i in shown.info}
    for reason in ("no_shared_candidates", "one_interviewer", "no_answers", "too_few_respondents"):
        assert any(i18n.t(f"trust.reason.{reason}", "ru") in text for text in infos | {texts(shown)}), reason
