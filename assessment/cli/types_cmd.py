"""`assessment types`: find manager types in a pool of candidates.

    assessment types fit FILE.csv [--k N] [--out FILE.csv] [--random-state N]

FILE.csv has an `id` column and one column per dimension id of `competencies/dimensions.yaml`
(values 1-5, empty = not measured). Prints a JSON summary (k, silhouette, stability, structure,
types with their names); `--out` writes one row per candidate: id, type, probability, runner_up.
"""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from assessment.errors import NotFound, UserError

from ._files import unreadable_csv, write_error

if TYPE_CHECKING:
    import pandas as pd

    from assessment.manager_types import Archetypes, ManagerTypes

# pandas, scikit-learn and the typing modules are imported inside the handler, so that every
# other `assessment` command starts fast.


def register(subparsers) -> None:
    """Add `types fit`."""
    group = subparsers.add_parser("types", help="find manager types in a pool of candidates")
    commands = group.add_subparsers(dest="types_command", metavar="COMMAND", required=True)
    fit = commands.add_parser(
        "fit",
        help="cluster candidates into manager types, name the types, assign every candidate",
        description=__doc__.split("\n\n")[2].strip(),
    )
    fit.add_argument("file", metavar="FILE.csv", help="candidates: an id column and one column per dimension")
    fit.add_argument("--k", type=int, help="number of types (default: chosen from the data, 2 to 10)")
    fit.add_argument("--out", metavar="FILE.csv", help="write id,type,probability,runner_up per candidate")
    fit.add_argument("--random-state", type=int, default=0, help="seed, for repeatable results (default 0)")
    fit.set_defaults(func=fit_command)


def fit_command(args: argparse.Namespace) -> int:
    """Fit the types, write the assignments when asked, print the summary as JSON."""
    from assessment.manager_types import ManagerTypes, check_profiles, load_dimension_names

    path = Path(args.file)
    candidates = _read_candidates(path)
    archetypes = _project_archetypes()
    dimension_names = archetypes.dimension_names if archetypes else load_dimension_names()
    dimensions = list(dimension_names)  # catalog order, the order of the archetypes' columns
    try:
        profiles = check_profiles(candidates, dimensions)
        model = ManagerTypes(archetypes.profiles if archetypes else None, k=args.k,
                             random_state=args.random_state).fit(profiles)
    except UserError as exc:
        # The same mistake in the same words, with the file in front on the command line.
        raise UserError(f"{path}: {exc}", code=exc.code, **exc.params) from None
    if args.out:
        _write_assignments(model.predict_types(profiles), Path(args.out))
    summary = _named(model, archetypes.type_names if archetypes else None, dimension_names)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def _named(model: ManagerTypes, archetype_names: dict | None, dimension_names: dict) -> dict:
    """The model's summary with each type's name {lang: text} beside its id."""
    from assessment.manager_types import type_names

    summary = model.summary()
    names = type_names(model.types_, archetype_names, dimension_names)
    summary["types"] = [{"id": found["id"], "name": names[found["id"]], **found} for found in summary["types"]]
    return summary


def _read_candidates(path: Path) -> pd.DataFrame:
    """The CSV as text cells indexed by candidate id; numbers are checked with the dimensions."""
    import pandas as pd

    try:
        with warnings.catch_warnings():
            # A row longer than the header would otherwise lose its extra cells in silence.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(path, dtype=str, skipinitialspace=True, index_col=False)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file", code="file_missing", path=str(path)) from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a CSV file", code="is_directory", path=str(path)) from None
    except pd.errors.EmptyDataError:
        raise UserError(f"{path}: the file is empty", code="file_empty", path=str(path)) from None
    except pd.errors.ParserWarning:
        raise UserError(f"{path}: not a readable CSV file (a row has more cells than the header)",
                        code="csv_row_too_long", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not a readable CSV file ({exc})", code="not_utf8", path=str(path)) from None
    except pd.errors.ParserError as exc:
        detail = str(exc).strip().splitlines()[0].removeprefix("Error tokenizing data. C error: ")
        raise unreadable_csv(f"{path}: not a readable CSV file ({detail})", path, detail) from None
    if "id" not in frame.columns:
        raise UserError(f"{path}: no 'id' column (the header needs id and one column per dimension)",
                        code="no_id_column", path=str(path))
    if frame.empty:
        raise UserError(f"{path}: no candidates (only a header)", code="no_candidates", path=str(path))
    ids = frame["id"].str.strip()
    if ids.isna().any() or (ids == "").any():
        row = int((ids.isna() | (ids == "")).to_numpy().argmax()) + 2
        raise UserError(f"{path}: row {row} has no id", code="row_no_id", path=str(path), row=row)
    if ids.duplicated().any():
        repeated = ids[ids.duplicated()].iloc[0]
        raise UserError(f"{path}: candidate id {repeated!r} appears more than once", code="id_repeated",
                        path=str(path), id=repr(repeated))
    return frame.drop(columns="id").set_axis(pd.Index(ids, name="id"), axis=0)


def _project_archetypes() -> Archetypes | None:
    """The catalog's archetypes, or None while there is no manager_types.yaml (types are then only
    described from their dimensions, never named)."""
    from assessment.manager_types import load_archetypes

    try:
        return load_archetypes()
    except NotFound:
        return None


def _write_assignments(table: pd.DataFrame, out: Path) -> None:
    from assessment.exchange.exports import defused

    rows = table[["type", "probability", "runner_up"]].assign(probability=table["probability"].round(4))
    try:
        defused(rows.rename_axis("id").reset_index()).to_csv(out, index=False)
    except OSError as exc:
        raise write_error(f"{out}: cannot write ({exc.strerror or exc})", out, exc) from None
