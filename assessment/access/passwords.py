"""Local account passwords: argon2id hashes only, never the password itself.

argon2-cffi's defaults follow RFC 9106's second recommended option (argon2id, 64 MiB, 3 passes, 4 lanes).
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from assessment.errors import InvalidValue

MIN_LENGTH = 12
MAX_LENGTH = 1_024  # argon2 takes any length; a bound keeps a hostile form post cheap
_HASHER = PasswordHasher()
#: A hash of a random password, verified when an account does not exist, so that an unknown e-mail
#: costs the same time as a wrong password and cannot be told apart by timing.
_DUMMY = _HASHER.hash(secrets.token_urlsafe(24))


def check_strength(password: str) -> None:
    """InvalidValue unless the password is long enough and not all one character."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise InvalidValue(f"a password has at least {MIN_LENGTH} characters", code="password_short",
                           limit=MIN_LENGTH)
    if len(password) > MAX_LENGTH or len(set(password)) < 4:
        raise InvalidValue("choose a password with more different characters", code="password_weak")


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches; False for a missing or broken hash, in the same time as a mismatch."""
    if not isinstance(password, str) or len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's and should be replaced on sign-in."""
    return _HASHER.check_needs_rehash(stored_hash)


def generate_password() -> str:
    """A strong password to show once: 20 URL-safe characters, about 120 bits."""
    return secrets.token_urlsafe(15)
