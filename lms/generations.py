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

import threading
import uuid

from django.core.cache import cache
from django.db import transaction

# Per thread, as Django's connections are: the generations renewed in the open transaction whose renewal on commit
# still waits, each with the transaction's list of commit callbacks it waits in (Django starts a new list on every
# commit and rollback, and on a savepoint's rollback, which may drop the renewal).
_pending = threading.local()
MOST_PENDING = 1000  # forgetting them only costs a renewal more, so a thread never holds more than this


def _waiting() -> dict[str, list]:
    if not hasattr(_pending, "names"):
        _pending.names = {}
    return _pending.names


def current(*names: str) -> dict[str, str]:
    """The generations named, in one cache round trip when they all exist."""
    waiting = _waiting()
    for name in names:
        waiting.pop(name, None)  # read since its renewal: an entry may be made under it, so the next write renews
    found = cache.get_many(names)
    for name in names:
        if name not in found:
            cache.add(name, uuid.uuid4().hex, None)  # `add`: two first readers agree on one token
            found[name] = cache.get(name) or uuid.uuid4().hex  # evicted in between: a token no entry is under
    return found


def _renew(name: str) -> None:
    cache.set(name, uuid.uuid4().hex, None)


def renew(name: str) -> None:
    """A new generation now, and again once the surrounding transaction commits (see the module's docstring).

    A second write in the same transaction renews nothing if this thread has not read the generation since the
    first: no entry can have been made from the transaction's rows (only this thread sees them), and the renewal on
    commit still waits. A registration writes three of a member's rows; they cost two cache writes, not six."""
    connection = transaction.get_connection()
    waiting = _waiting()
    callbacks = connection.run_on_commit
    if connection.in_atomic_block and waiting.get(name) is callbacks:
        return
    _renew(name)
    if not connection.in_atomic_block:
        return  # autocommit: the write is already committed, and on_commit would only renew again at once

    def on_commit() -> None:
        if waiting.get(name) is callbacks:
            del waiting[name]
        _renew(name)

    transaction.on_commit(on_commit, robust=True)
    if len(waiting) >= MOST_PENDING:
        waiting.clear()
    waiting[name] = callbacks


def member(member_id: int) -> str:
    """The name of one member's generation, renewed by every write of their own rows (cms/page_cache.py registers
    which rows those are); the caches of one member's answers are keyed by it."""
    return f"lms:member:{member_id}:generation"


def renew_member(member_id: int | None) -> None:
    if member_id is not None:
        renew(member(member_id))
