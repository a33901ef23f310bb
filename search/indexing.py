"""What the catalog holds: every live offering and learning path, as it is now, and nothing else.

`refresh` brings a few pages up to date (the receivers call it through a task after each publish, unpublish, move
or delete); `reconcile` compares the whole catalog with every engine's index and repairs what drifted (a lost task,
a session that passed, seats that filled). Both are safe to run twice: they compute the truth, then write it.

Engines are written one by one and an unavailable one never stops the others: the database index is written even
while Elasticsearch is down (it is what answers then). `refresh` raises the outage afterwards, so its task retries;
`reconcile` reports the engine as not reconciled, and its next run repairs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from courses.models import LearningPathPage, Offering

from .catalog import CatalogEngine
from .documents import CatalogDocument, catalog_documents, live_paths
from .engines import indexing_engines, is_engine_unavailable

logger = logging.getLogger(__name__)

BATCH_SIZE = 200  # offerings read and written at a time: bounded memory for any catalog size


@dataclass
class Refreshed:
    indexed: int = 0
    removed: int = 0


@dataclass
class Repairs:
    added: int = 0
    updated: int = 0
    removed: int = 0
    reconciled: bool = True  # False: the engine was unavailable, so its index may still be off (the counts are
    error: str = ""          # what was repaired before it failed); `error` says why


def live_page_ids() -> list[int]:
    """Every page the catalog holds: the live offerings, then the live learning paths (search/documents.py)."""
    return [*Offering.objects.live().order_by("pk").values_list("pk", flat=True),
            *(path.pk for path in live_paths())]


def document_batches(ids: list[int], batch_size: int = BATCH_SIZE) -> Iterator[list[CatalogDocument]]:
    """The documents of these offerings and paths (those still live), a batch at a time."""
    for start in range(0, len(ids), batch_size):
        yield catalog_documents(ids[start:start + batch_size])


def refresh(page_ids: Iterable[int]) -> Refreshed:
    """Index the live offerings and paths among these ids and remove the rest (deleted, unpublished, neither).

    Every engine is written even if one is unavailable; then the first outage is raised (a task retries on it)."""
    ids = sorted({int(page_id) for page_id in page_ids})
    if not ids:
        return Refreshed()
    # Wagtail updates an original's aliases (in the other locales' trees) without announcing their publish.
    ids = sorted({*ids, *Offering.objects.filter(alias_of_id__in=ids).values_list("pk", flat=True),
                  *LearningPathPage.objects.filter(alias_of_id__in=ids).values_list("pk", flat=True)})
    documents = catalog_documents(ids)
    live = {document.page_id for document in documents}
    gone = [page_id for page_id in ids if page_id not in live]
    outages: list[BaseException] = []
    for engine in indexing_engines():
        try:
            engine.index(documents)
            engine.remove(gone)
        except Exception as error:
            if not is_engine_unavailable(error):
                raise
            logger.warning("The %s index could not be refreshed; the other engines were.", engine.name)
            outages.append(error)
    if outages:
        raise outages[0]
    return Refreshed(indexed=len(documents), removed=len(gone))


def reconcile() -> dict[str, Repairs]:
    """Per engine: add live offerings and paths it lacks, rewrite those it holds differently, drop what is no longer
    live.

    An engine that can tell which documents it holds differently (`stale_ids`) rewrites only those; any other
    rewrites every live offering, which is correct, only slower. An unavailable engine is reported as not
    reconciled (with the reason) and the others are still repaired.
    """
    live_ids = live_page_ids()
    repairs: dict[str, Repairs] = {}
    for engine in indexing_engines():
        repairs[engine.name] = Repairs()
        try:
            _reconcile_engine(engine, live_ids, repairs[engine.name])
        except Exception as error:
            if not is_engine_unavailable(error):
                raise
            logger.warning("The %s index could not be reconciled: %s", engine.name, error)
            repairs[engine.name].reconciled = False
            repairs[engine.name].error = str(error)
    return repairs


def _reconcile_engine(engine: CatalogEngine, live_ids: list[int], repairs: Repairs) -> None:
    held = engine.indexed_ids()
    gone = sorted(held - set(live_ids))
    engine.remove(gone)
    repairs.removed = len(gone)
    for documents in document_batches(live_ids):
        missing = [d for d in documents if d.page_id not in held]
        present = [d for d in documents if d.page_id in held]
        stale_ids = engine.stale_ids(present) if hasattr(engine, "stale_ids") else {d.page_id for d in present}
        stale = [d for d in present if d.page_id in stale_ids]
        engine.index(missing + stale)
        repairs.added += len(missing)
        repairs.updated += len(stale)
