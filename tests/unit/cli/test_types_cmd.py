"""Tests for `assessment types fit` (assessment/cli/types_cmd.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assessment.cli import build_parser, main
from assessment.cli.types_cmd import fit_command
from assessment.errors import UserError
from assessment.i18n import error_text
from assessment.manager_types import load_archetypes

COMPETENCIES = Path(__file__).resolve().parents[3] / "competencies"


def _no_nan(token: str):
    raise AssertionError(f"{token} is not JSON; NaN must be printed as null")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["types", "fit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert err == ""
    return json.loads(out, parse_constant=_no_nan)


TYPES = len(load_archetypes(COMPETENCIES).profiles)  # the catalog's archetypes, one cluster each


def candidates(per_type: int = 20, sd: float = 0.3, seed: int = 0) -> pd.DataFrame:
    """Candidates drawn around the catalog's archetypes, as the CSV holds them."""
    profiles = load_archetypes(COMPETENCIES).profiles
    rng = np.random.default_rng(seed)
    truth = np.repeat(profiles.index.to_numpy(), per_type)
    values = np.clip(profiles.loc[truth].to_numpy() + rng.normal(0, sd, (len(truth), profiles.shape[1])), 1, 5)
    frame = pd.DataFrame(values.round(2), columns=profiles.columns)
    frame.insert(0, "id", [f"cand-{i:03d}" for i in range(len(frame))])
    frame.attrs["truth"] = truth
    return frame


def write(tmp_path: Path, content: pd.DataFrame | str | bytes, name: str = "candidates.csv") -> str:
    path = tmp_path / name
    if isinstance(content, pd.DataFrame):
        content.to_csv(path, index=False)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.fixture
def no_archetypes(tmp_path, monkeypatch) -> Path:
    """A catalog folder with the dimensions but no manager_types.yaml yet."""
    folder = tmp_path / "catalog"
    folder.mkdir()
    shutil.copy(COMPETENCIES / "dimensions.yaml", folder / "dimensions.yaml")
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", str(folder))
    return folder


# -- happy paths ------------------------------------------------------------------------------------


def test_fit_prints_the_summary_and_writes_one_row_per_candidate(capsys, tmp_path):
    frame = candidates()
    out = tmp_path / "types.csv"
    summary = run_json(capsys, write(tmp_path, frame), "--out", str(out))
    assert set(summary) >= {"k", "silhouette", "stability", "structure", "types"}
    assert summary["k"] == TYPES and summary["structure"] == "clear" and summary["silhouette"] > 0.5
    assert {t["id"] for t in summary["types"]} == set(load_archetypes(COMPETENCIES).profiles.index)
    assert sum(t["size"] for t in summary["types"]) == len(frame)
    first = summary["types"][0]
    assert set(first) >= {"id", "name", "size", "centre"} and set(first["name"]) == {"en", "de", "ru"}
    assert list(first["centre"]) == list(frame.columns[1:])
    written = pd.read_csv(out)
    assert list(written.columns) == ["id", "type", "probability", "runner_up"]
    assert list(written["id"]) == list(frame["id"])
    assert (written["type"] == frame.attrs["truth"]).all()
    assert written["probability"].between(0, 1).all() and (written["type"] != written["runner_up"]).all()


def test_k_is_taken_and_results_repeat_with_the_same_random_state(capsys, tmp_path):
    path = write(tmp_path, candidates(sd=0.8))
    first = run_json(capsys, path, "--k", "4", "--random-state", "7")
    assert first["k"] == 4 and len(first["types"]) == 4
    assert run_json(capsys, path, "--k", "4", "--random-state", "7") == first


def test_empty_cells_are_missing_values_not_errors(capsys, tmp_path):
    frame = candidates().astype(object)
    frame.iloc[::3, 4] = None
    frame.iloc[5, 1:] = None  # nothing measured for one candidate
    out = tmp_path / "types.csv"
    run_json(capsys, write(tmp_path, frame), "--out", str(out))
    assert len(pd.read_csv(out)) == len(frame)


def test_a_round_of_three_is_typed_against_the_archetypes(capsys, tmp_path):
    summary = run_json(capsys, write(tmp_path, candidates(per_type=1).iloc[:3]))
    assert summary["method"] == "archetypes" and summary["structure"] == "none"
    assert summary["silhouette"] is None and summary["stability"] is None


