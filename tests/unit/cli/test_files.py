"""Tests for assessment/cli/_files.py: a file the commands cannot read or write is said in the
reader's language, with only the path and a line number taken from the system or pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from assessment.cli._files import unreadable_csv, write_error
from assessment.i18n import error_text


def _write_error(target: Path):
    with pytest.raises(OSError) as caught:
        target.write_bytes(b"x")
    return write_error(f"cannot write {target}: {caught.value.strerror}", target, caught.value)


def test_writing_into_a_missing_folder_or_onto_a_folder_is_said_in_words(tmp_path):
    target = tmp_path / "no" / "such.csv"
    missing = _write_error(target)
    assert str(missing) == f"cannot write {target}: No such file or directory"
    assert missing.code == "cannot_write_no_folder" and missing.params == {"path": str(target)}
    assert error_text(missing, "de") == f"{target} lässt sich nicht schreiben: Der Ordner existiert nicht."
    folder = _write_error(tmp_path)
    assert error_text(folder, "ru") == f"Не удаётся записать {tmp_path}: это папка."


def test_pandas_saying_the_folder_is_missing_without_a_number_is_understood(tmp_path):
    target = tmp_path / "no" / "out.csv"
    with pytest.raises(OSError) as caught:
        pd.DataFrame({"a": [1]}).to_csv(target)
    assert caught.value.errno is None
    assert write_error("cannot write", target, caught.value).code == "cannot_write_no_folder"


def test_any_other_write_error_says_only_that_the_file_cannot_be_written(tmp_path):
    error = write_error("cannot write", tmp_path / "x.csv", OSError(5, "Input/output error"))
    assert error.code == "cannot_write"
    assert error_text(error, "de") == f"{tmp_path / 'x.csv'} lässt sich nicht schreiben."


@pytest.mark.parametrize(("content", "line"), [('a,b\n1,2\n3,"4\n', 3), ("a,b\n1,2\n3,4,5\n", 3)])
def test_a_csv_pandas_cannot_parse_names_the_line_in_every_language(tmp_path, content, line):
    path = tmp_path / "data.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(pd.errors.ParserError) as caught:
        pd.read_csv(path)
    detail = str(caught.value)
    error = unreadable_csv(f"{path}: not a readable CSV file ({detail})", path, detail)
    assert (error.code, error.params) == ("csv_invalid_line", {"path": str(path), "line": line})
    assert error_text(error, "de").startswith(f"{path} ist keine lesbare CSV-Datei (bei Zeile {line}): ")
    assert error_text(error, "ru").startswith(f"{path} — не читаемый файл CSV (около строки {line}): ")
    assert detail not in error_text(error, "de") and detail in str(error), "pandas' English stays in the English line"


def test_a_csv_problem_without_a_line_is_still_said_in_words(tmp_path):
    error = unreadable_csv("x.csv: not a readable CSV file (odd)", tmp_path / "x.csv", "odd")
    assert error.code == "csv_invalid"
    assert error_text(error, "ru") == f"{tmp_path / 'x.csv'} — не читаемый файл CSV."
