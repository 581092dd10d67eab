"""Candidates from CSV: headers in three languages, row-by-row problems with line numbers, hostile files."""

from __future__ import annotations

import pytest

from assessment.errors import InvalidValue, UserError
from assessment.exchange.importing import MAX_ROWS, parse_candidates_csv


def parse(text: str, encoding: str = "utf-8"):
    return parse_candidates_csv(text.encode(encoding))


def test_valid_rows_are_cleaned_and_nothing_is_lost():
    parsed = parse("name,email,language\n  Anna   Schneider ,anna@example.de,DE\nJames Carter,,\n")
    assert parsed.rows == [
        {"name": "Anna Schneider", "email": "anna@example.de", "language": "de"},
        {"name": "James Carter", "email": None, "language": "en"},
    ]
    assert parsed.errors == []


@pytest.mark.parametrize("text", [
    "Name;E-Mail;Sprache\nJonas Hoffmann;jonas@example.de;de\n",
    "ФИО\tПочта\tЯзык\nОльга Смирнова\tolga@example.ru\tru\n",
    "\ufeffCandidate,Mail\nPriya Nair,priya@example.com\n",
])
def test_headers_and_separators_that_spreadsheets_write(text):
    parsed = parse(text)
    assert len(parsed.rows) == 1 and parsed.errors == []


def test_each_bad_row_is_reported_with_its_line_and_the_good_ones_kept():
    parsed = parse("name,email,language\nGood One,good@example.com,en\n,nobody@example.com,en\n"
                   "Bad Mail,not-an-address,en\n\nBad Language,,fr\nGood Two,,ru\n")
    assert [row["name"] for row in parsed.rows] == ["Good One", "Good Two"]
    assert [(line, problem.code) for line, problem in parsed.errors] == [
        (3, "candidate_name_empty"), (4, "email_invalid"), (6, "language_unknown")]
    assert all(isinstance(problem, InvalidValue) for _, problem in parsed.errors)
    assert parsed.errors[1][1].params == {"email": "not-an-address"}


def test_one_address_twice_in_a_file_is_added_once_and_the_second_row_named():
    parsed = parse("name,email\nAnna Schneider,anna@example.de\nJames Carter,\nAnna S.,ANNA@example.de\n"
                   "Jim Carter,\n")
    assert [row["name"] for row in parsed.rows] == ["Anna Schneider", "James Carter", "Jim Carter"]
    assert [(line, problem.code, problem.params) for line, problem in parsed.errors] == [
        (4, "csv_email_twice", {"first": 2})]  # rows without an address are never taken for one another


def test_a_file_saved_by_an_old_spreadsheet_in_windows_1252_is_read():
    parsed = parse("name\nZoë Müller\nFrançois Lefèvre\nÅsa Öberg\n", encoding="cp1252")
    assert [row["name"] for row in parsed.rows] == ["Zoë Müller", "François Lefèvre", "Åsa Öberg"]


def test_a_russian_excel_export_in_windows_1251_with_semicolons_is_read_as_cyrillic():
    parsed = parse("name;email;language\nИван Петров;ivan@example.ru;ru\nЁлка Щукина;;ru\nJohn Smith;;en\n",
                   encoding="cp1251")
    assert [row["name"] for row in parsed.rows] == ["Иван Петров", "Ёлка Щукина", "John Smith"]
    assert (parsed.encoding, parsed.delimiter) == ("cp1251", ";")


def test_what_was_detected_is_reported():
    assert (parse("name,email\nA One,a@example.com\n").encoding, parse("name\tlanguage\nA\ten\n").delimiter) \
        == ("utf-8", "\t")
    assert parse("name\nZoë Müller\n", encoding="cp1252").encoding == "cp1252"


def test_an_unclosed_quote_is_reported_instead_of_gluing_rows_together():
    parsed = parse('name,email\nFirst Person,first@example.com\n"Broken Name,b@example.com\n'
                   'Third Person,third@example.com\nFourth Person,fourth@example.com\n')
    assert [row["name"] for row in parsed.rows] == ["First Person"]
    assert [(line, problem.code, problem.params) for line, problem in parsed.errors] == [
        (3, "csv_open_quote", {"first": 3, "last": 5})]


def test_a_quoted_line_break_is_reported_with_the_right_lines_and_later_rows_keep_their_numbers():
    parsed = parse('name,email\n"Two\nLines",x@example.com\nBad Mail,nope\nGood,g@example.com\n')
    assert [(line, problem.code) for line, problem in parsed.errors] == [(2, "csv_open_quote"), (4, "email_invalid")]
    assert [row["name"] for row in parsed.rows] == ["Good"]


@pytest.mark.parametrize("data, code", [
    (b"", "file_empty"),
    (b"email,language\nx@example.com,en\n", "no_name_column"),
    (b"name\n\x00\x01\x02", "not_csv"),
    (b"name\n" + b"x" * 1_000_001, "file_too_large"),
    (("name\n" + "Someone\n" * (MAX_ROWS + 1)).encode(), "too_many_rows"),
])
def test_files_that_cannot_be_read_are_one_named_error(data, code):
    with pytest.raises(UserError) as caught:
        parse_candidates_csv(data)
    assert caught.value.code == code and str(caught.value)
