"""The onboarding e-mail sequence (lms/onboarding_letters.py, the beat job lms.tasks.send_onboarding_letters): each
letter once however often the job runs, a letter whose steps are done skipped, the "Getting started" switch obeyed,
one-click unsubscribe and both alternatives on each, in the member's language."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from cms.models import Topic
from courses.events import registration
from courses.learning import enrolment
from lms import communication, onboarding, onboarding_letters
from lms.models import EmailCategory, OnboardingLetter
from lms.tasks import send_onboarding_letters
from tests import factories
from tests.lms.onboarding_support import ask_for_a_mentor, newcomer

pytestmark = pytest.mark.django_db

Kind = OnboardingLetter.Kind


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


@pytest.fixture
def orientation():
    return factories.build_offering(title="Welcome to the Association", is_orientation=True)


def test_each_letter_goes_once_however_often_the_job_runs(mailoutbox, orientation):
    member = newcomer(4)
    newcomer(400)  # long a member: nothing
    assert send_onboarding_letters() == 2  # day 0 and day 3 are due, day 10 is not
    send_onboarding_letters()
    assert sorted(m.subject for m in mailoutbox) == ["Welcome to VSMC Learning", "Your next steps on VSMC Learning"]
    assert all(m.to == [member.email] for m in mailoutbox)
    assert OnboardingLetter.objects.filter(member=member, sent_at__isnull=False).count() == 2

    # A week later the day-10 letter falls due; the first two never go again.
    later = timezone.now() + timedelta(days=7)
    assert onboarding_letters.owe_due(later) == 1
    send_onboarding_letters()
    assert [m.subject for m in mailoutbox].count("Welcome to VSMC Learning") == 1
    assert mailoutbox[-1].subject == "Meet other practitioners: a first webinar and a mentor"
    body = mailoutbox[-1].body
    assert "Register for a first webinar" in body and "Find a mentor" in body and "Take the orientation" not in body


def test_one_row_per_member_and_kind_even_when_two_runs_race():
    member = newcomer(1)
    OnboardingLetter.objects.create(member=member, kind=Kind.WELCOME)
    with pytest.raises(IntegrityError), transaction.atomic():
        OnboardingLetter.objects.create(member=member, kind=Kind.WELCOME)
    assert onboarding_letters.owe_due() == 0  # the welcome already owed: nothing more is due on day 1


def test_next_steps_lists_what_is_not_done_and_is_skipped_when_all_is(mailoutbox, orientation):
    busy, idle = newcomer(4), newcomer(4)
    busy.career_stage, busy.country = "early_career", "KE"
    busy.save()
    busy.interests.set([Topic.objects.create(name="Flow metrics", slug="flow-metrics")])
    onboarding.confirm_zone_and_languages(busy, timezone.now())
    enrolment.enrol(busy, orientation)
    registration.register(busy, factories.sessions_of(factories.build_event())[0])
    ask_for_a_mentor(busy)
    mailoutbox.clear()  # the registration's and the request's own e-mails

    send_onboarding_letters()
    to_busy = [m.subject for m in mailoutbox if m.to == [busy.email]]
    assert to_busy == ["Welcome to VSMC Learning"]  # next steps: nothing left to ask, so moot
    assert OnboardingLetter.objects.get(member=busy, kind=Kind.NEXT_STEPS).sent_at is not None  # settled, not resent
    next_steps = next(m for m in mailoutbox if m.to == [idle.email] and m.subject.startswith("Your next steps"))
    assert "5 steps of your getting-started checklist are still open" in next_steps.body
    assert "Take the orientation module: http" in next_steps.body


def test_a_member_who_turned_getting_started_off_gets_none(mailoutbox):
    member = newcomer(4)
    communication.turn_off(member, EmailCategory.ONBOARDING)
    send_onboarding_letters()
    send_onboarding_letters()
    assert mailoutbox == []
    assert OnboardingLetter.objects.filter(member=member, sent_at__isnull=False).count() == 2  # settled as moot


def test_each_letter_has_one_click_unsubscribe_and_both_alternatives(mailoutbox):
    member = newcomer(0)
    send_onboarding_letters()
    [message] = mailoutbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Getting started" in message.body and link in message.body
    html = html_of(message)
    assert html.startswith("<!DOCTYPE html>") and f'href="{link}"' in html and "Hello Noor," in html
    Client().post(urlsplit(link).path, {"List-Unsubscribe": "One-Click"})  # a mail program: no session, no cookie
    assert communication.wants(member, EmailCategory.ONBOARDING) is False


def test_letters_are_written_in_the_members_language(mailoutbox, settings):
    settings.INTERFACE_LANGUAGES = ["en", "es"]
    newcomer(0, preferred_languages=["es", "en"])
    newcomer(0, preferred_languages=["en"])
    send_onboarding_letters()
    languages = sorted(html_of(m).split('<html lang="', 1)[1][:2] for m in mailoutbox)
    assert languages == ["en", "es"]


def test_a_returning_member_is_welcomed_back(mailoutbox):
    member = newcomer(400, last_login=timezone.now() - timedelta(days=365))
    onboarding.note_sign_in(member, timezone.now())
    send_onboarding_letters()
    assert [m.subject for m in mailoutbox] == ["Welcome back to VSMC Learning"]


def test_the_beat_schedule_runs_the_job():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["onboarding-letters"]["task"] == "lms.tasks.send_onboarding_letters"
