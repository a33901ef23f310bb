"""A real Celery worker over Redis for the tests that need one (the `celery_worker` marker).

The worker runs in threads of this process (celery.contrib.testing), so rows must be committed for it to see
them (transaction=True), and the locmem mail outbox it writes to is the one the test reads.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from celery import signals
from celery.app.backends import by_url
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from celery.worker import state as worker_state
from django.conf import settings

from lms.celery import app

OVERRIDDEN = ("task_always_eager", "task_default_queue", "result_backend", "result_expires")
RESULT_TIMEOUT = 30
IDLE_CHECKS = 3  # consecutive idle looks, 50 ms apart, before the worker counts as drained


def _wait_until_drained(queue: str) -> None:
    """Wait until the queue is empty and no task runs or waits in the worker.

    The testing worker stops with a cold shutdown, which leaves a running task's thread going: a task the test
    set off without waiting for (a certificate rendered after a completion) would then touch the database while
    the test database is flushed. Draining first makes the teardown see a quiet worker.
    """
    deadline = time.monotonic() + RESULT_TIMEOUT
    idle_looks = 0
    while idle_looks < IDLE_CHECKS:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the test worker still had work on {queue} after {RESULT_TIMEOUT} s")
        with app.connection_for_write() as connection:
            waiting = connection.default_channel.queue_declare(queue).message_count
        busy = waiting or worker_state.active_requests or worker_state.reserved_requests
        idle_looks = 0 if busy else idle_looks + 1
        time.sleep(0.05)


@contextmanager
def real_worker(watched_task, first_arg=None) -> Iterator[SimpleNamespace]:
    """Start a worker on a private queue of the test broker, with eager execution off; restore the app after.

    Yields `published` (ids of every `watched_task` sent, by the test or by the worker's own tasks; only those
    whose first argument is `first_arg` when given, e.g. one outbox letter) and `result(task_id)` (waits for a
    task's return value).
    """
    saved = {key: app.conf[key] for key in OVERRIDDEN}
    # The threads that send tasks keep whatever result backend they already had (none, in tests); only the
    # worker's own threads build theirs from the configuration below. Results are read with `results` instead.
    app.backend  # noqa: B018 - pin this thread's (disabled) backend before the configuration changes
    # A queue of our own: a concurrent test run on the same broker never takes our tasks, nor we theirs.
    queue = f"test-lms-{uuid.uuid4().hex}"
    app.conf.update(
        task_always_eager=False, task_default_queue=queue, result_backend=settings.CELERY_BROKER_URL, result_expires=600
    )
    backend_class, url = by_url(settings.CELERY_BROKER_URL, app.loader)
    results = backend_class(app=app, url=url)
    published: list[str] = []

    def remember_watched(sender=None, headers=None, body=None, **kwargs):
        args = body[0] if body else ()
        if sender == watched_task.name and (first_arg is None or (args and args[0] == first_arg)):
            published.append(headers["id"])

    signals.after_task_publish.connect(remember_watched, weak=False)
    try:
        with start_worker(
            app, pool="threads", concurrency=4, perform_ping_check=False, queues=[queue], shutdown_timeout=30
        ) as worker:
            try:
                yield SimpleNamespace(
                    worker=worker,
                    published=published,
                    result=lambda task_id: AsyncResult(task_id, backend=results, app=app).get(timeout=RESULT_TIMEOUT),
                )
            finally:
                _wait_until_drained(queue)
    finally:
        signals.after_task_publish.disconnect(remember_watched)
        app.conf.update(saved)
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
