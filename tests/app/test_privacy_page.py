"""The privacy notice page for staff, and the notice on the candidate's consent step, driven with AppTest."""

from __future__ import annotations

import pytest

from assessment import privacy
from assessment.i18n import t
from assessment.ui.common import plain

from .conftest import INTERVIEWER


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_staff_read_the_notice_in_use_with_its_version(app, lang, monkeypatch):
    monkeypatch.delenv("ASSESSMENT_PRIVACY_NOTICE", raising=False)
    notice = privacy.notice()
    at = app("privacy", lang=lang)
    assert at.title[0].value == t("privacy.page_title", lang)
    assert not at.error
    assert at.warning[0].value == t("privacy.page_example", lang)  # the shipped example says it is one
    assert notice.version in {m.value for m in at.metric}
    shown = {text.value for text in at.text}
    assert {notice.purpose[code] for code in ("en", "de", "ru")} <= shown  # one tab per language


def test_a_broken_notice_is_named_with_its_line_for_staff_and_keeps_candidates_from_starting(
        app, demo_store, tmp_path, monkeypatch):
    broken = tmp_path / "notice.yaml"
    broken.write_text(privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8").replace("retention_days: 180\n", ""),
                      encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_PRIVACY_NOTICE", str(broken))
    at = app("privacy", as_=INTERVIEWER, lang="de")
    # Where the field is missing: the start of the notice (line 8, after the comments), the file name made inert.
    expected = f"{plain(str(broken))}:8: Im Datenschutzhinweis fehlt das Feld „{plain('retention_days')}“."
    assert [e.value for e in at.error] == [expected]

    candidate = demo_store.add_candidate(1, "Neue Person", language="de")
    at = app(as_=None, token=demo_store.invite(candidate.id))
    assert [e.value for e in at.error] == [t("privacy.unavailable", "de")]
    assert not at.checkbox and not at.button


def test_a_candidate_who_submitted_can_withdraw_from_the_thank_you_page(app, demo_store):
    submitted = next(s.candidate for s in demo_store.statuses(1) if s.state == "submitted")
    at = app(as_=None, token=demo_store.invite(submitted.id), lang="ru")
    assert at.title[0].value == t("self.thanks_title", "ru")
    at.button(key="withdraw").click().run()
    assert at.title[0].value == t("privacy.confirm_title", "ru")
    assert demo_store.answers_of(submitted.id), "nothing is erased before the candidate confirms"
    next(b for b in at.button if b.label == t("privacy.confirm_yes", "ru")).click().run()
    assert at.title[0].value == t("privacy.withdrawn_title", "ru")
    assert demo_store.answers_of(submitted.id) == {}
    assert {s.candidate.id: s.state for s in demo_store.statuses(1)}[submitted.id] == "withdrawn"
    event = demo_store.audit_events(round_id=1)[-1]
    assert (event.actor, event.action, event.subject) == (f"candidate:{submitted.id}", "consent.withdraw",
                                                          f"candidate:{submitted.id}")
