"""Cancelling an event registration asks first, for the member on the event page and for staff in the admin: the
button's POST shows what will happen, only the confirmed POST (confirm=yes) cancels, and who may do it is checked
on both steps."""

from __future__ import annotations

import pytest

from courses.models import Registration
from tests import factories
from tests.courses.events_admin_support import cancel_url, register
from tests.factories import build_event, session_spec, sessions_of

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def seated(db):
    event = build_event(title="Value Stream Mapping Live", sessions=[session_spec(capacity=1)])
    member = factories.MemberFactory(email="seated@example.org")
    waiting = factories.MemberFactory(email="waiting@example.org")
    session = sessions_of(event)[0]
    registration = register(member, session)
    register(waiting, session)
    return event, registration


def status_of(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


def test_the_member_is_asked_before_their_registration_is_cancelled(client, seated):
    event, registration = seated
    client.force_login(registration.member)

    response = client.post(f"{event.url}cancel/{registration.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Cancel your registration?" in page and "Value Stream Mapping Live" in page
    assert 'name="confirm" value="yes"' in page and "csrfmiddlewaretoken" in page
    assert f'href="{event.url}"' in page and "Keep my registration" in page
    assert status_of(registration) == Status.CONFIRMED


def test_the_confirmed_post_cancels_and_the_waitlist_moves(client, seated):
    event, registration = seated
    client.force_login(registration.member)

    response = client.post(f"{event.url}cancel/{registration.pk}/", {"confirm": "yes"})

    assert response.status_code == 303
    assert status_of(registration) == Status.CANCELLED
    assert Registration.objects.get(member__email="waiting@example.org").status == Status.CONFIRMED


def test_someone_else_cannot_reach_either_step(client, seated):
    event, registration = seated
    client.force_login(factories.MemberFactory())
    for data in ({}, {"confirm": "yes"}):
        assert client.post(f"{event.url}cancel/{registration.pk}/", data).status_code == 404
    assert status_of(registration) == Status.CONFIRMED


def test_staff_are_asked_before_cancelling_for_a_member(client, seated):
    event, registration = seated
    client.force_login(factories.StaffFactory())

    asked = client.post(cancel_url(event, registration))
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "seated@example.org" in page or str(registration.member) in page
    assert "told by e-mail" in page and 'name="confirm" value="yes"' in page
    assert status_of(registration) == Status.CONFIRMED

    assert client.post(cancel_url(event, registration), {"confirm": "yes"}).status_code == 303
    assert status_of(registration) == Status.CANCELLED


def test_partner_hosts_cannot_cancel_for_a_member_on_either_step(client, seated):
    event, registration = seated
    client.force_login(factories.InstructorFactory())
    for data in ({}, {"confirm": "yes"}):
        assert client.post(cancel_url(event, registration), data).status_code == 403
    assert status_of(registration) == Status.CONFIRMED


def test_resetting_the_calendar_link_asks_first(client):
    from courses.models import CalendarFeed

    member = factories.MemberFactory()
    feed = CalendarFeed.objects.create(member=member)
    client.force_login(member)

    asked = client.post("/my-learning/calendar/reset/")
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Reset your calendar link?" in page and "stop" in page and 'name="confirm" value="yes"' in page
    assert CalendarFeed.objects.get(pk=feed.pk).token == feed.token

    assert client.post("/my-learning/calendar/reset/", {"confirm": "yes"}).status_code == 303
    assert CalendarFeed.objects.get(pk=feed.pk).token != feed.token
