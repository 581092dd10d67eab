"""Candidates from a CSV file: parsed, validated row by row, nothing stored until the caller says so."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from assessment.candidates import clean_candidate
from assessment.errors import InvalidValue, UserError

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
ALIASES = {
    "name": {"name", "full name", "candidate", "имя", "фио", "kandidat", "kandidatin"},
    "email": {"email", "e-mail", "mail", "почта", "эл. почта"},
    "language": {"language", "lang", "sprache", "язык"},
}


@dataclass
class CandidateImport:
    """Valid rows ready to add, and every invalid row with its line number and the reason (an
    `InvalidValue`, whose `code` the app translates)."""

    rows: list[dict] = field(default_factory=list)
    errors: list[tuple[int, InvalidValue]] = field(default_factory=list)


def parse_candidates_csv(data: bytes) -> CandidateImport:
    """Read `name[,email][,language]` rows; the header may be in English, German or Russian."""
    if len(data) > MAX_BYTES:
        raise UserError(f"the file is larger than {MAX_BYTES // 1_000_000} MB", code="file_too_large",
                        megabytes=MAX_BYTES // 1_000_000)
    # Old Mac exports end lines with a bare CR, which the csv module refuses outside quotes.
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return _read_rows(reader)
    except csv.Error as exc:
        raise UserError(f"line {reader.line_num}: the file cannot be read as CSV ({exc})", code="csv_unreadable",
                        line=reader.line_num) from None


def _read_rows(reader) -> CandidateImport:
    header = next(reader, None)
    columns = _columns(header)
    result = CandidateImport()
    for line, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(result.rows) + len(result.errors) >= MAX_ROWS:
            raise UserError(f"the file has more than {MAX_ROWS} rows", code="too_many_rows", rows=MAX_ROWS)
        values = {key: (record[i].strip() if i < len(record) else "") for key, i in columns.items()}
        try:
            result.rows.append(clean_candidate(values.get("name", ""), values.get("email"), values.get("language")))
        except InvalidValue as exc:
            result.errors.append((line, exc))
    return result


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise UserError("this is not a CSV text file", code="not_csv")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError("the file is not UTF-8 text", code="not_utf8")  # pragma: no cover - cp1252 decodes nearly anything


def _columns(header: list[str] | None) -> dict[str, int]:
    if not header:
        raise UserError("the file is empty", code="file_empty")
    found = {}
    for index, title in enumerate(header):
        for key, names in ALIASES.items():
            if title.strip().lower() in names and key not in found:
                found[key] = index
    if "name" not in found:
        raise UserError("the first row must name the columns, with at least a 'name' column", code="no_name_column")
    return found
