"""`assessment catalog validate|list|schema`: check and describe the competency catalogs."""

from __future__ import annotations

import json
from pathlib import Path

from assessment import catalog
from assessment.errors import UserError


def register(subparsers) -> None:
    group = subparsers.add_parser("catalog", help="validate and list competency catalogs")
    commands = group.add_subparsers(dest="catalog_command", required=True)

    validate = commands.add_parser("validate", help="check catalog files; exit 1 when any is invalid")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: every catalog)")
    validate.add_argument("--strict", action="store_true", help="also fail on missing German or Russian text")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(func=run_validate)

    listing = commands.add_parser("list", help="the role catalogs with their figures")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run_list)

    schema = commands.add_parser("schema", help="write the JSON schema for editors")
    schema.add_argument("--out", type=Path, help="file to write (default: competencies/schema.json)")
    schema.set_defaults(func=run_schema)


def _files(paths: list[Path]) -> list[Path]:
    if not paths:
        paths = [catalog.catalog_dir()]
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        elif path.exists():
            files.append(path)
        else:
            raise UserError(f"no such file or folder: {path}", code="path_missing", path=str(path))
    if not files:
        raise UserError(f"no .yaml files in {', '.join(map(str, paths))}", code="no_yaml_files",
                        paths=", ".join(map(str, paths)))
    return files


def run_validate(args) -> int:
    problems = []
    files = _files(args.paths)
    for path in files:
        problems.extend(catalog.validate_file(path, strict=args.strict)[1])
    errors = [p for p in problems if p.severity == "error"]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        warnings = len(problems) - len(errors)
        print(f"{len(files)} file(s) checked: {len(errors)} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def run_list(args) -> int:
    rows = [catalog.catalog_summary(loaded.catalog) for loaded in catalog.load_catalogs()]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    header = f"{'id':<18} {'version':<8} {'areas':>5} {'comp.':>5} {'quest.':>6} {'items':>5} {'rev.':>4}  en/de/ru %"
    print(header)
    for row in rows:
        coverage = "/".join(f"{row['coverage'][lang]:g}" for lang in catalog.LANGUAGES)
        print(f"{row['id']:<18} {row['version']:<8} {row['areas']:>5} {row['competencies']:>5} "
              f"{row['questions']:>6} {row['self_items']:>5} {row['reverse_items']:>4}  {coverage}")
    return 0


def run_schema(args) -> int:
    out = args.out or catalog.catalog_dir() / "schema.json"
    catalog.write_schema(out)
    print(out)
    return 0
