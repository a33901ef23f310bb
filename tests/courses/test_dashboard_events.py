"""My learning with events: upcoming registrations in the member's zone, attended events in the history, CPD
totals that count attendance, and the transcript CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.dashboard import learning_dashboard
from courses.events import attendance
from courses.events import registration as registration_rules
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.factories import build_event, lessons_of, session_spec, sessions_of

pytestmark = pytest.mark.django_db


def attend(member, event, staff):
    """Register before the (past) session, then check in: attendance recorded through the real rules."""
    session = sessions_of(event)[0]
    registration = registration_rules.register(member, session, now=session.starts_at - timedelta(days=3)).registration
    assert attendance.check_in(registration, staff)
    registration.refresh_from_db()
    return registration


@pytest.fixture
def tokyo_learner(learner):
    learner.time_zone = "Asia/Tokyo"
    learner.save(update_fields=["time_zone"])
    return learner


def test_upcoming_registrations_show_in_the_members_zone_with_their_status(client, tokyo_learner, other_learner):
    seat = build_event(title="Seat Webinar",
                       sessions=[{**session_spec(time_zone="Europe/London"), "date": date(2027, 6, 1)}])
    queue = build_event(title="Queue Webinar", sessions=[session_spec(9, capacity=0)])
    dropped = build_event(title="Dropped Webinar")
    hidden = build_event(title="Unpublished Webinar")
    registration_rules.register(tokyo_learner, sessions_of(seat)[0])
    registration_rules.register(other_learner, sessions_of(queue)[0])
    registration_rules.register(tokyo_learner, sessions_of(queue)[0])
    cancelled = registration_rules.register(tokyo_learner, sessions_of(dropped)[0]).registration
    registration_rules.cancel(cancelled, tokyo_learner)
    registration_rules.register(tokyo_learner, sessions_of(hidden)[0])
    hidden.unpublish()
    registration_rules.register(other_learner, sessions_of(build_event(title="Their Webinar"))[0])
    client.force_login(tokyo_learner)

    page = client.get("/my-learning/").content.decode()

    upcoming = page.split('id="upcoming-heading"')[1].split('id="calendar-feed-heading"')[0]
    assert "Times are shown in Asia/Tokyo." in upcoming
    assert '<time datetime="2027-06-01T18:00:00+09:00">Tue 1 Jun 2027, 18:00–19:00 JST</time>' in upcoming
    assert "Seat Webinar" in upcoming and "Registered (confirmed)" in upcoming
    assert "Queue Webinar" in upcoming and "On the waitlist, at place 2" in upcoming
    assert upcoming.index("Queue Webinar") < upcoming.index("Seat Webinar")  # soonest first
    for absent in ("Dropped Webinar", "Unpublished Webinar", "Their Webinar"):
        assert absent not in upcoming


def test_attended_events_join_the_history_and_the_cpd_totals(client, learner, staff):
    course = factories.build_offering(title="Counted Course", modules=1, lessons_per_module=1, cpd_hours=3)
    enrol(learner, course)
    finish(learner, lessons_of(course))
    webinar = build_event(title="Attended Webinar", sessions=[session_spec(-2)], cpd_hours=Decimal("1.5"))
    workshop = factories.build_workshop(title="Attended Workshop", cpd_hours=Decimal("2"),
                                        sessions=[session_spec(-4, joining_url="", venue="Room 1")])
    skipped = build_event(title="Registered Only", sessions=[session_spec(-3)])
    attend(learner, webinar, staff)
    attend(learner, workshop, staff)
    registration_rules.register(learner, sessions_of(skipped)[0], now=sessions_of(skipped)[0].starts_at
                                - timedelta(days=3))
    client.force_login(learner)

    page = client.get("/my-learning/").content.decode()

    assert "<strong>6.5 CPD hours</strong> in total" in page
    history = page.split('id="attended-heading"')[1]
    assert "Attended Webinar" in history and "Attended Workshop" in history
    assert "Registered Only" not in history
    assert "<td>Webinar</td>" in history and "<td>Workshop</td>" in history
    assert re.search(r"<td>1\.50?</td>", history)


def test_cpd_this_year_counts_attendance_in_the_year_of_the_session(learner, staff):
    webinar = build_event(title="Attended Webinar", sessions=[session_spec(-2)], cpd_hours=Decimal("1.5"))
    registration = attend(learner, webinar, staff)
    year = registration.session.starts_at.year

    this_year = learning_dashboard(learner, today=date(year, 6, 1))
    next_year = learning_dashboard(learner, today=date(year + 1, 6, 1))

    assert this_year.cpd_hours_this_year == Decimal("1.5") and this_year.cpd_hours_total == Decimal("1.5")
    assert next_year.cpd_hours_this_year == Decimal(0) and next_year.cpd_hours_total == Decimal("1.5")
    assert [r.pk for r in this_year.attended] == [registration.pk]


def test_the_transcript_lists_attended_events_with_their_format(client, learner, staff):
    course = factories.build_offering(title="Counted Course", modules=1, lessons_per_module=1)
    enrol(learner, course)
    finish(learner, lessons_of(course))
    attend(learner, build_event(title="Attended Webinar", sessions=[session_spec(-2)]), staff)
    attend(learner, factories.build_workshop(title="Attended Workshop",
                                             sessions=[session_spec(-5, joining_url="", venue="Room 1")]), staff)
    client.force_login(learner)

    response = client.get("/my-learning/transcript.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"Counted Course", "Attended Webinar", "Attended Workshop"}
    assert by_title["Attended Webinar"][1] == "Webinar" and by_title["Attended Webinar"][5] == "1.50"
    assert by_title["Attended Workshop"][1] == "Workshop"
    assert [row[0] for row in rows[1:]][:2] == ["Attended Workshop", "Attended Webinar"]  # oldest first


def test_the_dashboard_explains_the_calendar_feed_and_offers_a_reset(member_client):
    page = member_client.get("/my-learning/").content.decode()
    assert '<label for="calendar-feed-url">Calendar feed address</label>' in page
    assert 'action="/my-learning/calendar/reset/"' in page and ">Reset link</button>" in page
    assert "the old one stops working" in page


def test_dashboard_queries_do_not_grow_with_registrations(client, db):
    def member_with(count):
        member = factories.MemberFactory()
        for n in range(count):
            event = build_event(title=f"Webinar {count}.{n}", sessions=[session_spec(5 + n)])
            registration_rules.register(member, sessions_of(event)[0])
        return member

    def count_for(member):
        client.force_login(member)
        assert client.get("/my-learning/").status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/my-learning/").status_code == 200
        return len(captured)

    assert count_for(member_with(1)) == count_for(member_with(4))
