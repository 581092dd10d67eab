"""Exports of a round: JSON (everything), CSV (one row per candidate), XLSX (a sheet per table).

Spreadsheet cells that start with =, +, -, @, a tab or a carriage return would run as
formulas in Excel or LibreOffice; every such text cell is defused with a leading apostrophe.

The XLSX file is written as it goes (`xlsx.Workbook`, a part of each table at a time, a column of a part at
once), so a round of thousands of candidates takes seconds and no more memory than a small one;
`progress(done, total)` hears after each part, for a progress bar.

The CSV and XLSX files are for people: given a language, their column headings and sheet names are written in it
(`headings`); without one they keep the column ids, as the JSON export always does, for programs.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from datetime import datetime
from typing import BinaryIO

import numpy as np
import pandas as pd

from assessment import i18n
from assessment.errors import InvalidValue
from assessment.exchange import xlsx
from assessment.inputs import strip_controls
from assessment.results import RoundResults

FORMATS = ("json", "csv", "xlsx")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    """A text cell that a spreadsheet would read as a formula, made inert; control characters removed."""
    if isinstance(value, str):
        value = strip_controls(value)
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def defused(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell and column name defused (`defuse`); text columns become object columns."""
    frame = frame.copy()
    frame.columns = [defuse(str(c)) for c in frame.columns]
    for index in range(frame.shape[1]):
        column = frame.iloc[:, index]
        if not pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_datetime64_any_dtype(column):
            frame.isetitem(index, _defused_column(column))
    return frame


def _defused_column(column: pd.Series) -> pd.Series:
    """`defuse` applied once per distinct value of the column (its texts repeat: items, competencies, names)."""
    values = column.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values)  # missing values (None, NaN) get -1 and stay as they are
    cleaned = np.empty(len(uniques), dtype=object)
    cleaned[:] = [defuse(value) for value in uniques]
    values = values.copy()
    known = codes >= 0
    values[known] = cleaned[codes[known]]
    return pd.Series(values, index=column.index, name=column.name, dtype=object)


def summary_table(results: RoundResults) -> pd.DataFrame:
    """One row per candidate: who, state, fit with interval and its basis, self fit, the committee's decision,
    interview, consensus and self score per competency."""
    table = results.candidates[["name", "email", "language", "state", "answered", "items", "interviews"]].copy()
    table = table.join(results.fit.round(1)).join(results.self_fit[["fit"]].rename(columns={"fit": "self_fit"})
                                                  .round(1))
    table = table.join(results.decisions[["verdict", "reasons", "decided_by", "decided_at"]]
                       .rename(columns={"verdict": "decision", "reasons": "decision_reasons"}))
    agreed = results.consensus.pivot(index="candidate", columns="competency", values="value")
    for competency in results.catalog.competencies:
        table[f"interview:{competency.id}"] = results.interview_means[competency.id].round(2)
        table[f"consensus:{competency.id}"] = agreed.get(competency.id, pd.Series(dtype=float)).reindex(table.index)
        table[f"self:{competency.id}"] = results.self_scores[competency.id].round(2)
    return table.reset_index()


Progress = Callable[[int, int], None]
PART_CELLS = 20_000  # cells of a table defused and written at a time: a part's memory is bounded whatever the
# table's width (the candidates' sheet has some 65 columns, the answers' four)


def export(results: RoundResults, fmt: str, progress: Progress | None = None, lang: str | None = None) -> bytes:
    """The round in the chosen format, as bytes ready to write or download; CSV and XLSX headings in `lang`
    (None: the column ids)."""
    if fmt not in FORMATS:
        raise InvalidValue(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}", code="export_format",
                           format=fmt, formats=", ".join(FORMATS))
    if fmt == "json":
        return json.dumps(as_json(results), ensure_ascii=False, indent=2, default=_plain).encode("utf-8")
    if fmt == "csv":
        table = summary_table(results)
        table.columns = headings(table.columns, lang, results)
        return defused(table).to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    write_xlsx(results, buffer, progress, lang)
    return buffer.getvalue()


def as_json(results: RoundResults) -> dict:
    round_ = results.round
    return {
        "round": {"id": round_.id, "name": round_.name, "status": round_.status,
                  "catalog": {"id": round_.catalog_id, "version": round_.catalog_version,
                              "content_hash": round_.catalog_hash}},
        "candidates": _records(summary_table(results)),
        "answers": _records(results.answers),
        "ratings": _records(results.ratings.drop(columns=["status"])),
        "interviews": _records(results.interviews),
        "competency_scores": _records(results.interview),
        "consensus": _records(results.consensus),
        "decisions": _records(results.decisions.reset_index()),
        **plan_json(results),
    }


