"""Ids from addresses: one converter for every URL pattern, and ids beyond a database key answer 404, never 500."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter

from courses.models import EventPage
from lms.url_ids import MAX_ID, IdConverter, id_from_text
from tests import factories
from tests.courses.journeys import enrol
from tests.mentoring.factories import mentor as listed_mentor

TWENTY_DIGITS = "99999999999999999999"
NINETEEN_TOO_BIG = str(MAX_ID + 1)  # 19 digits, one past PostgreSQL's bigint


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, getattr(entry.callback, "__module__", "") or "", entry.pattern


OURS = ("lms", "cms", "courses", "certificates", "mentoring", "search")


def test_none_of_our_url_patterns_uses_the_unbounded_int_converter():
    unbounded = [
        route
        for route, module, pattern in _patterns(get_resolver())
        if module.split(".")[0] in OURS
        and any(isinstance(c, IntConverter) for c in getattr(pattern, "converters", {}).values())
    ]
    assert unbounded == []


def test_routable_event_pages_use_bounded_ids_too():
    routes = {
        name: str(pattern.pattern)
        for pattern in EventPage.get_subpage_urls()
        for name in [pattern.name]
        if name in ("cancel_view", "join_view")
    }
    assert routes == {"cancel_view": "cancel/<id:registration_id>/", "join_view": "join/<id:session_id>/"}


def test_the_converter_takes_database_keys_only():
    converter = IdConverter()
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        converter.to_python(NINETEEN_TOO_BIG)
    with pytest.raises(ValueError):
        converter.to_url(MAX_ID + 1)
    assert [id_from_text(t) for t in ("42", str(MAX_ID), NINETEEN_TOO_BIG, TWENTY_DIGITS, "", "-1", "٣", "1e3")] == [
        42,
        MAX_ID,
        None,
        None,
        None,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize("digits", [TWENTY_DIGITS, NINETEEN_TOO_BIG])
@pytest.mark.parametrize(
    "address",
    [
        "/mentoring/mentors/{}/",
        "/mentoring/mentors/{}/request/",
        "/admin/events/{}/registrations/",
        "/mentoring/relationships/{}/close/",
        "/admin/certificates/{}/revoke/",
        "/admin/mentoring/{}/run/",
    ],
)
def test_ids_beyond_a_database_key_match_no_address(address, digits):
    """Refused before any view runs: no view ever sends such a number to the database (SQLite raised
    OverflowError on them, a 500)."""
    view = resolve(address.format(1)).view_name
    try:
        fallback = resolve(address.format(digits)).view_name  # Wagtail's page serving, which answers 404
    except Resolver404:
        fallback = None
    assert fallback != view


@pytest.fixture
def member(client, db):
    person = factories.MemberFactory(email="mentee@example.org")
    client.force_login(person)
    return person


@pytest.mark.django_db
@pytest.mark.parametrize("member_id", [TWENTY_DIGITS, NINETEEN_TOO_BIG, "9" * 400])
def test_a_mentor_id_beyond_any_key_is_not_found(client, member, member_id):
    assert client.get(f"/mentoring/mentors/{member_id}/").status_code == 404
    assert client.post(f"/mentoring/mentors/{member_id}/request/", {"message": "Hello"}).status_code == 404


@pytest.mark.django_db
def test_a_listed_mentor_is_still_found_by_id(client, member):
    shown = listed_mentor(first_name="Findable")
    response = client.get(reverse("mentoring:mentor", args=[shown.member_id]))
    assert response.status_code == 200 and "Findable" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("event_id", [TWENTY_DIGITS, NINETEEN_TOO_BIG])
def test_an_event_id_beyond_any_key_is_not_found_in_the_admin(client, staff, event_id):
    client.force_login(staff)
    assert client.get(f"/admin/events/{event_id}/registrations/").status_code == 404
    assert client.get(f"/admin/events/{event_id}/registrations.csv", follow=True).status_code == 404


@pytest.mark.django_db
def test_event_page_routes_answer_404_for_ids_beyond_any_key(client, member):
    event = factories.build_event(title="Key Clinic", sessions=[factories.session_spec(3)])
    assert client.post(f"{event.url}cancel/{TWENTY_DIGITS}/").status_code == 404
    assert client.get(f"{event.url}join/{TWENTY_DIGITS}/").status_code == 404


@pytest.mark.django_db
def test_a_lesson_ignores_an_attempt_id_beyond_any_key(member_client, learner, course):
    enrol(learner, course)
    quiz_lesson = factories.lessons_of(course)[-1]
    for attempt in (TWENTY_DIGITS, "9" * 5000):
        assert member_client.get(f"{quiz_lesson.url}?attempt={attempt}").status_code == 200
