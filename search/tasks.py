"""Background work for the catalog: tasks take page ids, compute the truth afresh, and are safe to run twice."""

from dataclasses import asdict

from celery import shared_task

from . import indexing
from .engines import is_engine_unavailable


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def refresh_catalog_pages(self, page_ids: list[int]) -> dict:
    """Bring these offerings' catalog entries up to date (index the live ones, remove the rest)."""
    try:
        return asdict(indexing.refresh(page_ids))
    except Exception as error:
        if is_engine_unavailable(error):
            raise self.retry(exc=error) from error  # the cluster is away; the database index is already written
        raise


@shared_task
def reconcile_catalog() -> dict:
    """Beat job: repair any drift between the live pages and every engine's index."""
    return {engine: asdict(repairs) for engine, repairs in indexing.reconcile().items()}