# --- the round's plan and stages (issue 13) ---------------------------------------------------------------------
def plan_table(results: RoundResults) -> pd.DataFrame:
    """One row per competency of the round: weight, target, whether the round set them, which stages focus on
    it and whether interviewers assess it at all ("not assessed": no stage does)."""
    plan, missing = results.plan, results.not_assessed()
    rows = []
    for competency in results.catalog.competencies:
        stages = [s.name for s in plan.stages if competency.id in s.competencies] if plan else []
        rows.append({"competency": competency.id, "name": competency.name.en, "weight": competency.weight,
                     "target": competency.target,
                     "round_weight": bool(plan and competency.id in plan.weights),
                     "round_target": bool(plan and competency.id in plan.targets),
                     "stages": "; ".join(stages), "assessed": competency.id not in missing})
    return pd.DataFrame(rows, columns=["competency", "name", "weight", "target", "round_weight", "round_target",
                                       "stages", "assessed"])


def plan_json(results: RoundResults) -> dict:
    """The `plan` entry of the JSON export: None for a round without a plan (it assesses the whole catalog)."""
    plan = results.plan
    if plan is None:
        return {"plan": None}
    return {"plan": {
        "competencies": list(plan.competencies), "weights": dict(plan.weights), "targets": dict(plan.targets),
        "rationale": plan.rationale, "not_assessed": sorted(plan.not_assessed),
        "stages": [{"name": s.name, "competencies": list(s.competencies), "interviewers": list(s.interviewers)}
                   for s in plan.stages]}}


def plan_sheets(results: RoundResults) -> dict[str, pd.DataFrame]:
    """The XLSX sheets of a planned round: `plan` (per competency, with the rationale) and `stages`."""
    plan = results.plan
    if plan is None:
        return {}
    table = plan_table(results)
    table["rationale"] = [plan.rationale] + [""] * (len(table) - 1) if len(table) else []
    stages = pd.DataFrame([{"stage": s.name, "competencies": "; ".join(s.competencies),
                            "interviewers": "; ".join(s.interviewers)} for s in plan.stages],
                          columns=["stage", "competencies", "interviewers"])
    return {"plan": table, "stages": stages}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _plain(value):
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def xlsx_sheets(results: RoundResults) -> dict[str, pd.DataFrame]:
    """The tables of the XLSX export, by sheet name."""
    return {"candidates": summary_table(results), "answers": results.answers, "ratings": results.ratings,
            "competency_scores": results.interview, "consensus": results.consensus,
            "decisions": results.decisions.reset_index(), **plan_sheets(results)}


def write_xlsx(results: RoundResults, out: BinaryIO | str, progress: Progress | None = None,
               lang: str | None = None) -> None:
    """The XLSX export into `out` (a file name or a binary file), a sheet per table, a header row each; sheet
    names and headings in `lang` (None: the ids)."""
    sheets = xlsx_sheets(results)
    total, done = sum(len(frame) for frame in sheets.values()), 0
    with xlsx.Workbook(out) as book:
        for name, frame in sheets.items():
            header = [defuse(str(column)) for column in headings(frame.columns, lang, results)]
            sheet = book.sheet(sheet_name(name, lang), header, rows=len(frame))
            step = max(1, PART_CELLS // max(1, len(frame.columns)))
            for start in range(0, len(frame), step):
                part = _naive(defused(frame.iloc[start:start + step]))
                sheet.write(part)
                done += len(part)
                if progress is not None:
                    progress(done, total)


def headings(columns, lang: str | None, results: RoundResults) -> list[str]:
    """Column ids as a reader of `lang` names them ("interview:listening" → "Interview: Active listening");
    the ids themselves when `lang` is None, and for a column no text names. A heading two columns would share
    gets its id in brackets."""
    columns = [str(column) for column in columns]
    if lang is None:
        return columns
    names = {c.id: c.name.get(lang) for c in results.catalog.competencies}
    shown = [_heading(column, lang, names) for column in columns]
    taken = {heading for heading in shown if shown.count(heading) > 1}
    return [f"{heading} ({column})" if heading in taken else heading
            for heading, column in zip(shown, columns, strict=True)]


def _heading(column: str, lang: str, names: dict[str, str]) -> str:
    source, _, competency = column.partition(":")
    if competency and competency in names and f"export.col.{source}_of" in i18n.strings():
        return i18n.t(f"export.col.{source}_of", lang, competency=names[competency])
    key = f"export.col.{column}"
    return i18n.t(key, lang) if key in i18n.strings() else column


def sheet_name(name: str, lang: str | None) -> str:
    """A sheet's name in `lang` (Excel allows 31 characters); its id when `lang` is None."""
    key = f"export.sheet.{name}"
    return i18n.t(key, lang)[:31] if lang is not None and key in i18n.strings() else name



def _naive(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones: datetimes are written in UTC without one."""
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert("UTC").dt.tz_localize(None)
        elif (frame[column].dtype == object
              and any(isinstance(v, datetime) for v in pd.unique(frame[column].to_numpy(dtype=object)))):
            frame[column] = frame[column].map(lambda v: v.replace(tzinfo=None) if isinstance(v, datetime) else v)
    return frame
