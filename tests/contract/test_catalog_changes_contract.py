"""The catalog search contract, continued: the index kept true as the catalog changes, the same from every engine.
Each test changes the catalog or the index, so each builds its own (conftest.py's `fresh_catalog`)."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from cms.models import Topic
from courses.models import Offering
from tests import factories
from tests.contract.support import found, publish

pytestmark = pytest.mark.django_db


def test_a_word_the_catalog_holds_never_matches_its_near_spellings(
        fresh_engine, fresh_catalog, django_capture_on_commit_callbacks):
    seminar = publish(factories.build_offering(title="Seminar Facilitation", modules=1, lessons_per_module=1),
                      django_capture_on_commit_callbacks)
    publish(factories.build_offering(title="Webinar Facilitation", modules=1, lessons_per_module=1),
            django_capture_on_commit_callbacks)
    answer = fresh_engine.search(fresh_catalog.query(text="seminar"))
    assert [hit.page_id for hit in answer.hits] == [seminar.pk] and answer.corrected_text == ""
    assert fresh_engine.search(fresh_catalog.query(text="facilitation")).total == 2


def test_publishing_adds_and_unpublishing_removes(
        fresh_engine, fresh_catalog, django_capture_on_commit_callbacks):
    page = factories.build_offering(title="Cumulative Flow Diagrams", modules=1, lessons_per_module=1)
    assert fresh_engine.search(fresh_catalog.query(text="cumulative")).total == 0  # built live, but not yet published
    publish(page, django_capture_on_commit_callbacks)
    assert [h.page_id for h in fresh_engine.search(fresh_catalog.query(text="cumulative")).hits] == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert fresh_engine.search(fresh_catalog.query(text="cumulative")).total == 0


def test_a_deleted_offering_leaves_the_catalog(
        fresh_engine, fresh_catalog, django_capture_on_commit_callbacks):
    page = fresh_catalog.pages["kanban_basics"]
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert page.pk not in fresh_engine.indexed_ids()
    hits = fresh_engine.search(fresh_catalog.query(text="kanban")).hits
    assert "kanban_basics" not in {fresh_catalog.key_of(hit.page_id) for hit in hits}


def test_a_draft_edit_of_a_live_offering_is_not_searchable(
        fresh_engine, fresh_catalog, django_capture_on_commit_callbacks):
    page = Offering.objects.get(pk=fresh_catalog.pages["gestion"].pk).specific
    page.title = "Secret Draft Title"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert fresh_engine.search(fresh_catalog.query(text="secret")).total == 0
    assert found(fresh_catalog, fresh_engine.search(fresh_catalog.query(text="gestion"))) == ["gestion"]


def test_a_renamed_topic_is_searchable_by_its_new_name(
        fresh_engine, fresh_catalog, django_capture_on_commit_callbacks):
    topic = Topic.objects.get(slug="leadership")
    topic.name = "Stewardship"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()
    assert found(fresh_catalog, fresh_engine.search(fresh_catalog.query(text="stewardship"))) == ["leading"]
