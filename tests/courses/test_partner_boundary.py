"""The partner-host boundary, through the real admin: a host of partner A sees and edits A's co-hosted events and
nothing else; instructors see their own; seats, moves and cancellations stay with staff; ids must match."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from courses.catalog.setup import STAFF_REVIEW_WORKFLOW
from courses.models import Registration, RegistrationChange, WebinarPage
from lms.roles import INSTRUCTOR
from tests import factories
from tests.courses.events_admin_support import (
    cancel_url,
    capacity_url,
    check_in_url,
    csv_url,
    event_form,
    history_url,
    move_url,
    register,
    registrations_url,
    upload_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_a():
    return factories.PartnerFactory(name="Lean Institute")


@pytest.fixture
def partner_b():
    return factories.PartnerFactory(name="Flow University")


@pytest.fixture
def host_a(partner_a):
    return factories.partner_host_for(partner_a, email="host.a@example.org")


@pytest.fixture
def event_a(partner_a):
    """Co-hosted by A (and B); one session that has happened, one to come."""
    return factories.build_event(
        title="Event A", co_hosts=[partner_a],
        sessions=[factories.session_spec(-1, capacity=1), factories.session_spec(6, capacity=1)],
    )


@pytest.fixture
def event_b(partner_b):
    """Co-hosted by B only, with a registrant in a session that has happened."""
    event = factories.build_event(title="Event B", co_hosts=[partner_b], sessions=[factories.session_spec(-1)])
    register(factories.MemberFactory(email="b.registrant@example.org"), factories.sessions_of(event)[0])
    return event


def b_registration(event_b) -> Registration:
    return Registration.objects.get(session__event=event_b)


REPORT = b"Email,Minutes attended\nb.registrant@example.org,60\n"


def assert_nothing_recorded(event):
    assert not Registration.objects.filter(session__event=event, attended=True).exists()
    assert not RegistrationChange.objects.filter(
        session__event=event, kind__in=["checked_in", "attendance_imported"]
    ).exists()


# ------------------------------------------------------------------------------------------- registrations


@pytest.mark.parametrize("who", ["partner_host_of_a", "unrelated_instructor"])
def test_no_way_into_the_registrations_of_an_event_not_yours(client, host_a, event_a, event_b, who):
    user = host_a if who == "partner_host_of_a" else factories.InstructorFactory()
    client.force_login(user)
    b_session = factories.sessions_of(event_b)[0]
    registrant = b_registration(event_b)

    for url in (registrations_url(event_b), csv_url(event_b), history_url(event_b), upload_url(event_b, b_session)):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"b.registrant@example.org" not in response.content and b"Event B" not in response.content

    assert client.post(check_in_url(event_b, registrant)).status_code == 403
    upload = SimpleUploadedFile("report.csv", REPORT, content_type="text/csv")
    assert client.post(upload_url(event_b, b_session), {"report": upload}).status_code == 403
    assert client.post(capacity_url(event_b, b_session), {"capacity": ""}).status_code == 403
    assert client.post(cancel_url(event_b, registrant), {"confirm": "yes"}).status_code == 403
    assert_nothing_recorded(event_b)
    registrant.refresh_from_db()
    assert registrant.status == Registration.Status.CONFIRMED
    assert b_session.capacity == factories.sessions_of(event_b)[0].capacity


def test_partner_host_manages_their_partners_event_but_not_seats(client, host_a, event_a):
    past, future = factories.sessions_of(event_a)
    attendee = register(factories.MemberFactory(email="a.attendee@example.org"), past)
    seated = register(factories.MemberFactory(email="seated@example.org"), future)
    waiting = register(factories.MemberFactory(email="waiting@example.org"), future)
    client.force_login(host_a)

    page = client.get(registrations_url(event_a))
    assert page.status_code == 200
    html = page.content.decode()
    assert "a.attendee@example.org" in html
    assert "Change capacity" not in html and "Cancel registration" not in html  # staff-only forms are not offered
    assert b"a.attendee@example.org" in client.get(csv_url(event_a)).content
    assert client.get(history_url(event_a)).status_code == 200

    assert client.post(check_in_url(event_a, attendee)).status_code == 303
    attendee.refresh_from_db()
    assert attendee.attended

    assert client.post(capacity_url(event_a, future), {"capacity": ""}).status_code == 403
    assert client.post(move_url(event_a, seated), {"to_session": past.pk}).status_code == 403
    assert client.post(cancel_url(event_a, seated), {"confirm": "yes"}).status_code == 403
    future.refresh_from_db()
    assert future.capacity == 1
    assert dict(Registration.objects.filter(session=future).values_list("member__email", "status")) == {
        "seated@example.org": "confirmed", "waiting@example.org": "waitlisted",
    }
    assert waiting.status == "waitlisted"


def test_instructor_named_on_an_event_manages_its_registrations(client, event_a):
    teacher = factories.InstructorFactory()
    event_a.instructors.add(teacher)
    event_a.save()
    client.force_login(teacher)
    assert client.get(registrations_url(event_a)).status_code == 200
    assert client.post(capacity_url(event_a, factories.sessions_of(event_a)[1]), {"capacity": "5"}).status_code == 403


def test_index_lists_only_the_events_the_user_may_manage(client, host_a, event_a, event_b):
    client.force_login(host_a)
    response = client.get(reverse("courses_events:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert registrations_url(event_a) in html and "Event B" not in html


def test_unknown_and_mismatched_ids_are_not_found(client, staff, host_a, event_a, event_b):
    past_a = factories.sessions_of(event_a)[0]
    b_session = factories.sessions_of(event_b)[0]
    registrant = b_registration(event_b)
    for user in (host_a, staff):
        client.force_login(user)
        assert client.get(reverse("courses_events:registrations", args=[987654])).status_code == 404
        assert client.get(reverse("courses_events:registrations_csv", args=[987654])).status_code == 404
        # An id of event B's under event A's address (which this user may manage) is not found there.
        assert client.get(upload_url(event_a, b_session)).status_code == 404
        upload = SimpleUploadedFile("report.csv", REPORT, content_type="text/csv")
        assert client.post(upload_url(event_a, b_session), {"report": upload}).status_code == 404
        assert client.post(check_in_url(event_a, registrant)).status_code == 404
        assert client.post(reverse("courses_events:check_in", args=[event_a.pk, 987654])).status_code == 404
    client.force_login(staff)
    assert client.post(capacity_url(event_a, b_session), {"capacity": "3"}).status_code == 404
    assert client.post(move_url(event_a, registrant), {"to_session": past_a.pk}).status_code == 404
    assert client.post(cancel_url(event_a, registrant), {"confirm": "yes"}).status_code == 404
    assert_nothing_recorded(event_b)
    registrant.refresh_from_db()
    assert registrant.status == Registration.Status.CONFIRMED


def test_people_without_admin_access_are_sent_to_sign_in(client, learner, event_a):
    assert client.get(registrations_url(event_a)).status_code == 302
    client.force_login(learner)
    response = client.get(registrations_url(event_a))
    assert response.status_code == 302 and b"a.attendee" not in response.content


def test_the_programme_planner_is_for_staff(client, host_a, staff):
    url = reverse("courses_programme_planner")
    for user in (host_a, factories.InstructorFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200


# ------------------------------------------------------------------------------------------- the page explorer


def explorer(client) -> str:
    response = client.get(reverse("wagtailadmin_explore", args=[factories.catalog().pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_partner_host_browsing_the_catalog_sees_only_co_hosted_events(client, host_a, event_a, event_b):
    factories.build_offering(title="Some Course")
    client.force_login(host_a)
    html = explorer(client)
    assert "Event A" in html and "Event B" not in html and "Some Course" not in html
    assert registrations_url(event_a) in html  # the Registrations button


def test_someone_both_instructor_and_partner_host_sees_both(client, host_a, event_a, event_b):
    host_a.groups.add(Group.objects.get(name=INSTRUCTOR))
    factories.build_offering(title="Taught Course", instructors=[host_a])
    factories.build_offering(title="Someone Else's Course")
    client.force_login(host_a)
    html = explorer(client)
    assert "Event A" in html and "Taught Course" in html
    assert "Event B" not in html and "Someone Else&#x27;s Course" not in html and "Someone Else's" not in html


def test_instructors_keep_seeing_only_what_they_teach(client, instructor, event_a):
    factories.build_offering(title="Mine", instructors=[instructor])
    factories.build_offering(title="Not Mine")
    client.force_login(instructor)
    html = explorer(client)
    assert "Mine" in html and "Not Mine" not in html and "Event A" not in html


# ------------------------------------------------------------------------------------------- editing


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_partner_host_opens_the_editor_of_a_co_hosted_event_only(client, host_a, event_a, event_b):
    course = factories.build_offering(title="A Course")
    client.force_login(host_a)
    assert client.get(edit_url(event_a)).status_code == 200
    for page in (event_b, course):
        refused = client.get(edit_url(page))
        assert refused.status_code in (302, 403), page.title
        if refused.status_code == 302:
            assert refused["Location"] == "/admin/"  # Wagtail's "you do not have permission" redirect
    revisions = event_b.revisions.count()
    posted = client.post(edit_url(event_b), event_form(event_b, title="Hijacked"))
    assert posted.status_code in (302, 403)
    assert WebinarPage.objects.get(pk=event_b.pk).title == "Event B" and event_b.revisions.count() == revisions


def test_partner_host_cannot_publish_but_can_submit_to_staff_review(client, host_a, event_a):
    permissions = event_a.permissions_for_user(host_a)
    assert permissions.can_edit() and permissions.can_submit_for_moderation() and not permissions.can_publish()
    client.force_login(host_a)
    response = client.post(edit_url(event_a), event_form(event_a, title="Event A, renamed", **{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    live = WebinarPage.objects.get(pk=event_a.pk)
    assert live.title == "Event A" and live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "Event A, renamed"
    assert not PageLogEntry.objects.filter(page=event_a, action="wagtail.publish", user=host_a).exists()

    form = event_form(event_a, title="Event A, for review", **{"action-submit": "1"})
    response = client.post(edit_url(event_a), form)
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(live).get()
    assert state.workflow.name == STAFF_REVIEW_WORKFLOW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == host_a
    assert WebinarPage.objects.get(pk=event_a.pk).title == "Event A"  # still waiting for staff
