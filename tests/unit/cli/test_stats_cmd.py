"""Tests for `assessment stats alpha|icc` (assessment/cli/stats_cmd.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pingouin as pg
import pytest

from assessment.cli import main
from assessment.psychometrics import cronbach_alpha, icc

ICC_ARGS = ["--target", "Wine", "--rater", "Judge", "--rating", "Scores"]


def _no_nan(token: str):
    raise AssertionError(f"{token} is not JSON; NaN must be printed as null")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["stats", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out, parse_constant=_no_nan)


@pytest.fixture
def alpha_csv(tmp_path):
    wide = pg.read_dataset("cronbach_alpha").pivot(index="Subj", columns="Items", values="Scores")
    path = tmp_path / "answers.csv"
    wide.to_csv(path, index=False)
    return path, wide


@pytest.fixture
def icc_csv(tmp_path):
    path = tmp_path / "ratings.csv"
    data = pg.read_dataset("icc")
    data.to_csv(path, index=False)
    return path, data


def write(tmp_path, text: str | bytes, name: str = "input.csv"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return str(path)


def test_alpha_prints_the_documented_json(capsys, alpha_csv):
    path, wide = alpha_csv
    payload = run_json(capsys, "alpha", str(path))
    expected = cronbach_alpha(wide)
    assert set(payload) == {"alpha", "ci95", "n_items", "n_respondents", "band", "item_total"}
    assert payload["alpha"] == pytest.approx(pg.cronbach_alpha(wide)[0], abs=1e-12)
    assert payload["ci95"] == pytest.approx(list(expected.ci95), abs=1e-12)
    assert (payload["n_items"], payload["n_respondents"]) == (10, 15)
    first = payload["item_total"][0]
    assert set(first) == {"item", "corrected_item_total", "alpha_if_deleted", "band"}
    assert [row["item"] for row in payload["item_total"]] == list(wide.columns)


def test_alpha_reverse_and_scale_options(capsys, tmp_path):
    path = write(tmp_path, "a,b,c\n1,5,1\n2,4,2\n4,2,5\n5,1,4\n3,3,3\n")
    plain = run_json(capsys, "alpha", path)
    keyed = run_json(
        capsys, "alpha", path, "--reverse", " b ,", "--scale-min", "1", "--scale-max", "5"
    )
    assert plain["alpha"] < 0 < 0.9 < keyed["alpha"]
    assert keyed["band"] == "excellent"


def test_alpha_prints_nan_as_null(capsys, tmp_path):
    payload = run_json(capsys, "alpha", write(tmp_path, "a,b\n1,2\n2,3\n3,5\n"))
    assert [row["alpha_if_deleted"] for row in payload["item_total"]] == [None, None]


def test_icc_prints_all_six_forms(capsys, icc_csv):
    path, data = icc_csv
    payload = run_json(capsys, "icc", str(path), *ICC_ARGS)
    assert list(payload) == ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"]
    reference = pg.intraclass_corr(data, "Wine", "Judge", "Scores")["ICC"].to_numpy()
    assert [payload[form]["icc"] for form in payload] == pytest.approx(reference, abs=1e-12)
    table = icc(data, "Wine", "Judge", "Scores").table
    assert payload["ICC2"]["ci95"] == pytest.approx(list(table.loc[1, ["ci_low", "ci_high"]]))
    assert payload["ICC3k"]["band"] == "excellent"


def test_icc_leaves_out_incomplete_targets_with_a_note(capsys, tmp_path, icc_csv):
    _, data = icc_csv
    path = tmp_path / "gaps.csv"
    data.assign(Scores=data["Scores"].where(data.index != 0)).to_csv(path, index=False)
    code, out, err = run(capsys, "icc", str(path), *ICC_ARGS)
    assert code == 0
    assert err.strip() == "note: 1 of 8 targets left out because not every rater rated them"
    expected = pg.intraclass_corr(data.iloc[1:], "Wine", "Judge", "Scores", nan_policy="omit")
    assert json.loads(out)["ICC1"]["icc"] == pytest.approx(expected.at[0, "ICC"], abs=1e-12)


def test_icc_prints_nan_as_null(capsys, tmp_path):
    """Identical ratings everywhere: every mean square is 0 and every ICC undefined."""
    path = write(tmp_path, "t,r,y\n1,a,3\n1,b,3\n2,a,3\n2,b,3\n")
    payload = run_json(capsys, "icc", path, "--target", "t", "--rater", "r", "--rating", "y")
    assert payload["ICC1"] == {"icc": None, "ci95": [None, None], "band": "undefined"}


BAD_ALPHA = {
    "missing file": (None, []),
    "a directory": ("DIR", []),
    "empty file": ("", []),
    "not utf-8": (b"a,b\n\xff\xfe,1\n", []),
    "broken csv": ('a,b\n1,"2\n', []),
    "non-numeric column": ("a,b\n1,x\n2,y\n", []),
    "one item": ("a\n1\n2\n", []),
    "one respondent": ("a,b\n1,2\n", []),
    "unknown reverse column": ("a,b\n1,2\n2,3\n", ["--reverse", "z"]),
    "empty reverse list": ("a,b\n1,2\n2,3\n", ["--reverse", ","]),
    "value above scale": ("a,b\n1,2\n2,9\n", ["--scale-max", "5"]),
    "value below scale": ("a,b\n1,2\n0,3\n", ["--scale-min", "1"]),
    "reversed scale": ("a,b\n1,2\n2,3\n", ["--scale-min", "5", "--scale-max", "1"]),
    "scale not a number": ("a,b\n1,2\n2,3\n", ["--scale-min", "low"]),
    "unknown option": ("a,b\n1,2\n2,3\n", ["--items", "a"]),
    "item without answers": ("a,b\n1,\n2,\n", []),
    "saved row index": (",a,b\n0,1,2\n1,2,3\n", []),
}


@pytest.mark.parametrize("case", list(BAD_ALPHA))
def test_alpha_bad_input_is_one_line_and_exit_1(capsys, tmp_path, case):
    content, extra = BAD_ALPHA[case]
    if content is None:
        path = str(tmp_path / "nowhere.csv")
    elif content == "DIR":
        path = str(tmp_path)
    else:
        path = write(tmp_path, content)
    _assert_one_line_error(*run(capsys, "alpha", path, *extra))


BAD_ICC = {
    "unknown target column": ("Wine,Judge,Scores\n1,A,2\n", ["--target", "Vine"]),
    "non-numeric rating": ("Wine,Judge,Scores\n1,A,x\n1,B,y\n2,A,z\n2,B,w\n", []),
    "one rater": ("Wine,Judge,Scores\n1,A,2\n2,A,3\n", []),
    "one complete target": ("Wine,Judge,Scores\n1,A,2\n1,B,3\n2,A,3\n", []),
    "rated twice": ("Wine,Judge,Scores\n1,A,2\n1,A,3\n1,B,3\n2,A,3\n2,B,4\n", []),
    "missing option": ("Wine,Judge,Scores\n1,A,2\n", ["--rater"]),
    "header only": ("Wine,Judge,Scores\n", []),
}


@pytest.mark.parametrize("case", list(BAD_ICC))
def test_icc_bad_input_is_one_line_and_exit_1(capsys, tmp_path, case):
    content, override = BAD_ICC[case]
    args = dict(zip(ICC_ARGS[::2], ICC_ARGS[1::2], strict=True))
    if override == ["--rater"]:
        del args["--rater"]
    elif override:
        args[override[0]] = override[1]
    flat = [token for pair in args.items() for token in pair]
    _assert_one_line_error(*run(capsys, "icc", write(tmp_path, content), *flat))


def test_stats_without_a_subcommand_is_one_line(capsys):
    _assert_one_line_error(*run(capsys))


def _assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err


def test_values_are_plain_json_numbers(capsys, tmp_path):
    """numpy scalars and integer columns come out as JSON numbers, not strings."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.integers(1, 6, size=(40, 4)), columns=list("wxyz"))
    path = tmp_path / "ints.csv"
    frame.to_csv(path, index=False)
    payload = run_json(capsys, "alpha", str(path))
    assert isinstance(payload["n_items"], int) and isinstance(payload["alpha"], float)
