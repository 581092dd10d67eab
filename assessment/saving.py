"""Saving what a page shows: which values to store, which to redraw, which to refuse.

Saving in widget callbacks misses changes: after a server restart the page reconnects to a new
server session, and the first click there reaches the script as the widget's value without any
callback firing. So every run of a page compares three things per field instead:

- `shown`:  what the person's widgets hold in this run,
- `stored`: what the database holds now,
- `seen`:   what this browser session last knew to be stored (missing in a new server session).

and decides per field (`reconcile`):

| shown vs stored | seen           | what it means                                   | decision |
|-----------------|----------------|-------------------------------------------------|----------|
| equal           | any            | nothing to do                                   | -        |
| different       | == stored      | the person changed it here                      | save     |
| different       | unknown        | a new server session: what the page shows is    | save     |
|                 |                | the person's (empty widgets never erase)        | (adopt)  |
| different       | != stored,     | changed elsewhere, untouched here: the widget   | adopt    |
|                 | == shown       | is behind                                       |          |
| different       | != stored,     | changed here *and* elsewhere: storing it would  | refuse   |
|                 | != shown       | silently overwrite the other change             |          |

Adopted and refused fields are redrawn from the database; refused ones are told to the person.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

UNKNOWN = object()  # `seen` has no entry: this server session has not shown the field yet


@dataclass(frozen=True)
class Plan:
    """What one run does with the fields it showed.

    `save` maps field -> value to store; `adopt` and `refuse` are fields to redraw from the database
    (`refuse` also to tell the person about); `seen` is what this session knows as stored once the
    saves have succeeded.
    """

    save: dict = field(default_factory=dict)
    adopt: frozenset = frozenset()
    refuse: frozenset = frozenset()
    seen: dict = field(default_factory=dict)

    @property
    def redraw(self) -> frozenset:
        return self.adopt | self.refuse


def reconcile(shown: Mapping[Hashable, object], stored: Mapping[Hashable, object],
              seen: Mapping[Hashable, object]) -> Plan:
    """Decide, per field in `shown`, whether to save, adopt the stored value, or refuse (see the module doc).

    A field missing from `stored` is stored as None (not answered); a field missing from `seen` is unknown.

    >>> plan = reconcile({"a": 4, "b": 2}, {"a": 3, "b": 2}, {"a": 3, "b": 2})
    >>> plan.save
    {'a': 4}
    >>> reconcile({"a": 3}, {"a": 5}, {"a": 3}).adopt
    frozenset({'a'})
    >>> reconcile({"a": 4}, {"a": 5}, {"a": 3}).refuse
    frozenset({'a'})
    """
    save, adopt, refuse, now_seen = {}, set(), set(), {}
    for key, value in shown.items():
        current = stored.get(key)
        before = seen.get(key, UNKNOWN)
        now_seen[key] = current
        if value == current:
            continue
        if before is UNKNOWN:
            if value is None:
                adopt.add(key)  # an empty widget in a new session is no reason to erase an answer
            else:
                save[key] = now_seen[key] = value
        elif before == current:
            save[key] = now_seen[key] = value
        elif value == before:
            adopt.add(key)
        else:
            refuse.add(key)
    return Plan(save=save, adopt=frozenset(adopt), refuse=frozenset(refuse), seen=now_seen)
