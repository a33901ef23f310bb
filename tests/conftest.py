"""Fixtures shared by every test package: real PostgreSQL (pytest-django), real Redis, factories."""


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
