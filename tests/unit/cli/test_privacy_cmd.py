"""`assessment privacy check`: a valid notice gives its version; a mistake is one located line and exit 1."""

from __future__ import annotations

from assessment import privacy
from assessment.cli import main


def test_the_notice_in_use_is_checked_and_named(capsys, monkeypatch):
    monkeypatch.delenv("ASSESSMENT_PRIVACY_NOTICE", raising=False)
    assert main(["privacy", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{privacy.EXAMPLE_NOTICE}: valid, version {privacy.notice().version}, retention 180 days")
    assert "replace it" in out


def test_a_notice_without_a_language_is_one_line_and_exit_1(tmp_path, capsys):
    path = tmp_path / "ours.yaml"
    text = privacy.EXAMPLE_NOTICE.read_text(encoding="utf-8")
    path.write_text(text.replace("  ru: >-\n    Мы храним", "  fr: >-\n    Мы храним"), encoding="utf-8")
    assert main(["privacy", "check", str(path)]) == 1
    captured = capsys.readouterr()
    line = path.read_text(encoding="utf-8").splitlines().index("  fr: >-") + 1
    assert captured.out == ""
    assert captured.err == f"error: {path}:{line}: unknown field 'purpose.fr'\n"
