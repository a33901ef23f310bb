"""What the catalog holds: refresh brings ids up to date, reconcile repairs drift, the tasks call them."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from courses.models import LessonPage
from search import indexing
from search.indexing import Refreshed, Repairs
from search.models import CatalogEntry
from search.tasks import reconcile_catalog, refresh_catalog_pages
from tests import factories
from tests.search.lean import LEAN

pytestmark = pytest.mark.django_db

def test_refresh_indexes_live_offerings_and_removes_everything_else(engine):
    live = factories.build_offering(title="Live Course", **LEAN)
    draft = factories.build_offering(title="Draft Course", publish=False, **LEAN)
    lesson = LessonPage.objects.descendant_of(live).first()
    engine.index(indexing.catalog_documents([live.pk]))
    CatalogEntry.objects.filter(pk=live.pk).update(title="stale")

    assert indexing.refresh([live.pk, draft.pk, lesson.pk, 999_999]) == Refreshed(indexed=1, removed=3)
    assert engine.indexed_ids() == {live.pk}
    assert CatalogEntry.objects.get(pk=live.pk).title == "Live Course"
    assert indexing.refresh([]) == Refreshed()


def test_reconcile_adds_updates_and_removes_then_finds_nothing_to_do(engine):
    kept = factories.build_offering(title="Kept", **LEAN)
    renamed = factories.build_offering(title="Renamed", **LEAN)
    withdrawn = factories.build_offering(title="Withdrawn", **LEAN)
    # Pages built without publishing announce nothing: the index knows none of them.
    assert engine.indexed_ids() == set()
    assert indexing.reconcile() == {"database": Repairs(added=3)}

    Page.objects.filter(pk=renamed.pk).update(title="Renamed Again")  # a change no signal announced
    Page.objects.filter(pk=withdrawn.pk).update(live=False)
    assert indexing.reconcile() == {"database": Repairs(updated=1, removed=1)}
    assert engine.indexed_ids() == {kept.pk, renamed.pk}
    assert CatalogEntry.objects.get(pk=renamed.pk).title == "Renamed Again"

    assert indexing.reconcile() == {"database": Repairs()}


def test_reconcile_refreshes_an_event_whose_next_session_has_passed(engine):
    event = factories.build_event(title="Twice Run", sessions=[factories.session_spec(2), factories.session_spec(9)])
    indexing.refresh([event.pk])
    first, second = factories.sessions_of(event)
    assert CatalogEntry.objects.get(pk=event.pk).next_session_starts_at == first.starts_at

    first.delete()  # as good as passed: the next session is now the second
    assert indexing.reconcile()["database"].updated == 1
    assert CatalogEntry.objects.get(pk=event.pk).next_session_starts_at == second.starts_at


def test_tasks_run_the_rules(engine):
    page = factories.build_offering(title="Tasked", **LEAN)
    assert refresh_catalog_pages.delay([page.pk]).get() == {"indexed": 1, "removed": 0}
    assert reconcile_catalog.delay().get() == {
        "database": {"added": 0, "updated": 0, "removed": 0, "reconciled": True, "error": ""}}


def test_catalog_reindex_rebuilds_with_counts(engine):
    for title in ("One", "Two", "Three"):
        factories.build_offering(title=title, **LEAN)
    factories.build_offering(title="Hidden draft", publish=False, **LEAN)
    out, err = io.StringIO(), io.StringIO()
    call_command("catalog_reindex", stdout=out, stderr=err)
    assert "database: 3 offerings and paths indexed" in out.getvalue()
    assert "Reading offerings" in err.getvalue()
    assert len(engine.indexed_ids()) == 3

    call_command("catalog_reindex", "--engine", "database", stdout=out, stderr=err)
    assert len(engine.indexed_ids()) == 3


def test_catalog_reindex_refuses_an_engine_that_is_not_configured(engine):
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        call_command("catalog_reindex", "--engine", "elasticsearch", stdout=io.StringIO(), stderr=io.StringIO())
