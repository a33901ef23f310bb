"""Page cost does not grow with the course: the same number of SQL queries for 2x2 and 10x10 courses,
and for a dashboard of 1 or 8 enrolments. The fixed bounds are what was measured when these were written.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import ModulePage
from lms.access import AccessLevel
from tests import factories
from tests.courses.journeys import days_from_today, enrol, finish
from tests.courses.query_budgets import (
    CATALOG_MAX_QUERIES,
    DASHBOARD_MAX_QUERIES,
    KEPT_PAGE_MAX_QUERIES,
    LESSON_MAX_QUERIES,
    MODULE_MAX_QUERIES,
    OVERVIEW_MAX_QUERIES,
)
from tests.factories import QUIZ_CORRECT_ANSWERS, QUIZ_WRONG_ANSWERS, lessons_of, quiz_post_data

pytestmark = pytest.mark.django_db



def count_queries(client, url: str) -> tuple[int, list[str]]:
    """Warm the caches with one request, then count the queries of the next identical one."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [query["sql"] for query in captured.captured_queries]


def explain(label: str, small: tuple[int, list[str]], large: tuple[int, list[str]], bound: int) -> str:
    lines = [f"{label}: small={small[0]} large={large[0]} bound={bound}", "--- large:"]
    lines += [f"{i:3}. {sql}" for i, sql in enumerate(large[1], 1)]
    lines += ["--- small:"] + [f"{i:3}. {sql}" for i, sql in enumerate(small[1], 1)]
    return "\n".join(lines)


def course_with_progress(learner, modules: int, lessons_per_module: int, title: str):
    """An enrolled learner part-way through: a few lessons done, a failed and a passed quiz attempt."""
    course = factories.build_offering(
        title=title,
        modules=modules,
        lessons_per_module=lessons_per_module,
        quiz_lessons=((0, 1), (modules - 1, lessons_per_module - 1)),
        topics=[factories.TopicFactory(), factories.TopicFactory()],
        instructors=[factories.InstructorFactory(), factories.InstructorFactory()],
    )
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, [lessons[0]])
    quiz_lesson = lessons[1]
    progress_rules.submit_quiz(learner, quiz_lesson, quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS))
    progress_rules.submit_quiz(learner, quiz_lesson, quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS))
    return course, lessons


@pytest.fixture
def small_and_large(learner):
    small = course_with_progress(learner, 2, 2, "Small Course")
    large = course_with_progress(learner, 10, 10, "Large Course")
    return small, large


def test_offering_overview_queries_do_not_grow_with_the_course(member_client, small_and_large):
    """Rendering the page (never kept here), then serving it kept (cms/page_cache.py)."""
    (small, _), (large, _) = small_and_large

    with override_settings(PAGE_CACHE_SECONDS=0):
        small_count = count_queries(member_client, small.url)
        large_count = count_queries(member_client, large.url)

    message = explain("overview", small_count, large_count, OVERVIEW_MAX_QUERIES)
    assert small_count[0] == large_count[0], message
    assert large_count[0] <= OVERVIEW_MAX_QUERIES, message

    small_kept, large_kept = count_queries(member_client, small.url), count_queries(member_client, large.url)
    message = explain("overview kept", small_kept, large_kept, KEPT_PAGE_MAX_QUERIES)
    assert small_kept[0] == large_kept[0] <= KEPT_PAGE_MAX_QUERIES, message


def test_lesson_page_queries_do_not_grow_with_the_course(member_client, small_and_large):
    (_, small_lessons), (_, large_lessons) = small_and_large
    # A quiz lesson (the heavier page) in the middle of the outline, with an attempt shown.

    small_count = count_queries(member_client, small_lessons[1].url)
    large_count = count_queries(member_client, large_lessons[1].url)

    message = explain("lesson", small_count, large_count, LESSON_MAX_QUERIES)
    assert small_count[0] == large_count[0], message
    assert large_count[0] <= LESSON_MAX_QUERIES, message


