"""Reminders a day and an hour before a session: each owed once, sent once, in the member's zone and language."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.events import registration as registration_rules
from courses.events import tasks
from courses.events.registration_notices import LETTER, create_due_reminders
from courses.models import Registration, RegistrationNotice
from lms.celery import app
from lms.tasks import send_letter
from tests.celery_worker import real_worker
from tests.factories import MemberFactory, build_event, session_spec, sessions_of

pytestmark = pytest.mark.django_db

Kind = RegistrationNotice.Kind
DAY_BEFORE = "Tomorrow: "
HOUR_BEFORE = "Starting in an hour: "
GERMAN_DAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def session_starting_in(delta: timedelta, time_zone: str = "America/New_York", **fields) -> dict:
    """A one-hour session whose start is `delta` from now, written as wall-clock time in its zone."""
    starts = (timezone.now() + delta).astimezone(zoneinfo.ZoneInfo(time_zone)).replace(second=0, microsecond=0)
    ends = starts + timedelta(hours=1)
    return session_spec(date=starts.date(), start=starts.time(), end=ends.time(),
                        end_date=ends.date() if ends.date() != starts.date() else None, time_zone=time_zone, **fields)


def session_in(delta: timedelta, title: str = "Flow Clinic", **fields):
    """The one session of a new event, starting `delta` from now."""
    return sessions_of(build_event(title=title, sessions=[session_starting_in(delta, **fields)]))[0]


def reminders(kind=None, **filters) -> list[tuple[int, str]]:
    rows = RegistrationNotice.objects.filter(kind__in=[kind] if kind else [Kind.REMINDER_24H, Kind.REMINDER_1H],
                                             **filters)
    return sorted(rows.values_list("registration__member_id", "kind"))


def mails_with(outbox, prefix: str) -> list:
    return [message for message in outbox if message.subject.startswith(prefix)]


@pytest.fixture
def week_ahead():
    """A session a week ahead with two seats."""
    return sessions_of(build_event(sessions=[session_spec(7, capacity=2)]))[0]


# ------------------------------------------------------------------------------------------- what is owed, when


def test_each_reminder_is_owed_once_however_often_the_job_runs(week_ahead, learner):
    registration_rules.register(learner, week_ahead)
    starts = week_ahead.starts_at
    moments = [starts - timedelta(hours=h) for h in (30, 24.5, 24, 23.9, 20, 12, 2, 1.01)]
    moments += [starts - timedelta(minutes=m) for m in (60, 59, 45, 10, 1)] + [starts + timedelta(minutes=5)]

    created = {moment: create_due_reminders(moment) for moment in moments}

    assert reminders() == [(learner.pk, Kind.REMINDER_1H), (learner.pk, Kind.REMINDER_24H)]
    assert [moment for moment, count in created.items() if count] == [starts - timedelta(hours=24),
                                                                       starts - timedelta(minutes=60)]
    assert set(RegistrationNotice.objects.filter(kind__in=[Kind.REMINDER_24H, Kind.REMINDER_1H])
               .values_list("for_starts_at", flat=True)) == {starts}


def test_confirmed_inside_the_day_means_no_day_before_reminder(week_ahead, learner):
    starts = week_ahead.starts_at
    registration_rules.register(learner, week_ahead, now=starts - timedelta(hours=12))

    for hours in (11, 6, 1, 0.5):
        create_due_reminders(starts - timedelta(hours=hours))

    assert reminders() == [(learner.pk, Kind.REMINDER_1H)]


def test_promoted_inside_the_hour_gets_no_reminder_at_all(week_ahead):
    starts = week_ahead.starts_at
    seated, also_seated, waiting = (MemberFactory() for _ in range(3))
    for member in (seated, also_seated, waiting):
        registration_rules.register(member, week_ahead)
    registration_rules.cancel(Registration.objects.get(member=seated), seated, now=starts - timedelta(minutes=40))

    for moment in (starts - timedelta(hours=23), starts - timedelta(minutes=30)):
        create_due_reminders(moment)

    assert Registration.objects.get(member=waiting).status == Registration.Status.CONFIRMED
    assert reminders() == [(also_seated.pk, Kind.REMINDER_1H), (also_seated.pk, Kind.REMINDER_24H)]


def test_a_late_job_sends_the_hour_reminder_only(week_ahead, learner):
    registration_rules.register(learner, week_ahead)

    create_due_reminders(week_ahead.starts_at - timedelta(minutes=50))  # the day-before run never happened

    assert reminders() == [(learner.pk, Kind.REMINDER_1H)]


def test_cancelled_waitlisted_and_unpublished_get_no_reminders(learner):
    event = build_event(sessions=[session_spec(7, capacity=1)])
    session = sessions_of(event)[0]
    waiting = MemberFactory()
    registration_rules.register(learner, session)
    registration_rules.register(waiting, session)
    hidden = build_event(title="Hidden", sessions=[session_spec(7)])
    hidden_session = sessions_of(hidden)[0]
    hidden_member = MemberFactory()
    registration_rules.register(hidden_member, hidden_session)
    hidden.unpublish()
    leaver = MemberFactory()
    other = sessions_of(build_event(title="Left", sessions=[session_spec(7)]))[0]
    registration_rules.cancel(registration_rules.register(leaver, other).registration, leaver)

    create_due_reminders(session.starts_at - timedelta(hours=23))
    create_due_reminders(session.starts_at - timedelta(minutes=30))

    assert reminders() == [(learner.pk, Kind.REMINDER_1H), (learner.pk, Kind.REMINDER_24H)]


def test_a_rescheduled_session_is_owed_fresh_reminders(week_ahead, learner):
    registration_rules.register(learner, week_ahead)
    old_start = week_ahead.starts_at
    create_due_reminders(old_start - timedelta(hours=23))

    week_ahead.date += timedelta(days=2)
    week_ahead.save()
    week_ahead.refresh_from_db()
    new_start = week_ahead.starts_at
    assert new_start == old_start + timedelta(days=2) and week_ahead.schedule_version == 1

    create_due_reminders(old_start - timedelta(hours=22))
    create_due_reminders(new_start - timedelta(hours=23))
    create_due_reminders(new_start - timedelta(hours=20))

    assert sorted(RegistrationNotice.objects.filter(kind=Kind.REMINDER_24H).values_list("for_starts_at", flat=True)
                  ) == [old_start, new_start]


# ------------------------------------------------------------------------------------------- sending


def test_the_beat_job_sends_each_reminder_once_in_the_members_zone(mailoutbox):
    session = session_in(timedelta(hours=23, minutes=30))
    tokyo = MemberFactory(time_zone="Asia/Tokyo", email="kenji@example.org", first_name="Kenji")
    new_yorker = MemberFactory(time_zone="America/New_York", email="ny@example.org")
    for member in (tokyo, new_yorker):
        registration_rules.register(member, session, now=timezone.now() - timedelta(days=2))

    for _ in range(3):
        tasks.send_event_reminders()

    day_before = mails_with(mailoutbox, DAY_BEFORE)
    assert sorted(m.to[0] for m in day_before) == ["kenji@example.org", "ny@example.org"]
    assert mails_with(mailoutbox, HOUR_BEFORE) == []
    assert not RegistrationNotice.objects.filter(sent_at__isnull=True).exists()

    to_tokyo = next(m for m in day_before if m.to == ["kenji@example.org"])
    assert to_tokyo.subject == "Tomorrow: Flow Clinic"
    in_tokyo = session.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    in_new_york = session.starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    your_line = next(line for line in to_tokyo.body.splitlines() if line.startswith("When (your time):"))
    event_line = next(line for line in to_tokyo.body.splitlines() if line.startswith("When (event time):"))
    assert f"{ENGLISH_DAYS[in_tokyo.weekday()]} {in_tokyo.day} " in your_line
    assert f"{in_tokyo:%H:%M}" in your_line and your_line.endswith("JST")
    assert f"{in_new_york:%H:%M}" in event_line and "(America/New_York)" in event_line
    assert "Hello Kenji" in to_tokyo.body
    assert "meet.example.org" not in to_tokyo.body  # the link is on the page, near the start, not in e-mail

    # Someone whose own zone is the event's sees one line, not two.
    to_new_york = next(m for m in day_before if m.to == ["ny@example.org"])
    assert "When (event time):" not in to_new_york.body


def test_the_hour_before_reminder_is_sent_once(mailoutbox, learner):
    session = session_in(timedelta(minutes=50))
    registration_rules.register(learner, session, now=timezone.now() - timedelta(days=2))

    tasks.send_event_reminders()
    tasks.send_event_reminders()

    assert [m.to for m in mails_with(mailoutbox, HOUR_BEFORE)] == [[learner.email]]
    assert mails_with(mailoutbox, DAY_BEFORE) == []


def test_reminders_are_written_in_the_members_language(mailoutbox, settings):
    settings.INTERFACE_LANGUAGES = ["en", "de"]  # the site's words in German, so German members read German dates
    session = session_in(timedelta(hours=23, minutes=30), time_zone="Europe/Berlin")
    german = MemberFactory(time_zone="Europe/Berlin", preferred_languages=["de", "en"], email="de@example.org")
    english = MemberFactory(time_zone="Europe/Berlin", preferred_languages=["en", "de"], email="en@example.org")
    for member in (german, english):
        registration_rules.register(member, session, now=timezone.now() - timedelta(days=2))

    tasks.send_event_reminders()

    local = session.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    body = {m.to[0]: m.body for m in mails_with(mailoutbox, DAY_BEFORE)}
    assert f"When (your time): {GERMAN_DAYS[local.weekday()]} {local.day} " in body["de@example.org"]
    assert f"When (your time): {ENGLISH_DAYS[local.weekday()]} {local.day} " in body["en@example.org"]


def test_a_reminder_owed_before_a_cancellation_is_not_sent_after_it(mailoutbox, learner):
    session = session_in(timedelta(hours=23, minutes=30))
    registration = registration_rules.register(learner, session, now=timezone.now() - timedelta(days=2)).registration
    create_due_reminders()  # owed, but the task that would send it was lost
    registration_rules.cancel(registration, learner)

    tasks.send_event_reminders()

    assert mails_with(mailoutbox, DAY_BEFORE) == []
    assert reminders(sent_at__isnull=True) == []  # settled, so the sweep does not keep trying


def test_a_reminder_owed_for_the_old_time_is_not_sent_after_a_reschedule(mailoutbox, learner):
    session = session_in(timedelta(hours=23, minutes=30))
    registration_rules.register(learner, session, now=timezone.now() - timedelta(days=2))
    create_due_reminders()
    session.date += timedelta(days=3)
    if session.end_date:  # a session that runs past midnight (the test run near midnight in its zone) moves whole
        session.end_date += timedelta(days=3)
    session.save()

    tasks.send_event_reminders()

    assert mails_with(mailoutbox, DAY_BEFORE) == []


def test_notices_about_sessions_that_started_are_not_swept_up(mailoutbox, learner):
    session = session_in(timedelta(hours=23, minutes=30))
    registration_rules.register(learner, session, now=timezone.now() - timedelta(days=2))
    RegistrationNotice.objects.update(for_starts_at=timezone.now() - timedelta(minutes=1))

    tasks.send_event_reminders()

    assert [m.subject for m in mailoutbox if not m.subject.startswith(DAY_BEFORE)] == []


# ------------------------------------------------------------------------------------------- a real worker

@pytest.fixture
def reminder_worker(transactional_db):
    """A real worker over Redis; `published` holds every notice task sent, by the test or by the beat job."""
    with real_worker(send_letter, LETTER) as worker:
        yield worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_running_the_beat_job_twice_sends_each_reminder_once(reminder_worker):
    assert not app.conf.task_always_eager
    session = session_in(timedelta(hours=23, minutes=30))
    people = [MemberFactory(email=f"attendee{n}@example.org") for n in range(3)]
    for member in people:
        registration_rules.register(member, session, now=timezone.now() - timedelta(days=2))
    confirmations = list(reminder_worker.published)  # enqueued when each registration committed
    assert len(confirmations) == 3

    created = [reminder_worker.result(tasks.send_event_reminders.delay().id) for _ in range(2)]
    outcomes = [reminder_worker.result(task_id) for task_id in reminder_worker.published]

    assert created == [3, 0]
    # Each confirmation and each reminder went exactly once, whoever enqueued it and however often.
    assert outcomes.count(True) == 6
    assert sorted(m.to[0] for m in mails_with(mail.outbox, DAY_BEFORE)) == [m.email for m in people]
    assert sorted(m.to[0] for m in mails_with(mail.outbox, "You are registered: ")) == [m.email for m in people]
    assert len(mail.outbox) == 6
    assert RegistrationNotice.objects.filter(kind=Kind.REMINDER_24H, sent_at__isnull=False).count() == 3
    assert not RegistrationNotice.objects.filter(sent_at__isnull=True).exists()


# ------------------------------------------------------------------------------------------- a new time


def test_a_new_session_time_is_told_once_to_everyone_holding_a_place(
    django_capture_on_commit_callbacks, mailoutbox, learner, other_learner
):
    session = sessions_of(build_event(sessions=[session_spec(7, capacity=1, time_zone="America/New_York")]))[0]
    registration_rules.register(learner, session)  # a seat
    registration_rules.register(other_learner, session)  # the waitlist
    leaver = MemberFactory(email="leaver@example.org")
    registration_rules.cancel(registration_rules.register(leaver, session).registration, leaver)
    learner.time_zone = "Asia/Tokyo"
    learner.save(update_fields=["time_zone"])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        session.start_time, session.end_time = session.start_time.replace(hour=14), session.end_time.replace(hour=15)
        session.save()
    with django_capture_on_commit_callbacks(execute=True):
        session.save()  # saved again without a change: nothing more to tell

    told = mails_with(mailoutbox, "New time: ")
    assert sorted(m.to[0] for m in told) == ["learner@example.org", "other@example.org"]
    tokyo = session.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    to_learner = next(m for m in told if m.to == ["learner@example.org"])
    assert f"{tokyo:%H:%M}" in to_learner.body and "14:00–15:00 E" in to_learner.body
    assert to_learner.attachments and "SEQUENCE:1" in to_learner.attachments[0][1]
    assert RegistrationNotice.objects.filter(kind=Kind.RESCHEDULED).count() == 2
