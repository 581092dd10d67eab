"""Reading and checking the privacy notice file."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assessment.catalog import yaml_reader
from assessment.errors import InvalidValue, NotFound
from assessment.i18n import LANGUAGE_NAMES, LANGUAGES

EXAMPLE_NOTICE = Path(__file__).with_name("example_notice.yaml")
RETENTION_DAYS = (1, 3650)  # at least a day, at most ten years

# The fields of the file: those with a text per language, and the plain ones.
_TEXTS = ("purpose", "rights")
_CONTROLLER = ("name", "address")
_TOP = ("example", "controller", "contact", "retention_days", *_TEXTS)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class PrivacyNotice:
    """A checked notice. Texts are mappings language -> text; `version` is a hash of the content."""

    controller_name: dict[str, str]
    controller_address: dict[str, str]
    contact_email: str
    retention_days: int
    purpose: dict[str, str]
    rights: dict[str, str]
    example: bool
    version: str
    path: Path

    def content(self) -> dict:
        """The notice as plain data (what its version is a hash of, and what a consent keeps a copy of)."""
        return {"controller": {"name": self.controller_name, "address": self.controller_address},
                "contact": {"email": self.contact_email}, "retention_days": self.retention_days,
                "purpose": self.purpose, "rights": self.rights, "example": self.example}


def notice_path() -> Path:
    """The notice file in use: $ASSESSMENT_PRIVACY_NOTICE, else the shipped example."""
    configured = os.environ.get("ASSESSMENT_PRIVACY_NOTICE")
    return Path(configured) if configured else EXAMPLE_NOTICE


def notice() -> PrivacyNotice:
    """The notice in use, read again whenever its file changes."""
    path = notice_path()
    try:
        stat = path.stat()
    except OSError:
        raise NotFound(f"{path}: the privacy notice file cannot be read", code="privacy_notice_unreadable",
                       file=str(path)) from None
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _cached(path: str, _mtime: int, _size: int) -> PrivacyNotice:
    return load_notice(Path(path))


def load_notice(path: Path) -> PrivacyNotice:
    """Read and check one notice file; the first problem is raised as a located InvalidValue."""
    path = Path(path)
    try:
        document = yaml_reader.load(path)
    except yaml_reader.YamlProblem as exc:
        raise InvalidValue(f"{path}:{exc.line}: {exc.message}", code="privacy_notice_yaml", file=str(path),
                           line=exc.line) from None
    except OSError:
        raise NotFound(f"{path}: the privacy notice file cannot be read", code="privacy_notice_unreadable",
                       file=str(path)) from None
    return _Checker(path, document).notice()


class _Checker:
    def __init__(self, path: Path, document: yaml_reader.Document) -> None:
        self.path, self.document = path, document

    def notice(self) -> PrivacyNotice:
        data = self.mapping((), self.document.data, _TOP, required=_TOP[1:])
        controller = self.mapping(("controller",), data["controller"], _CONTROLLER, required=_CONTROLLER)
        contact = self.mapping(("contact",), data["contact"], ("email",), required=("email",))
        found = PrivacyNotice(
            controller_name=self.localized(("controller", "name"), controller["name"], plain_allowed=True),
            controller_address=self.localized(("controller", "address"), controller["address"], plain_allowed=True),
            contact_email=self.email(("contact", "email"), contact["email"]),
            retention_days=self.days(("retention_days",), data["retention_days"]),
            purpose=self.localized(("purpose",), data["purpose"]),
            rights=self.localized(("rights",), data["rights"]),
            example=data.get("example") is True, version="", path=self.path)
        content = json.dumps(found.content(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return PrivacyNotice(**{**found.__dict__, "version": hashlib.sha256(content).hexdigest()[:12]})

    def line(self, where: tuple, *, key: bool = False) -> int:
        return self.document.locate(where, key=key)[0]

    def fail(self, where: tuple, message: str, **params) -> InvalidValue:
        """The problem at `where` (a field's key, or the nearest one there is); `params` hold its `code`."""
        line = self.line(where, key=True)
        return InvalidValue(f"{self.path}:{line}: {message}", file=str(self.path), line=line, **params)

    def mapping(self, where: tuple, value, allowed: tuple, required: tuple) -> dict:
        name = ".".join(where) or "the notice"
        value = {} if value is None and where else value  # `contact:` with nothing under it
        if not isinstance(value, dict):
            raise self.fail(where, f"'{name}' must be a mapping of keys to values", code="privacy_notice_mapping",
                            field=name)
        for key in value:
            if key not in allowed:
                field = ".".join((*where, str(key)))
                raise self.fail((*where, str(key)), f"unknown field '{field}'", code="privacy_notice_unknown",
                                field=field)
        for key in required:
            if key not in value:
                field = ".".join((*where, key))
                raise self.fail(where, f"the field '{field}' is missing", code="privacy_notice_field", field=field)
        return value

    def localized(self, where: tuple, value, *, plain_allowed: bool = False) -> dict[str, str]:
        """A text in every language; a field that needs no translation (a company's name) may be one text."""
        field = ".".join(where)
        if plain_allowed and isinstance(value, str) and value.strip():
            return dict.fromkeys(LANGUAGES, value.strip())
        texts = self.mapping(where, value, LANGUAGES, required=())
        for language in LANGUAGES:
            text = texts.get(language)
            if text is None:
                raise self.fail(where, f"'{field}' has no text in {LANGUAGE_NAMES[language]} ({language})",
                                code="privacy_notice_language", field=field, language=language)
            if not isinstance(text, str) or not text.strip():
                raise self.fail((*where, language), f"'{field}.{language}' must be text that is not empty",
                                code="privacy_notice_text", field=f"{field}.{language}")
        return {language: texts[language].strip() for language in LANGUAGES}

    def email(self, where: tuple, value) -> str:
        if not isinstance(value, str) or not _EMAIL.match(value.strip()):
            raise self.fail(where, f"'{value}' is not an e-mail address", code="privacy_notice_email", value=str(value))
        return value.strip()

    def days(self, where: tuple, value) -> int:
        low, high = RETENTION_DAYS
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(where, f"the retention period is a whole number of days from {low} to {high}, "
                                   f"not {value!r}", code="privacy_notice_retention", value=str(value), low=low,
                            high=high)
        return value
