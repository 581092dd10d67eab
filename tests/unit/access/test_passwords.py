"""Local passwords: argon2id hashes, strength rules, and no way to tell an unknown account by the answer."""

from __future__ import annotations

import pytest

from assessment.access.passwords import (
    MIN_LENGTH,
    check_strength,
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from assessment.errors import InvalidValue


def test_a_hash_is_argon2id_and_verifies_only_the_same_password():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct" not in stored
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterY")
    assert not needs_rehash(stored)


@pytest.mark.parametrize("stored", [None, "", "plain text", "$argon2id$v=19$broken"])
def test_a_missing_or_broken_hash_never_verifies(stored):
    assert verify_password(stored, "whatever password") is False


@pytest.mark.parametrize(("password", "code"), [("short", "password_short"), ("a" * MIN_LENGTH, "password_weak"),
                                                ("ab" * 600, "password_weak"), (None, "password_short")])
def test_weak_passwords_are_refused_with_a_reason(password, code):
    with pytest.raises(InvalidValue) as caught:
        check_strength(password)
    assert caught.value.code == code


def test_generated_passwords_are_strong_and_different():
    first, second = generate_password(), generate_password()
    check_strength(first)
    assert first != second and len(first) >= 20
