"""A real Celery worker over Redis: completing a course e-mails the learner exactly once, however often the task runs.

See tests/celery_worker.py for how the worker runs.
"""

import pytest
from django.core import mail

from courses.letters import COMPLETION
from courses.models import Enrolment
from lms.celery import app
from lms.tasks import send_letter
from tests.celery_worker import real_worker
from tests.factories import MemberFactory, build_offering, lessons_of

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_worker(transactional_db):
    with real_worker(send_letter, COMPLETION) as worker:
        yield worker


def completion_messages():
    return [message for message in mail.outbox if message.subject.startswith("You completed ")]


def complete_course_through_the_views(client, learner, course) -> Enrolment:
    client.force_login(learner)
    assert client.post(course.url + "enrol/").status_code == 303
    for lesson in lessons_of(course):
        assert client.post(lesson.url + "complete/").status_code == 303
    enrolment = Enrolment.objects.get(member=learner, offering=course)
    assert enrolment.completed_at is not None
    return enrolment


def test_worker_sends_the_completion_email_once_even_when_enqueued_twice(client, redis_worker):
    assert not app.conf.task_always_eager
    learner = MemberFactory(email="finisher@example.org", first_name="Fin")
    course = build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=2)

    enrolment = complete_course_through_the_views(client, learner, course)

    # Completing the course announced it once, and the announcement enqueued the task on the broker.
    assert len(redis_worker.published) == 1
    first = redis_worker.published[0]
    assert redis_worker.result(first) is True

    # Delivered again (a retry, a duplicate message): the second run finds the notification claimed.
    again = send_letter.delay(COMPLETION, enrolment.pk)
    assert again.id != first
    assert redis_worker.result(again.id) is False

    # The completion also issues a certificate, whose own e-mail may arrive meanwhile; it is not counted here.
    completion_emails = completion_messages()
    assert len(completion_emails) == 1
    message = completion_emails[0]
    assert message.to == ["finisher@example.org"]
    assert "Flow Metrics Fundamentals" in message.subject + message.body
    enrolment.refresh_from_db()
    assert enrolment.completion_notified_at is not None


def test_duplicates_racing_on_several_worker_threads_send_one_email(client, redis_worker):
    learner = MemberFactory(email="racer@example.org")
    course = build_offering(title="Value Stream Mapping", modules=1, lessons_per_module=1)
    enrolment = complete_course_through_the_views(client, learner, course)

    duplicates = [send_letter.delay(COMPLETION, enrolment.pk).id for _ in range(5)]
    outcomes = [redis_worker.result(task_id) for task_id in [*redis_worker.published[:1], *duplicates]]

    assert outcomes.count(True) == 1 and outcomes.count(False) == 5
    assert [m.to for m in completion_messages()] == [["racer@example.org"]]


def test_worker_sends_nothing_for_an_unfinished_course(client, redis_worker):
    learner = MemberFactory(email="starter@example.org")
    course = build_offering(title="Flow Load Basics", modules=1, lessons_per_module=2)
    client.force_login(learner)
    client.post(course.url + "enrol/")
    client.post(lessons_of(course)[0].url + "complete/")
    enrolment = Enrolment.objects.get(member=learner, offering=course)

    assert redis_worker.published == []  # no completion, no announcement
    assert redis_worker.result(send_letter.delay(COMPLETION, enrolment.pk).id) is False
    assert mail.outbox == []
    enrolment.refresh_from_db()
    assert enrolment.completion_notified_at is None
