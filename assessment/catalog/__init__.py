"""Competency catalogs: the schema, a safe loader with located errors, and summaries."""

from .loader import (
    LoadedCatalog,
    Problem,
    catalog_dir,
    catalog_from_json,
    content_hash,
    load_catalog,
    load_catalogs,
    load_dimensions,
    load_manager_types,
    role_files,
    validate_file,
)
from .models import LANGUAGES, Area, Catalog, Competency, Dimension, ManagerType, Question, SelfItem, Text
from .summary import catalog_summary, json_schema, schema_text, write_schema

__all__ = [
    "LANGUAGES",
    "Area",
    "Catalog",
    "Competency",
    "Dimension",
    "LoadedCatalog",
    "ManagerType",
    "Problem",
    "Question",
    "SelfItem",
    "Text",
    "catalog_dir",
    "catalog_from_json",
    "catalog_summary",
    "content_hash",
    "json_schema",
    "load_catalog",
    "load_catalogs",
    "load_dimensions",
    "load_manager_types",
    "role_files",
    "schema_text",
    "validate_file",
    "write_schema",
]
