"""Who gets a seat: registering, the waitlist and its order, cancelling, staff changes to seats and people, history."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from courses.events import registration as rules
from courses.events.registration import RegistrationRefused, session_availability, waitlist_position
from courses.models import Registration, RegistrationChange, RegistrationNotice
from lms.access import AccessLevel
from lms.formatting import date_text
from tests.courses.journeys import days_from_today, enrol, finish
from tests.factories import (
    MemberFactory,
    NonMemberFactory,
    build_event,
    build_offering,
    lessons_of,
    session_spec,
    sessions_of,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status
Change = RegistrationChange.Kind
Notice = RegistrationNotice.Kind


def one_session(capacity: int | None = 2, **event_fields):
    event = build_event(sessions=[session_spec(7, capacity=capacity)], **event_fields)
    return event, sessions_of(event)[0]


def members(count: int) -> list:
    return [MemberFactory() for _ in range(count)]


def register_all(people, session, now=None) -> list[Registration]:
    return [rules.register(person, session, now=now).registration for person in people]


def statuses(session) -> dict[int, str]:
    return dict(Registration.objects.filter(session=session).values_list("member_id", "status"))


def waitlist(session) -> list[int]:
    """Member ids in the order they would be promoted."""
    return list(
        Registration.objects.filter(session=session, status=Status.WAITLISTED)
        .order_by("queued_at", "pk")
        .values_list("member_id", flat=True)
    )


def history(session) -> list[tuple]:
    return list(RegistrationChange.objects.filter(session=session).values_list("kind", "registration__member_id",
                                                                                "actor_id"))


def notices(kind) -> list[int]:
    return list(RegistrationNotice.objects.filter(kind=kind).values_list("registration__member_id", flat=True))


# ------------------------------------------------------------------------------------------- seats and waitlist


def test_a_free_seat_is_taken_and_confirmed_with_the_answers_kept(learner):
    event, session = one_session()
    answers = [{"id": "q1", "question": "Your role?", "answer": "Coach"}]

    outcome = rules.register(learner, session, answers)

    registration = outcome.registration
    assert outcome.changed
    assert registration.status == Status.CONFIRMED and registration.confirmed_at is not None
    assert registration.answers == answers
    assert event.title in outcome.message
    assert history(session) == [(Change.REGISTERED, learner.pk, learner.pk)]
    assert notices(Notice.CONFIRMED) == [learner.pk]


def test_when_the_seats_run_out_later_registrations_wait_in_the_order_they_came():
    _, session = one_session(capacity=2)
    people = members(5)

    outcomes = [rules.register(person, session) for person in people]

    assert [o.registration.status for o in outcomes] == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 3
    assert waitlist(session) == [p.pk for p in people[2:]]
    assert [waitlist_position(o.registration) for o in outcomes] == [None, None, 1, 2, 3]
    assert "waitlist at place 2" in outcomes[3].message
    assert notices(Notice.WAITLISTED) == [p.pk for p in people[2:]]
    assert Registration.objects.filter(session=session, status=Status.CONFIRMED).count() == 2


def test_waitlist_order_is_queued_at_then_id():
    _, session = one_session(capacity=1)
    seated, *waiting = members(4)
    rules.register(seated, session)
    same_moment = timezone.now()
    registrations = register_all(waiting, session, now=same_moment)  # identical queued_at: ids decide

    assert [waitlist_position(r) for r in registrations] == [1, 2, 3]

    # An earlier queued_at goes first whatever its id.
    Registration.objects.filter(pk=registrations[2].pk).update(queued_at=same_moment - timedelta(seconds=1))
    assert waitlist(session) == [waiting[2].pk, waiting[0].pk, waiting[1].pk]
    registrations[2].refresh_from_db()
    assert waitlist_position(registrations[2]) == 1

    rules.cancel(Registration.objects.get(member=seated), seated)

    assert statuses(session)[waiting[2].pk] == Status.CONFIRMED
    assert waitlist(session) == [waiting[0].pk, waiting[1].pk]


def test_cancelling_a_seat_promotes_the_first_in_line_and_emails_them(django_capture_on_commit_callbacks,
                                                                       mailoutbox):
    event, session = one_session(capacity=1)
    seated, first, second = members(3)
    register_all([seated, first, second], session)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = rules.cancel(Registration.objects.get(member=seated), seated)

    assert outcome.changed and outcome.registration.status == Status.CANCELLED
    assert statuses(session) == {seated.pk: Status.CANCELLED, first.pk: Status.CONFIRMED,
                                 second.pk: Status.WAITLISTED}
    promoted = Registration.objects.get(member=first)
    assert promoted.confirmed_at is not None
    assert waitlist_position(Registration.objects.get(member=second)) == 1
    assert history(session)[-2:] == [(Change.CANCELLED, seated.pk, seated.pk), (Change.PROMOTED, first.pk, None)]

    notice = RegistrationNotice.objects.get(registration=promoted, kind=Notice.PROMOTED)
    assert notice.sent_at is not None
    by_recipient = {tuple(m.to): m for m in mailoutbox}
    assert set(by_recipient) == {(seated.email,), (first.email,)}
    promotion = by_recipient[(first.email,)]
    assert promotion.subject == f"A seat opened up for you: {event.title}"
    assert "it is now yours" in promotion.body
    assert [name for name, _content, _type in promotion.attachments] == ["event.ics"]
    assert by_recipient[(seated.email,)].subject == f"Registration cancelled: {event.title}"


def test_cancelling_a_waitlist_place_promotes_nobody():
    _, session = one_session(capacity=1)
    seated, first, second = members(3)
    register_all([seated, first, second], session)

    rules.cancel(Registration.objects.get(member=first), first)

    assert statuses(session) == {seated.pk: Status.CONFIRMED, first.pk: Status.CANCELLED,
                                 second.pk: Status.WAITLISTED}
    assert notices(Notice.PROMOTED) == []
    assert waitlist_position(Registration.objects.get(member=second)) == 1


def test_cancelling_twice_changes_nothing_the_second_time(learner):
    _, session = one_session()
    registration = rules.register(learner, session).registration
    rules.cancel(registration, learner)

    again = rules.cancel(registration, learner)

    assert not again.changed
    assert "already cancelled" in again.message
    assert [kind for kind, *_ in history(session)] == [Change.REGISTERED, Change.CANCELLED]


def test_availability_counts_seats_and_the_waitlist():
    event, session = one_session(capacity=2)
    register_all(members(3), session)

    availability = session_availability(event, [session])[session.pk]

    assert (availability.confirmed, availability.waitlisted, availability.seats_left) == (2, 1, 0)
    assert availability.is_full and not availability.is_closed and not availability.has_started


# ------------------------------------------------------------------------------------------- refusals


def test_registering_twice_is_refused_naming_where_the_member_stands():
    _, session = one_session(capacity=1)
    seated, waiting = members(2)
    register_all([seated, waiting], session)

    with pytest.raises(RegistrationRefused) as twice_seated:
        rules.register(seated, session)
    with pytest.raises(RegistrationRefused) as twice_waiting:
        rules.register(waiting, session)

    assert twice_seated.value.status == 409
    assert "already registered for this session" in str(twice_seated.value)
    assert twice_waiting.value.status == 409
    assert "already on the waitlist" in str(twice_waiting.value) and "at place 1" in str(twice_waiting.value)
    assert Registration.objects.filter(session=session).count() == 2


def test_the_place_a_new_registration_is_told_is_the_one_the_waitlist_gives_it_even_out_of_time_order():
    """The place is read under the lock (everyone waiting is ahead of a newcomer), unless someone already waiting
    was placed later than now (a place given with an explicit time): then the rule counts who is ahead."""
    _, session = one_session(capacity=1)
    seated, later, newcomer = members(3)
    rules.register(seated, session)
    rules.register(later, session, now=timezone.now() + timedelta(minutes=5))

    outcome = rules.register(newcomer, session)

    assert waitlist_position(outcome.registration) == 1
    assert "waitlist at place 1" in outcome.message


def test_registering_again_after_cancelling_goes_to_the_back_of_the_line():
    _, session = one_session(capacity=1)
    seated, first, second = members(3)
    register_all([seated, first, second], session)
    first_registration = Registration.objects.get(member=first)
    rules.cancel(first_registration, first)

    outcome = rules.register(first, session)

    assert outcome.registration.pk == first_registration.pk  # the row is reused
    assert outcome.registration.status == Status.WAITLISTED
    assert waitlist(session) == [second.pk, first.pk]
    assert "at place 2" in outcome.message
    last = RegistrationChange.objects.filter(session=session).last()
    assert (last.kind, last.actor_id, last.detail) == (Change.WAITLISTED, first.pk,
                                                       "registered again after cancelling")


def test_registration_after_closing_is_refused_with_the_closing_time_in_the_members_zone():
    _, session = one_session(registration_closes_minutes_before=90)
    tokyo_member = MemberFactory(time_zone="Asia/Tokyo")
    closes_at = session.starts_at - timedelta(minutes=90)

    with pytest.raises(RegistrationRefused) as refused:
        rules.register(tokyo_member, session, now=closes_at + timedelta(minutes=1))

    local = closes_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert refused.value.status == 409
    assert "closed at" in str(refused.value)
    assert f"{local.day} {local:%b %Y}, {local:%H:%M} JST" in str(refused.value)
    assert not Registration.objects.exists()

    # A minute before closing it is still open.
    assert rules.register(tokyo_member, session, now=closes_at - timedelta(minutes=1)).changed


def test_registration_for_a_started_session_is_refused(learner):
    _, session = one_session()

    with pytest.raises(RegistrationRefused, match="already started") as refused:
        rules.register(learner, session, now=session.starts_at + timedelta(minutes=5))

    assert refused.value.status == 409


def test_a_full_session_without_a_waitlist_is_refused(learner):
    _, session = one_session(capacity=1, has_waitlist=False)
    rules.register(MemberFactory(), session)

    with pytest.raises(RegistrationRefused, match="full and has no waitlist") as refused:
        rules.register(learner, session)

    assert refused.value.status == 409
    assert not Registration.objects.filter(member=learner).exists()


def test_a_member_only_event_refuses_non_members_and_lapsed_members(learner, non_member, expired_member):
    _, session = one_session(access_level=AccessLevel.MEMBER_ONLY)

    with pytest.raises(RegistrationRefused, match="current members") as stranger:
        rules.register(non_member, session)
    with pytest.raises(RegistrationRefused) as lapsed:
        rules.register(expired_member, session)

    assert stranger.value.status == 403
    assert lapsed.value.status == 403
    assert f"expired on {date_text(expired_member.membership_expires_on)}" in str(lapsed.value)
    assert rules.register(learner, session).registration.status == Status.CONFIRMED
    assert list(Registration.objects.values_list("member_id", flat=True)) == [learner.pk]


def test_a_member_first_event_lets_members_in_before_everyone_else(learner, non_member):
    public_day = days_from_today(3)
    _, session = one_session(access_level=AccessLevel.MEMBER_FIRST, members_open_on=days_from_today(-1),
                             public_open_on=public_day)

    with pytest.raises(RegistrationRefused) as early:
        rules.register(non_member, session)
    assert early.value.status == 403
    assert f"Members register first; registration opens to everyone on {date_text(public_day)}" in str(early.value)

    assert rules.register(learner, session).registration.status == Status.CONFIRMED
    on_public_day = datetime.combine(public_day, time(12), tzinfo=UTC)
    assert rules.register(non_member, session, now=on_public_day).registration.status == Status.CONFIRMED


def test_members_wait_for_the_members_opening_day(learner):
    opens = days_from_today(2)
    _, session = one_session(access_level=AccessLevel.MEMBER_FIRST, members_open_on=opens,
                             public_open_on=days_from_today(4))

    with pytest.raises(RegistrationRefused, match=f"Registration opens on {date_text(opens)}"):
        rules.register(learner, session)


def test_an_unpublished_event_is_not_found(learner):
    _, session = one_session(publish=False)

    with pytest.raises(RegistrationRefused) as refused:
        rules.register(learner, session)

    assert refused.value.status == 404


def test_prerequisites_must_be_completed_first(learner):
    course = build_offering(title="Flow Basics", modules=1, lessons_per_module=1)
    event, session = one_session()
    event.prerequisites.add(course)
    event.save()

    with pytest.raises(RegistrationRefused, match="Complete Flow Basics first") as refused:
        rules.register(learner, session)
    assert refused.value.status == 403

    enrol(learner, course)
    finish(learner, lessons_of(course))
    assert rules.register(learner, session).registration.status == Status.CONFIRMED


# ------------------------------------------------------------------------------------------- cancelling


def test_nobody_cancels_someone_elses_registration_but_staff_may(learner, other_learner, staff):
    _, session = one_session()
    registration = rules.register(learner, session).registration

    with pytest.raises(RegistrationRefused) as refused:
        rules.cancel(registration, other_learner)
    assert refused.value.status == 403
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED

    outcome = rules.cancel(registration, staff)

    assert outcome.registration.status == Status.CANCELLED
    change = RegistrationChange.objects.filter(session=session).last()
    assert (change.kind, change.actor_id, change.detail) == (Change.CANCELLED, staff.pk, "cancelled by staff")


def test_a_started_session_can_no_longer_be_cancelled(learner):
    _, session = one_session()
    registration = rules.register(learner, session).registration

    with pytest.raises(RegistrationRefused, match="already started") as refused:
        rules.cancel(registration, learner, now=session.starts_at)

    assert refused.value.status == 409
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


# ------------------------------------------------------------------------------------------- capacity


def test_lifting_the_capacity_promotes_the_waitlist_in_order(staff):
    _, session = one_session(capacity=2)
    people = members(6)
    register_all(people, session)

    promoted = rules.set_capacity(session, 4, staff)

    assert [r.member_id for r in promoted] == [people[2].pk, people[3].pk]
    assert waitlist(session) == [people[4].pk, people[5].pk]
    session.refresh_from_db()
    assert session.capacity == 4
    change = RegistrationChange.objects.get(session=session, kind=Change.CAPACITY_CHANGED)
    assert (change.actor_id, change.detail, change.registration_id) == (staff.pk, "2 → 4", None)
    assert sorted(notices(Notice.PROMOTED)) == sorted([people[2].pk, people[3].pk])
    assert history(session)[-2:] == [(Change.PROMOTED, people[2].pk, None), (Change.PROMOTED, people[3].pk, None)]


def test_lowering_the_capacity_below_the_seats_taken_is_refused(staff):
    _, session = one_session(capacity=3)
    register_all(members(3), session)

    with pytest.raises(RegistrationRefused, match="3 people already hold seats") as refused:
        rules.set_capacity(session, 2, staff)

    assert refused.value.status == 409
    session.refresh_from_db()
    assert session.capacity == 3
    assert not RegistrationChange.objects.filter(kind=Change.CAPACITY_CHANGED).exists()
    assert rules.set_capacity(session, 3, staff) == []  # exactly the seats taken is fine


def test_no_limit_promotes_everyone_waiting(staff):
    _, session = one_session(capacity=1)
    people = members(4)
    register_all(people, session)

    promoted = rules.set_capacity(session, None, staff)

    assert [r.member_id for r in promoted] == [p.pk for p in people[1:]]
    assert set(statuses(session).values()) == {Status.CONFIRMED}
    session.refresh_from_db()
    assert session.capacity is None
    assert RegistrationChange.objects.get(kind=Change.CAPACITY_CHANGED).detail == "1 → no limit"
    assert rules.register(MemberFactory(), session).registration.status == Status.CONFIRMED


def test_only_staff_change_capacity_and_never_to_a_negative_number(learner, staff):
    _, session = one_session()

    with pytest.raises(RegistrationRefused) as not_staff:
        rules.set_capacity(session, 5, learner)
    with pytest.raises(RegistrationRefused) as negative:
        rules.set_capacity(session, -1, staff)

    assert (not_staff.value.status, negative.value.status) == (403, 400)


# ------------------------------------------------------------------------------------------- moving people


@pytest.fixture
def two_sessions():
    event = build_event(sessions=[session_spec(7, capacity=1), session_spec(8, capacity=1)])
    return sessions_of(event)


def test_moving_someone_gives_them_a_seat_and_their_old_seat_to_the_next_in_line(two_sessions, staff):
    source, target = two_sessions
    mover, waiting = members(2)
    register_all([mover, waiting], source)
    registration = Registration.objects.get(member=mover)
    answers = [{"id": "q", "question": "Role?", "answer": "Lead"}]
    Registration.objects.filter(pk=registration.pk).update(answers=answers)

    outcome = rules.move(registration, target, staff)

    moved = outcome.registration
    assert (moved.session_id, moved.status, moved.answers) == (target.pk, Status.CONFIRMED, answers)
    assert statuses(source) == {mover.pk: Status.CANCELLED, waiting.pk: Status.CONFIRMED}
    assert history(source)[-2:] == [(Change.MOVED_OUT, mover.pk, staff.pk), (Change.PROMOTED, waiting.pk, None)]
    assert history(target) == [(Change.MOVED_IN, mover.pk, staff.pk)]
    assert notices(Notice.MOVED) == [mover.pk]
    assert notices(Notice.PROMOTED) == [waiting.pk]


def test_moving_into_a_full_session_needs_the_waitlist(two_sessions, staff):
    source, target = two_sessions
    mover, occupant, queued = members(3)
    rules.register(mover, source)
    register_all([occupant, queued], target)
    registration = Registration.objects.get(member=mover)

    with pytest.raises(RegistrationRefused, match="full") as refused:
        rules.move(registration, target, staff)
    assert refused.value.status == 409
    assert statuses(source) == {mover.pk: Status.CONFIRMED}

    outcome = rules.move(registration, target, staff, waitlist_if_full=True)

    assert outcome.registration.status == Status.WAITLISTED
    assert waitlist(target) == [queued.pk, mover.pk]
    assert "onto the waitlist" in RegistrationChange.objects.get(kind=Change.MOVED_IN).detail


def test_moving_onto_a_session_the_member_already_holds_is_refused(two_sessions, staff):
    source, target = two_sessions
    member = MemberFactory()
    rules.register(member, source)
    rules.register(member, target)

    with pytest.raises(RegistrationRefused, match="already registered for that session") as refused:
        rules.move(Registration.objects.get(member=member, session=source), target, staff)

    assert refused.value.status == 409
    assert set(statuses(source).values()) == set(statuses(target).values()) == {Status.CONFIRMED}


def test_moving_back_to_a_session_once_cancelled_reuses_that_registration(two_sessions, staff):
    source, target = two_sessions
    member = MemberFactory()
    earlier = rules.register(member, target).registration
    rules.cancel(earlier, member)
    rules.register(member, source)

    outcome = rules.move(Registration.objects.get(member=member, session=source), target, staff)

    assert outcome.registration.pk == earlier.pk
    assert outcome.registration.status == Status.CONFIRMED
    assert Registration.objects.filter(member=member).count() == 2
    assert statuses(source) == {member.pk: Status.CANCELLED}


def test_people_move_only_between_sessions_of_one_event_and_only_by_staff(two_sessions, staff, learner):
    source, _ = two_sessions
    elsewhere = sessions_of(build_event(title="Another Event"))[0]
    registration = rules.register(learner, source).registration

    with pytest.raises(RegistrationRefused, match="same event") as other_event:
        rules.move(registration, elsewhere, staff)
    with pytest.raises(RegistrationRefused) as not_staff:
        rules.move(registration, two_sessions[1], learner)
    with pytest.raises(RegistrationRefused, match="already in that session") as same:
        rules.move(registration, source, staff)

    assert (other_event.value.status, not_staff.value.status, same.value.status) == (400, 403, 409)
    assert statuses(source) == {learner.pk: Status.CONFIRMED}
    assert not Registration.objects.filter(session=elsewhere).exists()


def test_a_cancelled_registration_cannot_be_moved(two_sessions, staff, learner):
    source, target = two_sessions
    registration = rules.register(learner, source).registration
    rules.cancel(registration, learner)

    with pytest.raises(RegistrationRefused, match="cancelled registration") as refused:
        rules.move(registration, target, staff)

    assert refused.value.status == 409


# ------------------------------------------------------------------------------------------- history


def test_every_change_is_kept_in_the_history_with_who_made_it(two_sessions, staff):
    source, target = two_sessions
    first, second, third = members(3)
    rules.register(first, source)
    rules.register(second, source)
    rules.cancel(Registration.objects.get(member=first), first)
    rules.set_capacity(source, 2, staff)
    rules.register(third, source)
    rules.move(Registration.objects.get(member=third), target, staff)
    rules.cancel(Registration.objects.get(member=second), staff)

    assert history(source) == [
        (Change.REGISTERED, first.pk, first.pk),
        (Change.WAITLISTED, second.pk, second.pk),
        (Change.CANCELLED, first.pk, first.pk),
        (Change.PROMOTED, second.pk, None),
        (Change.CAPACITY_CHANGED, None, staff.pk),
        (Change.REGISTERED, third.pk, third.pk),
        (Change.MOVED_OUT, third.pk, staff.pk),
        (Change.CANCELLED, second.pk, staff.pk),
    ]
    assert history(target) == [(Change.MOVED_IN, third.pk, staff.pk)]


def test_non_members_may_register_for_public_events():
    _, session = one_session()
    visitor = NonMemberFactory()

    assert rules.register(visitor, session).registration.status == Status.CONFIRMED


def test_staff_cancel_records_staff_as_actor_even_for_a_waitlist_place(staff):
    _, session = one_session(capacity=1)
    seated, waiting = members(2)
    register_all([seated, waiting], session)

    rules.cancel(Registration.objects.get(member=waiting), staff)

    change = RegistrationChange.objects.filter(session=session).last()
    assert (change.kind, change.registration.member_id, change.actor_id) == (Change.CANCELLED, waiting.pk, staff.pk)
