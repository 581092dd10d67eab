"""The debrief panel and the ranking certainty on the comparison page: shown in every language; the committee
records a consensus and a decision through the forms; bad input is one message and changes nothing."""

from __future__ import annotations

import pytest

from assessment import i18n

pytestmark = pytest.mark.slow  # every page runs the whole app script

COMMITTEE = "olivia.grant@demo.example"  # on the committee of demo round 1


def dataframes_with(at, column: str):
    return [d.value for d in at.dataframe if column in d.value.columns]


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_the_panels_render_in_every_language(app, lang):
    at = app("comparison", as_=COMMITTEE, lang=lang, round=1, candidate=1)
    assert not at.exception and not at.error
    assert i18n.t("debrief.title", lang) in [s.value for s in at.subheader]
    ahead = dataframes_with(at, i18n.t("ranking.col.ahead", lang))
    assert len(ahead) == 1 and 2 <= len(ahead[0]) <= 5
    shown = ahead[0][i18n.t("ranking.col.ahead", lang)].tolist()
    assert shown[-1] == "–" and all(text.endswith("%") for text in shown[:-1])
    table = dataframes_with(at, i18n.t("debrief.col.consensus", lang))[0]
    assert {i18n.t("debrief.col.mean", lang), i18n.t("debrief.col.spread", lang)} <= set(table.columns)
    assert at.button_group(key="debrief_verdict") is not None


def test_the_committee_records_a_consensus_and_a_decision(app, demo_store):
    at = app("comparison", as_=COMMITTEE, lang="en", round=1, candidate=1)
    competency = demo_store.catalog_of_round(1).competencies[0]
    at.selectbox(key="debrief_competency").set_value(competency.id)
    at.button_group(key="debrief_rating").set_value(1)
    at.text_area(key="debrief_note").input("The reference call contradicted both interviews.")
    at.button(key="FormSubmitter:consensus_1-Save consensus").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert i18n.t("debrief.saved.consensus", "en") in [s.value for s in at.success]
    stored = demo_store.consensus_of(1)[competency.id]
    assert (stored.value, stored.recorded_by) == (1, COMMITTEE)
    at.button_group(key="debrief_verdict").set_value("hold")
    at.text_area(key="debrief_reasons").input("Second interview with the client team first.")
    at.button(key="FormSubmitter:decision_1-Save decision").click().run()
    assert not at.error
    assert demo_store.decision_of(1).verdict == "hold"
    overview = dataframes_with(at, i18n.t("debrief.col.decision", "en"))[0]
    row = overview[overview[i18n.t("common.candidate", "en")] == demo_store.get_candidate(1).name].iloc[0]
    assert row[i18n.t("debrief.col.decision", "en")] == "Hold"
    assert row[i18n.t("debrief.col.basis", "en")] == i18n.t("debrief.basis.mixed", "en")


def test_a_consensus_far_from_the_mean_without_a_note_is_refused_in_the_users_language(app, demo_store):
    at = app("comparison", as_=COMMITTEE, lang="de", round=1, candidate=1)
    results_mean = demo_store.ratings_frame(1).query("candidate == 1").groupby("competency")["value"].mean()
    competency = next(c for c, m in results_mean.items() if m >= 3)
    at.selectbox(key="debrief_competency").set_value(competency)
    at.button_group(key="debrief_rating").set_value(1)
    at.button(key="FormSubmitter:consensus_1-Konsens speichern").click().run()
    assert [e.value for e in at.error] == [i18n.t("error.consensus_note", "de", value=1)]
    assert demo_store.consensus_of(1) == {}
    at.button(key="FormSubmitter:decision_1-Entscheidung speichern").click().run()
    assert [e.value for e in at.error] == [i18n.t("debrief.choose_verdict", "de")]
    assert demo_store.decision_of(1) is None



@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_the_interview_page_shows_the_brief_above_the_competencies(app, demo_store, lang):
    from assessment.results.brief import brief_text, interview_brief
    from tests.app.conftest import add_staff

    submitted = next(c for c in demo_store.list_candidates(1) if c.submitted_at is not None)
    email = add_staff(demo_store, "Brief Reader", "interviewer", assign_to=(submitted.id,))
    at = app("interview", as_=email, lang=lang, round=1, candidate=submitted.id)
    assert not at.exception and not at.error
    brief = [e for e in at.expander if e.label == i18n.t("brief.title", lang)]
    assert len(brief) == 1
    catalog = demo_store.catalog_of_round(1)
    expected = brief_text(interview_brief(catalog, demo_store.answers_of(submitted.id)), catalog, lang)
    assert [t.value for t in brief[0].text] == [expected]
    assert at.expander[0].label == brief[0].label  # above the kit, which shows one competency at a time
