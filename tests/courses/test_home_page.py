"""The personalised home page's courses panels (courses/home.py), through the page itself: what a visitor sees
(upcoming events in their zone, featured and new offerings, the current campaign, join and sign in) and what a
member sees on top (the exact lesson to continue, their next sessions with the join button only while it is open,
CPD this year, recommendations), and what neither may see: another member's learning, member-only offerings for a
visitor, events that are over or unpublished, an offering already taken among the recommendations."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from cms.models import Campaign, SiteIdentity
from courses.events import registration as registration_rules
from courses.home import SHOWN_CARDS
from courses.models import Offering
from lms.access import AccessLevel
from tests import factories
from tests.courses.journeys import days_from_today, enrol, finish
from tests.courses.query_budgets import HOME_MEMBER_MAX_QUERIES, HOME_VISITOR_MAX_QUERIES

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, section_id: str) -> str:
    """The HTML of one panel section (by id), so an assertion speaks about that panel only."""
    start = page.index(f'id="{section_id}"')
    return page[start:page.index("</section>", start)]


def published_on(offering, days_ago: int):
    """Give an offering a first publication date, as the home page's "new courses" read it."""
    Offering.objects.filter(pk=offering.pk).update(first_published_at=timezone.now() - timedelta(days=days_ago))
    return offering


# ------------------------------------------------------------------------------------------------ visitor


def test_visitor_sees_the_offer_with_join_and_sign_in_and_no_member_panels(client, learner):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.join_url = "https://vsmc.example.org/join"
    identity.save()
    enrol(learner, factories.build_offering(title="Someone Else's Course"))

    page = html(client.get("/"))

    assert 'href="https://vsmc.example.org/join"' in page and "Join the association" in page
    assert 'href="/accounts/login/"' in page
    for member_only in ("Welcome back", "Continue where you left off", "Your next sessions", "CPD in",
                        "Recommended for you", "Just earned", 'id="mentoring"'):
        assert member_only not in page, member_only


def test_visitor_sees_upcoming_events_in_their_browsers_zone_soonest_first(client):
    later = factories.build_event(title="Later Webinar", sessions=[factories.session_spec(20)])
    sooner = factories.build_event(title="Sooner Webinar", sessions=[
        factories.session_spec(3, time_zone="Europe/London")])
    factories.build_event(title="Past Webinar", sessions=[factories.session_spec(-3)])
    factories.build_event(title="Draft Webinar", sessions=[factories.session_spec(2)], publish=False)
    factories.build_event(title="Members Webinar", sessions=[factories.session_spec(2)],
                          access_level=AccessLevel.MEMBER_ONLY)
    client.cookies["tz"] = "America/New_York"

    events = section(html(client.get("/")), "home-events")

    assert events.index("Sooner Webinar") < events.index("Later Webinar")
    for hidden in ("Past Webinar", "Draft Webinar", "Members Webinar"):
        assert hidden not in events, hidden
    assert "Times are shown in America/New_York." in events
    starts = factories.sessions_of(sooner)[0].starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert f'datetime="{starts.isoformat()}"' in events
    assert later.url in events


def test_new_courses_come_in_the_viewers_language_first(client, learner):
    in_spanish = published_on(factories.build_offering(title="Curso en español", language="es"), 1)
    in_english = published_on(factories.build_offering(title="Course in English"), 40)
    for n in range(SHOWN_CARDS - 1):
        published_on(factories.build_offering(title=f"Curso {n}", language="es"), 2 + n)

    new = section(html(client.get("/")), "home-new")
    assert new.index(in_english.title) < new.index(in_spanish.title), "a visitor reading English sees it first"

    learner.preferred_languages = ["es"]
    learner.save()
    client.force_login(learner)
    new = section(html(client.get("/")), "home-new")
    assert in_spanish.title in new and in_english.title not in new, "three Spanish ones fill the row"


