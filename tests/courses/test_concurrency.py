"""Concurrent requests against real PostgreSQL: every learning record is written once, completion fires once.

Each test releases its threads together through a Barrier; every thread has its own database connection
(closed when it ends) and commits for real, so the database constraints and row locks are what is tested.
"""

from __future__ import annotations

import pytest
from django.test import Client

from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import Enrolment, EnrolmentEvent, EthicsAttestation, LessonCompletion, QuizAttempt
from tests import factories
from tests.concurrency import run_together
from tests.courses.journeys import enrol, finish
from tests.factories import QUIZ_CORRECT_ANSWERS, lessons_of, quiz_post_data

THREADS = 8
pytestmark = pytest.mark.django_db(transaction=True)


def logged_in_clients(member, count: int) -> list[Client]:
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(member)
        clients.append(client)
    return clients


def test_same_lesson_completed_concurrently_is_recorded_once(learner, course):
    enrol(learner, course)
    lesson = lessons_of(course)[0]

    outcomes = run_together(THREADS, lambda i: progress_rules.complete_lesson(learner, lesson))

    assert LessonCompletion.objects.filter(member=learner, lesson=lesson).count() == 1
    assert sum(outcome.lesson_newly_completed for outcome in outcomes) == 1
    assert Enrolment.objects.get(member=learner).completed_at is None


def test_final_lesson_completed_concurrently_completes_course_once(learner, course, completed_signals, mailoutbox):
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, lessons[:-2])
    last = lessons[-2]  # a marked lesson; the quiz lesson is finished first
    finish(learner, lessons[-1:])
    assert Enrolment.objects.get(member=learner).completed_at is None

    outcomes = run_together(THREADS, lambda i: progress_rules.complete_lesson(learner, last))

    assert LessonCompletion.objects.filter(member=learner, lesson=last).count() == 1
    assert sum(outcome.lesson_newly_completed for outcome in outcomes) == 1
    assert sum(outcome.offering_newly_completed for outcome in outcomes) == 1
    enrolment = Enrolment.objects.get(member=learner)
    assert enrolment.completed_at is not None
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, kind=EnrolmentEvent.Kind.COMPLETED).count() == 1
    assert len(completed_signals) == 1
    assert len([m for m in mailoutbox if m.subject.startswith("You completed")]) == 1


def test_last_different_lessons_completed_concurrently_still_complete_the_course(learner, completed_signals):
    course = factories.build_offering(modules=2, lessons_per_module=4)
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, lessons[:4])
    remaining = lessons[4:]

    run_together(THREADS, lambda i: progress_rules.complete_lesson(learner, remaining[i % len(remaining)]))

    assert LessonCompletion.objects.filter(member=learner).count() == len(lessons)
    enrolment = Enrolment.objects.get(member=learner)
    assert enrolment.completed_at is not None  # no interleaving may leave the course uncompleted
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, kind=EnrolmentEvent.Kind.COMPLETED).count() == 1
    assert len(completed_signals) == 1


def test_the_last_two_lessons_finished_at_the_same_moment_complete_the_course(learner):
    """Each of two transactions must see the other's completion; repeated, since one round may interleave safely."""
    for round_number in range(12):
        course = factories.build_offering(title=f"Two At Once {round_number}", modules=1, lessons_per_module=2)
        enrol(learner, course)
        lessons = lessons_of(course)

        run_together(2, lambda i, lessons=lessons: progress_rules.complete_lesson(learner, lessons[i]))

        assert Enrolment.objects.get(member=learner, offering=course).completed_at is not None, round_number


def test_concurrent_enrol_requests_create_one_enrolment(learner, course):
    clients = logged_in_clients(learner, THREADS)

    responses = run_together(THREADS, lambda i: clients[i].post(course.url + "enrol/"))

    assert [response.status_code for response in responses] == [303] * THREADS
    enrolment = Enrolment.objects.get(member=learner, offering=course)
    assert enrolment.is_active
    assert list(EnrolmentEvent.objects.filter(enrolment=enrolment).values_list("kind", flat=True)) == [
        EnrolmentEvent.Kind.ENROLLED
    ]


def test_concurrent_reenrol_records_one_return(learner, course):
    enrol(learner, course)
    enrolment_rules.withdraw(learner, course)

    outcomes = run_together(THREADS, lambda i: enrolment_rules.enrol(learner, course))

    assert sum(outcome.changed for outcome in outcomes) == 1
    kinds = list(EnrolmentEvent.objects.filter(enrolment__member=learner).values_list("kind", flat=True))
    assert kinds == [EnrolmentEvent.Kind.ENROLLED, EnrolmentEvent.Kind.WITHDREW, EnrolmentEvent.Kind.RE_ENROLLED]
    assert Enrolment.objects.get(member=learner).is_active


def test_same_quiz_form_submitted_concurrently_records_one_attempt(learner, course, completed_signals):
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, lessons[:-1])
    quiz_lesson = lessons[-1]
    form = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)  # one rendered form: one submission_token
    clients = logged_in_clients(learner, THREADS)

    responses = run_together(THREADS, lambda i: clients[i].post(quiz_lesson.url + "quiz/", form))

    attempt = QuizAttempt.objects.get(member=learner)
    assert str(attempt.submission_token) == form["submission_token"]
    assert {response.status_code for response in responses} == {303}
    assert {response["Location"] for response in responses} == {f"{quiz_lesson.url}?attempt={attempt.pk}#quiz-result"}
    assert LessonCompletion.objects.filter(member=learner, lesson=quiz_lesson).count() == 1
    enrolment = Enrolment.objects.get(member=learner)
    assert enrolment.completed_at is not None
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, kind=EnrolmentEvent.Kind.COMPLETED).count() == 1
    assert len(completed_signals) == 1


def test_concurrent_attestations_sign_and_complete_once(learner, completed_signals):
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=2)
    enrol(learner, ethics)
    finish(learner, lessons_of(ethics))

    results = run_together(THREADS, lambda i: progress_rules.sign_attestation(learner, ethics, f"Signer {i}"))

    assert sum(results) == 1
    assert EthicsAttestation.objects.filter(member=learner).count() == 1
    enrolment = Enrolment.objects.get(member=learner)
    assert enrolment.completed_at is not None and enrolment.credited_rcr_minutes == 90
    assert len(completed_signals) == 1
