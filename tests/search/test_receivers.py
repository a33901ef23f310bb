"""The catalog follows the pages: every change reaches the index through one task, after the commit."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from celery.signals import task_prerun

from courses.models import CatalogIndexPage, LessonPage, ModulePage
from search.models import CatalogEntry
from search.tasks import refresh_catalog_pages
from tests import factories
from tests.search.lean import LEAN

pytestmark = pytest.mark.django_db

@contextmanager
def refresh_runs():
    """The page ids of each refresh task that runs meanwhile."""
    runs: list[list[int]] = []

    def record(sender=None, args=(), kwargs=None, **extra):
        if getattr(sender, "name", None) == refresh_catalog_pages.name:
            runs.append(list(args[0] if args else kwargs["page_ids"]))

    task_prerun.connect(record, weak=False)
    try:
        yield runs
    finally:
        task_prerun.disconnect(record)


def titles(engine, text: str) -> set[int]:
    from search.catalog import CatalogQuery

    return {hit.page_id for hit in engine.search(CatalogQuery(text=text)).hits}


def test_publishing_refreshes_only_after_the_commit(engine, django_capture_on_commit_callbacks):
    page = factories.build_offering(title="Committed Course", **LEAN)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        assert engine.indexed_ids() == set()
    assert engine.indexed_ids() == set()  # the transaction never committed: nothing ran
    with refresh_runs() as runs:
        for callback in callbacks:
            callback()
    assert len(runs) == 1 and page.pk in runs[0]
    assert engine.indexed_ids() == {page.pk}


def test_publishing_a_lesson_refreshes_its_offering(engine, django_capture_on_commit_callbacks):
    page = factories.build_offering(title="Outer Course", **LEAN)
    module = ModulePage.objects.child_of(page).get()
    lesson = module.add_child(instance=LessonPage(title="Cumulative Flow Diagrams", body=[factories.text_block()]))
    with refresh_runs() as runs, django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    assert len(runs) == 1 and page.pk in runs[0] and lesson.pk not in runs[0]
    assert titles(engine, "cumulative") == {page.pk}

    with django_capture_on_commit_callbacks(execute=True):
        lesson.unpublish()
    assert titles(engine, "cumulative") == set()


def test_moving_a_module_refreshes_both_offerings(engine, django_capture_on_commit_callbacks):
    source = factories.build_offering(title="Source Course", modules=0)
    target = factories.build_offering(title="Target Course", modules=0)
    module = source.add_child(instance=ModulePage(title="Queueing Theory", summary=""))
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
        target.save_revision().publish()
    assert titles(engine, "queueing") == {source.pk}

    with refresh_runs() as runs, django_capture_on_commit_callbacks(execute=True):
        module.move(target, pos="last-child")
    assert len(runs) == 1 and {source.pk, target.pk} <= set(runs[0])
    assert titles(engine, "queueing") == {target.pk}


def test_deleting_an_offering_with_its_lessons_sends_one_task(engine, django_capture_on_commit_callbacks):
    page = factories.build_offering(title="Doomed Course", modules=2, lessons_per_module=3)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with refresh_runs() as runs, django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert len(runs) == 1 and page.pk in runs[0]
    assert engine.indexed_ids() == set()


def test_deleting_a_lesson_refreshes_its_offering(engine, django_capture_on_commit_callbacks):
    page = factories.build_offering(title="Trimmed Course", **LEAN)
    lesson = LessonPage.objects.descendant_of(page).get()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles(engine, "lesson") == {page.pk}
    with refresh_runs() as runs, django_capture_on_commit_callbacks(execute=True):
        lesson.delete()
    assert len(runs) == 1 and page.pk in runs[0]
    assert titles(engine, "lesson") == set() and engine.indexed_ids() == {page.pk}


def test_topic_and_partner_changes_refresh_the_offerings_carrying_them(engine, django_capture_on_commit_callbacks):
    topic = factories.TopicFactory(name="Flow", slug="flow")
    partner = factories.PartnerFactory(name="Acme Institute", slug="acme")
    page = factories.build_offering(title="Carrier", topics=[topic], co_hosts=[partner], **LEAN)
    bystander = factories.build_offering(title="Bystander", **LEAN)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        bystander.save_revision().publish()

    partner.name = "Zenith Institute"
    with refresh_runs() as runs, django_capture_on_commit_callbacks(execute=True):
        partner.save()
    assert len(runs) == 1 and page.pk in runs[0] and bystander.pk not in runs[0]
    assert titles(engine, "zenith") == {page.pk}

    with django_capture_on_commit_callbacks(execute=True):
        topic.delete()
    assert CatalogEntry.objects.get(pk=page.pk).topics == []


def test_a_new_catalog_slug_readdresses_every_offering(engine, django_capture_on_commit_callbacks):
    page = factories.build_offering(title="Addressed", **LEAN)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    catalog = CatalogIndexPage.objects.get()
    catalog.slug = "learning"
    with django_capture_on_commit_callbacks(execute=True):
        catalog.save_revision().publish()
    assert CatalogEntry.objects.get(pk=page.pk).url_path.endswith("/learning/addressed/")
