"""Sub-commands of `assessment` (placeholder until its owner fills it in)."""

from __future__ import annotations


def register(subparsers) -> None:
    """Add this group's sub-commands."""
