"""The page tree's generation: a value that changes whenever any page is saved, deleted or moved.

Why: some reads of pages are dear and asked for on every request although pages change only when an editor (or the
demo, or a migration) writes one: the course outline's hundred lessons, for one (`courses.learning.outline_pages`).
A cache keyed by this generation is never read stale, and nothing has to know which entries a change touched.

The generation is a random value in the Django cache (Redis in production, shared by every process), not a counter:
if the cache loses it, the next reader starts a new one that no entry was ever made under. A write changes it twice:
at once, so the writer's own transaction reads what it wrote, and again after the commit, so a reader that filled
an entry from the rows as they were before the commit, under the generation of the first change, is never read.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import post_page_move

CACHE_KEY = "lms:page-tree-generation"


def generation() -> str:
    """The current generation (one cache read)."""
    current = cache.get(CACHE_KEY)
    if current is None:
        cache.add(CACHE_KEY, uuid.uuid4().hex, None)  # `add`: two first readers agree on one value
        current = cache.get(CACHE_KEY) or ""
    return current


def _renew() -> None:
    cache.set(CACHE_KEY, uuid.uuid4().hex, None)


def pages_changed() -> None:
    """Start a new generation now and again when the current transaction commits (see the module's docstring)."""
    _renew()
    transaction.on_commit(_renew)


def _page_saved_or_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        pages_changed()


def _page_moved(sender, **kwargs) -> None:
    # A move rewrites the descendants' paths and addresses with one UPDATE, which sends no post_save for them.
    pages_changed()


def connect() -> None:
    """Listen for every page's save and delete (any page type: the signals are sent for the concrete class) and for
    moves. Called once from `LmsConfig.ready`."""
    post_save.connect(_page_saved_or_deleted, dispatch_uid="lms.page_tree.saved")
    post_delete.connect(_page_saved_or_deleted, dispatch_uid="lms.page_tree.deleted")
    post_page_move.connect(_page_moved, dispatch_uid="lms.page_tree.moved")
