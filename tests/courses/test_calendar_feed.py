"""Calendars through HTTP: an event's .ics download and each member's private, revocable feed, parsed with
the `icalendar` library (RFC 5545, with time zones)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from courses.events import registration as registration_rules
from courses.models import CalendarFeed
from lms.access import AccessLevel
from tests.factories import build_event, session_spec, sessions_of

pytestmark = pytest.mark.django_db

JOINING_URL = "https://meet.example.org/j/never-in-a-calendar"


def parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_in(calendar: icalendar.Calendar) -> list:
    return [component for component in calendar.walk("VEVENT")]


def feed_url_from_dashboard(client) -> str:
    page = client.get("/my-learning/").content.decode()
    match = re.search(r'value="(http://testserver/calendar/[^"]+\.ics)"', page)
    assert match, "the dashboard shows the feed address"
    return match.group(1)


def test_an_event_downloads_as_a_valid_ics_with_its_zone(client, db):
    event = build_event(sessions=[
        {**session_spec(time_zone="America/New_York", joining_url=JOINING_URL), "date": date(2027, 3, 11)},
        {**session_spec(time_zone="America/New_York", joining_url=JOINING_URL), "date": date(2027, 3, 18)},
    ])

    response = client.get(f"{event.url}calendar/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = parse(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    first, second = events_in(calendar)
    assert first["DTSTART"].params["TZID"] == "America/New_York"
    assert first.decoded("DTSTART") == datetime(2027, 3, 11, 10, tzinfo=ZoneInfo("America/New_York"))
    assert second.decoded("DTSTART") == datetime(2027, 3, 18, 10, tzinfo=ZoneInfo("America/New_York"))
    # Across the US change the same wall-clock time is 15:00, then 14:00 UTC.
    assert first.decoded("DTSTART").astimezone(UTC).hour == 15
    assert second.decoded("DTSTART").astimezone(UTC).hour == 14
    assert str(first["SUMMARY"]) == "Flow Metrics Live"
    assert JOINING_URL.encode() not in response.content


def test_a_member_only_events_calendar_is_for_members(client, non_member, learner):
    event = build_event(access_level=AccessLevel.MEMBER_ONLY)
    client.force_login(non_member)
    assert client.get(f"{event.url}calendar/").status_code == 403
    client.force_login(learner)
    assert client.get(f"{event.url}calendar/").status_code == 200


def test_the_private_feed_lists_only_your_registrations(client, learner, other_learner):
    mine = build_event(title="My Webinar", sessions=[session_spec(7, capacity=1, time_zone="Asia/Tokyo")])
    theirs = build_event(title="Their Webinar")
    waiting = build_event(title="Waiting Webinar", sessions=[session_spec(9, capacity=0)])
    registration_rules.register(learner, sessions_of(mine)[0])
    registration_rules.register(learner, sessions_of(waiting)[0])
    registration_rules.register(other_learner, sessions_of(theirs)[0])
    client.force_login(learner)
    url = feed_url_from_dashboard(client)
    client.logout()

    response = client.get(url.removeprefix("http://testserver"))

    assert response.status_code == 200
    calendar = parse(response)
    summaries = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events_in(calendar)}
    assert summaries == {"My Webinar": "CONFIRMED", "Waiting Webinar (waitlisted)": "TENTATIVE"}
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {"Asia/Tokyo", "Europe/London"}
    assert all("TZID" in e["DTSTART"].params for e in events_in(calendar))
    assert CalendarFeed.objects.get(member=learner).last_fetched_at is not None
    assert CalendarFeed.objects.get(member=learner).token in url


def test_the_feed_address_is_created_once_and_kept(client, learner):
    client.force_login(learner)
    first = feed_url_from_dashboard(client)
    assert feed_url_from_dashboard(client) == first
    assert CalendarFeed.objects.filter(member=learner).count() == 1


def test_resetting_the_link_revokes_the_old_address(client, learner):
    client.force_login(learner)
    old = feed_url_from_dashboard(client).removeprefix("http://testserver")

    response = client.post("/my-learning/calendar/reset/", {"confirm": "yes"})

    assert response.status_code == 303
    new = feed_url_from_dashboard(client).removeprefix("http://testserver")
    assert new != old
    client.logout()
    gone = client.get(old)
    assert gone.status_code == 404 and "This calendar address is not valid" in gone.content.decode()
    assert client.get(new).status_code == 200


def test_reset_needs_a_signed_in_post(client, learner):
    assert client.post("/my-learning/calendar/reset/").status_code == 302
    client.force_login(learner)
    assert client.get("/my-learning/calendar/reset/").status_code == 405


@pytest.mark.parametrize("token", ["unknown", "x" * 200, "%00"])
def test_an_unknown_token_is_not_found(client, db, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404
