"""The course page served again from the cache (cms/page_cache.py) is exactly the page rendered afresh: cold and
warm, for two learners and a visitor, and after every kind of change it shows, at once; its CSRF token is each
request's own and accepted; one-time messages are never kept; access is checked on every request. Through the real
views, PostgreSQL and Redis. Pages are compared byte for byte once the per-response CSRF token is removed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.learning import progress as progress_rules
from lms.access import AccessLevel
from lms.models import Member, MembershipTier
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.courses.test_outline_cache import PER_RESPONSE
from tests.factories import QUIZ_CORRECT_ANSWERS, QUIZ_WRONG_ANSWERS, lessons_of, quiz_post_data

pytestmark = pytest.mark.django_db


def fetch(client, url: str) -> tuple[str, int]:
    """The page with its CSRF tokens blanked, and how many queries serving it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return PER_RESPONSE.sub(r'\1="-"', response.content.decode()), len(queries)


def fresh(client, url: str) -> str:
    with override_settings(PAGE_CACHE_SECONDS=0):
        return fetch(client, url)[0]


def assert_fresh(client, url: str) -> str:
    """With the cache as a change left it: the page served equals the page rendered afresh from the rows as they are
    now."""
    served = fetch(client, url)[0]
    assert served == fresh(client, url)
    return served


def assert_kept(client, url: str) -> str:
    """The page is served from the cache (far fewer queries than rendering it) and equals the page rendered afresh."""
    served, queries = fetch(client, url)
    rendered = fresh(client, url)
    with override_settings(PAGE_CACHE_SECONDS=0):
        rendering_queries = fetch(client, url)[1]
    assert served == rendered
    assert queries < rendering_queries - 3, (queries, rendering_queries)
    return served


@pytest.fixture
def instructor():
    return factories.InstructorFactory(first_name="Ada", last_name="Okafor")


@pytest.fixture
def course(instructor):
    topic = factories.TopicFactory(name="Flow metrics", slug="flow-metrics")
    partner = factories.PartnerFactory(name="Lean Partners", slug="lean-partners")
    return factories.build_offering(title="Cached Course", modules=2, lessons_per_module=2, quiz_lessons=((1, 0),),
                                    instructors=[instructor], topics=[topic], co_hosts=[partner])


def test_kept_page_equals_fresh_cold_and_warm_for_two_learners_and_a_visitor(client, course):
    lessons = lessons_of(course)
    ahead, behind = factories.MemberFactory(), factories.MemberFactory()
    enrol(ahead, course)
    finish(ahead, lessons[:2])
    enrol(behind, course)
    pages = {}
    for person in (ahead, behind, None):
        client.logout()
        if person is not None:
            client.force_login(person)
        cache.clear()
        expected = fresh(client, course.url)
        assert fetch(client, course.url)[0] == expected  # cold: kept
        pages[person] = assert_kept(client, course.url)  # warm
    assert "50% complete" in pages[ahead] and "0% complete" in pages[behind]
    assert "% complete" not in pages[None] and "Sign in to enrol" in pages[None]


def test_each_change_the_page_shows_is_shown_at_once(client, course, instructor):
    lessons = lessons_of(course)
    member = factories.MemberFactory()
    client.force_login(member)
    assert_fresh(client, course.url)
    assert_kept(client, course.url)

    enrol(member, course)
    assert "0% complete" in assert_fresh(client, course.url)
    finish(member, [lessons[0]])
    assert "25% complete" in assert_fresh(client, course.url)
    progress_rules.submit_quiz(member, lessons[2], quiz_post_data(lessons[2], QUIZ_WRONG_ANSWERS))
    assert_fresh(client, course.url)
    progress_rules.submit_quiz(member, lessons[2], quiz_post_data(lessons[2], QUIZ_CORRECT_ANSWERS))
    assert_fresh(client, course.url)
    assert_kept(client, course.url)

    # Opening a lesson moves "Resume" to it (an UPDATE, which sends no signal).
    assert client.get(lessons[3].url).status_code == 200
    assert f'href="{lessons[3].url}"' in assert_fresh(client, course.url)

    # Other people's rows and the editors' changes.
    instructor.last_name = "Okafor-Smith"
    instructor.save()
    assert "Ada Okafor-Smith" in assert_fresh(client, course.url)
    partner = course.co_hosts.get()
    partner.name = "Lean Partners International"
    partner.save()
    assert "Lean Partners International" in assert_fresh(client, course.url)
    topic = course.topics.get()
    topic.name = "Flow metrics and measures"
    topic.save()
    assert "Flow metrics and measures" in assert_fresh(client, course.url)
    course.title = "Cached Course, revised"
    course.save_revision().publish()
    assert "Cached Course, revised" in assert_fresh(client, course.url)
    lessons[1].title = "A renamed lesson"
    lessons[1].save_revision().publish()
    assert "A renamed lesson" in assert_fresh(client, course.url)

    # Another learner's progress changes nothing this page shows: it stays kept (a new member row renews the
    # content: a member may be an instructor, whose name pages show).
    other = factories.MemberFactory()
    assert_fresh(client, course.url)
    assert_kept(client, course.url)
    enrol(other, course)
    finish(other, lessons[:1])
    assert_kept(client, course.url)

    # The member's own row: a membership ending is shown at once.
    member.membership_tier = MembershipTier.NON_MEMBER
    member.save()
    assert_fresh(client, course.url)


def test_a_kept_pages_csrf_token_is_the_requests_own_and_accepted(course):
    member = factories.MemberFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    tokens = []
    for _ in range(2):  # rendered, then served from the cache
        page = client.get(course.url).content.decode()
        found = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found
        tokens.append(found)
    assert tokens[0] != tokens[1]  # each response masks the secret afresh
    response = client.post(course.url + "enrol/", {"csrfmiddlewaretoken": tokens[1][-1]})
    assert response.status_code == 303
    assert member.enrolments.filter(offering=course, withdrawn_at__isnull=True).exists()


def test_one_time_messages_are_shown_once_and_never_kept(client, course):
    member = factories.MemberFactory()
    client.force_login(member)
    assert_fresh(client, course.url)
    assert_kept(client, course.url)
    assert client.post(course.url + "enrol/").status_code == 303
    with_message = client.get(course.url).content.decode()
    assert 'class="messages"' in with_message
    after = assert_fresh(client, course.url)
    assert 'class="messages"' not in after
    assert_kept(client, course.url)


def test_access_is_checked_on_every_request_even_with_the_page_kept(client):
    course = factories.build_offering(title="Members Only Course", access_level=AccessLevel.MEMBER_ONLY)
    member = factories.MemberFactory()
    client.force_login(member)
    assert_fresh(client, course.url)
    assert_kept(client, course.url)
    # An UPDATE sends no signal, so the member's generation stays as it was; the access rule still refuses.
    Member.objects.filter(pk=member.pk).update(membership_expires_on=timezone.localdate() - timedelta(days=1))
    assert client.get(course.url).status_code == 403


def test_a_query_string_is_never_kept(client, course):
    member = factories.MemberFactory()
    client.force_login(member)
    cache.clear()
    for n in range(3):
        client.get(f"{course.url}?n={n}")
        client.get(f"{course.url}?n={n}")
    keys = [key for key in cache._cache.get_client().scan_iter("*cms:page:*")]  # noqa: SLF001
    assert keys == []
