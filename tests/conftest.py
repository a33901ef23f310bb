"""Fixtures shared by every test package: real PostgreSQL (pytest-django), real Redis, factories."""

from collections import Counter

import pytest
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import clear_url_caches
from django.utils import translation

from tests import factories

# The browser fixtures (`browser`, `page`, ...) for any test package that drives Chromium.
pytest_plugins = ["tests.browser_fixtures"]


def _addresses_follow_the_default_language(setting: str, **kwargs) -> None:
    """The URL resolver keeps each language's prefixes from when it first reversed in it: with LANGUAGE_CODE changed
    by a test and put back, the old default's addresses would stay unprefixed for every later test."""
    if setting in ("LANGUAGE_CODE", "LANGUAGES"):
        clear_url_caches()


setting_changed.connect(_addresses_follow_the_default_language, dispatch_uid="tests.url_caches")

# `make test` spreads the tests over pytest-xdist workers a group at a time: a module, so that its fixtures are made
# once, or a whole package whose tests share a package-scoped fixture (tests/demo loads the demo once, for minutes).
# Groups are handed out in collection order (`--no-loadscope-reorder`), the longest first: a group of many minutes
# started last would leave the other worker idle at the end.
SHARED_PACKAGES = ("tests/demo/",)
LONGEST_FIRST = ("tests/e2e/test_production_stack.py", "tests/demo/")  # about 9 and 15 minutes on a 2-core machine


def group_of(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return next((package for package in SHARED_PACKAGES if path.startswith(package)), path)


def pytest_xdist_make_scheduler(config, log):
    """xdist's own `loadgroup` reads marks through node ids rewritten on the workers, which pytest 9.2 no longer
    lets a plugin do (pytest-dev/pytest-xdist#1386): the groups are given to the scheduler directly instead."""
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return ByGroup(config, log)


@pytest.hookimpl(trylast=True)  # after pytest's own ordering by fixture, which keeps each group's tests together
def pytest_collection_modifyitems(items) -> None:
    # The workers are handed tests by node id: of tests sharing one, a single one would run, and nothing would say so.
    shared = sorted(nodeid for nodeid, count in Counter(item.nodeid for item in items).items() if count > 1)
    if shared:
        raise pytest.UsageError(f"tests share a node id, so the test workers would run only one of each: {shared[:5]}")

    def rank(item) -> int:
        group = group_of(item.nodeid)
        return next((place for place, first in enumerate(LONGEST_FIRST) if group.startswith(first)), len(LONGEST_FIRST))

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in the site's default language. A request activates its address's language in the test's
    own thread and nothing switches it back, so one test reading /fr/ would have the next reverse French URLs."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_site_structure():
    """The route and shell caches (cms/site_structure.py) are keyed by generations that writes change; a test's
    writes are rolled back, not undone, so each test starts from new generations rather than the last test's."""
    from django.core.cache import cache

    from cms import site_structure

    cache.delete_many([site_structure.STRUCTURE, site_structure.ADMIN_ACCESS])  # the next read starts new ones
    yield


@pytest.fixture
def learner(db):
    return factories.MemberFactory(email="learner@example.org")


@pytest.fixture
def non_member(db):
    return factories.NonMemberFactory(email="visitor@example.org")


@pytest.fixture
def instructor(db):
    return factories.InstructorFactory(email="instructor@example.org")


@pytest.fixture
def staff(db):
    return factories.StaffFactory(email="staff@example.org")


@pytest.fixture
def course(db):
    """A published public course: 2 modules x 2 lessons; lesson 2.2 has a quiz."""
    return factories.build_offering(quiz_lessons=((1, 1),))


@pytest.fixture
def member_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    """Files (images, PDFs) go to a fresh folder per test, never the developer's media folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
