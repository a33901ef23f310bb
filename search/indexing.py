"""What the catalog holds: every live offering, as it is now, and nothing else.

`refresh` brings a few pages up to date (the receivers call it through a task after each publish, unpublish, move
or delete); `reconcile` compares the whole catalog with every engine's index and repairs what drifted (a lost task,
a session that passed, seats that filled). Both are safe to run twice: they compute the truth, then write it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from courses.models import Offering

from .documents import CatalogDocument, documents_for, live_offerings
from .engines import indexing_engines

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


def live_offering_ids() -> list[int]:
    return list(Offering.objects.live().order_by("pk").values_list("pk", flat=True))


def document_batches(ids: list[int], batch_size: int = BATCH_SIZE) -> Iterator[list[CatalogDocument]]:
    """The documents of these offerings (those still live), a batch at a time."""
    for start in range(0, len(ids), batch_size):
        yield documents_for(live_offerings(ids[start:start + batch_size]))


def refresh(page_ids: Iterable[int]) -> Refreshed:
    """Index the live offerings among these ids and remove the rest (deleted, unpublished, never offerings)."""
    ids = sorted({int(page_id) for page_id in page_ids})
    if not ids:
        return Refreshed()
    documents = documents_for(live_offerings(ids))
    live = {document.page_id for document in documents}
    gone = [page_id for page_id in ids if page_id not in live]
    for engine in indexing_engines():
        engine.index(documents)
        engine.remove(gone)
    return Refreshed(indexed=len(documents), removed=len(gone))


def reconcile() -> dict[str, Repairs]:
    """Per engine: add live offerings it lacks, rewrite those it holds differently, drop what is no longer live.

    An engine that can tell which documents it holds differently (`stale_ids`) rewrites only those; any other
    rewrites every live offering, which is correct, only slower.
    """
    live_ids = live_offering_ids()
    engines = indexing_engines()
    repairs: dict[str, Repairs] = {}
    indexed: dict[str, set[int]] = {}
    for engine in engines:
        held = engine.indexed_ids()
        gone = sorted(held - set(live_ids))
        engine.remove(gone)
        repairs[engine.name] = Repairs(removed=len(gone))
        indexed[engine.name] = held
    for documents in document_batches(live_ids):
        for engine in engines:
            held = indexed[engine.name]
            missing = [d for d in documents if d.page_id not in held]
            present = [d for d in documents if d.page_id in held]
            stale_ids = engine.stale_ids(present) if hasattr(engine, "stale_ids") else {d.page_id for d in present}
            stale = [d for d in present if d.page_id in stale_ids]
            engine.index(missing + stale)
            repairs[engine.name].added += len(missing)
            repairs[engine.name].updated += len(stale)
    return repairs
