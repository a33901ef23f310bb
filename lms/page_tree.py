"""The page tree's generation (`lms.generations`), renewed whenever any page is saved, deleted or moved.

Why: some reads of pages are dear and asked for on every request although pages change only when an editor (or the
demo, or a migration) writes one: the course outline's hundred lessons, for one (`courses.learning.outline_pages`).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import post_page_move

from lms import generations

NAME = "lms:page-tree-generation"


def generation() -> str:
    """The current generation (one cache read)."""
    return generations.current(NAME)[NAME]


def pages_changed() -> None:
    generations.renew(NAME)


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
