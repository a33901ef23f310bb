"""The course page's cached outline (courses/learning/outline.py) gives exactly the page the uncached rendering gives:
cold and warm, for learners with different progress and for a visitor, and after every change an editor or the
learner makes, at once. Pages are compared byte for byte once the per-response CSP nonce and CSRF token are removed.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from cms.locale_trees import sync_locale_trees
from cms.site_structure import STRUCTURE
from courses.learning import outline
from courses.learning import progress as progress_rules
from courses.models import LessonPage, ModulePage
from lms import generations
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.factories import QUIZ_CORRECT_ANSWERS, QUIZ_WRONG_ANSWERS, lessons_of, quiz_post_data
from tests.translating import page_in, translate

pytestmark = pytest.mark.django_db

PER_RESPONSE = re.compile(r'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"')


def page_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return PER_RESPONSE.sub(r'\1="-"', response.content.decode())


def uncached(client, url: str) -> str:
    with override_settings(OUTLINE_CACHE_SECONDS=0, PAGE_CACHE_SECONDS=0):
        return page_html(client, url)


def cached_cold_and_warm(client, url: str) -> tuple[str, str]:
    """The outline's cache alone: the whole page is never served from cms.page_cache here."""
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=0):
        return page_html(client, url), page_html(client, url)


def assert_same_page(client, url: str) -> str:
    """The uncached page, after checking the cached one (cold, then warm) is byte for byte the same."""
    expected = uncached(client, url)
    cold, warm = cached_cold_and_warm(client, url)
    assert cold == expected
    assert warm == expected
    return expected


def assert_fresh(client, url: str) -> str:
    """With the cache left warm from before a change: the page equals the uncached rendering of the new state."""
    cached = page_html(client, url)
    assert cached == uncached(client, url)
    return cached


@pytest.fixture
def course():
    """3 modules x 3 lessons, quizzes at 1.2 and 3.3; lesson 2.3 optional."""
    course = factories.build_offering(title="Outline Course", modules=3, lessons_per_module=3,
                                      quiz_lessons=((0, 1), (2, 2)))
    optional = lessons_of(course)[5]
    optional.is_required = False
    optional.save_revision().publish()
    return course


def test_cached_page_equals_uncached_for_two_learners_and_a_visitor(client, course):
    lessons = lessons_of(course)
    ahead, behind = factories.MemberFactory(), factories.MemberFactory()
    enrol(ahead, course)
    finish(ahead, [lessons[0], lessons[2], lessons[3]])
    progress_rules.submit_quiz(ahead, lessons[1], quiz_post_data(lessons[1], QUIZ_WRONG_ANSWERS))
    enrol(behind, course)
    progress_rules.submit_quiz(behind, lessons[1], quiz_post_data(lessons[1], QUIZ_CORRECT_ANSWERS))

    visitor_page = assert_same_page(client, course.url)
    client.force_login(ahead)
    ahead_page = assert_same_page(client, course.url)
    client.force_login(behind)
    behind_page = assert_same_page(client, course.url)

    assert ahead_page != behind_page != visitor_page
    assert "best quiz score 0%" in ahead_page and "best quiz score 100%" in behind_page
    assert "Optional" in ahead_page and "Optional" not in visitor_page

    # The second learner's warm page was built from the first one's skeleton: one entry serves every enrolled learner.
    response = client.get(course.url)
    assert cache.get(outline.cache_key(response.wsgi_request, response.context["progress"])) is not None


def test_progress_shows_at_once(client, course):
    learner = factories.MemberFactory()
    client.force_login(learner)
    lessons = lessons_of(course)
    assert "Not started" not in assert_same_page(client, course.url)  # not enrolled: no states

    enrol(learner, course)
    assert "✓ Complete" not in assert_fresh(client, course.url)
    finish(learner, lessons[:1])
    assert assert_fresh(client, course.url).count("✓ Complete") == 1
    progress_rules.submit_quiz(learner, lessons[1], quiz_post_data(lessons[1], QUIZ_CORRECT_ANSWERS))
    page = assert_fresh(client, course.url)
    assert page.count("✓ Complete") == 2 and "best quiz score 100%" in page and "(66% done)" in page


def test_editors_changes_show_at_once(client, course):
    learner = factories.MemberFactory()
    enrol(learner, course)
    client.force_login(learner)
    assert_same_page(client, course.url)  # warm

    lesson = lessons_of(course)[4]
    lesson.title = "A renamed lesson"
    lesson.save_revision().publish()
    assert "A renamed lesson" in assert_fresh(client, course.url)

    module = ModulePage.objects.child_of(course).order_by("path").last()
    module.add_child(instance=LessonPage(title="A brand new lesson", body=[factories.text_block("New.")]))
    assert "A brand new lesson" in assert_fresh(client, course.url)

    lesson.unpublish()
    assert "A renamed lesson" not in assert_fresh(client, course.url)

    module.unpublish()
    page = assert_fresh(client, course.url)
    assert "A brand new lesson" not in page and module.title not in page
    module.save_revision().publish()
    assert "A brand new lesson" in assert_fresh(client, course.url)


def test_a_translated_title_shows_at_once(client, course):
    sync_locale_trees()
    translate(course, "es", title="Curso del esquema")
    spanish = page_in(course, "es")
    with translation.override("es"):
        assert_same_page(client, spanish.url)
        first = page_in(lessons_of(course)[0], "es")
        translate(lessons_of(course)[0], "es", title="Primera lección traducida")
        page = assert_fresh(client, spanish.url)
    assert "Primera lección traducida" in page and first.title not in page


def test_a_moved_or_deleted_lesson_shows_at_once(client, course):
    """A move rewrites the lessons' paths with one UPDATE (no save of each): the outline still follows at once."""
    learner = factories.MemberFactory()
    enrol(learner, course)
    client.force_login(learner)
    assert_same_page(client, course.url)  # warm
    lessons = lessons_of(course)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))

    moved = Page.objects.get(pk=lessons[0].pk)
    moved.move(modules[2], pos="last-child")
    page = assert_fresh(client, course.url)
    assert page.index(lessons[0].title) > page.index(modules[2].title)

    modules[1].move(modules[0], pos="left")  # the second module, and the lessons below it, now come first
    page = assert_fresh(client, course.url)
    assert page.index(modules[1].title) < page.index(modules[0].title)

    gone = lessons[4].title
    lessons[4].delete()
    assert gone not in assert_fresh(client, course.url)


def test_the_structure_generation_changes_again_after_the_commit(django_capture_on_commit_callbacks, course):
    """A reader between a write and its commit fills entries from the old rows under the first new generation;
    the second change, on commit, leaves those entries unread (lms/generations.py)."""
    before = generations.current(STRUCTURE)[STRUCTURE]
    lesson = lessons_of(course)[0]
    with django_capture_on_commit_callbacks(execute=True):
        lesson.title = "Renamed in a transaction"
        lesson.save_revision().publish()
        during = generations.current(STRUCTURE)[STRUCTURE]
        assert during != before
    assert generations.current(STRUCTURE)[STRUCTURE] not in (before, during)
