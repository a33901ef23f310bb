"""Session and registration models: instants derived from wall-clock fields, validation, database invariants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.events import registration as registration_rules
from courses.models import CalendarFeed, EventPage, Registration, RegistrationNotice, Session, WorkshopPage
from tests.factories import MemberFactory, build_event, build_workshop, session_spec, sessions_of

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# ------------------------------------------------------------------------------------------- sessions


def test_a_session_across_midnight_uses_its_end_date():
    event = build_event(sessions=[session_spec(date=date(2027, 3, 13), start=time(23), end=time(4),
                                               end_date=date(2027, 3, 14), time_zone="America/New_York")])
    session = sessions_of(event)[0]

    assert session.starts_at == utc(2027, 3, 14, 4)
    assert session.ends_at == utc(2027, 3, 14, 8)
    assert session.duration_minutes == 240


def test_a_session_ending_before_it_starts_is_refused_on_the_end_time():
    event = build_event()
    session = Session(event=event, **session_spec(start=time(23), end=time(1), time_zone="America/New_York"))

    with pytest.raises(ValidationError) as refused:
        session.clean()
    assert "end_time" in refused.value.message_dict
    assert "end date" in refused.value.message_dict["end_time"][0]

    with pytest.raises(ValidationError):
        session.save()
    assert not Session.objects.filter(event=event, start_time=time(23)).exists()


def test_a_session_at_a_skipped_time_is_refused_on_the_start_time():
    event = build_event()
    session = Session(event=event, **session_spec(date=date(2027, 3, 14), start=time(2, 30), end=time(4),
                                                  time_zone="America/New_York"))

    with pytest.raises(ValidationError) as refused:
        session.clean()

    assert "does not exist" in refused.value.message_dict["start_time"][0]


def test_saving_a_session_bumps_its_schedule_version_only_when_its_time_changes():
    event = build_event(sessions=[session_spec(date=date(2027, 3, 14), time_zone="America/New_York")])
    session = sessions_of(event)[0]
    assert session.schedule_version == 0

    session.capacity = 50
    session.venue = "Also in Room 2"
    session.save()
    session.refresh_from_db()
    assert session.schedule_version == 0

    session.start_time = time(9, 30)
    session.save()
    session.refresh_from_db()
    assert session.schedule_version == 1
    assert session.starts_at == utc(2027, 3, 14, 13, 30)

    session.end_time = time(12)
    session.save()
    session.refresh_from_db()
    assert session.schedule_version == 2

    # The same wall-clock time in another zone is another instant.
    session.time_zone = "America/Chicago"
    session.save()
    session.refresh_from_db()
    assert session.schedule_version == 3

    session.save()
    session.refresh_from_db()
    assert session.schedule_version == 3


def test_a_webinar_session_needs_a_joining_link():
    webinar = build_event()

    with pytest.raises(ValidationError) as refused:
        Session(event=webinar, **session_spec(joining_url="", venue="Room 1")).clean()

    assert "joining link" in refused.value.message_dict["joining_url"][0]


def test_a_webinar_session_needs_a_joining_link_even_when_its_event_is_loaded_as_the_base_page():
    webinar = build_event()
    base = EventPage.objects.get(pk=webinar.pk)

    with pytest.raises(ValidationError) as refused:
        Session(event=base, **session_spec(joining_url="", venue="Room 1")).clean()

    assert "joining_url" in refused.value.message_dict


def test_a_session_needs_a_venue_or_a_joining_link():
    workshop = build_workshop()

    with pytest.raises(ValidationError) as refused:
        Session(event=workshop, **session_spec(joining_url="", venue="   ")).clean()
    assert "venue" in refused.value.message_dict

    Session(event=workshop, **session_spec(joining_url="", venue="Room 4, Lisbon")).clean()
    Session(event=workshop, **session_spec(joining_url="https://meet.example.org/j/9", venue="")).clean()


def test_a_session_longer_than_two_weeks_is_refused():
    event = build_event()
    session = Session(event=event, **session_spec(date=date(2027, 3, 1), end_date=date(2027, 3, 16)))

    with pytest.raises(ValidationError) as refused:
        session.clean()

    assert "end_date" in refused.value.message_dict


def test_a_session_describes_itself():
    workshop = build_workshop(language="pt")
    session = sessions_of(workshop)[0]

    assert session.label == f"{session.date:%Y-%m-%d} 10:00 Europe/Lisbon"
    assert not session.is_online
    assert session.content_language() == "pt"
    session.title = "Lisbon edition"
    session.language = "en"
    assert session.label.startswith("Lisbon edition (")
    assert session.content_language(workshop) == "en"


def test_only_workshops_and_webinars_are_created_in_the_admin():
    assert not EventPage.is_creatable
    assert WorkshopPage.is_creatable
    assert build_event().takes_registrations


# ------------------------------------------------------------------------------------------- database invariants


def test_a_member_has_one_registration_per_session(learner):
    session = sessions_of(build_event())[0]
    registration_rules.register(learner, session)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(session=session, member=learner, status=Registration.Status.WAITLISTED)


def test_a_confirmed_registration_records_when_it_was_confirmed(learner):
    session = sessions_of(build_event())[0]

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(session=session, member=learner, status=Registration.Status.CONFIRMED)


def test_one_reminder_of_each_kind_per_registration_and_session_time(learner):
    session = sessions_of(build_event())[0]
    registration = registration_rules.register(learner, session).registration
    owed = {"registration": registration, "for_starts_at": session.starts_at}
    RegistrationNotice.objects.create(kind=RegistrationNotice.Kind.REMINDER_24H, **owed)

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationNotice.objects.create(kind=RegistrationNotice.Kind.REMINDER_24H, **owed)

    # Other notices may repeat (registered, cancelled, registered again), and a new start time is a new reminder.
    RegistrationNotice.objects.create(kind=RegistrationNotice.Kind.CONFIRMED, **owed)
    RegistrationNotice.objects.create(kind=RegistrationNotice.Kind.REMINDER_24H, registration=registration,
                                      for_starts_at=session.starts_at + timedelta(days=1))
    assert RegistrationNotice.objects.filter(registration=registration).count() == 4


def test_calendar_feed_tokens_are_long_random_and_unique():
    first, second = (CalendarFeed.objects.create(member=MemberFactory()) for _ in range(2))

    assert len(first.token) >= 40 and first.token != second.token
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarFeed.objects.create(member=MemberFactory(), token=first.token)
