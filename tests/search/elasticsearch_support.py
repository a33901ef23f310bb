"""What tests against the real Elasticsearch server share: where it is (never a skip when it is missing), a fresh
alias per run, and removing what a test created."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import pytest

MISSING = ("ELASTICSEARCH_URL is not set: these tests need the real Elasticsearch server; run `make services` and "
           "export the ELASTICSEARCH_URL it prints (make test does both).")


def elasticsearch_url() -> str:
    """The shared server's URL from the environment, or a failed test saying how to start it."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.fail(MISSING, pytrace=False)
    return url


def unique_alias(purpose: str) -> str:
    """An alias no other run, process or test on the same server uses."""
    return f"catalog-{purpose}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def drop_indices(client, alias: str) -> None:
    """Delete every index made for `alias` (by name: the server refuses wildcard deletes by default)."""
    leftovers = client.indices.get(index=f"{alias}-*", allow_no_indices=True, expand_wildcards="all").body
    if leftovers:
        client.indices.delete(index=",".join(sorted(leftovers)))


# Request bodies, as the query tests and the live-server tests read them.
NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
# One selection in every facet, with the document field each one filters.
EVERY_FACET_SELECTED = {
    "format": ("webinar",), "topic": ("ethics",), "level": ("advanced",), "career_stage": ("early_career",),
    "language": ("es",), "access_level": ("public",), "partner": ("acme",), "programme_year": ("2025",),
    "when": ("this_week",),
}


def walk(node):
    """Every dict in a request body, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)
