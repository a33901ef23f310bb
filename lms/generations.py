"""Generations: named random values in the Django cache that a write renews, so caches keyed by them are never stale.

Why: several answers are dear to compute on every request yet change only when certain rows are written (the page
tree, the site's shell, one member's recommendations). Keying such an entry by the generation of what it reads means
nothing is invalidated by hand: a write that could change the answer renews the generation, and entries made under
the old value are simply never read again and expire.

A generation is a random token, not a counter: if the cache loses it (evicted, flushed), the next reader starts a new
one that no entry was ever made under. A write renews it twice: at once, so the writer's own transaction and next
request see the change, and again when the transaction commits, so a reader that filled an entry from the rows as
they were before the commit, under the first new token, leaves it under a token nobody reads any more.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction


def current(*names: str) -> dict[str, str]:
    """The generations named, in one cache round trip when they all exist."""
    found = cache.get_many(names)
    for name in names:
        if name not in found:
            cache.add(name, uuid.uuid4().hex, None)  # `add`: two first readers agree on one token
            found[name] = cache.get(name) or uuid.uuid4().hex  # evicted in between: a token no entry is under
    return found


def _renew(name: str) -> None:
    cache.set(name, uuid.uuid4().hex, None)


def renew(name: str) -> None:
    """A new generation now, and again once the surrounding transaction commits (see the module's docstring)."""
    _renew(name)
    transaction.on_commit(lambda: _renew(name), robust=True)


def member(member_id: int) -> str:
    """The name of one member's generation, renewed by every write of their own rows (cms/page_cache.py registers
    which rows those are); the caches of one member's answers are keyed by it."""
    return f"lms:member:{member_id}:generation"


def renew_member(member_id: int | None) -> None:
    if member_id is not None:
        renew(member(member_id))
