"""Which engine answers: the database without Elasticsearch; Elasticsearch with it, and the database when the
cluster cannot be reached (a real connection to a port nothing listens on, never a fake server)."""

from __future__ import annotations

import json
import logging
import socket

import pytest

from search import engines, indexing
from search.catalog import CatalogQuery
from search.engines import FallbackCatalogEngine, catalog_engine, engine_named, indexing_engines
from search.engines.database import DatabaseCatalogEngine
from tests import factories


@pytest.fixture
def unreachable_url(settings):
    """An Elasticsearch URL on a local port with nothing listening (bound, then closed, so it is free)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_INDEX_ALIAS = "catalog-unreachable"
    engines._elasticsearch_engine_for.cache_clear()
    yield settings.ELASTICSEARCH_URL
    engines._elasticsearch_engine_for.cache_clear()


def test_without_elasticsearch_the_database_answers_and_indexes(settings):
    settings.ELASTICSEARCH_URL = ""
    assert isinstance(catalog_engine(), DatabaseCatalogEngine)
    assert [engine.name for engine in indexing_engines()] == ["database"]
    with pytest.raises(ValueError, match="ELASTICSEARCH_URL is not set"):
        engine_named("elasticsearch")
    with pytest.raises(ValueError, match="Unknown engine"):
        engine_named("solr")


def test_with_elasticsearch_both_indexes_are_kept(unreachable_url):
    chosen = catalog_engine()
    assert isinstance(chosen, FallbackCatalogEngine) and chosen.name == "elasticsearch"
    assert [engine.name for engine in indexing_engines()] == ["database", "elasticsearch"]
    assert catalog_engine().primary is chosen.primary  # one client per URL and process


@pytest.mark.django_db
def test_an_unreachable_cluster_answers_from_the_database_and_logs_it(unreachable_url, caplog):
    page = factories.build_offering(title="Kanban Basics", modules=1, lessons_per_module=1)
    engine_named("database").index(indexing.catalog_documents([page.pk]))

    with caplog.at_level(logging.WARNING, logger="search.engines"):
        answer = catalog_engine().search(CatalogQuery(text="kanban"))
        suggestions = catalog_engine().autocomplete("kan", ["public"])
    assert answer.engine == "database" and answer.reduced_mode
    assert [hit.page_id for hit in answer.hits] == [page.pk]
    assert [s.page_id for s in suggestions] == [page.pk]
    warnings = [r for r in caplog.records if r.name == "search.engines"]
    assert len(warnings) == 2 and "answering from the database engine" in warnings[0].getMessage()


@pytest.mark.django_db
def test_writes_to_an_unreachable_cluster_fail_loudly(unreachable_url):
    page = factories.build_offering(title="Kanban Basics", modules=1, lessons_per_module=1)
    with pytest.raises(Exception) as raised:
        indexing.refresh([page.pk])
    assert engines.is_engine_unavailable(raised.value)
    assert engine_named("database").indexed_ids() == {page.pk}  # the fallback index was written first


REDUCED_NOTICE = 'id="search-reduced-mode"'


@pytest.mark.django_db
def test_the_page_and_the_api_say_when_the_catalog_is_in_a_reduced_mode(unreachable_url, client):
    page = factories.build_offering(title="Kanban Basics", modules=1, lessons_per_module=1)
    engine_named("database").index(indexing.catalog_documents([page.pk]))

    html = client.get("/search/", {"q": "kanban"}).content.decode()
    assert "Kanban Basics" in html
    assert REDUCED_NOTICE in html and "reduced mode" in html
    body = json.loads(client.get("/api/v1/catalog/search", {"q": "kanban"}).content)
    assert body["reduced_mode"] is True and [r["id"] for r in body["results"]] == [page.pk]


@pytest.mark.django_db
def test_the_engine_that_is_configured_answers_in_full_mode(settings, client):
    settings.ELASTICSEARCH_URL = ""
    page = factories.build_offering(title="Kanban Basics", modules=1, lessons_per_module=1)
    indexing.refresh([page.pk])
    assert not catalog_engine().search(CatalogQuery(text="kanban")).reduced_mode
    assert REDUCED_NOTICE not in client.get("/search/", {"q": "kanban"}).content.decode()
    assert json.loads(client.get("/api/v1/catalog/search", {"q": "kanban"}).content)["reduced_mode"] is False


@pytest.mark.django_db
def test_reconcile_repairs_the_database_while_elasticsearch_is_down(unreachable_url):
    page = factories.build_offering(title="Kanban Basics", modules=1, lessons_per_module=1)
    repairs = indexing.reconcile()
    assert repairs["database"] == indexing.Repairs(added=1)
    assert engine_named("database").indexed_ids() == {page.pk}
    elasticsearch = repairs["elasticsearch"]
    assert not elasticsearch.reconciled and "Elasticsearch could not" in elasticsearch.error
    assert (elasticsearch.added, elasticsearch.updated, elasticsearch.removed) == (0, 0, 0)


class _BrokenEngine:
    name = "broken"

    def search(self, query):
        raise ValueError("a bug, not an outage")


def test_errors_other_than_unavailability_are_not_masked():
    fallback = FallbackCatalogEngine(_BrokenEngine(), DatabaseCatalogEngine())
    with pytest.raises(ValueError, match="a bug"):
        fallback.search(CatalogQuery())
    assert not engines.is_engine_unavailable(ValueError("x"))
