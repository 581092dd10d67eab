"""Catalog speed: loading and validating every shipped catalog in one process, and the whole command.

Run: python benchmarks/bench_catalog.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import median_ms, print_table  # noqa: E402

from assessment import catalog  # noqa: E402


def validate_all() -> None:
    for path in sorted(catalog.catalog_dir().glob("*.yaml")):
        _, problems = catalog.validate_file(path, strict=True)
        if any(p.severity == "error" for p in problems):
            raise SystemExit(f"{path} is invalid: {problems[0]}")


def command() -> None:
    subprocess.run([sys.executable, "-m", "assessment", "catalog", "validate", "--strict"], check=True,
                   capture_output=True)


def main() -> None:
    files = sorted(catalog.catalog_dir().glob("*.yaml"))
    size = sum(p.stat().st_size for p in files) / 1024
    print_table(f"Validating {len(files)} catalog files ({size:,.0f} KiB)", ["what", "median ms"], [
        ["in-process: read, parse, validate, cross-check (strict)", median_ms(validate_all, repeat=9)],
        ["whole command: python -m assessment catalog validate --strict", median_ms(command, repeat=5)],
    ])


if __name__ == "__main__":
    main()
