"""House rules of the code base, checked so they stay true."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assessment"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _top_level_modules() -> set[str]:
    """assessment.<name> for every module and package directly below assessment/, but `__main__`."""
    names = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    return {f"assessment.{name}" for name in names - {"__init__", "__main__"}}


def _contract(name_start: str) -> dict:
    contracts = CONFIG["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_start))


@pytest.mark.slow
def test_layer_contracts_hold():
    """`lint-imports`: the layers of DESIGN.md section 2 and the forbidden imports in pyproject.toml."""
    done = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                           "sys.exit(lint_imports_command(['--no-cache', '--no-logo']))"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_only_app_and_ui_import_streamlit():
    """Every module but the pages is a source of the streamlit contract, so a new one cannot slip past it."""
    sources = set(_contract("Only app.py and assessment.ui import streamlit")["source_modules"])
    assert sources == _top_level_modules() - {"assessment.ui"}


def test_every_module_sits_in_a_layer():
    layers = _contract("Layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    assert placed == _top_level_modules()


@pytest.mark.slow
def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("init", sorted(PACKAGE.rglob("__init__.py")), ids=lambda p: str(p.parent.relative_to(ROOT)))
def test_every_package_has_a_public_sorted_all(init):
    """Like httpx: `__all__` is the package's public API, sorted, and every name in it exists."""
    module = importlib.import_module(".".join(init.parent.relative_to(ROOT).parts))
    assert "__all__" in vars(module), f"{init} has no __all__"
    assert module.__all__ == sorted(module.__all__)
    assert all(not name.startswith("_") or name == "__version__" for name in module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)


def test_user_text_is_never_rendered_as_html():
    for path in [ROOT / "app.py", *(ROOT / "assessment").rglob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in source, path
        assert "st.html(" not in source, path
        assert "components.html" not in source, path


def test_pages_stay_thin():
    for page in (ROOT / "assessment" / "ui").glob("*.py"):
        source = page.read_text(encoding="utf-8")
        assert "sqlalchemy" not in source and "import yaml" not in source, page
        assert len(source.splitlines()) <= 200, page


def test_every_exception_a_person_can_cause_is_defined_in_errors():
    """One exceptions module: a UserError subclass defined anywhere else is a second home."""
    import inspect
    import pkgutil

    from assessment.errors import UserError

    elsewhere = set()
    for info in pkgutil.walk_packages([str(PACKAGE)], "assessment."):
        if info.name.startswith(("assessment.ui", "assessment.__main__", "assessment.store.migrations")):
            continue  # the pages run streamlit on import; __main__ runs the command
        module = importlib.import_module(info.name)
        elsewhere |= {f"{info.name}.{name}" for name, value in inspect.getmembers(module, inspect.isclass)
                      if issubclass(value, UserError) and value.__module__ != "assessment.errors"}
    assert sorted(elsewhere) == []
