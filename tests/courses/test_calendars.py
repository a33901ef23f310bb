"""iCalendar files, checked by parsing them with the icalendar library: valid RFC 5545 with time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from django.utils import timezone

from courses.events import calendars
from courses.events import registration as registration_rules
from courses.events.calendars import event_calendar, member_feed_registrations, registrations_calendar
from courses.models import Registration
from tests.factories import MemberFactory, build_event, session_spec, sessions_of

pytestmark = pytest.mark.django_db

JOINING_URL = "https://meet.example.org/j/secret-room-4711"


def parse(ical: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(ical)


def vevents(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def dst_event():
    """10:00 in New York before and after the US change on 14 March 2027, plus a London session."""
    return build_event(sessions=[
        session_spec(date=date(2027, 3, 13), time_zone="America/New_York", joining_url=JOINING_URL),
        session_spec(date=date(2027, 3, 15), time_zone="America/New_York", joining_url=JOINING_URL),
        session_spec(date=date(2027, 3, 29), time_zone="Europe/London", joining_url=JOINING_URL),
    ])


def test_an_event_calendar_is_valid_icalendar_with_one_event_per_session(dst_event):
    ical = event_calendar(dst_event)
    calendar = parse(ical)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    events = vevents(calendar)
    assert len(events) == 3
    assert len({str(e["UID"]) for e in events}) == 3
    for vevent, session in zip(events, sessions_of(dst_event), strict=True):
        assert vevent["DTSTAMP"].dt.utcoffset() == timedelta(0)  # RFC 5545: DTSTAMP is in UTC
        assert vevent["DTSTART"].params["TZID"] == session.time_zone
        assert vevent["DTEND"].params["TZID"] == session.time_zone
        assert vevent["DTSTART"].dt.astimezone(UTC) == session.starts_at
        assert vevent["DTEND"].dt.astimezone(UTC) == session.ends_at
        assert int(vevent["SEQUENCE"]) == 0
        assert str(vevent["STATUS"]) == "CONFIRMED"
        assert dst_event.title in str(vevent["SUMMARY"])
    assert b"\r\n" in ical  # RFC 5545 line endings


def test_each_zone_used_has_its_vtimezone(dst_event):
    calendar = parse(event_calendar(dst_event))

    zones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"America/New_York", "Europe/London"}
    new_york = zones["America/New_York"]
    assert {c.name for c in new_york.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_the_kept_zones_give_the_very_bytes_icalendar_writes(dst_event):
    """The VTIMEZONEs are written once per process and placed into each calendar's text: the file must be exactly
    the one icalendar writes with the zones added as the calendar's first components."""
    stamp = timezone.now().astimezone(UTC)
    calendar = calendars._calendar(dst_event.title)
    for session in sessions_of(dst_event):
        calendar.add_component(calendars._vevent(session, dst_event, stamp))
    ours = calendars._finish(calendar)
    assert calendars._finish(calendar) == ours  # again, from the kept text, and the calendar itself left as it was

    calendar.subcomponents[0:0] = [icalendar.Timezone.from_tzid(tzid)
                                   for tzid in sorted(calendar.get_missing_tzids())]
    assert ours == calendar.to_ical()
    assert ours.count(b"BEGIN:VTIMEZONE") == 2


def test_wall_times_are_kept_across_a_dst_change(dst_event):
    ical = event_calendar(dst_event)
    events = vevents(parse(ical))

    assert [e["DTSTART"].dt.replace(tzinfo=None) for e in events] == [
        datetime(2027, 3, 13, 10), datetime(2027, 3, 15, 10), datetime(2027, 3, 29, 10)]
    assert [e["DTSTART"].dt.astimezone(UTC).hour for e in events] == [15, 14, 9]
    assert b"DTSTART;TZID=America/New_York:20270313T100000" in ical
    assert b"DTSTART;TZID=America/New_York:20270315T100000" in ical


def test_the_joining_link_never_appears(dst_event):
    registration = registration_rules.register(MemberFactory(), sessions_of(dst_event)[0]).registration

    for ical in (event_calendar(dst_event), registrations_calendar([registration], "Mine")):
        assert b"secret-room-4711" not in ical
        assert b"meet.example.org" not in ical.replace(b"\r\n ", b"")


def test_a_rescheduled_session_carries_its_schedule_version_as_sequence(dst_event):
    session = sessions_of(dst_event)[0]
    session.start_time = time(9)
    session.save()
    session.start_time = time(9, 30)
    session.save()

    events = {str(e["UID"]): e for e in vevents(parse(event_calendar(dst_event)))}

    sequences = sorted(int(e["SEQUENCE"]) for e in events.values())
    assert sequences == [0, 0, 2]
    moved = next(e for e in events.values() if int(e["SEQUENCE"]) == 2)
    assert moved["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 3, 13, 9, 30)


def test_a_members_calendar_marks_waitlist_places_tentative():
    event = build_event(sessions=[session_spec(7, capacity=1, time_zone="Asia/Tokyo")])
    session = sessions_of(event)[0]
    registration_rules.register(MemberFactory(), session)
    waiting = registration_rules.register(MemberFactory(), session).registration
    assert waiting.status == Registration.Status.WAITLISTED

    calendar = parse(registrations_calendar([waiting], "My sessions"))

    (vevent,) = vevents(calendar)
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert "waitlisted" in str(vevent["SUMMARY"])
    assert vevent["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert str(calendar["X-WR-CALNAME"]) == "My sessions"


def test_a_members_feed_lists_live_active_recent_registrations():
    member = MemberFactory()
    upcoming = sessions_of(build_event(title="Upcoming"))[0]
    cancelled = sessions_of(build_event(title="Cancelled"))[0]
    hidden = sessions_of(build_event(title="Unpublished later"))[0]
    past = sessions_of(build_event(title="Long ago"))[0]
    for session in (upcoming, cancelled, hidden, past):
        registration_rules.register(member, session)
    registration_rules.cancel(Registration.objects.get(session=cancelled), member)
    hidden.event.unpublish()
    # Registered for a session that was moved into the past, more than 30 days ago.
    past.date = timezone.localdate() - timedelta(days=40)
    past.save()

    feed = list(member_feed_registrations(member))

    assert [r.session_id for r in feed] == [upcoming.pk]
    calendar = parse(registrations_calendar(feed, "Feed"))
    assert [str(e["SUMMARY"]) for e in vevents(calendar)] == ["Upcoming"]
