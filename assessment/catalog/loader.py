"""Find, read and validate catalog files; every problem is located as `file:line:column`."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assessment import inputs
from assessment.errors import CatalogError, NotFound

from . import checks, content, yaml_reader
from .messages import plain_message
from .models import Catalog, Dimension, DimensionsFile, ManagerType, ManagerTypesFile, Scales

DIMENSIONS_FILE = "dimensions.yaml"
MANAGER_TYPES_FILE = "manager_types.yaml"
SCALES_FILE = "scales.yaml"
SHARED_FILES = (DIMENSIONS_FILE, MANAGER_TYPES_FILE, SCALES_FILE)
SCALE_KEYS = ("scale", "self_scale")


@dataclass(frozen=True)
class Problem:
    """One located problem in one file."""

    path: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LoadedCatalog:
    """A valid catalog with the file it came from and the hash of its content."""

    catalog: Catalog
    path: Path
    content_hash: str


def catalog_dir() -> Path:
    """The folder of catalogs: $ASSESSMENT_CATALOG_DIR, else the project's `competencies/`."""
    if env := os.environ.get("ASSESSMENT_CATALOG_DIR"):
        return Path(env)
    project = Path(__file__).resolve().parents[2] / "competencies"
    return project if project.is_dir() else Path.cwd() / "competencies"


def role_files(directory: Path | None = None) -> list[Path]:
    """The role catalogs in a folder: every .yaml file but the shared ones, sorted."""
    directory = directory or catalog_dir()
    return sorted(p for p in directory.glob("*.yaml") if p.name not in SHARED_FILES)


def validate_file(path: Path, *, strict: bool = False) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one file of any kind (role catalog, dimensions or manager types)."""
    path = Path(path)
    try:
        document = yaml_reader.load(path)
    except yaml_reader.YamlProblem as exc:
        return None, [Problem(str(path), exc.line, exc.column, "error", exc.message)]
    except OSError as exc:
        return None, [Problem(str(path), 1, 1, "error", f"cannot read the file: {exc.strerror}")]
    model_class = {DIMENSIONS_FILE: DimensionsFile, MANAGER_TYPES_FILE: ManagerTypesFile,
                   SCALES_FILE: Scales}.get(path.name, Catalog)
    if model_class is Catalog and isinstance(document.data, dict) and not any(k in document.data for k in SCALE_KEYS):
        try:
            document.data = {**document.data, **_scales_beside(path).model_dump()}
        except CatalogError as exc:
            return None, [Problem(str(path), 1, 1, "error", f"the shared scales cannot be read: {exc}")]
    model, problems = _validate_model(model_class, document, path)
    if model is None:
        return None, problems
    findings = list(_cross_checks(model, path))
    errors = [_located(document, path, where, message, "error") for where, message in findings]
    severity = "error" if strict else "warning"
    warnings = [_located(document, path, where, message, severity)
                for where, message in checks.missing_translations(model)]
    warnings += [_located(document, path, hit.path, content.message(hit), severity)
                 for hit in content.forbidden_topics(model)]
    problems = errors + warnings
    return (None if any(p.severity == "error" for p in problems) else model), problems



def _validate_model(model_class, document, path: Path):
    if not isinstance(document.data, dict):
        return None, [Problem(str(path), 1, 1, "error", "the file must be a mapping of keys to values")]
    try:
        return model_class.model_validate(document.data), []
    except ValidationError as exc:
        return None, [_located(document, path, error["loc"], plain_message(error), "error",
                               key=error["type"] == "extra_forbidden") for error in exc.errors()]


def _cross_checks(model: BaseModel, path: Path):
    if isinstance(model, Catalog):
        yield from checks.catalog_problems(model, path.stem, [d.id for d in _dimensions_beside(path)])
    elif isinstance(model, ManagerTypesFile):
        yield from checks.manager_types_problems(model, [d.id for d in _dimensions_beside(path)],
                                                 [p.stem for p in role_files(path.parent)])


def _dimensions_beside(path: Path) -> list[Dimension]:
    """The dimensions a catalog maps onto: its folder's dimensions.yaml, else the shipped one."""
    beside = path.parent / DIMENSIONS_FILE
    return load_dimensions(beside.parent if beside.exists() else None)


