"""The streaming XLSX writer writes the cells xlsxwriter's constant-memory mode wrote (the export's writer before
it), byte for byte in each sheet's XML, and a file openpyxl and pandas read back as written."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import numpy as np
import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from assessment.exchange import xlsx

TEXTS = ["plain", "", " leading", "trailing ", "tab\tinside", "line\nend", "cr\rinside", "bell\x07", "_x0041_ literal",
         "a & b < c > d", 'quote " and \'', "ünïcödé Ωμέγα 日本", "x" * 40_000, "\ufffe odd", None]


def frames() -> dict[str, pd.DataFrame]:
    n = len(TEXTS)
    rng = np.random.default_rng(3)
    when = pd.Series(pd.date_range("2026-03-01 08:15:30.123456", periods=n, freq="37min"), dtype="datetime64[us]")
    return {
        "mixed": pd.DataFrame({
            "text": pd.Series(TEXTS, dtype=object),
            "int": np.arange(n, dtype=np.int64) * 1_234_567,
            "float": np.r_[rng.normal(3, 1.5, n - 5), [np.nan, -0.0, 1e-300, 12345678.123456789, 2 / 3]],
            "bool": np.arange(n) % 2 == 0,
            "when": when.where(np.arange(n) % 4 != 1),
            "zoned": pd.Series(when.dt.tz_localize("Europe/Berlin").dt.tz_convert("UTC")),
            "objects": pd.Series([1, 2.5, True, "=x", None, datetime(2026, 1, 2, 3, 4, 5), 7, 0.1, False, "t",
                                  np.nan, 3, "", 4.0, None], dtype=object),
        }),
        "empty": pd.DataFrame({"candidate": pd.Series(dtype="int64"), "note": pd.Series(dtype=object)}),
        "wide": pd.DataFrame(rng.integers(1, 6, size=(40, 30)), columns=[f"c{i}" for i in range(30)]),
    }


def ours(tables: dict[str, pd.DataFrame], part_rows: int) -> bytes:
    buffer = io.BytesIO()
    with xlsx.Workbook(buffer) as book:
        for name, frame in tables.items():
            sheet = book.sheet(name, [str(c) for c in frame.columns], rows=len(frame))
            for start in range(0, len(frame), part_rows):
                sheet.write(frame.iloc[start:start + part_rows])
    return buffer.getvalue()


def reference(tables: dict[str, pd.DataFrame]) -> bytes:
    """The same tables through xlsxwriter's constant-memory mode, as the export wrote them before."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    when = book.add_format({"num_format": xlsx.DATETIME_FORMAT})
    header = book.add_format({"bold": True, "border": 1, "align": "center"})
    for name, frame in tables.items():
        sheet = book.add_worksheet(name)
        sheet.add_write_handler(datetime, lambda sheet, row, col, value, _=None: sheet.write_datetime(
            row, col, value, when))
        sheet.write_row(0, 0, [str(c) for c in frame.columns], header)
        for offset, row in enumerate(frame.itertuples(index=False), start=1):
            for column, value in enumerate(row):  # not write_row: it gave up on a row at a text cut to length
                sheet.write(offset, column, _plain(value))
    book.close()
    return buffer.getvalue()


def _plain(value):
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.tz_convert("UTC").tz_localize(None) if value.tzinfo else value
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value == 0:
        return 0.0  # the writer writes one zero ("0"), xlsxwriter wrote "-0" for -0.0
    return value


@pytest.mark.parametrize("part_rows", [1, 4, 1000])
def test_the_sheets_hold_the_cells_xlsxwriter_wrote(part_rows):
    tables = frames()
    written, expected = zipfile.ZipFile(io.BytesIO(ours(tables, part_rows))), zipfile.ZipFile(
        io.BytesIO(reference(tables)))
    for number in range(1, len(tables) + 1):
        name = f"xl/worksheets/sheet{number}.xml"
        assert written.read(name).decode() == expected.read(name).decode(), name


def test_the_file_reads_back_as_written():
    tables = frames()
    book = openpyxl.load_workbook(io.BytesIO(ours(tables, 6)))
    assert book.sheetnames == list(tables)
    rows = list(book["mixed"].iter_rows(values_only=True))
    assert rows[0] == tuple(tables["mixed"].columns)
    texts = [row[0] for row in rows[1:]]
    assert texts[:3] == ["plain", None, " leading"] and texts[9:11] == ["a & b < c > d", 'quote " and \'']
    assert texts[12] == "x" * 32_767 and texts[-1] is None and rows[13][1] == 12 * 1_234_567
    assert rows[1][3] is True and rows[2][3] is False
    assert rows[1][4] == datetime(2026, 3, 1, 8, 15, 30, 123000) and rows[2][4] is None  # openpyxl reads ms
    assert rows[1][5] == datetime(2026, 3, 1, 7, 15, 30, 123000)  # Berlin's winter time, written in UTC
    assert book["mixed"]["E2"].number_format == xlsx.DATETIME_FORMAT and book["mixed"]["A1"].font.b
    assert list(book["empty"].iter_rows(values_only=True)) == [("candidate", "note")]
    read = pd.read_excel(io.BytesIO(ours(tables, 7)), sheet_name="wide")
    pd.testing.assert_frame_equal(read, tables["wide"])


def test_serial_numbers_are_excels():
    moments = pd.Series([datetime(1900, 1, 1, 12), datetime(1900, 2, 28), datetime(1900, 3, 1),
                         datetime(2026, 12, 2, 10, 30, 0, 5)], dtype="datetime64[us]")
    assert xlsx.excel_serials(moments).tolist() == [0.5, 59.0, 61.0, 46358 + (10.5 * 3600 + 5e-6) / 86400]
    zoned = pd.Series([datetime(2026, 6, 1, 12, tzinfo=UTC)])
    assert xlsx.excel_serials(zoned)[0] == xlsx.excel_serials(pd.Series([datetime(2026, 6, 1, 12)]))[0]
    assert xlsx._serial(date(2026, 6, 1)) == xlsx._serial(datetime(2026, 6, 1))
    assert xlsx._serial(timedelta(hours=6)) == 0.25


def test_a_part_of_other_columns_is_refused():
    with xlsx.Workbook(io.BytesIO()) as book:
        sheet = book.sheet("one", ["a", "b"], rows=1)
        with pytest.raises(ValueError, match="3 columns"):
            sheet.write(pd.DataFrame({"a": [1], "b": [2], "c": [3]}))
        sheet.write(pd.DataFrame({"a": [1], "b": [2]}))


def test_column_letters():
    assert [xlsx.column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
