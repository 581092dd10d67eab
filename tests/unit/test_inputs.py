"""The input boundary: control characters, NUL, escape sequences, lengths and paths, as people and files
bring them — refused or cleaned once, stored safely on both databases, printed safely by the command."""

from __future__ import annotations

import pytest

from assessment.cli import main
from assessment.errors import InvalidValue, NotFound
from assessment.inputs import catalog_id, clean_text, normalise_text, printable
from assessment.store import Store

HOSTILE = "Ann\x00a \x1b[31mRed\x1b[0m \u202eevil\u202c\r\nEnd\x7f\x85"


def test_controls_are_removed_and_white_space_folded():
    assert clean_text(HOSTILE, limit=100) == "Anna [31mRed[0m evil End"
    assert clean_text("  Jürgen\u0308  Groß ", limit=100) == "Jürgen̈ Groß"
    assert clean_text(None, limit=5) == ""


def test_notes_keep_their_lines():
    assert clean_text("first\r\nsecond  \rthird\x00\n\n", limit=100, multiline=True) == "first\nsecond\nthird"
    assert normalise_text("a\r\nb ", multiline=True) == "a\nb"


def test_length_and_kind_are_checked():
    with pytest.raises(InvalidValue) as caught:
        clean_text("x" * 11, limit=10)
    assert caught.value.code == "text_too_long" and caught.value.params == {"limit": 10}
    with pytest.raises(InvalidValue):
        clean_text(42, limit=10)


@pytest.mark.parametrize("value", ["../competencies/dimensions", "/etc/passwd", "..\\x", "dimensions/../x",
                                   "Client_Manager", "", "a" * 65, "x\x00", "client-manager"])
def test_a_catalog_id_is_a_name_never_a_path(value):
    with pytest.raises(NotFound) as caught:
        catalog_id(value)
    assert caught.value.code == "catalog_unknown"


def test_printable_shows_controls_as_escapes():
    assert printable("a\x1b[2Jb\u202ec\td") == "a\\x1b[2Jb\\u202ec\td"


def test_nul_and_escapes_are_stored_cleanly_on_both_databases(store):
    round_ = store.create_round("Round\x00 \x1b]0;owned\x07", "sample_role")
    candidate = store.add_candidate(round_.id, HOSTILE, "ann\x00@example.de")
    assert store.get_round(round_.id).name == "Round ]0;owned"
    assert store.get_candidate(candidate.id).name == "Anna [31mRed[0m evil End"
    assert store.get_candidate(candidate.id).email == "ann@example.de"
    interview = store.start_interview(candidate.id, "Bob\x00 Builder")
    assert interview.interviewer == "Bob Builder"
    version = store.save_notes(interview.id, interview.version, "listening", "line\x00one\r\nline two\x1b")
    store.save_rating(interview.id, version, "planning", 4, notes="x\x00y")
    ratings = store.ratings_of(interview.id)
    assert ratings["listening"].notes == "lineone\nline two" and ratings["planning"].notes == "xy"


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    return lambda *argv: main([str(a) for a in argv])


@pytest.mark.parametrize("catalog", ["../competencies/dimensions", "../../../elsewhere/x", "/tmp/x",
                                     "dimensions", "manager_types"])
def test_round_create_refuses_paths_in_one_line(cli, capsys, catalog):
    assert cli("round", "create", "R", "--catalog", catalog) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: unknown catalog") and "Traceback" not in captured.err


def test_round_list_and_errors_never_send_escape_sequences(cli, capsys, monkeypatch):
    Store.open().create_round("Q4", "sample_role")
    from assessment.store.models import Round
    with Store.open().engine.begin() as connection:  # a name stored before the boundary existed
        connection.execute(Round.__table__.update().values(name="Q4\x1b[2J\x1b]0;owned\x07"))
    assert cli("round", "list") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
    assert cli("round", "create", "R", "--catalog", "evil\x1b[2J") == 1
    assert "\x1b" not in capsys.readouterr().err


def test_a_number_too_long_for_python_is_a_located_problem(cli, capsys, tmp_path):
    broken = tmp_path / "huge.yaml"
    broken.write_text("schema_version: 1\nid: huge\nversion: " + "9" * 5000 + "\n", encoding="utf-8")
    assert cli("catalog", "validate", broken) == 1
    out = capsys.readouterr()
    assert f"{broken}:3:10: error: this number is too long" in out.out + out.err
    assert "Traceback" not in out.out + out.err
