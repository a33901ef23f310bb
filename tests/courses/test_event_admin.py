"""The events admin through the real Wagtail admin: lists, export, check-in, seats, moves and cancellations."""

from __future__ import annotations

import csv
import io
from datetime import UTC

import pytest
from django.urls import reverse

from courses.events import attendance
from courses.events import registration as registration_rules
from courses.events.times import span_in
from courses.models import Registration, RegistrationChange, Session
from tests import factories
from tests.courses.events_admin_support import (
    cancel_url,
    capacity_url,
    check_in_url,
    csv_url,
    event_form,
    history_url,
    messages_of,
    move_url,
    register,
    registrations_url,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def people(count: int, **fields) -> list:
    return [factories.MemberFactory(**fields) for _ in range(count)]


def statuses(session: Session) -> dict[str, str]:
    return dict(Registration.objects.filter(session=session).values_list("member__email", "status"))


# ------------------------------------------------------------------------------------------- index and list


def test_index_shows_sessions_seats_and_waitlist(staff_client):
    event = factories.build_event(title="Kanban Clinic", sessions=[factories.session_spec(capacity=2)])
    session = factories.sessions_of(event)[0]
    for member in people(3):
        register(member, session)
    response = staff_client.get(reverse("courses_events:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kanban Clinic" in html and registrations_url(event) in html
    assert "<td>2 / 2</td>" in html and "<td>1</td>" in html


def test_registrations_page_lists_confirmed_waitlist_in_order_and_cancelled(staff_client):
    question = factories.registration_question("Which team are you in?")
    event = factories.build_event(questions=[question], sessions=[factories.session_spec(capacity=1)])
    session = factories.sessions_of(event)[0]
    answer = [{"id": question["id"], "question": "Which team are you in?", "answer": "Platform team"}]
    seated = register(factories.MemberFactory(first_name="Ada", last_name="Seated"), session, answer)
    first = register(factories.MemberFactory(first_name="Zed", last_name="First"), session)
    second = register(factories.MemberFactory(first_name="Abe", last_name="Second"), session)
    quitter = register(factories.MemberFactory(first_name="Cy", last_name="Quitter"), session)
    registration_rules.cancel(quitter, actor=quitter.member)

    response = staff_client.get(registrations_url(event))
    assert response.status_code == 200
    section = response.context["sections"][0]
    assert [r.pk for r in section.confirmed] == [seated.pk]
    assert [(place, r.pk) for place, r in section.waitlisted] == [(1, first.pk), (2, second.pk)]
    for place, reg in section.waitlisted:
        assert registration_rules.waitlist_position(reg) == place  # the page numbers the line as the rule does
    assert [r.pk for r in section.cancelled] == [quitter.pk]
    html = response.content.decode()
    assert "Platform team" in html and "Which team are you in?" in html
    assert html.index("Zed First") < html.index("Abe Second")  # the line, not the alphabet
    assert seated.member.email in html


def test_history_is_newest_first_with_the_actor(staff_client, staff):
    event = factories.build_event(sessions=[factories.session_spec(capacity=1)])
    session = factories.sessions_of(event)[0]
    reg = register(factories.MemberFactory(first_name="Ann", last_name="Lee"), session)
    registration_rules.cancel(reg, actor=staff)
    response = staff_client.get(history_url(event))
    assert response.status_code == 200
    changes = list(response.context["page_obj"].object_list)
    assert [c.kind for c in changes] == [RegistrationChange.Kind.CANCELLED, RegistrationChange.Kind.REGISTERED]
    assert changes[0].actor == staff
    assert str(staff) in response.content.decode()


# ------------------------------------------------------------------------------------------- export


def read_csv(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_export_has_one_row_per_registration_with_answers_and_attendance(staff_client, staff):
    question = factories.registration_question("Dietary needs")
    event = factories.build_event(
        questions=[question],
        sessions=[factories.session_spec(-1, capacity=1, time_zone="America/New_York"),
                  factories.session_spec(5, capacity=1)],
    )
    past, future = factories.sessions_of(event)
    attended = register(factories.MemberFactory(first_name="Ana", last_name="Present", email="ana@example.org"),
                        past, [{"id": question["id"], "question": "Dietary needs", "answer": "Vegetarian"}])
    attendance.check_in(attended, actor=staff)
    register(factories.MemberFactory(email="seat@example.org"), future)
    waiting = register(factories.MemberFactory(email="wait@example.org"), future)

    response = staff_client.get(csv_url(event))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 3
    by_email = {row["E-mail"]: row for row in rows}
    ana = by_email["ana@example.org"]
    assert ana["Name"] == "Ana Present"
    assert ana["Session time (session's zone)"] == str(span_in(past.starts_at, past.ends_at, "America/New_York"))
    assert ana["Session time (session's zone)"].endswith(("EST", "EDT"))
    assert ana["Session start (UTC)"] == past.starts_at.astimezone(UTC).isoformat()
    assert ana["Status"] == "Confirmed" and ana["Waitlist place"] == ""
    assert ana["Registered at (UTC)"] == attended.registered_at.astimezone(UTC).isoformat()
    assert ana["Dietary needs"] == "Vegetarian"
    assert (ana["Attended"], ana["Minutes attended"], ana["Attendance source"]) == ("yes", "60", "Checked in")
    wait = by_email["wait@example.org"]
    assert wait["Status"] == "On the waitlist" and wait["Waitlist place"] == "1"
    assert wait["Attended"] == "no" and wait["Minutes attended"] == ""
    assert waiting.status == Status.WAITLISTED


def test_csv_export_guards_against_formula_injection(staff_client):
    question = factories.registration_question("=Team")
    event = factories.build_event(questions=[question])
    session = factories.sessions_of(event)[0]
    member = factories.MemberFactory(first_name="=HYPERLINK(\"http://evil\")", last_name="x", email="inj@example.org")
    register(member, session, [{"id": question["id"], "question": "=Team", "answer": "+SUM(A1:A9)"}])
    rows = read_csv(staff_client.get(csv_url(event)))
    row = rows[0]
    assert row["Name"].startswith("'=HYPERLINK")
    assert row["'=Team"] == "'+SUM(A1:A9)"


# ------------------------------------------------------------------------------------------- check-in


def test_check_in_records_attendance_and_fires_exactly_one_signal(
    staff_client, staff, attendance_signals, django_capture_on_commit_callbacks
):
    event = factories.build_event(sessions=[factories.session_spec(-1)])
    session = factories.sessions_of(event)[0]
    reg = register(factories.MemberFactory(first_name="Kim", last_name="Present"), session)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(check_in_url(event, reg), follow=True)
    assert response.status_code == 200
    assert any("Kim Present is checked in" in m for m in messages_of(response))
    reg.refresh_from_db()
    assert reg.attended and reg.attendance_source == Registration.AttendanceSource.CHECK_IN
    assert reg.attended_minutes == 60
    assert len(attendance_signals) == 1
    [announced] = attendance_signals.calls
    assert announced["registration"].pk == reg.pk and announced["event"].pk == event.pk
    assert RegistrationChange.objects.get(registration=reg, kind=RegistrationChange.Kind.CHECKED_IN).actor == staff

    with django_capture_on_commit_callbacks(execute=True):
        again = staff_client.post(check_in_url(event, reg), follow=True)
    assert any("already recorded" in m for m in messages_of(again))
    assert len(attendance_signals) == 1
    assert RegistrationChange.objects.filter(registration=reg, kind=RegistrationChange.Kind.CHECKED_IN).count() == 1


def test_check_in_refusals_are_messages_not_errors(staff_client, attendance_signals):
    event = factories.build_event(sessions=[factories.session_spec(-1, capacity=1), factories.session_spec(3)])
    past, future = factories.sessions_of(event)
    register(factories.MemberFactory(), past)
    waiting = register(factories.MemberFactory(first_name="Wai", last_name="Ting"), past)
    early = register(factories.MemberFactory(), future)

    response = staff_client.post(check_in_url(event, waiting), follow=True)
    assert response.status_code == 200
    assert any("not confirmed" in m for m in messages_of(response))
    response = staff_client.post(check_in_url(event, early), follow=True)
    assert any("Check-in opens an hour before" in m for m in messages_of(response))
    assert not Registration.objects.filter(attended=True).exists()
    assert attendance_signals.calls == []
    assert staff_client.get(check_in_url(event, early)).status_code == 405


# ------------------------------------------------------------------------------------------- seats


def test_lifting_the_capacity_promotes_the_waitlist_in_order(staff_client, staff):
    event = factories.build_event(sessions=[factories.session_spec(capacity=1)])
    session = factories.sessions_of(event)[0]
    seated = register(factories.MemberFactory(email="seated@example.org"), session)
    a = register(factories.MemberFactory(email="a@example.org", first_name="Amy", last_name="A"), session)
    b = register(factories.MemberFactory(email="b@example.org"), session)
    c = register(factories.MemberFactory(email="c@example.org"), session)
    assert seated.status == Status.CONFIRMED and {a.status, b.status, c.status} == {Status.WAITLISTED}

    response = staff_client.post(capacity_url(event, session), {"capacity": "2"}, follow=True)
    assert any("Promoted from the waitlist: Amy A" in m for m in messages_of(response))
    assert statuses(session) == {"seated@example.org": "confirmed", "a@example.org": "confirmed",
                                 "b@example.org": "waitlisted", "c@example.org": "waitlisted"}
    b.refresh_from_db()
    assert registration_rules.waitlist_position(b) == 1

    staff_client.post(capacity_url(event, session), {"capacity": ""})
    session.refresh_from_db()
    assert session.capacity is None
    assert set(statuses(session).values()) == {"confirmed"}
    promoted_order = list(
        RegistrationChange.objects.filter(session=session, kind=RegistrationChange.Kind.PROMOTED)
        .order_by("at", "pk").values_list("registration__member__email", flat=True)
    )
    assert promoted_order == ["a@example.org", "b@example.org", "c@example.org"]
    assert RegistrationChange.objects.filter(kind=RegistrationChange.Kind.CAPACITY_CHANGED, actor=staff).count() == 2


def test_capacity_refusals_and_bad_input_leave_the_session_alone(staff_client):
    event = factories.build_event(sessions=[factories.session_spec(capacity=3)])
    session = factories.sessions_of(event)[0]
    for member in people(2):
        register(member, session)
    response = staff_client.post(capacity_url(event, session), {"capacity": "1"}, follow=True)
    assert response.status_code == 200
    assert any("2 people already hold seats" in m for m in messages_of(response))
    response = staff_client.post(capacity_url(event, session), {"capacity": "lots"}, follow=True)
    assert any("Capacity not changed" in m for m in messages_of(response))
    response = staff_client.post(capacity_url(event, session), {"capacity": "-4"}, follow=True)
    assert any("Capacity not changed" in m for m in messages_of(response))
    session.refresh_from_db()
    assert session.capacity == 3


def test_move_to_a_full_session_needs_the_waitlist_box(staff_client):
    event = factories.build_event(
        sessions=[factories.session_spec(3, capacity=1), factories.session_spec(4, capacity=1)]
    )
    first, second = factories.sessions_of(event)
    mover = register(factories.MemberFactory(email="mover@example.org"), first)
    next_in_line = register(factories.MemberFactory(email="next@example.org"), first)
    register(factories.MemberFactory(email="there@example.org"), second)

    refused = staff_client.post(move_url(event, mover), {"to_session": second.pk}, follow=True)
    assert any("That session is full" in m for m in messages_of(refused))
    assert statuses(first) == {"mover@example.org": "confirmed", "next@example.org": "waitlisted"}

    response = staff_client.post(move_url(event, mover), {"to_session": second.pk, "waitlist_if_full": "on"})
    assert response.status_code == 303
    assert response["Location"].endswith(f"#session-{second.pk}")
    assert statuses(first) == {"mover@example.org": "cancelled", "next@example.org": "confirmed"}
    assert statuses(second) == {"there@example.org": "confirmed", "mover@example.org": "waitlisted"}
    next_in_line.refresh_from_db()
    assert next_in_line.status == Status.CONFIRMED


def test_move_to_a_free_seat_and_to_a_session_of_another_event(staff_client):
    event = factories.build_event(sessions=[factories.session_spec(3), factories.session_spec(4)])
    other_event = factories.build_event(title="Other")
    first, second = factories.sessions_of(event)
    mover = register(factories.MemberFactory(email="mover@example.org"), first)
    elsewhere = factories.sessions_of(other_event)[0]
    response = staff_client.post(move_url(event, mover), {"to_session": elsewhere.pk}, follow=True)
    assert any("was not moved" in m for m in messages_of(response))
    assert statuses(first) == {"mover@example.org": "confirmed"}
    staff_client.post(move_url(event, mover), {"to_session": second.pk})
    assert statuses(second) == {"mover@example.org": "confirmed"}


def test_staff_cancel_on_someones_behalf_promotes_the_next(staff_client, staff):
    event = factories.build_event(sessions=[factories.session_spec(capacity=1)])
    session = factories.sessions_of(event)[0]
    seated = register(factories.MemberFactory(email="seated@example.org"), session)
    register(factories.MemberFactory(email="next@example.org"), session)
    response = staff_client.post(cancel_url(event, seated), {"confirm": "yes"}, follow=True)
    assert any("is cancelled" in m for m in messages_of(response))
    assert statuses(session) == {"seated@example.org": "cancelled", "next@example.org": "confirmed"}
    change = RegistrationChange.objects.get(registration=seated, kind=RegistrationChange.Kind.CANCELLED)
    assert change.actor == staff
    again = staff_client.post(cancel_url(event, seated), {"confirm": "yes"}, follow=True)
    assert any("already cancelled" in m for m in messages_of(again))


# ------------------------------------------------------------------------------------------- menu and buttons


def test_menu_item_and_registrations_buttons_in_the_explorer(staff_client):
    event = factories.build_event(title="Button Webinar")
    course = factories.build_offering(title="Plain Course")
    home = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Events \\u0026 registrations"' in home and '"url": "/admin/events/"' in home  # sidebar JSON
    assert '"url": "/admin/reports/programme-planner/"' in home
    listing = staff_client.get(reverse("wagtailadmin_explore", args=[factories.catalog().pk])).content.decode()
    assert registrations_url(event) in listing
    assert f"/admin/events/{course.pk}/registrations/" not in listing
    edit = staff_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert registrations_url(event) in edit


def test_menu_item_hidden_from_people_with_no_events(client):
    client.force_login(factories.InstructorFactory())
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"url": "/admin/events/"' not in home
    assert '"url": "/admin/reports/programme-planner/"' not in home


# ------------------------------------------------------------------------------------------- the event editor


def test_the_editor_keeps_a_session_people_registered_for(staff_client):
    """Saving an event through the admin works, and removing a session with registrations is refused."""
    event = factories.build_event(sessions=[factories.session_spec(3), factories.session_spec(4)])
    first, second = factories.sessions_of(event)
    register(factories.MemberFactory(), first)
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])

    saved = staff_client.post(edit, event_form(event, title="Renamed"))
    assert saved.status_code == 302
    refused = staff_client.post(edit, event_form(event, **{"sessions-0-DELETE": "on", "action-publish": "1"}))
    assert refused.status_code == 200
    assert "has registrations, so it cannot be removed" in refused.content.decode()
    assert set(Session.objects.filter(event=event).values_list("pk", flat=True)) == {first.pk, second.pk}
    removed = staff_client.post(edit, event_form(event, **{"sessions-1-DELETE": "on", "action-publish": "1"}))
    assert removed.status_code == 302
    assert list(Session.objects.filter(event=event).values_list("pk", flat=True)) == [first.pk]
