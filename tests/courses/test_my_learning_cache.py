"""My learning with its recommendations kept in the cache (courses/recommendation_cache.py), and the page itself kept
whole (cms/page_cache.py), is exactly the page the uncached rendering gives: cold and warm, for two members with
different data, and after every kind of change the list is made from, at once. Pages are compared byte for byte
once the per-response CSP nonce and CSRF token are removed. Through the real rules, PostgreSQL and Redis."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from courses.events import registration as registration_rules
from courses.recommendation_cache import cached_recommendations
from courses.recommendations import recommendations_for
from lms.access import AccessLevel
from lms.models import CareerStage, Member, MembershipTier
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.courses.test_outline_cache import PER_RESPONSE
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db

URL = "/my-learning/"


def page_html(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return PER_RESPONSE.sub(r'\1="-"', response.content.decode())


def uncached(client) -> str:
    """Rendered afresh: neither the list nor the page (cms/page_cache.py) from the cache."""
    with override_settings(MY_LEARNING_CACHE_SECONDS=0, PAGE_CACHE_SECONDS=0):
        return page_html(client)


def assert_fresh(client) -> str:
    """With the cache left as it is: the page equals the uncached rendering of the data as it is now; returns the
    recommendations panel's part of it."""
    cached = page_html(client)
    assert cached == uncached(client)
    panel = cached[cached.index('id="recommendations"'):]
    return panel[:panel.index("</section>")]


def course(title, **fields):
    return factories.build_offering(title=title, modules=1, lessons_per_module=1, **fields)


@pytest.fixture
def topic():
    return factories.TopicFactory(name="Flow metrics", slug="flow-metrics")


@pytest.fixture
def member(topic):
    member = factories.MemberFactory(career_stage=CareerStage.EARLY_CAREER, preferred_languages=["en"])
    member.interests.set([topic])
    return member


def test_cached_page_equals_uncached_cold_and_warm_for_two_members(client, member, topic):
    other = factories.MemberFactory(career_stage=CareerStage.SENIOR, preferred_languages=["en"])
    basics = course("Flow Basics", topics=[topic])
    course("Interesting Flow", topics=[topic])
    course("For Seniors", career_stages=[CareerStage.SENIOR])
    enrol(other, basics)
    finish(other, lessons_of(basics))
    pages = {}
    for person in (member, other):
        client.force_login(person)
        expected = uncached(client)
        cache.clear()
        assert page_html(client) == expected  # cold
        assert page_html(client) == expected  # warm
        pages[person.pk] = expected
    for person in (member, other):  # each member's warm list is their own
        client.force_login(person)
        assert page_html(client) == pages[person.pk]
    assert "Interesting Flow" in pages[member.pk] and "For Seniors" not in pages[member.pk]
    assert "For Seniors" in pages[other.pk] and "Related to" in pages[other.pk]


def test_the_members_own_changes_show_at_once(client, member, topic):
    client.force_login(member)
    interesting = course("Interesting Flow", topics=[topic])
    assert "Interesting Flow" in assert_fresh(client)

    other_topic = factories.TopicFactory(name="DevOps", slug="devops")
    course("DevOps Pipelines", topics=[other_topic])
    assert "DevOps Pipelines" not in assert_fresh(client)
    member.interests.add(other_topic)  # an interest added
    assert "DevOps Pipelines" in assert_fresh(client)
    other_topic.interested_members.remove(member)  # and taken away, from the topic's side
    assert "DevOps Pipelines" not in assert_fresh(client)

    enrol(member, interesting)  # taken: no longer suggested
    assert "Interesting Flow" not in assert_fresh(client)

    basics = course("Prerequisite Course")
    advanced = course("Advanced Course")
    advanced.prerequisites.set([basics])
    advanced.save()
    assert "Advanced Course" not in assert_fresh(client)
    enrol(member, basics)
    assert "Advanced Course" not in assert_fresh(client)  # cached again, before the completion
    finish(member, lessons_of(basics))  # the completion is an UPDATE plus its history row
    assert "Because you completed “Prerequisite Course”" in assert_fresh(client)

    webinar = factories.build_event(title="Early Career Webinar", career_stages=[CareerStage.EARLY_CAREER])
    assert "Early Career Webinar" in assert_fresh(client)
    registration_rules.register(member, factories.sessions_of(webinar)[0])
    assert "Early Career Webinar" not in assert_fresh(client)

    course("Members Only Flow", access_level=AccessLevel.MEMBER_ONLY, topics=[topic])
    member.membership_tier = MembershipTier.PROFESSIONAL
    member.membership_expires_on = timezone.localdate() + timedelta(days=30)
    member.save()
    assert "Members Only Flow" in assert_fresh(client)
    member.membership_expires_on = timezone.localdate() - timedelta(days=1)
    member.save()  # the membership lapsed
    assert "Members Only Flow" not in assert_fresh(client)
    member.membership_expires_on = timezone.localdate() + timedelta(days=365)
    member.save()  # renewed
    assert "Members Only Flow" in assert_fresh(client)

    member.career_stage = CareerStage.SENIOR
    member.save()
    assert "For early-career members" not in assert_fresh(client)