def test_featured_and_newest_offerings_and_the_current_campaign(client):
    featured = published_on(factories.build_offering(title="Featured Course", featured=True), 300)
    newest = published_on(factories.build_offering(title="Brand New Course"), 1)
    published_on(factories.build_offering(title="Older Course"), 30)
    for n in range(SHOWN_CARDS):
        published_on(factories.build_offering(title=f"Filler Course {n}"), 5 + n)
    factories.build_event(title="Featured Past Event", sessions=[factories.session_spec(-2)], featured=True)
    current = Campaign.objects.create(name="Flow Month", slug="flow-month", summary="A month of flow.",
                                      starts_on=days_from_today(-2), ends_on=days_from_today(20))
    Campaign.objects.create(name="Next Spring", slug="next-spring", summary="Later.",
                            starts_on=days_from_today(40), ends_on=days_from_today(60))

    page = html(client.get("/"))

    shown_featured = section(page, "home-featured")
    assert "Featured Course" in shown_featured and featured.url in shown_featured
    assert "Featured Past Event" not in shown_featured, "an event that is over is no longer featured"
    new = section(page, "home-new")
    assert new.index("Brand New Course") < new.index("Filler Course 0")
    assert newest.url in new
    assert "Older Course" not in new, "only the newest few"
    assert "Featured Course" not in new, "a featured offering is not listed twice"
    campaign = section(page, "home-campaign")
    assert "Flow Month" in campaign and f'href="/campaigns/{current.slug}/"' in campaign
    assert "Next Spring" not in page


# ------------------------------------------------------------------------------------------------ member


def test_a_member_who_just_joined_is_welcomed_not_welcomed_back(client):
    newcomer = factories.MemberFactory(first_name="Noor")
    client.force_login(newcomer)

    page = html(client.get("/"))

    assert "Welcome, Noor" in page and "Welcome back" not in page


def test_member_continues_at_the_exact_lesson_and_sees_cpd_this_year(client, learner):
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=2, lessons_per_module=2,
                                      cpd_hours=4)
    lessons = factories.lessons_of(course)
    enrol(learner, course)
    finish(learner, lessons[:2])
    done = factories.build_offering(title="Finished Course", modules=1, lessons_per_module=1, cpd_hours=2.5)
    enrol(learner, done)
    finish(learner, factories.lessons_of(done))
    other = factories.MemberFactory(first_name="Other")
    theirs = factories.build_offering(title="Their Course", modules=1, lessons_per_module=2)
    enrol(other, theirs)
    learner.date_joined = timezone.now() - timedelta(days=400)
    learner.save()
    client.force_login(learner)

    page = html(client.get("/"))

    assert f"Welcome back, {learner.first_name}" in page
    continuing = section(page, "home-continue")
    assert f'href="{lessons[2].url}"' in continuing, "the first unfinished lesson, not the course"
    assert "Lesson 2.1" in continuing and "50% complete" in continuing
    assert "Their Course" not in continuing and "Finished Course" not in continuing
    cpd = section(page, "home-cpd")
    assert f"CPD in {timezone.localdate().year}" in cpd and "2.5 CPD hours" in cpd


def open_join_zone() -> str:
    """A zone where a session starting in 30 minutes and lasting an hour stays on one local day."""
    for name in ("UTC", "Asia/Tokyo", "America/New_York", "Pacific/Auckland"):
        local = (timezone.now() + timedelta(minutes=30)).astimezone(zoneinfo.ZoneInfo(name))
        if 1 <= local.hour <= 21:
            return name
    raise AssertionError("no zone has a daytime hour now")


