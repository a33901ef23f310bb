"""What one registration through the event page costs and asks: its queries are bounded and do not grow with the
session's registrations, and an event's prerequisites are asked about only when it names some (the posted
session's own read says whether), never skipped when it does."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.events.registration import has_free_seat, seats_left
from courses.models import Registration
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.courses.query_budgets import REGISTER_MAX_QUERIES
from tests.factories import build_event, build_offering, lessons_of, session_spec, sessions_of

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register_post(client, event, session):
    return client.post(f"{event.url}register/", {"session": str(session.pk)})


def counted_registration(client, member, event, session) -> tuple[int, list[str]]:
    client.force_login(member)
    with CaptureQueriesContext(connection) as captured:
        response = register_post(client, event, session)
    assert response.status_code == 303, response.content[:500]
    return len(captured), [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(
    ("capacity", "confirmed", "left", "seat"),
    [(None, 0, None, True), (None, 500, None, True), (0, 0, 0, False), (3, 2, 1, True), (3, 3, 0, False),
     (2, 3, 0, False)],  # the last: a capacity under the seats taken (never lowered so by staff, but read safely)
)
def test_the_seat_rule(capacity, confirmed, left, seat):
    assert seats_left(capacity, confirmed) == left
    assert has_free_seat(capacity, confirmed) is seat


def test_a_registrations_queries_are_bounded_and_do_not_grow_with_the_session(client):
    event = build_event(sessions=[session_spec(capacity=2)])
    session = sessions_of(event)[0]
    members = [factories.MemberFactory() for _ in range(6)]

    counts = [counted_registration(client, member, event, session) for member in members]

    # The first warms the process's caches; the second takes the last seat, the third is the first on the waitlist,
    # the last has three waiting ahead of it: the same statements each time.
    seat, first_waiting, last = counts[1], counts[2], counts[-1]
    detail = "\n".join(f"{i:3}. {sql}" for i, sql in enumerate(last[1], 1))
    assert seat[0] == first_waiting[0] == last[0] <= REGISTER_MAX_QUERIES, detail
    # The posted session's read says the event names no prerequisite; nothing else asks about them.
    assert sum("courses_offering_prerequisites" in sql for sql in last[1]) == 1, detail
    statuses = list(Registration.objects.filter(session=session).order_by("queued_at", "pk").values_list("status",
                                                                                                          flat=True))
    assert statuses == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 4


def test_an_events_prerequisites_are_asked_for_when_it_names_some(member_client, learner):
    course = build_offering(title="Flow Basics", modules=1, lessons_per_module=1)
    event = build_event()
    event.prerequisites.add(course)
    event.save()
    session = sessions_of(event)[0]

    refused = register_post(member_client, event, session)

    assert refused.status_code == 403
    assert "Complete Flow Basics first; it is a prerequisite." in refused.content.decode()
    assert not Registration.objects.exists()

    enrol(learner, course)
    finish(learner, lessons_of(course))
    assert register_post(member_client, event, session).status_code == 303
    assert Registration.objects.get(member=learner).status == Status.CONFIRMED


def test_an_unpublished_prerequisite_is_not_asked_for(member_client, learner):
    """An event naming only an unpublished offering asks the question (it names one) and finds nothing missing."""
    course = build_offering(title="Flow Basics", modules=1, lessons_per_module=1)
    course.unpublish()
    event = build_event()
    event.prerequisites.add(course)
    event.save()

    assert register_post(member_client, event, sessions_of(event)[0]).status_code == 303
    assert Registration.objects.get(member=learner).status == Status.CONFIRMED
