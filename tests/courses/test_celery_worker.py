"""A real Celery worker over Redis: completing a course e-mails the learner exactly once, however often the task runs.

The worker runs in a thread of this process (celery.contrib.testing), so rows must be committed for it to see
them (transaction=True), and the locmem mail outbox it writes to is the one this test reads.
"""

import uuid
from types import SimpleNamespace

import pytest
from celery import signals
from celery.app.backends import by_url
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from django.conf import settings
from django.core import mail

from courses.models import Enrolment
from courses.tasks import send_completion_email
from lms.celery import app
from tests.factories import MemberFactory, build_offering, lessons_of

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

OVERRIDDEN = ("task_always_eager", "task_default_queue", "result_backend", "result_expires")
RESULT_TIMEOUT = 30


@pytest.fixture
def redis_worker(transactional_db):
    """Start a worker on a private queue of the test broker, with eager execution off; restore the app after."""
    saved = {key: app.conf[key] for key in OVERRIDDEN}
    # The threads that send tasks keep whatever result backend they already had (none, in tests); only the
    # worker's own threads build theirs from the configuration below. Results are read with `results` instead.
    app.backend  # noqa: B018 - pin this thread's (disabled) backend before the configuration changes
    # A queue of our own: a concurrent test run on the same broker never takes our tasks, nor we theirs.
    queue = f"test-lms-completion-{uuid.uuid4().hex}"
    app.conf.update(
        task_always_eager=False, task_default_queue=queue, result_backend=settings.CELERY_BROKER_URL, result_expires=600
    )
    backend_class, url = by_url(settings.CELERY_BROKER_URL, app.loader)
    results = backend_class(app=app, url=url)
    published: list[str] = []

    def remember_completion_emails(sender=None, headers=None, **kwargs):
        if sender == send_completion_email.name:
            published.append(headers["id"])

    signals.after_task_publish.connect(remember_completion_emails, weak=False)
    try:
        with start_worker(
            app, pool="threads", concurrency=4, perform_ping_check=False, queues=[queue], shutdown_timeout=30
        ) as worker:
            yield SimpleNamespace(
                worker=worker,
                published=published,
                result=lambda task_id: AsyncResult(task_id, backend=results, app=app).get(timeout=RESULT_TIMEOUT),
            )
    finally:
        signals.after_task_publish.disconnect(remember_completion_emails)
        app.conf.update(saved)
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)


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
    again = send_completion_email.delay(enrolment.pk)
    assert again.id != first
    assert redis_worker.result(again.id) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["finisher@example.org"]
    assert "Flow Metrics Fundamentals" in message.subject + message.body
    enrolment.refresh_from_db()
    assert enrolment.completion_notified_at is not None


def test_duplicates_racing_on_several_worker_threads_send_one_email(client, redis_worker):
    learner = MemberFactory(email="racer@example.org")
    course = build_offering(title="Value Stream Mapping", modules=1, lessons_per_module=1)
    enrolment = complete_course_through_the_views(client, learner, course)

    duplicates = [send_completion_email.delay(enrolment.pk).id for _ in range(5)]
    outcomes = [redis_worker.result(task_id) for task_id in [*redis_worker.published[:1], *duplicates]]

    assert outcomes.count(True) == 1 and outcomes.count(False) == 5
    assert [m.to for m in mail.outbox] == [["racer@example.org"]]


def test_worker_sends_nothing_for_an_unfinished_course(client, redis_worker):
    learner = MemberFactory(email="starter@example.org")
    course = build_offering(title="Flow Load Basics", modules=1, lessons_per_module=2)
    client.force_login(learner)
    client.post(course.url + "enrol/")
    client.post(lessons_of(course)[0].url + "complete/")
    enrolment = Enrolment.objects.get(member=learner, offering=course)

    assert redis_worker.published == []  # no completion, no announcement
    assert redis_worker.result(send_completion_email.delay(enrolment.pk).id) is False
    assert mail.outbox == []
    enrolment.refresh_from_db()
    assert enrolment.completion_notified_at is None
