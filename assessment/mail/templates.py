"""The messages' words: templates in `assessment/locales/mail.yaml`, which an organisation may override.

A template is text with `{placeholders}`. Each kind of message has its own set of placeholders; a template
may use any of them and nothing else (no attribute access, no format specs), and the ones with a link must
show it. The plain text is the template filled in; the HTML alternative is the same template with every
piece of text escaped and only the links made into anchors, so no name or template can carry markup.

Overrides: `ASSESSMENT_MAIL_TEMPLATES` names a folder of YAML files in the shape of `mail.yaml`; a key there
replaces the shipped text for the languages it gives.
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import yaml

from assessment import i18n
from assessment.errors import UserError

from .addressing import header_text

PLACEHOLDERS = {
    "invitation": {"name", "company", "role", "deadline", "link", "privacy"},
    "reminder": {"name", "company", "role", "deadline", "days", "link"},
    "thanks": {"name", "company", "role"},
    "assignment": {"name", "company", "role", "candidate", "round", "link"},
    "scorecard": {"name", "company", "role", "candidate", "round", "link", "number"},
}
LINKS = {"link", "privacy"}
PARTS = ("subject", "body")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _overrides(folder: Path) -> dict[str, dict[str, str]]:
    """The organisation's texts by key and language; read again whenever a file in the folder changes."""
    files = tuple(sorted((path, path.stat().st_mtime_ns) for path in folder.glob("*.yaml")))
    return _read_overrides(files)


@cache
def _read_overrides(files: tuple[tuple[Path, int], ...]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for path, _ in files:
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise UserError(f"mail templates: cannot read {path.name}: {exc}", code="mail_template_file",
                            file=path.name) from None
        for key, texts in content.items() if isinstance(content, dict) else ():
            if isinstance(texts, dict):
                found.setdefault(str(key), {}).update({str(k): str(v) for k, v in texts.items()})
    return found


def template(kind: str, part: str, language: str, folder: Path | None = None) -> str:
    """The text of one part of a message: the organisation's when it has one, else the shipped one."""
    key = f"mail.{kind}.{part}"
    if folder is not None and folder.is_dir():
        own = _overrides(folder.resolve()).get(key, {})
        if own.get(language) or own.get("en"):
            return own.get(language) or own["en"]
    return i18n.t(key, language)


def _pieces(text: str, kind: str, key: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder or None) pairs; UserError for a placeholder this kind has not."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise UserError(f"mail template {key}: {exc}", code="mail_template", key=key, problem=str(exc)) from None
    for _, field, spec, conversion in parsed:
        if field is not None and (field not in PLACEHOLDERS[kind] or spec or conversion):
            raise UserError(f"mail template {key} uses {{{field}}}, which a message of this kind does not have",
                            code="mail_template_placeholder", key=key, placeholder=f"{{{field}}}")
    return [(literal, field) for literal, field, _, _ in parsed]


def _filled(pieces, values: dict, as_html: bool) -> str:
    out = []
    for literal, field in pieces:
        out.append(html.escape(literal) if as_html else literal)
        if field is not None:
            value = str(values[field])
            if as_html and field in LINKS:
                out.append(f'<a href="{html.escape(value)}">{html.escape(value)}</a>')
            else:
                out.append(html.escape(value) if as_html else value)
    return "".join(out)


def _paragraphs(body_html: str, language: str) -> str:
    paragraphs = [p.strip().replace("\n", "<br>\n") for p in body_html.split("\n\n") if p.strip()]
    inner = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head>\n'
            f'<body style="font-family: sans-serif; line-height: 1.5">\n{inner}\n</body></html>\n')


def render(kind: str, language: str, values: dict, folder: Path | None = None) -> Rendered:
    """The message of `kind` in `language` with `values` filled in. UserError (code mail_template) for a
    template with an unknown placeholder or without the link it must show."""
    values = {name: value if name in LINKS else header_text(value) for name, value in values.items()}
    subject_key, body_key = (f"mail.{kind}.{part}" for part in PARTS)
    subject = _pieces(template(kind, "subject", language, folder), kind, subject_key)
    body = _pieces(template(kind, "body", language, folder), kind, body_key)
    used = {field for _, field in body if field}
    if "link" in PLACEHOLDERS[kind] and "link" not in used:
        raise UserError(f"mail template {body_key} must show the link: add {{link}}", code="mail_template_link",
                        key=body_key, placeholder="{link}")
    return Rendered(subject=header_text(_filled(subject, values, as_html=False)),
                    text=_filled(body, values, as_html=False).strip() + "\n",
                    html=_paragraphs(_filled(body, values, as_html=True), language))


def deadline(moment: datetime, language: str) -> str:
    """When a link expires, as a reader of `language` writes a date and time (always UTC)."""
    pattern = "%Y-%m-%d %H:%M UTC" if language == "en" else "%d.%m.%Y, %H:%M UTC"
    return moment.strftime(pattern)
