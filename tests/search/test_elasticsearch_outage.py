"""Elasticsearch going away and coming back, on a throwaway node of this test's own (never the shared server):
searches answer from the database in a reduced mode, publishing goes on, and the reconcile job or
`catalog_reindex` brings the index back to the truth once the node returns."""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from lms.local_services import ElasticsearchNode
from search import engines, indexing
from search.catalog import CatalogQuery
from search.tasks import reconcile_catalog
from tests import factories
from tests.search.lean import LEAN

from .elasticsearch_support import unique_alias

pytestmark = pytest.mark.django_db

REDUCED_NOTICE = 'id="search-reduced-mode"'


def _free_port_pair() -> int:
    """A port free for HTTP whose neighbour 100 above (the node's transport port) is free too."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 100 < 65536:
            with socket.socket() as transport:
                try:
                    transport.bind(("127.0.0.1", port + 100))
                except OSError:
                    continue
            return port
    raise RuntimeError("no free pair of ports")


@pytest.fixture(scope="module")
def node():
    """A single-node Elasticsearch from the same distribution (plugin installed), its own port and data."""
    workdir = Path(tempfile.mkdtemp(prefix="lms-es-outage-"))
    workdir.chmod(0o755)  # the node runs as the service user
    started = ElasticsearchNode(_free_port_pair(), workdir).start()
    yield started
    started.stop()
    shutil.rmtree(workdir, ignore_errors=True)


HEALTHY_TIMEOUT = 30  # seconds: a fresh node on a loaded machine can take longer than 2 s to create its index
FROZEN_TIMEOUT = 2  # seconds: what the frozen-cluster test waits for before the database answers


def use_request_timeout(settings, seconds: float) -> None:
    """The engine reads its timeouts when made, so a change needs a fresh one."""
    settings.ELASTICSEARCH_TIMEOUT = seconds
    engines._elasticsearch_engine_for.cache_clear()


@pytest.fixture
def on_node(node, settings):
    """Settings pointing at the throwaway node, and the engine cache cleared around.

    A killed node refuses connections at once, so only the connect timeout is short; the request timeout stays
    generous while the node is healthy, so a slow index write on a busy machine is not mistaken for an outage."""
    settings.ELASTICSEARCH_URL = node.url
    settings.ELASTICSEARCH_INDEX_ALIAS = unique_alias("outage")
    settings.ELASTICSEARCH_CONNECT_TIMEOUT = 0.5
    use_request_timeout(settings, HEALTHY_TIMEOUT)
    yield node
    if not node.running():
        node.start()
    engines._elasticsearch_engine_for.cache_clear()


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    return page


def search(text: str):
    return engines.catalog_engine().search(CatalogQuery(text=text))


def live_ids() -> set[int]:
    return set(indexing.live_page_ids())


def test_a_killed_cluster_answers_from_the_database_and_is_repaired_when_it_returns(
        on_node, client, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    kanban = publish(factories.build_offering(title="Kanban Basics", publish=False, **LEAN), capture)
    publish(factories.build_offering(title="Flow Metrics Fundamentals", publish=False, **LEAN), capture)
    elasticsearch = engines.engine_named("elasticsearch")
    assert elasticsearch.indexed_ids() == live_ids()
    answer = search("kanban")
    assert (answer.engine, answer.reduced_mode) == ("elasticsearch", False)
    assert [hit.page_id for hit in answer.hits] == [kanban.pk]

    on_node.kill()
    answer = search("kanban")
    assert (answer.engine, answer.reduced_mode) == ("database", True)
    assert [hit.page_id for hit in answer.hits] == [kanban.pk]
    page = client.get("/search/", {"q": "kanban"}).content.decode()
    assert REDUCED_NOTICE in page and "Kanban Basics" in page

    # Publishing goes on: the database index takes it at once (the Elasticsearch write fails and is retried).
    added = publish(factories.build_offering(title="Cumulative Flow Diagrams", publish=False, **LEAN), capture)
    assert [hit.page_id for hit in search("cumulative").hits] == [added.pk]
    assert engines.database_engine().indexed_ids() == live_ids()
    repairs = reconcile_catalog.delay().get()
    assert repairs["database"]["reconciled"] and not repairs["elasticsearch"]["reconciled"]

    on_node.start()  # the same data: the index as it was when the node died, without what came since
    assert added.pk not in elasticsearch.indexed_ids()
    repairs = reconcile_catalog.delay().get()
    assert repairs["elasticsearch"]["reconciled"] and repairs["elasticsearch"]["added"] == 1
    assert elasticsearch.indexed_ids() == live_ids()
    answer = search("cumulative")
    assert (answer.engine, answer.reduced_mode) == ("elasticsearch", False)
    assert [hit.page_id for hit in answer.hits] == [added.pk]
    assert REDUCED_NOTICE not in client.get("/search/", {"q": "kanban"}).content.decode()

    # Down again, one more published and one withdrawn; this time `catalog_reindex` brings it back.
    on_node.kill()
    later = publish(factories.build_offering(title="Little's Law in Practice", publish=False, **LEAN), capture)
    with capture(execute=True):
        Page.objects.get(pk=kanban.pk).specific.unpublish()
    assert search("little").reduced_mode
    on_node.start()
    call_command("catalog_reindex", stdout=io.StringIO(), stderr=io.StringIO())
    assert elasticsearch.indexed_ids() == live_ids() and later.pk in live_ids() and kanban.pk not in live_ids()
    answer = search("little")
    assert answer.engine == "elasticsearch" and [hit.page_id for hit in answer.hits] == [later.pk]


def test_a_frozen_cluster_costs_the_request_timeout_then_the_database_answers(
        on_node, settings, django_capture_on_commit_callbacks):
    page = publish(factories.build_offering(title="Kanban Basics", publish=False, **LEAN),
                   django_capture_on_commit_callbacks)
    assert search("kanban").engine == "elasticsearch"
    use_request_timeout(settings, FROZEN_TIMEOUT)
    pid = int(on_node.pid_file.read_text().strip())
    os.kill(pid, signal.SIGSTOP)  # the process holds its port but answers nothing: only a timeout ends the wait
    try:
        answer = search("kanban")
    finally:
        os.kill(pid, signal.SIGCONT)
    assert (answer.engine, answer.reduced_mode) == ("database", True)
    assert [hit.page_id for hit in answer.hits] == [page.pk]
    use_request_timeout(settings, HEALTHY_TIMEOUT)
    assert search("kanban").engine == "elasticsearch"  # thawed, it answers again
