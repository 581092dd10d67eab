"""A streaming XLSX writer for tables: a sheet's rows go into the zip file a part at a time, and a part's cells
are made a column at a time, so a sheet of a million cells takes about a second and no more memory than a part.

    >>> with Workbook(out) as book:
    ...     sheet = book.sheet("answers", ["candidate", "item", "value"], rows=len(frame))
    ...     for part in parts_of(frame):
    ...         sheet.write(part)

The cells are those xlsxwriter writes in its constant-memory mode (which spent some microseconds of Python per
cell, 20 s and more for a round of 5,000 candidates): numbers as `%.16G`, text as inline strings (XML escaped,
control characters as `_xHHHH_`, cut at Excel's 32,767 characters), date-times as Excel serial numbers in a
date-time format, booleans, and nothing where a value is missing (None, NaN, NaT, an empty text). Excel has no
time zones: zone-aware date-times are written in UTC. The header row is bold, boxed and centred.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

import numpy as np
import pandas as pd

DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"  # as pandas writes date-times into a spreadsheet
HEADER_STYLE, DATETIME_STYLE = 1, 2  # indices into the cellXfs of STYLES
MAX_TEXT = 32_767  # UTF-16 units in a cell
ROW_NUMBER = "\x00"  # stands for the row's number in a row's cells; never in a cell's text (escaped there)
_ROW = f'<row r="{ROW_NUMBER}">'
COMPRESSION = 1  # zlib level: the XML of a sheet shrinks about as well as at 6, in a third of the time

_CONTROL_ESCAPED = re.compile("(_x[0-9a-fA-F]{4}_)")  # a literal "_x0000_" is escaped in turn, as Excel does
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_XML_SPECIAL = re.compile("[&<>]")
_EPOCH = datetime(1899, 12, 31)
_DAY_US = 86_400_000_000
_EPOCH_US = (_EPOCH - datetime(1970, 1, 1)) // timedelta(microseconds=1)


class Workbook:
    """An XLSX file being written into `out` (a file name or a binary file); sheets in the order added."""

    def __init__(self, out: BinaryIO | str) -> None:
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION)
        self._names: list[str] = []
        self._open: Sheet | None = None

    def sheet(self, name: str, header: Sequence[str], rows: int) -> Sheet:
        """A new sheet of `rows` rows under `header` (text, written as it is); the previous sheet is done."""
        if self._open is not None:
            self._open.close()
        self._names.append(name)
        self._open = Sheet(self._zip.open(f"xl/worksheets/sheet{len(self._names)}.xml", "w", force_zip64=True),
                           header, rows, selected=len(self._names) == 1)
        return self._open

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None
        count = len(self._names)
        sheets = "".join(f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
                         for n, name in enumerate(self._names, start=1))
        self._zip.writestr("[Content_Types].xml", XML + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for n in range(1, count + 1))
            + "</Types>"))
        self._zip.writestr("_rels/.rels", XML + (
            f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" Type="{OFFICE}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        self._zip.writestr("xl/workbook.xml", XML + (
            f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><bookViews><workbookView/></bookViews>'
            f'<sheets>{sheets}</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'))
        self._zip.writestr("xl/_rels/workbook.xml.rels", XML + (
            f'<Relationships xmlns="{RELATIONSHIPS}">'
            + "".join(f'<Relationship Id="rId{n}" Type="{OFFICE}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                      for n in range(1, count + 1))
            + f'<Relationship Id="rId{count + 1}" Type="{OFFICE}/styles" Target="styles.xml"/></Relationships>'))
        self._zip.writestr("xl/styles.xml", XML + STYLES)
        self._zip.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Sheet:
    """One sheet's XML, streamed: the header row first, then each part given to `write`."""

    def __init__(self, out: BinaryIO, header: Sequence[str], rows: int, selected: bool) -> None:
        self._out, self._width, self._next = out, len(header), 2
        last = f"{column_letter(max(len(header), 1) - 1)}{rows + 1}"
        view = ' tabSelected="1"' if selected else ""
        head = "".join(f'<c r="{column_letter(i)}1" s="{HEADER_STYLE}" t="inlineStr">{_inline(str(name))}</c>'
                       for i, name in enumerate(header))
        self._out.write((XML + f'<worksheet xmlns="{MAIN}" xmlns:r="{OFFICE}"><dimension ref="A1:{last}"/>'
                         f'<sheetViews><sheetView{view} workbookViewId="0"/></sheetViews>'
                         f'<sheetFormatPr defaultRowHeight="15"/><sheetData><row r="1">{head}</row>')
                        .encode("utf-8"))

    def write(self, part: pd.DataFrame) -> None:
        """The rows of `part` (as many columns as the header, in its order) below those written so far."""
        if part.shape[1] != self._width:
            raise ValueError(f"a part of {part.shape[1]} columns for a sheet of {self._width}")
        columns = [column_cells(part.iloc[:, i], column_letter(i)) for i in range(self._width)]
        rows = ["".join(cells) for cells in zip(*columns, strict=True)]
        self._out.write("".join([(_ROW + row + "</row>").replace(ROW_NUMBER, str(number))
                                 for number, row in enumerate(rows, start=self._next) if row]).encode("utf-8"))
        self._next += len(part)

    def close(self) -> None:
        self._out.write(b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                        b'footer="0.3"/></worksheet>')
        self._out.close()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_cells(column: pd.Series, letter: str) -> list[str]:
    """The cells of one column of a part, `ROW_NUMBER` standing for the row's number, an empty text where
    nothing is written. Each distinct value is made into a cell once (they repeat: items, competencies, ratings,
    interviewers), then put in place by its code."""
    dtype = column.dtype
    reference = f'<c r="{letter}{ROW_NUMBER}"'
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        values = column.to_numpy()
        if dtype.kind == "b":
            return _by_value(values, lambda v: f'{reference} t="b"><v>{int(v)}</v></c>')
        if dtype.kind == "f":
            values = values + 0.0  # one zero: -0.0 and 0.0 are one value to factorize (xlsxwriter wrote "-0")
            return _by_value(values, lambda v: f"{reference}><v>{v:.16G}</v></c>" if math.isfinite(v) else "")
        return _by_value(values, lambda v: f"{reference}><v>{v:.16G}</v></c>")
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _by_value(excel_serials(column), lambda v: f'{reference} s="{DATETIME_STYLE}"><v>{v:.16G}</v></c>')
    values = column.astype(object).where(column.notna(), None).to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):  # texts only: safe to factorize
        return _by_value(values, lambda v: f'{reference} t="inlineStr">{_inline(v)}</c>' if v else "")
    return [_cell(reference, value) for value in values.tolist()]  # mixed: 1 == 1.0 == True, each cell alone


