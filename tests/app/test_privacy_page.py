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
