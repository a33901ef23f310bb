"""Stored achievement ids follow the site to a new address.

A certificate keeps the address of its offering's page as the achievement id (`issuance.achievement_address`
writes a page of this site or a urn:uuid, nothing else). When the site moves (another domain in production,
another port in `make run`) those addresses would point where nothing is served, so the web ones are moved onto
the current base URL, keeping their path. The credential signed from the old id is then stale, and
`manage.py refresh_certificates` re-signs it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction

from lms import site_address

from .models import Certificate

BATCH = 500


def rebased(achievement_id: str, base_url: str) -> str:
    """The id on `base_url` when it is a web address elsewhere; anything else (a urn, blank) unchanged."""
    parts = urlsplit(achievement_id)
    if parts.scheme not in ("http", "https"):
        return achievement_id
    base = urlsplit(base_url)
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


def stale_achievement_ids():
    """Certificates whose achievement id is a web address not on the site's current base URL."""
    base = site_address.base_url()
    web = Certificate.objects.filter(achievement_id__regex=r"^https?://")
    return web.exclude(achievement_id__startswith=base + "/")


def rebase_achievement_ids(progress: Callable[[int], None] | None = None) -> int:
    """Move every stale achievement id onto the current base URL; returns how many changed (0 on a second run)."""
    base = site_address.base_url()
    changed = 0
    while True:
        with transaction.atomic():
            batch = list(stale_achievement_ids().select_for_update().only("pk", "achievement_id")[:BATCH])
            for certificate in batch:
                certificate.achievement_id = rebased(certificate.achievement_id, base)
            Certificate.objects.bulk_update(batch, ["achievement_id"])
        changed += len(batch)
        if progress is not None and batch:
            progress(len(batch))
        if len(batch) < BATCH:
            return changed
