"""Throttling failed sign-ins, per account and per client address.

The failures themselves are kept by the store (so that several app instances share them); this module
only decides, from the times of recent failures, how long the next attempt must wait. The wait doubles
with each failure past a free allowance, up to a ceiling, and the window forgets old failures:

    account:  5 free failures in 15 minutes, then 30 s, 60 s, 120 s … at most 15 minutes
    address: 20 free failures in 15 minutes, then the same doubling
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Policy:
    free: int
    window: timedelta = timedelta(minutes=15)
    first_wait: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(minutes=15)


ACCOUNT = Policy(free=5)
ADDRESS = Policy(free=20)


def wait_before_next(failures: Sequence[datetime], now: datetime, policy: Policy) -> timedelta:
    """How long from `now` the next attempt must wait (zero when it may go ahead).

    >>> from datetime import datetime, timedelta
    >>> now = datetime(2026, 1, 1, 12, 0)
    >>> wait_before_next([now - timedelta(seconds=s) for s in range(5)], now, ACCOUNT)
    datetime.timedelta(0)
    >>> wait_before_next([now - timedelta(seconds=s) for s in range(6)], now, ACCOUNT)
    datetime.timedelta(seconds=30)
    """
    recent = sorted(moment for moment in failures if now - moment < policy.window)
    excess = len(recent) - policy.free
    if excess <= 0:
        return timedelta(0)
    wait = min(policy.first_wait * 2 ** min(excess - 1, 16), policy.longest_wait)
    return max(recent[-1] + wait - now, timedelta(0))
