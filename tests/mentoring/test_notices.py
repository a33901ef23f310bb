"""Mentoring e-mails: owed with the change they report, sent once in the member's language, first-meeting reminders
owed by time and only once, and a real Celery worker over Redis sending them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from lms.celery import app
from lms.tasks import send_letter
from mentoring import notices, relationships
from mentoring import requests as request_rules
from mentoring.models import MentoringNotice, Mentorship
from mentoring.tasks import send_due_mentoring_notices
from tests.celery_worker import real_worker

from .factories import mentee, mentor

Kind = MentoringNotice.Kind


def started_mentorship(days_ago: int) -> Mentorship:
    wanted, asking = mentor(capacity=3), mentee()
    mentorship = request_rules.accept_request(request_rules.request_mentor(asking.member, wanted, "Please."),
                                              wanted.member)
    Mentorship.objects.filter(pk=mentorship.pk).update(started_at=timezone.now() - timedelta(days=days_ago))
    mentorship.refresh_from_db()
    return mentorship


@pytest.mark.django_db
def test_first_meeting_reminders_fall_due_after_two_weeks_once_each_and_not_after_a_meeting(mailoutbox):
    due = started_mentorship(15)
    recent = started_mentorship(3)
    met = started_mentorship(20)
    relationships.log_meeting(met, met.mentee, timezone.localdate(), 60)
    MentoringNotice.objects.all().delete()

    assert notices.create_due_reminders() == 2
    assert notices.create_due_reminders() == 0, "never twice"
    reminded = set(MentoringNotice.objects.filter(kind=Kind.FIRST_MEETING_REMINDER)
                   .values_list("mentorship_id", "member_id"))
    assert reminded == {(due.pk, due.mentee_id), (due.pk, due.mentor_id)}
    assert recent.pk not in {pk for pk, _member in reminded}

    assert send_due_mentoring_notices.delay().get() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([due.mentee.email, due.mentor.email])
    assert all("Have you met" in m.subject for m in mailoutbox)
    mailoutbox.clear()
    send_due_mentoring_notices.delay().get()
    assert mailoutbox == [], "each notice goes once"


@pytest.mark.django_db
def test_a_reminder_overtaken_by_a_meeting_is_not_sent(mailoutbox):
    due = started_mentorship(15)
    MentoringNotice.objects.all().delete()
    notices.create_due_reminders()
    relationships.log_meeting(due, due.mentor, timezone.localdate(), 30)
    for notice in MentoringNotice.objects.all():
        assert send_letter.delay(notices.LETTER, notice.pk).get() is False
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_request_e_mail_links_to_the_request_and_keeps_its_message_on_the_site(
        mailoutbox, django_capture_on_commit_callbacks):
    wanted = mentor()
    with django_capture_on_commit_callbacks(execute=True):
        request_rules.request_mentor(mentee(first_name="Ines").member, wanted, "Hola")
    [message] = mailoutbox
    assert message.to == [wanted.member.email]
    assert "/mentoring/requests/" in message.body
    assert "Hola" not in message.body, "the request's message stays on the site"


@pytest.fixture
def redis_worker(transactional_db):
    with real_worker(send_letter, notices.LETTER) as worker:
        yield worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_a_request_notice_once_even_when_delivered_twice(redis_worker):
    assert not app.conf.task_always_eager
    wanted, asking = mentor(), mentee()
    request = request_rules.request_mentor(asking.member, wanted, "Please mentor me.")
    assert len(redis_worker.published) == 1
    assert redis_worker.result(redis_worker.published[0]) is True
    notice = MentoringNotice.objects.get(request=request)
    again = send_letter.delay(notices.LETTER, notice.pk)
    assert redis_worker.result(again.id) is False
    assert [m.to for m in mail.outbox] == [[wanted.member.email]]
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_the_beat_schedule_names_the_mentoring_sweep():
    entry = settings.CELERY_BEAT_SCHEDULE["mentoring-notices"]
    assert entry["task"] == send_due_mentoring_notices.name and entry["task"] in app.tasks
