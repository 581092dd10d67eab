"""Failed sign-ins: a free allowance, then waits that double, forgetting what is older than the window."""

from __future__ import annotations

import doctest
from datetime import datetime, timedelta

import pytest

from assessment.access import throttle
from assessment.access.throttle import ACCOUNT, ADDRESS, wait_before_next

NOW = datetime(2026, 12, 1, 12, 0)


def failures(count: int, spacing: float = 1.0, age: float = 0.0) -> list[datetime]:
    return [NOW - timedelta(seconds=age + spacing * i) for i in range(count)]


@pytest.mark.parametrize(("count", "wait"), [(0, 0), (5, 0), (6, 30), (7, 60), (8, 120), (30, 900)])
def test_account_waits_double_after_five_failures(count, wait):
    assert wait_before_next(failures(count), NOW, ACCOUNT) == timedelta(seconds=wait)


def test_the_wait_runs_from_the_last_failure():
    assert wait_before_next(failures(6, age=20), NOW, ACCOUNT) == timedelta(seconds=10)
    assert wait_before_next(failures(6, age=40), NOW, ACCOUNT) == timedelta(0)


def test_old_failures_are_forgotten():
    assert wait_before_next(failures(50, age=15 * 60), NOW, ACCOUNT) == timedelta(0)


def test_an_address_gets_a_larger_allowance():
    assert wait_before_next(failures(20), NOW, ADDRESS) == timedelta(0)
    assert wait_before_next(failures(21), NOW, ADDRESS) == timedelta(seconds=30)


def test_doctests():
    assert doctest.testmod(throttle).failed == 0
