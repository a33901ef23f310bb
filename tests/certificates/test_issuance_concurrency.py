"""Exactly one certificate per member and achievement under real races: threads on real PostgreSQL, and a real
Celery worker running the issue task twice (and more) over Redis.

Each thread has its own database connection and commits for real, so what is tested is the database's unique
constraint and the status list's row lock, not a lock in Python.
"""

from __future__ import annotations

import pytest
from celery import signals

from certificates import issuance
from certificates.models import Certificate, IssueRequest, RenderState, StatusList
from certificates.tasks import issue_certificate, render_certificate
from lms.celery import app
from tests import factories
from tests.celery_worker import real_worker
from tests.concurrency import run_together

from .factories import complete_course, default_template

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


def test_racing_issues_for_one_completion_make_one_certificate(media_root):
    default_template()
    learner = factories.MemberFactory()
    enrolment = complete_course(learner, factories.build_offering(modules=1, lessons_per_module=1))
    Certificate.objects.all().delete()  # the announcement already issued one; race from nothing

    certificates = run_together(THREADS, lambda i: issuance.issue_for_completion(enrolment.pk))

    assert len({certificate.pk for certificate in certificates}) == 1
    assert Certificate.objects.filter(member=learner).count() == 1
    # The losers' status positions rolled back with their inserts: no gaps were handed out.
    winner = Certificate.objects.get(member=learner)
    assert StatusList.objects.get().next_index == winner.status_list_index + 1


def test_racing_staff_issuing_by_hand_make_one_certificate(media_root):
    default_template()
    staff, member = factories.StaffFactory(), factories.MemberFactory()
    workshop = factories.build_workshop()

    outcomes = run_together(THREADS, lambda i: issuance.issue_by_hand(member, workshop, by=staff, note=f"desk {i}"))

    assert sum(outcome.issued for outcome in outcomes) == 1
    assert len({outcome.certificate.pk for outcome in outcomes}) == 1
    assert Certificate.objects.filter(member=member).count() == 1


def test_different_members_racing_get_distinct_codes_and_positions(media_root):
    default_template()
    course = factories.build_offering(modules=1, lessons_per_module=1)
    members = [factories.MemberFactory() for _ in range(THREADS)]
    enrolments = [complete_course(member, course) for member in members]
    Certificate.objects.all().delete()

    run_together(THREADS, lambda i: issuance.issue_for_completion(enrolments[i].pk))

    rows = list(Certificate.objects.values_list("code", "status_list_index"))
    assert len(rows) == THREADS
    assert len({code for code, _ in rows}) == THREADS
    assert sorted(index for _, index in rows) == list(range(min(i for _, i in rows), min(i for _, i in rows) + THREADS))


# ------------------------------------------------------------------------------------------- a real worker


@pytest.fixture
def redis_worker(transactional_db, media_root):
    with real_worker(issue_certificate) as worker:
        yield worker


@pytest.fixture
def published_renders():
    """Ids of every render task sent (by the worker's issue task too), to wait for their results."""
    ids: list[str] = []

    def remember(sender=None, headers=None, **kwargs):
        if sender == render_certificate.name:
            ids.append(headers["id"])

    signals.after_task_publish.connect(remember, weak=False)
    yield ids
    signals.after_task_publish.disconnect(remember)


@pytest.mark.celery_worker
def test_a_real_worker_issues_once_however_often_the_task_runs(client, redis_worker, published_renders):
    assert not app.conf.task_always_eager
    default_template()
    learner = factories.MemberFactory(first_name="Ngozi", last_name="Eze")
    course = factories.build_offering(title="Flow Load Basics", modules=1, lessons_per_module=1)

    enrolment = complete_course(learner, course)  # commits for real: the announcement enqueues the task

    assert len(redis_worker.published) == 1
    first = redis_worker.result(redis_worker.published[0])
    duplicates = [issue_certificate.delay("completion", enrolment.pk).id for _ in range(5)]
    assert {redis_worker.result(task_id) for task_id in duplicates} == {first}

    certificate = Certificate.objects.get(member=learner)
    assert certificate.pk == first
    assert IssueRequest.objects.get(source="completion", source_id=enrolment.pk).settled_at is not None
    # One render was asked for, by the run that issued; the worker rendered and signed it.
    assert len(published_renders) == 1
    assert redis_worker.result(published_renders[0]) == "ready"
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY and certificate.pdf.read()[:5] == b"%PDF-"
    # Delivered twice more (a retry, the sweep): nothing is rendered again.
    again = render_certificate.delay(certificate.pk).id
    assert redis_worker.result(again) == "already"
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == certificate.pdf.name
