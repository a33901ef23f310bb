"""Authoring events in the real Wagtail editor: sessions entered in their own zone, refused when impossible.

(Removing a session people registered for is refused: see test_event_admin.py.)"""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import Session, WebinarPage, WorkshopPage
from tests import factories

pytestmark = pytest.mark.django_db


def event_form(title="Flow Live", sessions=(), **changes) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": "flow-live",
            "summary": "A live look at flow metrics.",
            "overview": streamfield([]),
            "level": "introductory",
            "language": "en",
            "programme_year": "2027",
            "edition": "",
            "cpd_hours": "1.5",
            "cpd_credit_type": "general",
            "access_level": "public",
            "members_open_on": "",
            "public_open_on": "",
            "registration_closes_minutes_before": "60",
            "has_waitlist": "on",
            "attendance_threshold_percent": "75",
            "registration_questions": streamfield([]),
            "speakers": streamfield([]),
            "materials": streamfield([]),
            "sessions": inline_formset(list(sessions)),
            "evaluation_questions": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(changes)
    return data


def session_row(day="2027-03-11", start="10:00", end="11:00", zone="America/New_York", **fields) -> dict:
    return {"title": "", "date": day, "start_time": start, "end_time": end, "end_date": "", "time_zone": zone,
            "joining_url": "https://meet.example.org/j/1", "venue": "", "capacity": "100", "language": "",
            **fields}


def add_url(model) -> str:
    return reverse("wagtailadmin_pages:add", args=("courses", model._meta.model_name, factories.catalog().pk))


def errors_of(response) -> str:
    return response.content.decode()


def test_staff_create_a_webinar_whose_sessions_keep_their_wall_time_across_dst(client, staff):
    client.force_login(staff)
    sessions = [session_row("2027-03-11"), session_row("2027-03-18")]  # US clocks change on 14 March 2027

    response = client.post(add_url(WebinarPage), event_form(sessions=sessions))

    assert response.status_code == 302, errors_of(response)
    webinar = WebinarPage.objects.get(title="Flow Live")
    first, second = Session.objects.filter(event=webinar).order_by("starts_at")
    assert first.starts_at == datetime(2027, 3, 11, 15, 0, tzinfo=UTC)  # 10:00 EST
    assert second.starts_at == datetime(2027, 3, 18, 14, 0, tzinfo=UTC)  # 10:00 EDT
    assert (first.date, first.start_time) == (date(2027, 3, 11), time(10))


def test_a_time_the_clocks_skip_is_refused_with_the_reason(client, staff):
    client.force_login(staff)

    response = client.post(add_url(WebinarPage), event_form(sessions=[session_row("2027-03-14", "02:30", "03:30")]))

    assert response.status_code == 200
    assert "does not exist in America/New_York" in errors_of(response)
    assert not WebinarPage.objects.filter(title="Flow Live").exists()


def test_a_webinar_session_needs_a_joining_link_and_a_workshop_a_place(client, staff):
    client.force_login(staff)

    webinar = client.post(add_url(WebinarPage), event_form(sessions=[session_row(joining_url="")]))
    workshop = client.post(add_url(WorkshopPage), event_form(sessions=[session_row(joining_url="", venue="")]))

    assert "A webinar session needs an online joining link." in errors_of(webinar)
    assert "Give a venue, an online joining link, or both." in errors_of(workshop)
    assert not WebinarPage.objects.exists() and not WorkshopPage.objects.exists()
