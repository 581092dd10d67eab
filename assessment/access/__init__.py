"""Who is using the app and what they may do: roles, the authorisation table, passwords, sign-in throttling.

Every permission check of the product is decided here (`allowed`, `sees_colleagues`); the store and the
pages ask, they never decide.
"""

from __future__ import annotations

from .passwords import check_strength, generate_password, hash_password, needs_rehash, verify_password
from .roles import ACTIONS, ROLES, Role, Standing, allowed, sees_colleagues
from .throttle import ACCOUNT, ADDRESS, Policy, wait_before_next

__all__ = [
    "ACCOUNT",
    "ACTIONS",
    "ADDRESS",
    "Policy",
    "ROLES",
    "Role",
    "Standing",
    "allowed",
    "check_strength",
    "generate_password",
    "hash_password",
    "needs_rehash",
    "sees_colleagues",
    "verify_password",
    "wait_before_next",
]