def _scales_file(path: Path) -> Path:
    """The shared scales a catalog without its own uses: its folder's scales.yaml, else the shipped one."""
    beside = path.parent / SCALES_FILE
    return beside if beside.exists() else catalog_dir() / SCALES_FILE


def _scales_beside(path: Path) -> Scales:
    model, _ = _load(_scales_file(path))
    return model


def _located(document, path: Path, where: tuple, message: str, severity: str, *, key: bool = False) -> Problem:
    where = tuple(part for part in where if part != "[key]")
    line, column = document.locate(where, key=key)
    return Problem(str(path), line, column, severity, message)


def content_hash(path: Path) -> str:
    """The hash a round pins: of the file, and of the shared scales where the catalog uses them, so that a
    change of either is a new snapshot."""
    path = Path(path)
    content = path.read_bytes()
    digest = hashlib.sha256(content)
    if path.name not in SHARED_FILES and not _has_own_scales(content):
        digest.update(_scales_file(path).read_bytes())
    return digest.hexdigest()


def _has_own_scales(content: bytes) -> bool:
    return any(line.startswith((b"scale:", b"self_scale:")) for line in content.splitlines())


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int, size: int, scales_stamp: tuple) -> tuple[BaseModel, str]:
    model, problems = validate_file(path)
    if model is None:
        raise CatalogError([str(p) for p in problems if p.severity == "error"])
    return model, content_hash(path)


def _load(path: Path) -> tuple[BaseModel, str]:
    path = Path(path).resolve()
    if not path.is_file():
        raise NotFound(f"no catalog file at {path}", code="catalog_file_missing", path=str(path))
    stat = path.stat()
    scales_stamp = ()
    if path.name not in SHARED_FILES:  # a role catalog may take its scales from scales.yaml
        scales = _scales_file(path)
        if scales.is_file():
            scales_stamp = (scales.stat().st_mtime_ns, scales.stat().st_size)
    with _LOADING:  # sessions that start together wait for the one checking a catalog, instead of each checking it
        return _load_cached(path, stat.st_mtime_ns, stat.st_size, scales_stamp)


_LOADING = threading.RLock()  # re-entered when a catalog's check loads the shared scales


def load_catalog(catalog_id: str, directory: Path | None = None) -> LoadedCatalog:
    """The valid catalog with this id, or CatalogError / NotFound."""
    path = (directory or catalog_dir()) / f"{inputs.catalog_id(catalog_id)}.yaml"
    if catalog_id in {Path(n).stem for n in SHARED_FILES} or not path.is_file():
        known = ", ".join(p.stem for p in role_files(directory)) or "none"
        raise NotFound(f"unknown catalog '{catalog_id}' (known: {known})", code="catalog_unknown",
                       catalog=catalog_id)
    model, digest = _load(path)
    return LoadedCatalog(model, path, digest)


def load_catalogs(directory: Path | None = None) -> list[LoadedCatalog]:
    """Every valid role catalog of the folder; invalid ones are skipped (validate reports them)."""
    loaded = []
    for path in role_files(directory):
        try:
            model, digest = _load(path)
        except CatalogError:
            continue
        loaded.append(LoadedCatalog(model, path, digest))
    return loaded


def load_dimensions(directory: Path | None = None) -> list[Dimension]:
    model, _ = _load((directory or catalog_dir()) / DIMENSIONS_FILE)
    return list(model.dimensions)


def load_manager_types(directory: Path | None = None) -> list[ManagerType]:
    model, _ = _load((directory or catalog_dir()) / MANAGER_TYPES_FILE)
    return list(model.types)


def catalog_from_json(text: str) -> Catalog:
    """A catalog from the snapshot a round keeps, so results outlive the file."""
    return Catalog.model_validate(json.loads(text))
