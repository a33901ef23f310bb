"""My learning kept whole per member (cms/page_cache.py, courses/dashboard.py) is exactly the page rendered afresh:
kept and served with far fewer queries; at once after rows of other packages change, including those written by
`QuerySet.update()`, which sends no signal (certificates, evaluations, mentoring) and another member's registration
moving a waitlist place; and within its clock span after what only time changes (a session over). Through the real
views, PostgreSQL and Redis; pages compared byte for byte once the per-response CSRF token is removed."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses import dashboard
from courses.events import registration as registration_rules
from courses.models import EvaluationRequest, Session
from mentoring.models import MentorshipRequest
from tests import factories
from tests.certificates.factories import issued_certificate
from tests.courses.evaluation_support import asked_about_course
from tests.courses.test_course_page_cache import assert_fresh, assert_kept
from tests.mentoring.factories import mentor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

URL = "/my-learning/"


@pytest.fixture(autouse=True)
def no_clock_span_ends_mid_test(monkeypatch):
    """The page is kept for the minute it was made in: a test crossing into the next would see it made again and
    read that as a write having renewed it. The clock's own test sets a span of one second."""
    monkeypatch.setattr(dashboard, "CLOCK_SECONDS", 10**9)  # spans end in 2001 and 2033


def signed_in_as(client, member) -> None:
    """Signed in, with My learning seen once: the first view makes the member's calendar feed, a write that leaves
    that view's page under a generation already renewed."""
    client.force_login(member)
    assert client.get(URL).status_code == 200


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_my_learning_is_kept_and_equals_the_page_rendered_afresh(client):
    profile = mentor()
    member = profile.member
    course = factories.build_offering(title="Kept Course", modules=1, lessons_per_module=2)
    issued_certificate(member, title="Certified Course")
    asked_about_course(member, course, days_ago=2)
    MentorshipRequest.objects.create(mentor=member, mentee=factories.MemberFactory(), message="Hello")
    registration_rules.register(member, factories.sessions_of(factories.build_event(title="Kept Webinar"))[0])
    signed_in_as(client, member)

    html = assert_fresh(client, URL)
    assert_kept(client, URL)
    for shown in ("Certified Course", "Kept Course", "Kept Webinar", "1 mentoring request waits for your answer."):
        assert shown in html


def test_rows_written_without_a_signal_show_at_once(client):
    profile = mentor()
    member = profile.member
    certificate = issued_certificate(member, title="Certified Course")
    course = factories.build_offering(title="Evaluated Course", modules=1, lessons_per_module=1)
    asked = asked_about_course(member, course, days_ago=2)
    request = MentorshipRequest.objects.create(mentor=member, mentee=factories.MemberFactory(), message="Hello")
    signed_in_as(client, member)
    assert_fresh(client, URL)
    html = assert_kept(client, URL)
    assert "Certified Course" in section(html, "certificates-heading")
    assert "Evaluated Course" in section(html, "my-evaluations-heading")

    Certificate.objects.filter(pk=certificate.pk).update(superseded_at=timezone.now())
    html = assert_fresh(client, URL)
    assert "Certified Course" not in section(html, "certificates-heading")

    EvaluationRequest.objects.filter(pk=asked.pk).update(activity_at=timezone.now() - timedelta(days=400))
    assert "Evaluated Course" not in section(assert_fresh(client, URL), "my-evaluations-heading")

    assert "1 mentoring request waits" in assert_kept(client, URL)
    MentorshipRequest.objects.filter(pk=request.pk).update(status=MentorshipRequest.Status.DECLINED)
    assert "mentoring request waits" not in assert_fresh(client, URL)


def test_another_members_cancellation_moves_the_waitlist_place_at_once(client):
    session = factories.sessions_of(factories.build_event(
        title="Full Webinar", sessions=[factories.session_spec(capacity=1)]))[0]
    seated, ahead, member = (factories.MemberFactory() for _ in range(3))
    for person in (seated, ahead, member):
        registration_rules.register(person, session)
    signed_in_as(client, member)
    assert "On the waitlist, at place 2" in assert_fresh(client, URL)
    assert_kept(client, URL)

    registration_rules.cancel(session.registrations.get(member=ahead), ahead)
    assert "On the waitlist, at place 1" in assert_fresh(client, URL)


def test_what_only_time_changes_shows_within_the_clock_span(client, monkeypatch):
    """A session ending drops out of "Upcoming events" with no write to tell: the page is kept for one clock span
    (shortened here to a second, so the test waits for real)."""
    monkeypatch.setattr(dashboard, "CLOCK_SECONDS", 1)
    member = factories.MemberFactory()
    session = factories.sessions_of(factories.build_event(title="Ending Webinar"))[0]
    registration_rules.register(member, session)
    ends_at = timezone.now() + timedelta(seconds=2)
    Session.objects.filter(pk=session.pk).update(starts_at=ends_at - timedelta(hours=1), ends_at=ends_at)
    signed_in_as(client, member)
    assert "Ending Webinar" in section(assert_fresh(client, URL), "upcoming-heading")

    time.sleep(max(0.0, (ends_at - timezone.now()).total_seconds()) + 1.1)
    assert "Ending Webinar" not in section(assert_fresh(client, URL), "upcoming-heading")
