"""The privacy notice file: the shipped example is complete, and a file lacking a field or a language is refused
with one located message in the reader's language."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

from assessment import i18n, privacy
from assessment.errors import InvalidValue, NotFound, UserError


def test_the_shipped_example_is_complete_and_says_it_is_an_example(monkeypatch):
    monkeypatch.delenv("ASSESSMENT_PRIVACY_NOTICE", raising=False)
    notice = privacy.notice()
    assert notice.path == privacy.EXAMPLE_NOTICE and notice.example
    assert "REPLACE" in privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8").splitlines()[0]
    assert notice.retention_days == 180
    for language in i18n.LANGUAGES:
        assert notice.purpose[language] and notice.rights[language] and notice.controller_address[language]
    assert "@" in notice.contact_email and len(notice.version) == 12


def _write(tmp_path, text: str):
    path = tmp_path / "notice.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _example_without(line_start: str) -> str:
    """The example's text with the line that starts with `line_start` left out."""
    lines = privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(line_start)]
    assert len(kept) == len(lines) - 1, line_start
    return "".join(kept)


def test_a_notice_without_a_language_is_refused_with_one_located_message(tmp_path):
    lines = privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8").splitlines(keepends=True)
    rights = next(i for i, line in enumerate(lines) if line.startswith("rights:"))
    german = next(i for i in range(rights, len(lines)) if lines[i].startswith("  de:"))
    russian = next(i for i in range(german, len(lines)) if lines[i].startswith("  ru:"))
    text = "".join(lines[:german] + lines[russian:])
    path = _write(tmp_path, text)
    with pytest.raises(InvalidValue) as caught:
        privacy.load_notice(path)
    error = caught.value
    assert str(error) == f"{path}:{rights + 1}: 'rights' has no text in Deutsch (de)"
    assert error.code == "privacy_notice_language" and error.params["language"] == "de"
    assert i18n.error_text(error, "de") == \
        f"{path}:{rights + 1}: „rights“ im Datenschutzhinweis hat keinen Text in der Sprache „de“."
    assert i18n.error_text(error, "ru").startswith(f"{path}:{rights + 1}: у поля «rights»")


@pytest.mark.parametrize(("left_out", "field"), [
    ("retention_days:", "retention_days"), ("  email:", "contact.email"), ("  address:", "controller.address")])
def test_a_notice_without_a_field_is_refused_with_one_located_message(tmp_path, left_out, field):
    path = _write(tmp_path, _example_without(left_out))
    with pytest.raises(InvalidValue) as caught:
        privacy.load_notice(path)
    assert caught.value.code == "privacy_notice_field" and caught.value.params["field"] == field
    assert str(caught.value).startswith(f"{path}:") and f"the field '{field}' is missing" in str(caught.value)
    assert "\n" not in i18n.error_text(caught.value, "ru")


@pytest.mark.parametrize(("change", "code"), [
    (("retention_days: 180", "retention_days: -5"), "privacy_notice_retention"),
    (("retention_days: 180", "retention_days: many"), "privacy_notice_retention"),
    (("email: privacy@example.com", "email: nobody"), "privacy_notice_email"),
    (("example: true", "exampel: true"), "privacy_notice_unknown"),
    (("example: true", "example: true\nexample: false"), "privacy_notice_yaml"),
])
def test_other_mistakes_are_named_where_they_stand(tmp_path, change, code):
    text = privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8")
    path = _write(tmp_path, text.replace(*change))
    with pytest.raises(InvalidValue) as caught:
        privacy.load_notice(path)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith(change[0]))
    assert caught.value.code == code
    assert str(caught.value).startswith(f"{path}:{line if code != 'privacy_notice_yaml' else line + 1}: ")


def test_the_notice_in_use_comes_from_the_environment_and_its_version_follows_the_content(tmp_path, monkeypatch):
    path = _write(tmp_path, privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8"))
    monkeypatch.setenv("ASSESSMENT_PRIVACY_NOTICE", str(path))
    first = privacy.notice()
    assert first.path == path and first.version == privacy.load_notice(privacy.EXAMPLE_NOTICE).version
    path.write_text(path.read_text(encoding="utf-8").replace("retention_days: 180", "retention_days: 90"),
                    encoding="utf-8")
    second = privacy.notice()
    assert second.retention_days == 90 and second.version != first.version
    path.unlink()
    with pytest.raises(NotFound) as caught:
        privacy.notice()
    assert caught.value.code == "privacy_notice_unreadable"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hst.data())
def test_a_mangled_notice_is_read_or_refused_with_a_located_message(tmp_path_factory, data):
    """Lines of the example dropped, duplicated or cut: the file is read, or refused as a UserError with a code
    whose words name the file and the line — never another exception."""
    lines = privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(hst.integers(1, 4))):
        index = data.draw(hst.integers(0, len(lines) - 1))
        change = data.draw(hst.sampled_from(["drop", "repeat", "cut"]))
        if change == "drop":
            lines.pop(index)
        elif change == "repeat":
            lines.insert(index, lines[index])
        else:
            lines[index] = lines[index][: data.draw(hst.integers(0, len(lines[index])))] + "\n"
        if not lines:
            lines = ["\n"]
    path = tmp_path_factory.mktemp("notice") / "notice.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    try:
        notice = privacy.load_notice(path)
    except UserError as exc:
        assert exc.code and exc.code.startswith("privacy_notice_"), exc
        for language in i18n.LANGUAGES:
            assert i18n.error_text(exc, language).startswith(f"{path}:"), exc
    else:
        assert all(notice.purpose[code] and notice.rights[code] for code in i18n.LANGUAGES)