def test_member_sees_their_next_sessions_with_the_join_button_only_when_open(client, learner):
    zone_name = open_join_zone()
    soon = (timezone.now() + timedelta(minutes=30)).astimezone(zoneinfo.ZoneInfo(zone_name))
    starting = factories.build_event(title="Starting Soon Webinar", sessions=[{
        **factories.session_spec(0, time_zone=zone_name), "date": soon.date(),
        "start_time": soon.time().replace(second=0, microsecond=0),
        "end_time": (soon + timedelta(hours=1)).time().replace(second=0, microsecond=0)}])
    next_week = factories.build_event(title="Next Week Webinar", sessions=[factories.session_spec(7)])
    factories.build_event(title="Not Registered Webinar", sessions=[factories.session_spec(2)])
    for event in (starting, next_week):
        registration_rules.register(learner, factories.sessions_of(event)[0])
    other = factories.MemberFactory()
    theirs = factories.build_event(title="Their Webinar", sessions=[factories.session_spec(1)])
    registration_rules.register(other, factories.sessions_of(theirs)[0])
    client.force_login(learner)

    sessions = section(html(client.get("/")), "home-sessions")

    assert sessions.index("Starting Soon Webinar") < sessions.index("Next Week Webinar")
    join = f'href="{starting.url}join/{factories.sessions_of(starting)[0].pk}/"'
    assert join in sessions
    assert f'{next_week.url}join/' not in sessions, "joining opens an hour before the start"
    assert "Registered (confirmed)" in sessions
    assert "Their Webinar" not in sessions and "Not Registered Webinar" not in sessions
    starts = factories.sessions_of(next_week)[0].starts_at.astimezone(UTC).astimezone(
        zoneinfo.ZoneInfo(learner.time_zone or "UTC"))
    assert f'datetime="{starts.isoformat()}"' in sessions


def test_recommendations_leave_out_what_the_member_already_took(client, learner):
    basics = factories.build_offering(title="Flow Basics", modules=1, lessons_per_module=1)
    enrol(learner, basics)
    finish(learner, factories.lessons_of(basics))
    advanced = factories.build_offering(title="Flow Advanced", modules=1, lessons_per_module=1)
    advanced.prerequisites.set([basics])
    advanced.save()
    taken = factories.build_offering(title="Flow Taken", modules=1, lessons_per_module=1)
    taken.prerequisites.set([basics])
    taken.save()
    enrol(learner, taken)
    client.force_login(learner)

    recommended = section(html(client.get("/")), "recommendations")

    assert "Flow Advanced" in recommended and "Because you completed" in recommended
    assert "Flow Taken" not in recommended
    assert f'href="{basics.url}"' not in recommended and f'href="{taken.url}"' not in recommended


# ------------------------------------------------------------------------------------------------ queries


def count_home_queries(client) -> int:
    assert client.get("/").status_code == 200  # warm the caches (site root, settings, renditions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def catalog_of(size: int, learner) -> None:
    """`size` of each: featured and new courses, upcoming events the learner registered for, courses in progress."""
    for n in range(size):
        course = factories.build_offering(title=f"Course {size}-{n}", modules=1, lessons_per_module=2,
                                          featured=n % 2 == 0, topics=[factories.TopicFactory()])
        enrol(learner, course)
        finish(learner, factories.lessons_of(course)[:1])
        event = factories.build_event(title=f"Event {size}-{n}", sessions=[factories.session_spec(3 + n)],
                                      topics=[factories.TopicFactory()])
        registration_rules.register(learner, factories.sessions_of(event)[0])
    Campaign.objects.get_or_create(slug="flow-month", defaults={
        "name": "Flow Month", "summary": "Flow.", "starts_on": days_from_today(-1), "ends_on": days_from_today(9)})


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_home_page_queries_do_not_grow_with_the_catalog(client, learner, signed_in):
    if signed_in:
        client.force_login(learner)
    bound = HOME_MEMBER_MAX_QUERIES if signed_in else HOME_VISITOR_MAX_QUERIES
    catalog_of(1, learner)
    small = count_home_queries(client)
    catalog_of(6, learner)
    large = count_home_queries(client)
    assert small == large <= bound, (small, large, bound)
