"""`catalog_reindex` on the real server while searches keep coming: readers only ever see the alias, which moves
from the old whole index to the new whole index in one step, so no search fails or finds the catalog empty."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command

from search import engines, indexing
from search.catalog import CatalogQuery
from tests import factories
from tests.search.lean import LEAN

from .elasticsearch_support import drop_indices, elasticsearch_url, unique_alias

pytestmark = pytest.mark.django_db

REBUILDS = 3


@pytest.fixture
def elasticsearch(settings):
    settings.ELASTICSEARCH_URL = elasticsearch_url()
    settings.ELASTICSEARCH_INDEX_ALIAS = unique_alias("reindex")
    engines._elasticsearch_engine_for.cache_clear()
    engine = engines.engine_named("elasticsearch")
    yield engine
    drop_indices(engine.client, engine.alias)
    engines._elasticsearch_engine_for.cache_clear()


class Searcher(threading.Thread):
    """Searches the whole catalog over and over (the engine's own client, no database) until told to stop."""

    def __init__(self, engine):
        super().__init__(daemon=True)
        self.engine = engine
        self.stop = threading.Event()
        self.first = threading.Event()
        self.totals: list[int] = []
        self.errors: list[BaseException] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.totals.append(self.engine.search(CatalogQuery(page_size=1)).total)
            except BaseException as error:  # noqa: BLE001 - reported by the test
                self.errors.append(error)
            self.first.set()


def test_searches_never_fail_nor_see_an_empty_catalog_while_the_index_is_rebuilt(elasticsearch):
    for number in range(12):
        factories.build_offering(title=f"Offering {number}", **LEAN)
    live = len(indexing.live_page_ids())
    call_command("catalog_reindex", "--engine", "elasticsearch", stdout=io.StringIO(), stderr=io.StringIO())
    first_index = set(elasticsearch.client.indices.get_alias(name=elasticsearch.alias).body)

    searcher = Searcher(elasticsearch)
    searcher.start()
    assert searcher.first.wait(timeout=60)
    during = []
    try:
        for _ in range(REBUILDS):
            before = len(searcher.totals) + len(searcher.errors)
            call_command("catalog_reindex", "--engine", "elasticsearch", stdout=io.StringIO(), stderr=io.StringIO())
            during.append(len(searcher.totals) + len(searcher.errors) - before)
    finally:
        searcher.stop.set()
        searcher.join(timeout=60)

    assert not searcher.errors, searcher.errors[:3]
    assert all(searches > 0 for searches in during)  # each rebuild really had searches running through it
    assert set(searcher.totals) == {live}
    serving = set(elasticsearch.client.indices.get_alias(name=elasticsearch.alias).body)
    assert len(serving) == 1 and not serving & first_index