def _by_value(values: np.ndarray, cell) -> list[str]:
    """`cell(value)` for each of `values`, made once per distinct value; an empty text for a missing one."""
    codes, uniques = pd.factorize(values)
    made = np.empty(len(uniques) + 1, dtype=object)
    made[:-1] = [cell(value) for value in uniques.tolist()]
    made[-1] = ""  # code -1: missing
    return made[codes].tolist()


def excel_serials(column: pd.Series) -> np.ndarray:
    """Date-times as Excel serial numbers (days since 1899-12-31, Excel's 29 February 1900 counted), NaN for NaT;
    the same figures, to the last bit, as xlsxwriter's `write_datetime`."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_convert("UTC").dt.tz_localize(None)
    micro = column.to_numpy(dtype="datetime64[us]")
    missing = np.isnat(micro)
    delta = micro.astype(np.int64) - _EPOCH_US
    days = delta // _DAY_US
    rest = delta - days * _DAY_US
    serial = days + ((rest // 1_000_000).astype(float) + (rest % 1_000_000).astype(float) / 1e6) / (60 * 60 * 24)
    serial = np.where(days == 1, serial - 1, serial)  # 1900-01-01 is day 1, not 2 (xlsxwriter's ISO week check)
    serial = np.where(serial > 59, serial + 1, serial)
    return np.where(missing, np.nan, serial)


def _cell(reference: str, value) -> str:
    """One cell of any kind of value (`reference` is its opening `<c r="..."`), for columns of mixed values."""
    if value is None:
        return ""
    if isinstance(value, bool | np.bool_):
        return f'{reference} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, str):
        return f'{reference} t="inlineStr">{_inline(value)}</c>' if value else ""
    if isinstance(value, datetime | date | time | timedelta):
        style = f' s="{DATETIME_STYLE}"' if isinstance(value, datetime) else ""
        return f"{reference}{style}><v>{_serial(value):.16G}</v></c>"
    number = float(value)  # anything else is a number, or an error as in xlsxwriter
    if not math.isfinite(number):
        return ""
    return f"{reference}><v>{value if isinstance(value, int) else number:.16G}</v></c>"


def _serial(value: datetime | date | time | timedelta) -> float:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = pd.Timestamp(value).tz_convert("UTC").tz_localize(None).to_pydatetime()
        return float(excel_serials(pd.Series([value], dtype="datetime64[us]"))[0])
    if isinstance(value, date):
        return _serial(datetime.combine(value, time()))
    delta = value if isinstance(value, timedelta) else datetime.combine(_EPOCH, value) - _EPOCH
    serial = delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / (60 * 60 * 24)
    return serial


def _inline(text: str) -> str:
    """An inline string's `<is>` element: cut to Excel's length, control characters escaped, XML escaped."""
    if len(text) > MAX_TEXT // 2 and len(text.encode("utf-16-le")) // 2 > MAX_TEXT:
        text = text.encode("utf-16-le")[:2 * MAX_TEXT].decode("utf-16-le", errors="ignore")
    if "_x" in text:
        text = _CONTROL_ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if _XML_SPECIAL.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    preserve = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{preserve}>{text}</t></is>"


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_FONT = '<sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/>'
_THIN = '<{0} style="thin"><color auto="1"/></{0}>'
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="{DATETIME_FORMAT}"/>'
    f'</numFmts><fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>'
    + "".join(_THIN.format(side) for side in ("left", "right", "top", "bottom")) + '<diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" '
    'applyAlignment="1"><alignment horizontal="center"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    "</styleSheet>")

__all__ = ["DATETIME_FORMAT", "ROW_NUMBER", "Sheet", "Workbook", "column_cells", "column_letter", "excel_serials"]
