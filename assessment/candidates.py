"""What a candidate's record may hold: a name, an e-mail address and a language, each checked.

One place for the rules, so the store, the candidate CSV import and the pages refuse the same input
with the same message.
"""

from __future__ import annotations

import re
from collections import Counter

from assessment.errors import InvalidValue
from assessment.i18n import LANGUAGES
from assessment.inputs import clean_text

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 200


def clean_name(name: str, what: str = "candidate") -> str:
    """`name` with white space folded; `what` is "candidate" or "round", whose name it is."""
    name = clean_text(name, limit=MAX_NAME * 4, what=f"{what}'s name")
    if not name:
        raise InvalidValue(f"the {what}'s name is empty", code=f"{what}_name_empty")
    if len(name) > MAX_NAME:
        raise InvalidValue(f"the {what}'s name is longer than {MAX_NAME} characters", code=f"{what}_name_long",
                           limit=MAX_NAME)
    return name


def clean_candidate(name: str, email: str | None, language: str | None) -> dict:
    """Validated fields of a new candidate; InvalidValue names the first bad one."""
    email = clean_text(email, limit=320, what="e-mail address") or None
    if email and (len(email) > 320 or not EMAIL.match(email)):
        raise InvalidValue(f"'{email}' is not an e-mail address", code="email_invalid", email=email)
    language = (language or "en").strip().lower()
    if language not in LANGUAGES:
        raise InvalidValue(f"unknown language '{language}'; use one of {', '.join(LANGUAGES)}",
                           code="language_unknown", language=language)
    return {"name": clean_name(name, "candidate"), "email": email, "language": language}


__all__ = ["EMAIL", "MAX_NAME", "clean_candidate", "clean_name"]


def person_labels(people) -> dict[int, str]:
    """How to show people in a picker, by id: the name alone where it is unique; a name that two or more people
    share gets their e-mail address, or their number where there is none or it is shared too.

    `people` is an iterable of (id, name, email or None) — candidates or staff alike."""
    people = [(int(pid), str(name), email if isinstance(email, str) and email else None)
              for pid, name, email in people]
    names = Counter(name.casefold() for _, name, _ in people)
    emails = Counter((name.casefold(), (email or "").casefold()) for _, name, email in people)
    labels = {}
    for pid, name, email in people:
        if names[name.casefold()] < 2:
            labels[pid] = name
        elif email and emails[(name.casefold(), email.casefold())] < 2:
            labels[pid] = f"{name} · {email}"
        else:
            labels[pid] = f"{name} · #{pid}"
    return labels