def test_the_catalogs_changes_show_at_once(client, member, topic):
    client.force_login(member)
    assert "Matches your interest" not in assert_fresh(client)
    published = course("Newly Published", topics=[topic])  # a new offering published
    assert "Newly Published" in assert_fresh(client)

    topic.name = "Flow analytics"  # the reason names the topic
    topic.save()
    assert "Matches your interest in Flow analytics" in assert_fresh(client)

    restriction = PageViewRestriction.objects.create(page=published, restriction_type="password", password="x")
    assert "Newly Published" not in assert_fresh(client)
    restriction.delete()
    assert "Newly Published" in assert_fresh(client)

    published.instructors.set([member])  # they teach it now
    published.save()
    assert "Newly Published" not in assert_fresh(client)
    published.instructors.set([])
    published.save()
    assert "Newly Published" in assert_fresh(client)

    published.unpublish()
    assert "Newly Published" not in assert_fresh(client)

    webinar = factories.build_event(title="Topic Webinar", topics=[topic])
    assert "Topic Webinar" in assert_fresh(client)
    factories.sessions_of(webinar)[0].delete()  # no session left to register for
    assert "Topic Webinar" not in assert_fresh(client)


def test_the_onboarding_checklists_orientation_module_shows_at_once(client, member):
    """The checklist (a new member's) links the orientation module, whose address is cached with the catalog."""
    client.force_login(member)
    assert "Take the orientation module" not in page_html(client)
    welcome = course("Welcome Course")
    welcome.is_orientation = True  # flagged by an editor
    welcome.save_revision().publish()
    html = page_html(client)
    assert html == uncached(client) and f'href="{welcome.url}"' in html
    welcome.slug = "welcome-to-the-association"  # moved to a new address
    welcome.save_revision().publish()
    welcome.refresh_from_db()
    html = page_html(client)
    assert html == uncached(client) and f'href="{welcome.url}"' in html
    welcome.unpublish()
    html = page_html(client)
    assert html == uncached(client) and "Take the orientation module" not in html


def test_a_cached_list_holds_only_until_the_next_registration_closes(member, topic):
    closing = factories.build_event(title="Closing Webinar", topics=[topic], registration_closes_minutes_before=60,
                                    sessions=[factories.session_spec(7)])
    factories.build_event(title="Later Webinar", topics=[topic], sessions=[factories.session_spec(9)])
    closes = factories.sessions_of(closing)[0].starts_at - timedelta(minutes=60)
    before, after = closes - timedelta(minutes=1), closes + timedelta(minutes=1)
    cache.clear()
    assert [r.title for r in cached_recommendations(member, before)] == ["Closing Webinar", "Later Webinar"]
    assert cached_recommendations(member, after) == recommendations_for(member, after)
    assert [r.title for r in cached_recommendations(member, after)] == ["Later Webinar"]


def test_a_list_cached_in_one_language_is_not_served_in_another(member, topic):
    course("Interesting Flow", topics=[topic])
    now = timezone.now()
    cache.clear()
    with translation.override("en"):
        english = cached_recommendations(member, now)
    with translation.override("fr"):
        french = cached_recommendations(member, now)
        assert french == recommendations_for(member, now)
    assert english[0].reason != french[0].reason


def test_a_member_with_history_can_be_deleted(member, topic):
    """The receivers that bump generations run on every deletion too; a cascade through history must not trip them."""
    basics = course("Flow Basics", topics=[topic])
    enrol(member, basics)
    finish(member, lessons_of(basics))
    member.delete()
    basics.delete()
    assert not Member.objects.filter(pk=member.pk).exists()
