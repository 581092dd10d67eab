"""Topics a hiring catalog must not touch (health, family, religion, age, personal finances, ...): their key
terms in every language live in `forbidden_topics.yaml`; `forbidden_topics` finds them in any catalog model.

The reasons are in `competencies/CONTENT_RULES.md`. A hit is a warning while editing and an error with
`assessment catalog validate --strict`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from assessment.i18n import LANGUAGES

from .models import Text

TERMS_FILE = Path(__file__).with_name("forbidden_topics.yaml")
RULES = "competencies/CONTENT_RULES.md"


@dataclass(frozen=True)
class Hit:
    """A forbidden topic's term found in one text: where (the key path, ending in the language), which topic,
    the term's pattern and the words it matched."""

    path: tuple
    topic: str
    term: str
    found: str


@dataclass(frozen=True)
class Topic:
    """One forbidden topic in one language: its terms, and the phrases in which a term means something
    else (`allowed`, e.g. "the health of the organisation")."""

    terms: tuple[re.Pattern, ...]
    allowed: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def topic_patterns() -> dict[str, dict[str, Topic]]:
    """topic -> language -> its compiled terms and allowed phrases, anchored at a word start, any case."""
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))["topics"]
    return {topic: {lang: Topic(_compiled(entry.get(lang, [])), _compiled(entry.get("allowed", {}).get(lang, [])))
                    for lang in LANGUAGES}
            for topic, entry in data.items()}


def _compiled(terms: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"{_WORD_START}(?:{term})", re.IGNORECASE) for term in terms)


_WORD_START = r"(?<![\w])"


@lru_cache(maxsize=1)
def screens() -> dict[str, re.Pattern]:
    """language -> one pattern of every topic's terms: a text it does not match has no hit. Most texts have
    none, and one search instead of one per term made checking the shipped catalogs 2.4 s -> about 0.4 s (a
    server checks them once, when a page first lists the roles)."""
    terms = {language: [] for language in LANGUAGES}
    for by_language in topic_patterns().values():
        for language, entry in by_language.items():
            terms[language] += [pattern.pattern.removeprefix(_WORD_START) for pattern in entry.terms]
    return {language: re.compile(rf"{_WORD_START}(?:{'|'.join(found) or '(?!)'})", re.IGNORECASE)
            for language, found in terms.items()}


def hits_in(text: str, language: str) -> Iterator[tuple[str, str, str]]:
    """(topic, term, matched words) for every forbidden term in `text` of `language`, once per term,
    outside the topic's allowed phrases."""
    if screens()[language].search(text) is None:
        return
    for topic, by_language in topic_patterns().items():
        entry = by_language[language]
        allowed = [m.span() for pattern in entry.allowed for m in pattern.finditer(text)]
        for pattern in entry.terms:
            match = next((m for m in pattern.finditer(text)
                          if not any(start <= m.start() < end for start, end in allowed)), None)
            if match is not None:
                term = pattern.pattern.removeprefix(_WORD_START).removeprefix("(?:").removesuffix(")")
                yield topic, term, _word_at(text, match)


def forbidden_topics(model: BaseModel, path: tuple = ()) -> Iterator[Hit]:
    """Every hit in every text of a catalog, manager-types or dimensions model, in document order."""
    for where, text in _texts(model, path):
        for language in LANGUAGES:
            value = getattr(text, language)
            if value:
                for topic, term, found in hits_in(value, language):
                    yield Hit(where + (language,), topic, term, found)


def message(hit: Hit) -> str:
    return (f"'{hit.found}' touches a topic a hiring catalog must not ask about or rate "
            f"({hit.topic.replace('_', ' ')}; term '{hit.term}'); see {RULES}")


def _word_at(text: str, match: re.Match) -> str:
    """The matched words extended to the end of the last word: 'болезн' in 'болезнями' gives 'болезнями'."""
    end = match.end()
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return text[match.start():end]


def _texts(value, path: tuple) -> Iterator[tuple[tuple, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))


__all__ = ["Hit", "TERMS_FILE", "forbidden_topics", "hits_in", "message", "topic_patterns"]
