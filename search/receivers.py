"""Keeps the catalog following the pages: each change that can alter an offering's document asks for that
offering to be refreshed, once, after the transaction commits (so the task reads what was committed).

Offerings and learning paths are catalogued; a module or lesson changing refreshes the offering it belongs to (its
body text), and a topic or partner changing refreshes the offerings carrying it. A path's document also reads its
steps' titles and topics: an offering published or unpublished, or a topic renamed or translated, refreshes the
paths holding them too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from cms.models import Partner, Topic
from cms.translated_snippets import original_of
from courses.models import LearningPathPage, Offering
from courses.paths.listing import paths_holding

_pending = threading.local()


def refresh_after_commit(page_ids: Iterable[int]) -> None:
    """Ask for these offerings to be refreshed when the current transaction commits (at once outside one).

    Ids gather until the commit, so deleting a course with fifty lessons sends one task, not fifty.
    """
    ids = {int(page_id) for page_id in page_ids if page_id}
    if not ids:
        return
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    _pending.ids |= ids
    transaction.on_commit(_send_pending, robust=True)  # a broker hiccup must not fail a committed publish


def _send_pending() -> None:
    from .tasks import refresh_catalog_pages

    ids: set[int] = getattr(_pending, "ids", set())
    _pending.ids = set()
    if ids:
        refresh_catalog_pages.delay(sorted(ids))


def _is_a(page: Page, kind: type[Page] | type[Offering] | type[LearningPathPage]) -> bool:
    if isinstance(page, kind):
        return True
    model = ContentType.objects.get_for_id(page.content_type_id).model_class() if page.content_type_id else None
    return model is not None and issubclass(model, kind)


def _is_catalogued(page: Page) -> bool:
    """An offering or a learning path: a page with a catalog document of its own."""
    return _is_a(page, Offering) or _is_a(page, LearningPathPage)


def _offering_ids_above(page: Page) -> list[int]:
    """The offering (or path) a page is or belongs to, read from its tree path (works for a page being deleted)."""
    if _is_catalogued(page):
        return [page.pk]
    step = Page.steplen
    ancestor_paths = [page.path[:end] for end in range(step, len(page.path), step)]
    return list(Offering.objects.filter(path__in=ancestor_paths).values_list("pk", flat=True))


def _offering_ids_within(page: Page) -> list[int]:
    return [*Offering.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True),
            *LearningPathPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)]


def page_changed(sender, instance: Page, **kwargs) -> None:
    """Published or unpublished: the offering or path it is, or belongs to, is refreshed (drafts are never read),
    and the paths holding an offering, whose documents carry its title and topics."""
    ids = _offering_ids_above(instance)
    if ids == [instance.pk] and _is_a(instance, Offering):
        ids += _paths_holding([original_of(instance).pk])
    refresh_after_commit(ids)


def _paths_holding(offering_ids: list[int]) -> list[int]:
    """Every locale's page of the paths with these original offerings as steps: their documents carry the steps'
    titles and topics."""
    keys = [path.translation_key for path in paths_holding(set(offering_ids))]
    return list(LearningPathPage.objects.filter(translation_key__in=keys).values_list("pk", flat=True)) if keys else []


def page_deleted(sender, instance: Page, **kwargs) -> None:
    refresh_after_commit([instance.pk, *_offering_ids_above(instance)])


def page_moved(sender, instance: Page, parent_page_before: Page, **kwargs) -> None:
    """Offerings under the moved page get new addresses; a module moved between offerings changes both."""
    refresh_after_commit([*_offering_ids_within(instance), *_offering_ids_above(instance),
                          *_offering_ids_above(parent_page_before)])


def page_copied_into_a_locale(sender, source_obj, target_obj, **kwargs) -> None:
    """A page copied into another locale (an alias made when a locale's tree is filled, or a translation begun):
    the new page is the catalog's entry for that locale's readers, and no publish announces it."""
    if isinstance(target_obj, Page):
        refresh_after_commit(_offering_ids_above(target_obj))


def slug_changed(sender, instance: Page, **kwargs) -> None:
    """A published page's new slug changes the address of every offering below it."""
    refresh_after_commit(_offering_ids_within(instance))


def _carriers(instance: Topic | Partner) -> list[int]:
    """The offerings a topic or partner is on (and, for a topic, the paths through them): its original's, since
    offerings point at originals (a translation's words are indexed with them, search/documents.py)."""
    original = original_of(instance)
    related = original.offerings if isinstance(original, Topic) else original.co_hosted_offerings
    offerings = list(related.values_list("pk", flat=True))
    return offerings + _paths_holding(offerings) if isinstance(original, Topic) else offerings


def label_saved(sender, instance: Topic | Partner, **kwargs) -> None:
    """A renamed or translated topic or partner: the offerings carrying it are found by their new label."""
    refresh_after_commit(_carriers(instance))


def label_deleting(sender, instance: Topic | Partner, **kwargs) -> None:
    """Read before the delete: afterwards no offering carries it any more, so none could be found."""
    refresh_after_commit(_carriers(instance))


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search.page_unpublished")
    # Tree deletes go through the base Page queryset, so every deleted page is announced with sender=Page.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search.page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="search.page_moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="search.page_slug_changed")
    copy_for_translation_done.connect(page_copied_into_a_locale, dispatch_uid="search.copied_into_a_locale")
    for model in (Topic, Partner):
        post_save.connect(label_saved, sender=model, dispatch_uid=f"search.{model.__name__}_saved")
        pre_delete.connect(label_deleting, sender=model, dispatch_uid=f"search.{model.__name__}_deleting")