def test_plain_lesson_page_queries_do_not_grow_with_the_course(member_client, small_and_large):
    (_, small_lessons), (_, large_lessons) = small_and_large

    small_count = count_queries(member_client, small_lessons[2].url)
    large_count = count_queries(member_client, large_lessons[55].url)

    message = explain("plain lesson", small_count, large_count, LESSON_MAX_QUERIES)
    assert small_count[0] == large_count[0], message
    assert large_count[0] <= LESSON_MAX_QUERIES, message


def dashboard_for(count: int):
    """A member with `count` offerings in progress, `count` completed and one left (not shown), and `count`
    learning paths begun."""
    member = factories.MemberFactory()
    for n in range(count):
        course = factories.build_offering(title=f"Course {count}.{n}", modules=2, lessons_per_module=2)
        enrol(member, course)
        finish(member, lessons_of(course)[: n % 3])
        done = factories.build_offering(title=f"Finished {count}.{n}", modules=1, lessons_per_module=1)
        enrol(member, done)
        finish(member, lessons_of(done))
        factories.build_learning_path([done, (course, [done])], title=f"Path {count}.{n}")
    left = factories.build_offering(title=f"Left {count}", modules=1, lessons_per_module=1)
    enrol(member, left)
    enrolment_rules.withdraw(member, left)
    return member


def test_dashboard_queries_do_not_grow_with_enrolments(client, db):
    """Rendering the page (never kept here), then serving it kept (cms/page_cache.py)."""
    one = dashboard_for(1)
    eight = dashboard_for(8)

    with override_settings(PAGE_CACHE_SECONDS=0):
        client.force_login(one)
        small_count = count_queries(client, "/my-learning/")
        client.force_login(eight)
        large_count = count_queries(client, "/my-learning/")

    message = explain("dashboard", small_count, large_count, DASHBOARD_MAX_QUERIES)
    assert small_count[0] == large_count[0], message
    assert large_count[0] <= DASHBOARD_MAX_QUERIES, message

    client.force_login(one)
    small_kept = count_queries(client, "/my-learning/")
    client.force_login(eight)
    large_kept = count_queries(client, "/my-learning/")
    message = explain("dashboard kept", small_kept, large_kept, KEPT_PAGE_MAX_QUERIES)
    assert small_kept[0] == large_kept[0] <= KEPT_PAGE_MAX_QUERIES, message


def test_module_page_queries_do_not_grow_with_the_course(member_client, small_and_large):
    (small, _), (large, _) = small_and_large
    small_module = ModulePage.objects.child_of(small).first()
    large_module = ModulePage.objects.child_of(large).first()

    small_count = count_queries(member_client, small_module.url)
    large_count = count_queries(member_client, large_module.url)

    message = explain("module", small_count, large_count, MODULE_MAX_QUERIES)
    assert small_count[0] == large_count[0], message
    assert large_count[0] <= MODULE_MAX_QUERIES, message


def test_catalog_queries_do_not_grow_with_the_offerings(member_client, db):
    partner = factories.PartnerFactory()
    topics = [factories.TopicFactory(), factories.TopicFactory()]

    def add_offerings(count):
        added = [
            factories.build_offering(
                title=f"Catalog entry {n}", modules=0, topics=topics, co_hosts=[partner],
                access_level=AccessLevel.MEMBER_FIRST if n % 2 else AccessLevel.PUBLIC,
                public_open_on=days_from_today(30) if n % 2 else None,
            )
            for n in range(count)
        ]
        ethics = factories.build_ethics_module(modules=0)
        for n in range(max(1, count // 5)):  # learning paths listed above the offerings
            factories.build_learning_path([ethics, *added[n * 5:n * 5 + 5]], title=f"Path {count}.{n}")

    add_offerings(1)
    small_count = count_queries(member_client, "/catalog/")
    add_offerings(20)
    large_count = count_queries(member_client, "/catalog/")

    message = explain("catalog", small_count, large_count, CATALOG_MAX_QUERIES)
    assert "Catalog entry 19" in member_client.get("/catalog/").content.decode()
    assert small_count[0] == large_count[0], message
    assert large_count[0] <= CATALOG_MAX_QUERIES, message
