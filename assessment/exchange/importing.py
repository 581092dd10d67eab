"""Candidates from a CSV file: parsed, validated row by row, nothing stored until the caller says so."""

from __future__ import annotations

import csv
import io
import re
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
    encoding: str = "utf-8"  # how the bytes were read: utf-8, cp1251 or cp1252
    delimiter: str = ","     # what separates the columns: "," ";" or a tab


def parse_candidates_csv(data: bytes) -> CandidateImport:
    """Read `name[,email][,language]` rows; the header may be in English, German or Russian."""
    if len(data) > MAX_BYTES:
        raise UserError(f"the file is larger than {MAX_BYTES // 1_000_000} MB", code="file_too_large",
                        megabytes=MAX_BYTES // 1_000_000)
    # Old Mac exports end lines with a bare CR, which the csv module refuses outside quotes.
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        result = _read_rows(reader)
    except csv.Error as exc:
        raise UserError(f"line {reader.line_num}: the file cannot be read as CSV ({exc})", code="csv_unreadable",
                        line=reader.line_num) from None
    result.encoding, result.delimiter = encoding, dialect.delimiter
    return result


def _read_rows(reader) -> CandidateImport:
    header = next(reader, None)
    columns = _columns(header)
    result = CandidateImport()
    seen: dict[str, int] = {}  # e-mail address → the line that gave it first
    line = reader.line_num + 1
    for record in reader:
        line, end = line, reader.line_num  # a record may span lines when a quoted cell holds a line break
        if not any(cell.strip() for cell in record):
            line = end + 1
            continue
        if len(result.rows) + len(result.errors) >= MAX_ROWS:
            raise UserError(f"the file has more than {MAX_ROWS} rows", code="too_many_rows", rows=MAX_ROWS)
        if end > line and any("\n" in cell for cell in record):
            # A quote opened and never closed swallows the lines after it: say so instead of importing a name
            # that is really several rows glued together.
            result.errors.append((line, InvalidValue(f"a quote opened on line {line} is closed only on line {end}",
                                                     code="csv_open_quote", first=line, last=end)))
            line = end + 1
            continue
        values = {key: (record[i].strip() if i < len(record) else "") for key, i in columns.items()}
        try:
            row = clean_candidate(values.get("name", ""), values.get("email"), values.get("language"))
        except InvalidValue as exc:
            result.errors.append((line, exc))
        else:
            email = (row.get("email") or "").lower()
            if email and email in seen:  # one person twice in the file: the first row stands
                result.errors.append((line, InvalidValue(f"the e-mail address is already on line {seen[email]}",
                                                         code="csv_email_twice", first=seen[email])))
            else:
                if email:
                    seen[email] = line
                result.rows.append(row)
        line = end + 1
    return result


def _decode(data: bytes) -> tuple[str, str]:
    """The file's text: UTF-8 (with or without a byte-order mark) when it is valid UTF-8, else the Windows code
    page of a Russian spreadsheet (1251) or of a Western one (1252), whichever reads as words (`_reads_as_1251`)."""
    if b"\x00" in data:
        raise UserError("this is not a CSV text file", code="not_csv")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = data.decode("cp1252", errors="replace")
    if _reads_as_1251(data, western):
        return data.decode("cp1251", errors="replace"), "cp1251"
    return western, "cp1252"


_WORD = re.compile(r"[^\W\d_]+")


def _reads_as_1251(data: bytes, western: str) -> bool:
    """Whether single-byte text is Cyrillic (code page 1251) rather than Western (1252).

    Both decode any byte, so look at the words. Read as 1252, Cyrillic text becomes words made mostly of
    accented letters ("Èâàí"), while German or French words carry an accent here and there ("Müller"). Read as
    1251, Cyrillic text gives words of Cyrillic letters only, and Western text gives words in which a Cyrillic
    letter sits among Latin ones ("Mьller").
    """
    accented = [w for w in _WORD.findall(western) if any(ord(c) > 127 for c in w)]
    letters = sum(len(w) for w in accented)
    if not letters or sum(ord(c) > 127 for w in accented for c in w) / letters < 0.5:
        return False
    cyrillic = [w for w in _WORD.findall(data.decode("cp1251", errors="replace")) if any(ord(c) > 127 for c in w)]
    mixed = sum(1 for w in cyrillic if any(c.isascii() for c in w))
    return mixed <= len(cyrillic) // 10


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
