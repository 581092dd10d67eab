"""Competency catalogs: the schema, a safe loader with located errors, and summaries."""

from assessment.i18n import LANGUAGES

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
from .models import (
    SCALE,
    Area,
    Catalog,
    Competency,
    Dimension,
    ManagerType,
    Question,
    QuestionnaireItem,
    SelfItem,
    Text,
    item_key,
    item_keys,
)
from .summary import catalog_summary, json_schema, schema_text, write_schema

__all__ = [
    "Area",
    "Catalog",
    "Competency",
    "Dimension",
    "LANGUAGES",
    "LoadedCatalog",
    "ManagerType",
    "Problem",
    "Question",
    "QuestionnaireItem",
    "SCALE",
    "SelfItem",
    "Text",
    "catalog_dir",
    "catalog_from_json",
    "catalog_summary",
    "content_hash",
    "item_key",
    "item_keys",
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
