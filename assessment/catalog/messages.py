"""Pydantic's messages, rewritten into plain words for people who edit catalogs."""

from __future__ import annotations

from pydantic_core import ErrorDetails


def plain_message(error: ErrorDetails) -> str:
    """One plain sentence for one pydantic error."""
    kind = error["type"]
    field = _field_name(error["loc"])
    ctx = error.get("ctx") or {}
    if "[key]" in error["loc"]:
        return f"level {error['input']!r} is outside the scale 1-5"
    if kind == "missing":
        return f"'{field}' is missing"
    if kind == "extra_forbidden":
        return f"unknown key '{field}'; check the spelling (allowed keys are in competencies/schema.json)"
    if kind in ("string_type", "string_sub_type"):
        return f"'{field}' must be text; put quotes around it"
    if kind == "string_too_short":
        return f"'{field}' is empty"
    if kind == "string_too_long":
        return f"'{field}' is longer than {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"'{error['input']}' is not a valid id: use lower-case letters, digits and _ , starting with a letter"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{field}' must be a whole number"
    if kind in ("float_parsing", "float_type"):
        return f"'{field}' must be a number"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{error['input']!r} is out of range for '{field}' ({_range(kind, ctx)})"
    if kind == "literal_error":
        return f"'{field}' must be {ctx.get('expected')}, not {error['input']!r}"
    if kind == "list_type":
        return f"'{field}' must be a list (lines starting with '- ')"
    if kind == "too_short":
        return f"'{field}' needs at least {ctx.get('min_length')} entr{'y' if ctx.get('min_length') == 1 else 'ies'}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{field}' must be a mapping of keys to values"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"'{field}' must be true or false"
    return f"'{field}': {error['msg']}"


def _field_name(loc: tuple) -> str:
    names = [str(part) for part in loc if not isinstance(part, int) and not str(part).isdigit()]
    return names[-1] if names else "value"


def _range(kind: str, ctx: dict) -> str:
    words = {"greater_than_equal": "at least", "less_than_equal": "at most",
             "greater_than": "more than", "less_than": "less than"}
    limit = next(iter(ctx.values()), "")
    return f"must be {words[kind]} {limit}"
