"""Exports of a round: JSON (everything), CSV (one row per candidate), XLSX (a sheet per table).

Spreadsheet cells that start with =, +, -, @, a tab or a carriage return would run as
formulas in Excel or LibreOffice; every such text cell is defused with a leading apostrophe.
"""

from __future__ import annotations

import io
import json
import math
from datetime import datetime

import pandas as pd

from assessment.errors import InvalidValue
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
    frame = frame.copy()
    frame.columns = [defuse(str(c)) for c in frame.columns]
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].map(defuse).astype(object)
    return frame


def summary_table(results: RoundResults) -> pd.DataFrame:
    """One row per candidate: who, state, fit with interval, self fit, interview and self score per competency."""
    table = results.candidates[["name", "email", "language", "state", "answered", "items", "interviews"]].copy()
    table = table.join(results.fit.round(1)).join(results.self_fit[["fit"]].rename(columns={"fit": "self_fit"})
                                                  .round(1))
    for competency in results.catalog.competencies:
        table[f"interview:{competency.id}"] = results.interview_means[competency.id].round(2)
        table[f"self:{competency.id}"] = results.self_scores[competency.id].round(2)
    return table.reset_index()


def export(results: RoundResults, fmt: str) -> bytes:
    """The round in the chosen format, as bytes ready to write or download."""
    if fmt not in FORMATS:
        raise InvalidValue(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}", code="export_format",
                           format=fmt, formats=", ".join(FORMATS))
    if fmt == "json":
        return json.dumps(as_json(results), ensure_ascii=False, indent=2, default=_plain).encode("utf-8")
    if fmt == "csv":
        return defused(summary_table(results)).to_csv(index=False).encode("utf-8-sig")
    return _xlsx(results)


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


def _xlsx(results: RoundResults) -> bytes:
    sheets = {
        "candidates": summary_table(results),
        "answers": results.answers,
        "ratings": results.ratings,
        "competency_scores": results.interview,
        **plan_sheets(results),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame = _naive(defused(frame))
            frame.to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


def _naive(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones: datetimes are written in UTC without one."""
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert("UTC").dt.tz_localize(None)
        elif (not pd.api.types.is_numeric_dtype(frame[column])
              and frame[column].map(lambda v: isinstance(v, datetime)).any()):
            frame[column] = frame[column].map(lambda v: v.replace(tzinfo=None) if isinstance(v, datetime) else v)
    return frame
