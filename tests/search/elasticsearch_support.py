"""What tests against the real Elasticsearch server share: where it is (never a skip when it is missing), a fresh
alias per run, and removing what a test created."""

from __future__ import annotations

import os
import uuid

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
