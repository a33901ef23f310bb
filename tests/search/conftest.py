"""The search tests' engine fixture; the small offerings they build are sized by tests/search/lean.py."""

import pytest

from search.engines.database import DatabaseCatalogEngine


@pytest.fixture
def engine(settings):
    """The database engine, with Elasticsearch switched off so indexing and the engine choice agree."""
    settings.ELASTICSEARCH_URL = ""
    return DatabaseCatalogEngine()