def test_without_manager_types_the_types_are_described_not_named(capsys, tmp_path, no_archetypes):
    summary = run_json(capsys, write(tmp_path, candidates()))
    assert all(t["id"].startswith("custom_") for t in summary["types"])
    assert all(t["name"]["en"] and t["name"]["de"] and t["name"]["ru"] for t in summary["types"])


def test_ids_that_look_like_formulas_are_defused(capsys, tmp_path):
    frame = candidates()
    frame.loc[0, "id"] = "=HYPERLINK(\"http://x\")"
    out = tmp_path / "types.csv"
    run_json(capsys, write(tmp_path, frame), "--out", str(out))
    assert pd.read_csv(out)["id"].iloc[0] == "'=HYPERLINK(\"http://x\")"


@pytest.mark.slow
def test_the_installed_command_runs_without_a_traceback(tmp_path):
    path = write(tmp_path, candidates(per_type=3))
    done = subprocess.run([sys.executable, "-m", "assessment", "types", "fit", path], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["n_candidates"] == 3 * TYPES
    failed = subprocess.run(
        [sys.executable, "-m", "assessment", "types", "fit", str(tmp_path / "nope.csv")], capture_output=True, text=True
    )
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr


# -- bad input: exit 1, one line on stderr, nothing on stdout ---------------------------------------------


def _with(change):
    def make() -> pd.DataFrame:
        frame = candidates(per_type=2).astype(object)
        return change(frame) if change else frame

    return make


BAD_FILES = {
    "empty file": ("", "the file is empty"),
    "only a header": ("id,strategy\n", "no candidates"),
    "no id column": (_with(lambda f: f.drop(columns="id")), "no 'id' column"),
    "unknown dimension": (_with(lambda f: f.assign(charisma=3)), "unknown dimension column(s): charisma"),
    "missing dimension": (_with(lambda f: f.drop(columns="resilience")), "missing dimension column(s): resilience"),
    "not a number": (_with(lambda f: f.assign(analysis=["high"] + [3] * (len(f) - 1))),
                     "candidate cand-000, analysis: 'high' is not a number"),
    "out of range": (_with(lambda f: f.assign(leadership=[3] * (len(f) - 1) + [6])),
                     "leadership: 6 is outside the scale 1–5"),
    "zero is out of range": (_with(lambda f: f.assign(strategy=[0] + [3] * (len(f) - 1))), "outside the scale"),
    "infinite value": (_with(lambda f: f.assign(strategy=["inf"] + [3] * (len(f) - 1))), "not a finite number"),
    "duplicate id": (_with(lambda f: f.assign(id=["a", "a"] + list(f["id"][2:]))), "'a' appears more than once"),
    "empty id": (_with(lambda f: f.assign(id=[""] + list(f["id"][1:]))), "row 2 has no id"),
    "not UTF-8": (b"id,strategy\n\xff\xfe\x00,3\n", "not a readable CSV file"),
    "row longer than the header": ("id,strategy\na,3,4,5\nb,1\n", "not a readable CSV file"),
    "row longer than the first": ("id,strategy\na,3\nb,1,5\n", "not a readable CSV file"),
}  # fmt: skip


def assert_one_line_error(code: int, out: str, err: str, expected: str) -> None:
    assert code == 1
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert expected in err, err


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_files_are_one_line_errors(capsys, tmp_path, case):
    content, expected = BAD_FILES[case]
    path = write(tmp_path, content() if callable(content) else content)
    assert_one_line_error(*run(capsys, path), expected)


def test_missing_file_and_directory_are_one_line_errors(capsys, tmp_path):
    assert_one_line_error(*run(capsys, str(tmp_path / "nope.csv")), "no such file")
    assert_one_line_error(*run(capsys, str(tmp_path)), "is a directory")


@pytest.mark.parametrize(
    ("k", "expected"),
    [("1", f"k must be between 2 and {2 * TYPES - 1}"), (str(2 * TYPES), f"k must be between 2 and {2 * TYPES - 1}"),
     ("-3", "k must be between"),
     ("two", "invalid int value: 'two'")],
)  # fmt: skip
def test_k_out_of_range_is_a_one_line_error(capsys, tmp_path, k, expected):
    path = write(tmp_path, candidates(per_type=2))
    assert_one_line_error(*run(capsys, path, "--k", k), expected)


def test_k_with_too_few_candidates_to_cluster_is_a_one_line_error(capsys, tmp_path):
    path = write(tmp_path, candidates(per_type=1).iloc[:4])
    assert_one_line_error(*run(capsys, path, "--k", "2"), "k=2 needs at least 10 candidates")


def test_too_few_rows_without_archetypes_is_a_one_line_error(capsys, tmp_path, no_archetypes):
    path = write(tmp_path, candidates(per_type=1).iloc[:5])
    assert_one_line_error(*run(capsys, path), "n_samples=5 is too few to form types without archetypes")


def test_unwritable_output_is_a_one_line_error(capsys, tmp_path):
    path = write(tmp_path, candidates(per_type=2))
    assert_one_line_error(*run(capsys, path, "--out", str(tmp_path / "no" / "such" / "dir.csv")), "cannot write")


def test_usage_mistakes_are_one_line_errors(capsys):
    code = main(["types"])
    out, err = capsys.readouterr()
    assert_one_line_error(code, out, err, "required")
    code = main(["types", "fit"])
    out, err = capsys.readouterr()
    assert_one_line_error(code, out, err, "FILE.csv")


# -- the same mistakes in the reader's language: every word translated, only ids and numbers kept ----------


def _caught(tmp_path, content, *argv: str) -> UserError:
    path = write(tmp_path, content() if callable(content) else content)
    with pytest.raises(UserError) as caught:
        fit_command(build_parser().parse_args(["types", "fit", path, *argv]))
    return caught.value


TRANSLATED = {
    "not a number": (BAD_FILES["not a number"][0], (),
                     "Kandidat*in cand-000, Dimension analysis: 'high' ist keine Zahl.",
                     "Кандидат cand-000, измерение analysis: 'high' — не число."),
    "out of range": (BAD_FILES["out of range"][0], (),
                     f"Kandidat*in cand-{2 * TYPES - 1:03d}, Dimension leadership: 6 liegt außerhalb der Skala 1–5.",
                     f"Кандидат cand-{2 * TYPES - 1:03d}, измерение leadership: значение 6 вне шкалы 1–5."),
    "row longer than the header": (BAD_FILES["row longer than the header"][0], (),
                                   "{path} ist keine lesbare CSV-Datei: Eine Zeile hat mehr Zellen als die Kopfzeile.",
                                   "{path} — не читаемый файл CSV: в одной из строк больше ячеек, чем в заголовке."),
    "row longer than the first": (BAD_FILES["row longer than the first"][0], (),
                                  "{path} ist keine lesbare CSV-Datei (bei Zeile 3): Prüfen Sie, ob ein "
                                  "Anführungszeichen nicht geschlossen ist oder eine Zeile zu viele Zellen hat.",
                                  "{path} — не читаемый файл CSV (около строки 3): проверьте, нет ли незакрытой "
                                  "кавычки или строки с лишними ячейками."),
    "unclosed quote": ('id,strategy\na,3\nb,"1\n', (),
                       "{path} ist keine lesbare CSV-Datei (bei Zeile 3): Prüfen Sie, ob ein "
                       "Anführungszeichen nicht geschlossen ist oder eine Zeile zu viele Zellen hat.",
                       "{path} — не читаемый файл CSV (около строки 3): проверьте, нет ли незакрытой "
                       "кавычки или строки с лишними ячейками."),
    "output folder missing": (_with(None), ("--out", "{tmp}/no/such/dir.csv"),
                              "{tmp}/no/such/dir.csv lässt sich nicht schreiben: Der Ordner existiert nicht.",
                              "Не удаётся записать {tmp}/no/such/dir.csv: такой папки нет."),
    "output is a folder": (_with(None), ("--out", "{tmp}"),
                           "{tmp} lässt sich nicht schreiben: Das ist ein Ordner.",
                           "Не удаётся записать {tmp}: это папка."),
}  # fmt: skip


@pytest.mark.parametrize("case", TRANSLATED, ids=list(TRANSLATED))
def test_a_mistake_reaches_a_german_or_russian_reader_in_their_words(tmp_path, case):
    content, argv, german, russian = TRANSLATED[case]
    error = _caught(tmp_path, content, *(arg.format(tmp=tmp_path) for arg in argv))
    path = str(tmp_path / "candidates.csv")
    assert error_text(error, "de") == german.format(path=path, tmp=tmp_path)
    assert error_text(error, "ru") == russian.format(path=path, tmp=tmp_path)
