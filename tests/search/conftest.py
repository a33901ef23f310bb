"""What the search tests share: small offerings (one module, one lesson) and the database engine."""

import pytest

from search.engines.database import DatabaseCatalogEngine

# Offerings built with these keep each test's page tree small: search needs titles and text, not 100 lessons.
LEAN = {"modules": 1, "lessons_per_module": 1}


@pytest.fixture
def engine(settings):
    """The database engine, with Elasticsearch switched off so indexing and the engine choice agree."""
    settings.ELASTICSEARCH_URL = ""
    return DatabaseCatalogEngine()
