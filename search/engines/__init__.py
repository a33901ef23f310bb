"""Which engine answers the catalog, which engines keep an index, and what every engine reads the same way.

Elasticsearch answers when `ELASTICSEARCH_URL` is set; if it cannot be reached at query time the database engine
answers instead (and it is logged), so the search page never fails because the cluster is down. The database
index is therefore always kept, whichever engine answers.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import elastic_transport
from django.conf import settings

from ..catalog import CatalogEngine, CatalogQuery, SearchAnswer, Suggestion
from ..documents import CatalogDocument

logger = logging.getLogger(__name__)

ENGINE_NAMES = ("database", "elasticsearch")

# "When" buckets, read the same way by every engine, relative to the moment of the query:
# upcoming ones by the next session's start (an offering whose last session has not ended), past by the last end.
THIS_WEEK = timedelta(days=7)
THIS_MONTH = timedelta(days=30)


def upcoming_windows(now: datetime) -> dict[str, tuple[datetime | None, datetime | None]]:
    """Per upcoming "when" value, the [from, before) range its next session must start in ("this_week" lies
    inside "this_month"; "later" is after it). "past" is every offering whose last session ended before now."""
    return {
        "this_week": (None, now + THIS_WEEK),
        "this_month": (None, now + THIS_MONTH),
        "later": (now + THIS_MONTH, None),
    }


def database_engine() -> CatalogEngine:
    from .database import DatabaseCatalogEngine

    return DatabaseCatalogEngine()


@functools.lru_cache(maxsize=4)
def _elasticsearch_engine_for(url: str) -> CatalogEngine:
    from .elasticsearch import ElasticsearchCatalogEngine

    return ElasticsearchCatalogEngine(url)


def elasticsearch_engine() -> CatalogEngine | None:
    """The Elasticsearch engine when configured (one client per URL and process), else None."""
    url = settings.ELASTICSEARCH_URL
    return _elasticsearch_engine_for(url) if url else None


def catalog_engine() -> CatalogEngine:
    """The engine that answers searches: Elasticsearch (falling back to the database) when set, else the database."""
    elasticsearch = elasticsearch_engine()
    if elasticsearch is None:
        return database_engine()
    return FallbackCatalogEngine(elasticsearch, database_engine())


def indexing_engines() -> list[CatalogEngine]:
    """Every engine whose index must follow the pages: the database always (it answers when Elasticsearch cannot),
    and Elasticsearch when configured."""
    engines = [database_engine()]
    elasticsearch = elasticsearch_engine()
    if elasticsearch is not None:
        engines.append(elasticsearch)
    return engines


def engine_named(name: str) -> CatalogEngine:
    """One engine by name, for commands; ValueError if unknown or not configured."""
    if name == "database":
        return database_engine()
    if name == "elasticsearch":
        engine = elasticsearch_engine()
        if engine is None:
            raise ValueError("ELASTICSEARCH_URL is not set, so there is no Elasticsearch engine.")
        return engine
    raise ValueError(f"Unknown engine {name!r}: choose one of {', '.join(ENGINE_NAMES)}.")


# Errors that say the cluster cannot answer now (unreachable, timing out, overloaded, index missing), as opposed
# to a query the engine built wrongly, which must surface.
UNAVAILABLE_STATUSES = {404, 429}


def is_engine_unavailable(error: BaseException) -> bool:
    """Does this error mean "ask another engine" (the Elasticsearch engine says so with its own exception)?"""
    from .elasticsearch import CatalogEngineUnavailable

    if isinstance(error, CatalogEngineUnavailable):
        return True
    if isinstance(error, elastic_transport.TransportError):
        return True
    if isinstance(error, elastic_transport.ApiError):
        status = getattr(getattr(error, "meta", None), "status", None)
        return status is None or status >= 500 or status in UNAVAILABLE_STATUSES
    return False


class FallbackCatalogEngine:
    """Asks the primary engine; when it is unavailable, logs why and answers from the fallback, marking the answer
    `reduced_mode`. Writes are never masked: an indexing task must fail (and retry) rather than pretend."""

    def __init__(self, primary: CatalogEngine, fallback: CatalogEngine):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def _fell_back(self, error: BaseException, action: str) -> None:
        logger.warning("The %s engine could not %s; answering from the %s engine.", self.primary.name, action,
                       self.fallback.name, exc_info=error)

    def search(self, query: CatalogQuery) -> SearchAnswer:
        try:
            return self.primary.search(query)
        except Exception as error:
            if not is_engine_unavailable(error):
                raise
            self._fell_back(error, "search")
            answer = self.fallback.search(query)
            answer.reduced_mode = True
            return answer

    def autocomplete(self, text: str, visible_access_levels: Sequence[str], per_format: int = 3,
                     locale: str = "") -> list[Suggestion]:
        try:
            return self.primary.autocomplete(text, visible_access_levels, per_format, locale)
        except Exception as error:
            if not is_engine_unavailable(error):
                raise
            self._fell_back(error, "suggest")
            return self.fallback.autocomplete(text, visible_access_levels, per_format, locale)

    def index(self, documents: Sequence[CatalogDocument]) -> None:
        self.primary.index(documents)

    def remove(self, page_ids: Sequence[int]) -> None:
        self.primary.remove(page_ids)

    def indexed_ids(self) -> set[int]:
        return self.primary.indexed_ids()

    def rebuild(self, documents: Sequence[CatalogDocument]) -> None:
        self.primary.rebuild(documents)
