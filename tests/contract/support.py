"""What the contract tests call: switching to one engine, publishing a page as production does, and the keys of
the fixed catalog (tests/contract/conftest.py builds it) that are live and member-only."""

from __future__ import annotations

from contextlib import contextmanager

from django.test import override_settings

from courses.models import Offering
from search import engines
from search.catalog import SearchAnswer
from tests.search.elasticsearch_support import elasticsearch_url

LIVE_KEYS = (
    "kanban_basics", "flow_fundamentals", "integrity", "etica", "conflicts", "leading", "gestion", "masterclass",
    "flow_live", "etica_live", "mapping_workshop", "retro_workshop",
)
MEMBER_ONLY_KEYS = ("conflicts", "masterclass")


@contextmanager
def engine_in_use(name: str, alias: str):
    """One engine configured for what runs inside, its index started empty (Elasticsearch keeps its index between
    tests; the database engine's rows roll back with the test that wrote them)."""
    elasticsearch = {"ELASTICSEARCH_URL": elasticsearch_url(), "ELASTICSEARCH_INDEX_ALIAS": alias} if (
        name == "elasticsearch") else {"ELASTICSEARCH_URL": ""}  # elasticsearch_url() fails, never skips, unset
    with override_settings(**elasticsearch):
        engines._elasticsearch_engine_for.cache_clear()
        try:
            for indexing_engine in engines.indexing_engines():
                indexing_engine.rebuild([])
            yield engines.engine_named(name)
        finally:
            engines._elasticsearch_engine_for.cache_clear()


def publish(page, capture) -> Offering:
    """Publish through Wagtail, running the after-commit refresh the receivers enqueue."""
    with capture(execute=True):
        page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def found(catalog, answer: SearchAnswer) -> list[str]:
    """The keys of the offerings an answer lists, in its order."""
    return [catalog.key_of(hit.page_id) for hit in answer.hits]
