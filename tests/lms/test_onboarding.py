"""The onboarding rule (lms/onboarding.py) with the steps every package adds: each step done or not from real rows,
who is onboarding (new, returning), the checklist hidden for good by a CSRF-protected POST, and its query bound."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.models import Topic
from courses.events import registration
from courses.learning import enrolment
from courses.models import Registration
from lms import onboarding
from lms.models import Member
from mentoring.models import MentorshipRequest
from tests import factories
from tests.lms.onboarding_support import ask_for_a_mentor, newcomer

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def done(member: Member) -> dict[str, bool]:
    return {step.key: step.done for step in onboarding.checklist(Member.objects.get(pk=member.pk)).steps}


@pytest.fixture
def orientation():
    return factories.build_offering(title="Welcome to the Association", is_orientation=True)


def test_every_step_is_done_from_real_rows(orientation):
    member = newcomer()
    webinar = factories.build_event()
    assert done(member) == {"profile": False, "zone": False, "orientation": False, "webinar": False, "mentor": False}

    member.career_stage, member.country, member.preferred_languages = "early_career", "KE", ["en", "sw"]
    member.save()
    member.interests.set([Topic.objects.create(name="Flow metrics", slug="flow-metrics")])
    onboarding.confirm_zone_and_languages(member, timezone.now())
    assert done(member) == {"profile": True, "zone": True, "orientation": False, "webinar": False, "mentor": False}

    enrolment.enrol(member, orientation)  # started counts: the checklist asks for a first look
    registration.register(member, factories.sessions_of(webinar)[0])
    ask_for_a_mentor(member)
    assert all(done(member).values())
    finished = Member.objects.get(pk=member.pk)
    with CaptureQueriesContext(connection) as asked:
        assert onboarding.shown_checklist(finished, timezone.now()) is None  # all done: gone
    assert len(asked) == 1, "every step done: one query reads every rule, and nothing else is looked up"


def test_a_profile_without_interests_is_not_complete():
    member = newcomer(career_stage="early_career", country="KE")
    assert done(member)["profile"] is False


def test_time_zone_and_languages_count_only_once_saved_on_the_profile(client):
    member = newcomer()
    assert done(member)["zone"] is False  # the defaults are not a confirmation
    client.force_login(member)
    response = client.post(reverse("lms:profile"), {
        "profile-first_name": "Noor", "profile-last_name": "Haddad", "profile-time_zone": "Asia/Amman",
        "profile-preferred_languages": ["en", "ar"], "demo-gender": "prefer_not_to_say",
        "demo-identifies_as_under_represented": "prefer_not_to_say", "demo-has_disability": "prefer_not_to_say",
        "demo-age_band": "prefer_not_to_say",
    })
    assert response.status_code == 302
    assert done(member)["zone"] is True


def test_a_workshop_or_a_cancelled_webinar_seat_is_not_a_first_webinar(orientation):
    member = newcomer()
    registration.register(member, factories.sessions_of(factories.build_workshop())[0])
    cancelled = registration.register(member, factories.sessions_of(factories.build_event())[0]).registration
    registration.cancel(cancelled, member)
    assert Registration.objects.get(pk=cancelled.pk).status == Registration.Status.CANCELLED
    assert done(member)["webinar"] is False


def test_a_declined_request_has_not_found_a_mentor():
    member = newcomer()
    request = ask_for_a_mentor(member, "Could you help me with forecasting?")
    MentorshipRequest.objects.filter(pk=request.pk).update(status=MentorshipRequest.Status.DECLINED)
    assert done(member)["mentor"] is False


def test_steps_that_do_not_apply_are_left_out():
    """No orientation course flagged: no such step. A non-member cannot use mentoring: no mentor step."""
    factories.build_offering(title="Flow Metrics Fundamentals")
    visitor = newcomer(membership_tier="non_member")
    assert list(done(visitor)) == ["profile", "zone", "webinar"]


@pytest.mark.parametrize(("days_ago", "onboarding_now"), [(0, True), (41, True), (43, False), (400, False)])
def test_a_new_member_is_onboarding_for_six_weeks(days_ago, onboarding_now):
    assert onboarding.is_onboarding(newcomer(days_ago), timezone.now()) is onboarding_now


@pytest.mark.parametrize(("last_seen_days_ago", "returning"), [(None, False), (30, False), (181, True)])
def test_signing_in_after_a_long_absence_starts_onboarding_again(client, last_seen_days_ago, returning):
    last_login = None if last_seen_days_ago is None else timezone.now() - timedelta(days=last_seen_days_ago)
    member = newcomer(400, last_login=last_login)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.returned_at is not None) is returning
    assert onboarding.is_onboarding(member, timezone.now()) is returning


def test_hiding_the_checklist_lasts_and_a_return_shows_it_again(client, orientation):
    member = newcomer()
    client.force_login(member)
    assert "Getting started" in client.get("/").content.decode()
    response = client.post(reverse("lms:hide_onboarding"), {"next": "/my-learning/"})
    assert response.status_code == 302 and response["Location"] == "/my-learning/"
    assert "Getting started" not in client.get("/").content.decode()
    assert "Getting started" not in client.get("/my-learning/").content.decode()

    later = timezone.now() + timedelta(days=200)
    member.refresh_from_db()
    Member.objects.filter(pk=member.pk).update(last_login=timezone.now(), date_joined=timezone.now() - timedelta(
        days=400))
    member.refresh_from_db()
    onboarding.note_sign_in(member, later)
    assert onboarding.is_onboarding(member, later) and not onboarding.is_hidden(member)


def test_hiding_needs_a_post_with_the_csrf_token_and_goes_back_only_to_this_site():
    member = newcomer()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(reverse("lms:hide_onboarding")).status_code == 403
    assert strict.get(reverse("lms:hide_onboarding")).status_code == 405
    assert Member.objects.get(pk=member.pk).onboarding_hidden_at is None

    client = Client()
    client.force_login(member)
    response = client.post(reverse("lms:hide_onboarding"), {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert Client().post(reverse("lms:hide_onboarding")).status_code == 302  # anonymous: to the sign-in page
    assert Member.objects.get(pk=member.pk).onboarding_hidden_at is not None


def test_the_panel_shows_on_home_and_my_learning_with_progress(client, orientation):
    member = newcomer()
    client.force_login(member)
    onboarding.confirm_zone_and_languages(member, timezone.now())
    for path in ("/", "/my-learning/"):
        page = client.get(path).content.decode()
        assert "1 of 5 steps done" in page
        assert ('<span class="visually-hidden">Done:</span> <span class="onboarding-label">Confirm your time zone and '
                'languages</span>') in page
        assert ('<span class="visually-hidden">To do:</span> <a class="onboarding-label" '
                f'href="{reverse("lms:profile")}">Complete your profile and topics of interest</a>') in page
        assert f'href="{orientation.url}"' in page
        assert 'action="/accounts/onboarding/hide/"' in page and "csrfmiddlewaretoken" in page


def test_an_experienced_member_sees_no_checklist(client, orientation):
    client.force_login(newcomer(400))
    assert "Getting started" not in client.get("/").content.decode()
    assert "Getting started" not in client.get("/my-learning/").content.decode()


def test_the_checklist_costs_the_same_whatever_the_member_has_done(orientation):
    member = newcomer()
    onboarding.checklist(member)  # the site's root paths are cached from here on, as on any page after the first
    with CaptureQueriesContext(connection) as fresh:
        onboarding.checklist(member)
    member.career_stage, member.country = "early_career", "KE"
    member.save()
    member.interests.set([Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(5)])
    enrolment.enrol(member, orientation)
    for n in range(4):
        registration.register(member, factories.sessions_of(factories.build_event(title=f"Webinar {n}"))[0])
    for n in range(3):
        ask_for_a_mentor(member, f"Request number {n} to a different mentor.")
    member = Member.objects.get(pk=member.pk)
    onboarding.checklist(member)  # new webinars were published: the catalog's cached answers are read again once
    with CaptureQueriesContext(connection) as busy:
        onboarding.checklist(member)
    # Every package's rules in one query; the orientation module's address is cached after the first look-up.
    assert len(busy) == len(fresh) <= 1, [q["sql"][:200] for q in busy.captured_queries]
