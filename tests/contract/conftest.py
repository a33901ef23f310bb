"""The contract suite's engines and its fixed small catalog.

Every test here runs once per engine: the database engine, and Elasticsearch on the real server that
`ELASTICSEARCH_URL` names (`make services` starts one and prints it). Without it the Elasticsearch half fails and
says so: it is never skipped. The run writes under an alias of its own, so runs sharing a server never meet. The
catalog is loaded the way production loads it: pages are published, the receivers enqueue a refresh after the
commit, and the (eager) task writes every engine's index.

Most tests only ask: they share one catalog per module and engine (`engine`, `catalog`: built once, rolled back
after, the index emptied by the next module). A test that changes the catalog or the index (publishing, deleting,
renaming) takes its own (`fresh_engine`, `fresh_catalog`), built for it alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from courses.models import Offering, WebinarPage
from lms.access import AccessLevel, visible_access_levels
from search.catalog import CatalogQuery
from search.engines.elasticsearch import ElasticsearchCatalogEngine
from tests import factories
from tests.contract.support import engine_in_use, publish
from tests.search.elasticsearch_support import drop_indices, unique_alias

ENGINE_PARAMS = ["database", "elasticsearch"]


@pytest.fixture(scope="session")
def contract_alias():
    """This run's alias on the shared server; its indices are deleted when the run ends."""
    alias = unique_alias("contract")
    yield alias
    if os.environ.get("ELASTICSEARCH_URL"):
        drop_indices(ElasticsearchCatalogEngine(os.environ["ELASTICSEARCH_URL"], index_alias=alias).client, alias)


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def engine(request, contract_alias, django_db_setup, django_db_blocker):
    """One engine to ask, each module's tests once per engine (pytest runs one engine's tests, then the other's)."""
    with django_db_blocker.unblock(), engine_in_use(request.param, contract_alias) as engine:
        yield engine


@pytest.fixture(params=ENGINE_PARAMS)
def fresh_engine(request, contract_alias, db):
    """One engine, its index emptied for this test alone: for a test that changes what is indexed."""
    with engine_in_use(request.param, contract_alias) as engine:
        yield engine


@dataclass
class Catalog:
    """The fixed catalog: pages by a short key, and who looks at it."""

    pages: dict[str, Offering] = field(default_factory=dict)
    member: object = None
    non_member: object = None

    def ids(self, *keys: str) -> set[int]:
        return {self.pages[key].pk for key in keys}

    def key_of(self, page_id: int) -> str:
        return next(key for key, page in self.pages.items() if page.pk == page_id)

    def query(self, viewer=None, **fields) -> CatalogQuery:
        viewer = viewer if viewer is not None else self.non_member
        return CatalogQuery(visible_access_levels=tuple(visible_access_levels(viewer)), **fields)


def build_catalog(capture) -> Catalog:
    """Twelve live offerings across formats, languages, topics, access levels, partners and years, plus a draft;
    `capture` runs each publish's after-commit work (pytest-django's fixture, or TestCase's for a module)."""
    topics = {
        "ethics": factories.TopicFactory(name="Research Ethics", slug="ethics"),
        "kanban": factories.TopicFactory(name="Kanban", slug="kanban"),
        "flow": factories.TopicFactory(name="Flow Metrics", slug="flow"),
        "leadership": factories.TopicFactory(name="Leadership", slug="leadership"),
    }
    acme = factories.PartnerFactory(name="Acme Institute", slug="acme")
    lean = factories.PartnerFactory(name="Lean Forum", slug="lean")
    course = {"modules": 1, "lessons_per_module": 1}
    overview = [factories.text_block("Visualise work on kanban boards and limit work in progress.")]
    build = {
        "kanban_basics": lambda: factories.build_offering(
            title="Kanban Basics", topics=[topics["kanban"]], level="introductory", cpd_hours=3, programme_year=2025,
            **course),
        "flow_fundamentals": lambda: factories.build_offering(
            title="Flow Metrics Fundamentals", topics=[topics["flow"]], level="intermediate", cpd_hours=6,
            programme_year=2026, overview=overview, **course),
        "integrity": lambda: factories.build_ethics_module(
            title="Research Integrity in Practice", topics=[topics["ethics"]], cpd_hours=1.5, programme_year=2026,
            **course),
        "etica": lambda: factories.build_ethics_module(
            title="Ética en la investigación", language="es", topics=[topics["ethics"]], cpd_hours=2,
            programme_year=2026, **course),
        "conflicts": lambda: factories.build_ethics_module(
            title="Conflicts of Interest", access_level=AccessLevel.MEMBER_ONLY, topics=[topics["ethics"]],
            cpd_hours=1, programme_year=2026, **course),
        "leading": lambda: factories.build_offering(
            title="Leading Value Streams", access_level=AccessLevel.MEMBER_FIRST,
            public_open_on=timezone.localdate() + timedelta(days=30), topics=[topics["leadership"]],
            co_hosts=[acme], level="advanced", cpd_hours=10, programme_year=2024, **course),
        "gestion": lambda: factories.build_offering(
            title="Gestión del flujo de valor", language="es", topics=[topics["flow"]], co_hosts=[lean],
            cpd_hours=4, programme_year=2026, **course),
        "masterclass": lambda: factories.build_offering(
            title="Members Masterclass: Kanban at Scale", access_level=AccessLevel.MEMBER_ONLY,
            topics=[topics["kanban"]], level="advanced", cpd_hours=8, programme_year=2026, **course),
        "flow_live": lambda: factories.build_event(
            title="Flow Metrics Live", page_class=WebinarPage, sessions=[factories.session_spec(3)],
            topics=[topics["flow"]], co_hosts=[acme], cpd_hours=1.5, programme_year=2026, publish=False),
        "etica_live": lambda: factories.build_event(
            title="Ética aplicada en vivo", page_class=WebinarPage, language="es",
            sessions=[factories.session_spec(20)], topics=[topics["ethics"]], co_hosts=[lean], cpd_hours=1,
            programme_year=2026, publish=False),
        "mapping_workshop": lambda: factories.build_workshop(
            title="Atelier de cartographie des flux", language="fr",
            sessions=[factories.session_spec(60, joining_url="", venue="Salle 2, Paris", time_zone="Europe/Paris")],
            topics=[topics["flow"]], co_hosts=[lean], cpd_hours=5, programme_year=2026, publish=False),
        "retro_workshop": lambda: factories.build_workshop(
            title="Kanban Retrospective Workshop",
            sessions=[factories.session_spec(-10, joining_url="", venue="Room 1, Leeds")],
            topics=[topics["kanban"]], cpd_hours=2, programme_year=2025, publish=False),
    }
    result = Catalog(member=factories.MemberFactory(), non_member=factories.NonMemberFactory())
    for key, make in build.items():
        result.pages[key] = publish(make(), capture)
    # A draft: built, never published, so never catalogued.
    result.pages["draft"] = factories.build_offering(title="Unpublished Kanban Draft", publish=False, **course)
    return result


@pytest.fixture(scope="module")
def catalog(engine, django_db_blocker) -> Catalog:
    """The catalog this module's tests share, in `engine`'s index; rolled back after the module's last test (each
    test runs in its own savepoint inside)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_catalog(TestCase.captureOnCommitCallbacks)
        transaction.set_rollback(True)


@pytest.fixture
def fresh_catalog(fresh_engine, django_capture_on_commit_callbacks) -> Catalog:
    """The same catalog built for one test, in its own emptied index."""
    return build_catalog(django_capture_on_commit_callbacks)
