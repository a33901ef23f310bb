"""Registrations arriving at once against real PostgreSQL: seats are never overbooked and the line stays in order.

Threads are released together (see `run_together`), each with its own connection, and commit for real, so the
session row lock and the one-registration-per-member constraint are what is tested.
"""

from __future__ import annotations

import re

import pytest

from courses.events import registration as rules
from courses.events.registration import RegistrationRefused, waitlist_position
from courses.models import Registration, RegistrationChange, RegistrationNotice
from tests.concurrency import run_together
from tests.factories import MemberFactory, StaffFactory, build_event, session_spec, sessions_of

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status


def one_session(capacity: int):
    return sessions_of(build_event(sessions=[session_spec(7, capacity=capacity)]))[0]


def register_or_refusal(member, session):
    try:
        return rules.register(member, session)
    except RegistrationRefused as refused:
        return refused


def counts(session) -> dict[str, int]:
    rows = Registration.objects.filter(session=session).values_list("status", flat=True)
    return {status: list(rows).count(status) for status in Status.values}


def place_in(message: str) -> int:
    return int(re.search(r"at place (\d+)", message).group(1))


def test_forty_members_at_once_for_ten_seats(mailoutbox):
    session = one_session(capacity=10)
    people = [MemberFactory() for _ in range(40)]

    outcomes = run_together(40, lambda i: rules.register(people[i], session))

    assert counts(session) == {Status.CONFIRMED: 10, Status.WAITLISTED: 30, Status.CANCELLED: 0}
    waiting = Registration.objects.filter(session=session, status=Status.WAITLISTED)
    assert sorted(waitlist_position(r) for r in waiting) == list(range(1, 31))
    # Each member was told a different place, and it is the place they hold.
    told = {o.registration.pk: place_in(o.message) for o in outcomes if o.registration.status == Status.WAITLISTED}
    assert sorted(told.values()) == list(range(1, 31))
    assert all(waitlist_position(r) == told[r.pk] for r in waiting)
    # Nobody waiting was queued before someone who got a seat.
    last_seat = max(Registration.objects.filter(session=session, status=Status.CONFIRMED).values_list(
        "queued_at", flat=True))
    assert all(r.queued_at >= last_seat for r in waiting)
    assert RegistrationChange.objects.filter(session=session).count() == 40
    assert RegistrationNotice.objects.filter(kind="confirmed").count() == 10
    assert RegistrationNotice.objects.filter(kind="waitlisted").count() == 30
    assert len(mailoutbox) == 40
    assert not RegistrationNotice.objects.filter(sent_at__isnull=True).exists()


def test_concurrent_cancellations_promote_exactly_as_many_as_they_free(mailoutbox):
    session = one_session(capacity=10)
    seated = [MemberFactory() for _ in range(10)]
    waiting = [MemberFactory() for _ in range(10)]
    for person in seated + waiting:
        rules.register(person, session)
    mailoutbox.clear()
    leaving = [Registration.objects.get(member=person) for person in seated[:6]]

    run_together(6, lambda i: rules.cancel(leaving[i], seated[i]))

    assert counts(session) == {Status.CONFIRMED: 10, Status.WAITLISTED: 4, Status.CANCELLED: 6}
    promoted = set(Registration.objects.filter(session=session, status=Status.CONFIRMED, member__in=waiting)
                   .values_list("member_id", flat=True))
    assert promoted == {person.pk for person in waiting[:6]}  # the first six in line, nobody else
    assert RegistrationChange.objects.filter(session=session, kind="promoted").count() == 6
    assert sorted(m.to[0] for m in mailoutbox if m.subject.startswith("A seat opened up")) == sorted(
        person.email for person in waiting[:6])
    still_waiting = Registration.objects.filter(session=session, status=Status.WAITLISTED)
    assert sorted(waitlist_position(r) for r in still_waiting) == [1, 2, 3, 4]


def test_registrations_and_cancellations_racing_never_overbook():
    session = one_session(capacity=5)
    seated = [MemberFactory() for _ in range(5)]
    for person in seated:
        rules.register(person, session)
    newcomers = [MemberFactory() for _ in range(10)]

    def work(i):
        if i < 5:
            return rules.cancel(Registration.objects.get(member=seated[i]), seated[i])
        return rules.register(newcomers[i - 5], session)

    run_together(15, work)

    assert counts(session)[Status.CONFIRMED] == 5
    assert counts(session)[Status.CANCELLED] == 5
    # Waiting while a seat is free is impossible once everything has settled.
    assert Registration.objects.filter(session=session, status=Status.WAITLISTED).count() == 5


def test_the_same_member_submitting_at_once_gets_one_registration():
    session = one_session(capacity=10)
    member = MemberFactory()

    results = run_together(8, lambda i: register_or_refusal(member, session))

    registration = Registration.objects.get(member=member, session=session)
    assert registration.status == Status.CONFIRMED
    assert sum(not isinstance(r, RegistrationRefused) for r in results) == 1
    refusals = [r for r in results if isinstance(r, RegistrationRefused)]
    assert {r.status for r in refusals} == {409}
    assert RegistrationChange.objects.filter(session=session).count() == 1
    assert RegistrationNotice.objects.filter(registration=registration).count() == 1


def test_opposite_moves_at_once_neither_deadlock_nor_overbook():
    event = build_event(sessions=[session_spec(7, capacity=1), session_spec(8, capacity=1)])
    first, second = sessions_of(event)
    staff = StaffFactory()
    a, b = MemberFactory(), MemberFactory()
    registrations = [rules.register(a, first).registration, rules.register(b, second).registration]
    targets = [second, first]

    run_together(2, lambda i: rules.move(registrations[i], targets[i], staff, waitlist_if_full=True))

    # Whichever runs first waits for the other's seat, and gets it when the other move frees it.
    assert counts(first) == {Status.CONFIRMED: 1, Status.WAITLISTED: 0, Status.CANCELLED: 1}
    assert counts(second) == {Status.CONFIRMED: 1, Status.WAITLISTED: 0, Status.CANCELLED: 1}
    assert Registration.objects.get(member=a, session=second).status == Status.CONFIRMED
    assert Registration.objects.get(member=b, session=first).status == Status.CONFIRMED
