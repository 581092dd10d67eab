"""`assessment stats`: reliability of a questionnaire (alpha) and of raters (ICC) from a CSV file.

Both print JSON on stdout; a missing number (NaN) is printed as null.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assessment.errors import UserError

from ._files import unreadable_csv

if TYPE_CHECKING:
    import pandas as pd

# pandas, scipy and the statistics are imported inside the handlers: every `assessment`
# command builds this parser, and none of the others should wait for them to load.


def register(subparsers) -> None:
    """Add `stats alpha` and `stats icc`."""
    stats = subparsers.add_parser("stats", help="reliability statistics from a CSV file")
    commands = stats.add_subparsers(dest="stats_command", metavar="{alpha,icc}", required=True)

    alpha = commands.add_parser("alpha", help="Cronbach's alpha: rows respondents, columns items")
    alpha.add_argument("file", type=Path, metavar="FILE.csv")
    alpha.add_argument("--reverse", metavar="COLS", help="reverse-keyed items, comma-separated")
    alpha.add_argument("--scale-min", type=float, metavar="N", help="lowest answer on the scale")
    alpha.add_argument("--scale-max", type=float, metavar="N", help="highest answer on the scale")
    alpha.set_defaults(func=run_alpha)

    intraclass = commands.add_parser("icc", help="intraclass correlations: one row per rating")
    intraclass.add_argument("file", type=Path, metavar="FILE.csv")
    intraclass.add_argument("--target", required=True, metavar="COL", help="the rated target")
    intraclass.add_argument("--rater", required=True, metavar="COL", help="who rated")
    intraclass.add_argument("--rating", required=True, metavar="COL", help="the numeric rating")
    intraclass.set_defaults(func=run_icc)


def run_alpha(args: argparse.Namespace) -> int:
    """Print {alpha, ci95, n_items, n_respondents, band, item_total: [...]} as JSON."""
    from assessment.psychometrics import cronbach_alpha

    answers = read_csv(args.file)
    _reject_unnamed_columns(answers, args.file)
    result = cronbach_alpha(
        answers,
        reverse=_column_list(args.reverse),
        scale_min=args.scale_min,
        scale_max=args.scale_max,
    )
    _print_json(
        {
            "alpha": result.alpha,
            "ci95": list(result.ci95),
            "n_items": result.n_items,
            "n_respondents": result.n_respondents,
            "band": result.band,
            "item_total": result.item_total.astype({"item": str}).to_dict(orient="records"),
        }
    )
    return 0


def run_icc(args: argparse.Namespace) -> int:
    """Print {"ICC1": {"icc", "ci95", "band"}, ..., "ICC3k": {...}} as JSON."""
    from assessment.psychometrics import icc

    result = icc(read_csv(args.file), targets=args.target, raters=args.rater, ratings=args.rating)
    if result.n_dropped:
        print(
            f"note: {result.n_dropped} of {result.n_dropped + result.n_targets} targets "
            "left out because not every rater rated them",
            file=sys.stderr,
        )
    _print_json(
        {
            row.type: {"icc": row.icc, "ci95": [row.ci_low, row.ci_high], "band": row.band}
            for row in result.table.itertuples()
        }
    )
    return 0


def read_csv(path: Path) -> pd.DataFrame:
    """The CSV file as a DataFrame; any reason it cannot be read becomes one `UserError` line."""
    import pandas as pd

    try:
        data = pd.read_csv(path)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file", code="file_missing", path=str(path)) from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a CSV file", code="is_directory", path=str(path)) from None
    except PermissionError:
        raise UserError(f"{path}: permission denied", code="permission_denied", path=str(path)) from None
    except pd.errors.EmptyDataError:
        raise UserError(f"{path}: the file is empty", code="file_empty", path=str(path)) from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a UTF-8 text file", code="not_utf8", path=str(path)) from None
    except (pd.errors.ParserError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise unreadable_csv(f"{path}: not a readable CSV file ({first_line})", path, first_line) from None
    if data.empty:
        raise UserError(f"{path}: has a header but no rows", code="no_rows", path=str(path))
    return data


def _reject_unnamed_columns(data: pd.DataFrame, path: Path) -> None:
    """A column without a header is most often a saved row index, which is not an item."""
    unnamed = [i + 1 for i, name in enumerate(data.columns) if str(name).startswith("Unnamed: ")]
    if unnamed:
        raise UserError(
            f"{path}: column {unnamed[0]} has no header; every column must be an item "
            "(remove row numbers or ids)",
            code="column_no_header", path=str(path), column=unnamed[0],
        )


def _column_list(text: str | None) -> list[str] | None:
    if text is None:
        return None
    columns = [c.strip() for c in text.split(",") if c.strip()]
    if not columns:
        raise UserError("--reverse: give one or more column names, comma-separated", code="reverse_empty")
    return columns


def _print_json(payload: dict) -> None:
    print(json.dumps(_json_safe(payload), indent=2, allow_nan=False))


def _json_safe(value):
    """Plain JSON types: NaN and infinity become None, numpy scalars become Python numbers."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
