"""Fuzzing the two parsers that read files from outside: the candidate CSV importer and the catalog loader.

Whatever the bytes, each either returns its result or says what is wrong in words (a `UserError`, located
catalog problems); any other exception is a bug that would show a person a traceback. Example counts are
bounded so the suite stays quick; `--hypothesis-seed` reproduces a run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessment.catalog import validate_file
from assessment.errors import UserError
from assessment.exchange.importing import parse_candidates_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = (FIXTURES / "catalogs" / "sample_role.yaml").read_text(encoding="utf-8")
SCALE = float(os.environ.get("ASSESSMENT_FUZZ_SCALE", "1"))  # e.g. 10 for a longer hunt outside CI
CSV_EXAMPLES = int(400 * SCALE)
CATALOG_EXAMPLES = int(150 * SCALE)


def _imports_or_explains(data: bytes) -> None:
    try:
        parsed = parse_candidates_csv(data)
    except UserError as exc:
        assert str(exc) and exc.code, exc
        return
    for row in parsed.rows:
        assert set(row) == {"name", "email", "language"} and row["name"]
        assert "\x00" not in row["name"] and "\r" not in row["name"]
    assert all(exc.code for _, exc in parsed.errors)


@settings(max_examples=CSV_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3_000))
@example(b"name,email\rAnna,anna@example.de\rBob,\r")          # old Mac line ends
@example(b"name\n\"" + b"x" * 140_000 + b"\"\n")                 # a field over the csv module's limit
@example(b"name\n\"never closed\nJames\n")
@example("ФИО;Почта\nИван Петров;ivan@example.ru\n".encode("cp1251"))
def test_csv_bytes(data):
    _imports_or_explains(data)


cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", "\"", "\"\"", "=1+1", "a\rb", "a\r\nb", "x" * 300, "anna@example.de", "de", "ru", "fr"])


@settings(max_examples=CSV_EXAMPLES, deadline=None)
@given(header=st.lists(st.sampled_from(["name", "Name", "E-Mail", "язык", "email", "x", ""]), min_size=1, max_size=4),
       rows=st.lists(st.lists(cells, max_size=5), max_size=20),
       delimiter=st.sampled_from([",", ";", "\t"]), newline=st.sampled_from(["\n", "\r\n", "\r"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_csv_shaped_files(header, rows, delimiter, newline, encoding):
    text = newline.join(delimiter.join(row) for row in [header, *rows])
    _imports_or_explains(text.encode(encoding, errors="replace"))


def _validates_or_explains(path: Path) -> None:
    model, problems = validate_file(path)
    if model is None:
        assert problems and all(p.line >= 1 and p.column >= 1 and p.message for p in problems)


@settings(max_examples=CATALOG_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_catalogs(tmp_path_factory, data):
    """The sample catalog with a slice cut out, replaced by random or YAML-ish text."""
    start = data.draw(st.integers(0, len(SAMPLE)))
    end = data.draw(st.integers(start, min(len(SAMPLE), start + 200)))
    insert = data.draw(st.text(max_size=30) | st.sampled_from(
        ["&a ", "*a", "!!python/object:os.system ", "<<: ", "\t", "[", "{", "]", ": :", "- ", "9" * 5000,
         "1e999", "\x00", "\ufeff", "? ", "|", "%YAML 1.1\n---\n", "\n---\n", "'", "\""]))
    path = tmp_path_factory.mktemp("fuzz") / "sample_role.yaml"
    path.write_text(SAMPLE[:start] + insert + SAMPLE[end:], encoding="utf-8", errors="surrogatepass")
    _validates_or_explains(path)


@settings(max_examples=CATALOG_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2_000))
@pytest.mark.parametrize("name", ["role.yaml", "dimensions.yaml", "manager_types.yaml"])
def test_catalog_bytes(tmp_path_factory, name, raw):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(raw)
    _validates_or_explains(path)
