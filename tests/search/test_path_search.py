"""Learning paths in the catalog search (search/documents.py `path_documents`): indexed through the real receivers
and task, found by their words, their steps' titles and topics, shown as a path (its kind, its steps, a link) on the
search page and in the API, told apart by the format facet, and gone when unpublished or made private. The database
engine here; tests/contract/test_path_contract.py holds both engines to the same."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from search.catalog import CatalogQuery
from search.documents import LEARNING_PATH, catalog_documents
from search.models import CatalogEntry
from tests import factories
from tests.courses.query_budgets import SEARCH_MAX_QUERIES
from tests.search.lean import LEAN

pytestmark = pytest.mark.django_db


def published(page, capture):
    """Publish through Wagtail, running what the receivers enqueue after the commit (the refresh task)."""
    with capture(execute=True):
        page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def programme(engine, django_capture_on_commit_callbacks):
    """Two offerings (one tagged "Flow Metrics"), and a path through both, published as an editor would."""
    flow = factories.TopicFactory(name="Flow Metrics", slug="flow")
    first = published(factories.build_offering(title="Kanban Basics", cpd_hours=3, programme_year=2025, **LEAN),
                      django_capture_on_commit_callbacks)
    second = published(factories.build_ethics_module(title="Research Integrity", topics=[flow], cpd_hours=1.5,
                                                     programme_year=2026, **LEAN),
                       django_capture_on_commit_callbacks)
    path = factories.build_learning_path([first, (second, [first])], title="Value stream practitioner",
                                         publish=False)
    return {"first": first, "second": second, "path": published(path, django_capture_on_commit_callbacks)}


def found(engine, **fields) -> list[int]:
    return [hit.page_id for hit in engine.search(CatalogQuery(page_size=100, **fields)).hits]


def test_a_published_path_is_indexed_as_a_path_with_its_steps_words_and_hours(engine, programme):
    (document,) = catalog_documents([programme["path"].pk])

    assert (document.format, document.access_level, document.level, document.locale) == (
        LEARNING_PATH, "public", "", "en")
    assert document.topics == ["flow"] and "Flow Metrics" in document.topic_names
    assert "Kanban Basics" in document.body and "Research Integrity" in document.body
    assert (document.cpd_hours, document.programme_year) == (4.5, 2026)
    assert found(engine, text="practitioner") == [programme["path"].pk]
    assert programme["path"].pk in found(engine, text="flow metrics")  # by its step's topic
    assert found(engine, text="value stream", filters={"format": (LEARNING_PATH,)}) == [programme["path"].pk]
    assert programme["path"].pk not in found(engine, filters={"format": ("course", "ethics_module")})


def test_the_search_page_shows_a_path_as_a_path(client, programme):
    page = client.get("/search/", {"q": "practitioner"}).content.decode()

    assert f'href="{programme["path"].url}"' in page
    assert ">Learning path</span>" in page and "2 steps" in page and "4.5 CPD hours" in page
    assert 'type="checkbox" name="format" value="learning_path"' in page
    assert 'name="level" value=""' not in page  # a path has no level: it is not counted as one


def test_the_api_names_a_path_and_its_steps(client, programme):
    body = json.loads(client.get("/api/v1/catalog/search", {"q": "practitioner"}).content)

    (result,) = body["results"]
    assert (result["format"], result["steps"], result["cpd_hours"], result["url"]) == (
        LEARNING_PATH, 2, "4.50", programme["path"].url)
    suggestions = json.loads(client.get("/api/v1/catalog/autocomplete", {"q": "practi"}).content)["suggestions"]
    assert [(s["id"], s["format"]) for s in suggestions] == [(programme["path"].pk, LEARNING_PATH)]


def test_unpublishing_drops_the_path_and_a_step_renamed_refreshes_it(engine, programme,
                                                                     django_capture_on_commit_callbacks):
    first = programme["first"]
    first.title = "Kanban Foundations"
    published(first, django_capture_on_commit_callbacks)
    assert programme["path"].pk in found(engine, text="foundations")  # the path's body has its step's new title

    with django_capture_on_commit_callbacks(execute=True):
        programme["path"].unpublish()

    assert found(engine, text="practitioner") == []
    assert not CatalogEntry.objects.filter(page_id=programme["path"].pk).exists()


def test_a_private_path_is_not_catalogued(engine, programme):
    restriction = PageViewRestriction.objects.create(page=programme["path"], restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Board"))

    call_command("catalog_reindex", stdout=io.StringIO(), stderr=io.StringIO())

    assert found(engine, text="practitioner") == []
    assert found(engine, text="kanban") == [programme["first"].pk]


def test_catalog_reindex_includes_paths(engine, programme):
    CatalogEntry.objects.all().delete()
    out = io.StringIO()

    call_command("catalog_reindex", stdout=out, stderr=io.StringIO())

    assert "3 offerings and paths indexed" in out.getvalue()
    assert found(engine, text="practitioner") == [programme["path"].pk]


def test_the_search_pages_queries_do_not_grow_with_the_paths(client, programme, django_capture_on_commit_callbacks,
                                                            django_assert_max_num_queries):
    """Every path found is read with the others: the pages, their originals, the steps' offerings, the pictures."""
    with django_assert_max_num_queries(SEARCH_MAX_QUERIES):
        assert "2 steps" in client.get("/search/", {"q": "practitioner"}).content.decode()
    image = Image.objects.create(title="Value stream map", file=get_test_image_file())
    for number in range(6):
        path = factories.build_learning_path([programme["first"], programme["second"]],
                                             title=f"Practitioner track {number}", publish=False)
        path.image, path.image_alt_text = image, "A value stream map"
        published(path, django_capture_on_commit_callbacks)
    client.get("/search/", {"q": "practitioner"})  # the picture's renditions are made once, on its first showing

    with django_assert_max_num_queries(SEARCH_MAX_QUERIES):
        page = client.get("/search/", {"q": "practitioner"}).content.decode()

    assert page.count("2 steps") == 7
