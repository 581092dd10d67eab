"""Figures about a catalog for `assessment catalog list`, and the JSON schema for editors."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from assessment.i18n import LANGUAGES

from .models import Catalog, Text


def catalog_summary(catalog: Catalog) -> dict:
    """Counts and translation coverage of one catalog.

    Returns ``{"id", "version", "name", "areas", "competencies", "questions", "self_items",
    "reverse_items", "coverage": {"en": 100.0, "de": ..., "ru": ...}}``.
    """
    competencies = catalog.competencies
    items = [entry.item for entry in catalog.self_items]
    texts = list(_texts(catalog))
    coverage = {
        language: round(100.0 * sum(bool(getattr(t, language)) for t in texts) / len(texts), 1)
        for language in LANGUAGES
    }
    return {
        "id": catalog.id,
        "version": catalog.version,
        "name": catalog.name.en,
        "areas": len(catalog.areas),
        "competencies": len(competencies),
        "questions": sum(len(c.questions) for c in competencies),
        "self_items": len(items),
        "reverse_items": sum(item.reverse for item in items),
        "coverage": coverage,
    }


def _texts(value):
    if isinstance(value, Text):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def json_schema() -> dict:
    """The JSON schema of a role catalog, for editor autocompletion."""
    schema = Catalog.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Role competency catalog"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path) -> None:
    Path(path).write_text(schema_text(), encoding="utf-8")
