"""Exceptions raised for a user's mistake.

Every exception here carries a message meant for a person; the command prints it
as one line and exits 1, the app shows it as a plain error. Anything else is a bug.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a person: a file, an id, a value. The message says what is wrong.

    The message is English, for the command and logs. `code` names the same message in the app's
    translations (`error.<code>` in `assessment/locales/errors.yaml`), and `params` fill it in.
    """

    def __init__(self, message: str = "", *, code: str | None = None, **params) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class NotFound(UserError):
    """An id that names nothing: an unknown round, candidate, catalog or interview."""


class CatalogError(UserError):
    """A competency catalog that cannot be loaded; `problems` lists every located problem."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid catalog"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class InvalidToken(UserError):
    """An invite token that is forged, expired or already used. Deliberately says no more."""

    def __init__(self) -> None:
        super().__init__("this link is not valid", code="invalid_token")


class Conflict(UserError):
    """A save based on a stale version: someone else saved in between."""


class InvalidValue(UserError):
    """A value out of range or of the wrong kind (a rating of 7, a language 'fr')."""


# Statistics (assessment.psychometrics) and manager types (assessment.manager_types) raise these.


class MissingColumn(UserError):
    """A column the statistic needs is not in the table."""


class InsufficientData(UserError):
    """Too few items, respondents, targets or raters for the statistic to be defined."""


class IncompleteRatings(UserError):
    """Targets not rated by every rater, where the caller asked not to drop them."""


class DuplicateEntries(UserError):
    """The same target rated twice by one rater, or one item answered twice by one candidate."""


class ProfileError(InvalidValue, ValueError):
    """Profiles or archetypes that cannot be used: unknown or missing dimensions, values that are
    not numbers or lie outside the scale. A ValueError to scikit-learn, a UserError to the command."""


class Forbidden(UserError):
    """Something the signed-in person may not read or do. Says what, never why in detail."""

    def __init__(self, message: str = "you are not allowed to do this") -> None:
        super().__init__(message, code="not_allowed")


class SignInRefused(UserError):
    """A sign-in that did not succeed. Deliberately the same words for an unknown e-mail and a wrong password."""
