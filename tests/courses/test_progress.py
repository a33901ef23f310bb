"""Progress rules: what counts, percentages, where to resume, and completing an offering exactly once."""

from decimal import Decimal

import pytest

from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import (
    CoursePage,
    Enrolment,
    EnrolmentEvent,
    EthicsAttestation,
    EthicsModulePage,
    EvaluationRequest,
    LessonCompletion,
)
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def make_optional(lesson):
    lesson.is_required = False
    lesson.save()
    return lesson


# ------------------------------------------------------------------------------------------- percentages


def test_percent_per_module_and_course(learner):
    course = factories.build_offering(modules=2, lessons_per_module=4)
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, lessons[:3])  # three of module 1's four lessons

    progress = progress_rules.offering_progress(course, learner)

    assert [mp.percent for mp in progress.modules] == [75, 0]
    assert (progress.done_count, progress.total_count) == (3, 8)
    assert progress.percent == 37  # 3/8 = 37.5, shown as whole percent done (never rounded up to look done)
    finish(learner, lessons[3:5])
    progress = progress_rules.offering_progress(course, learner)
    assert [mp.percent for mp in progress.modules] == [100, 25]
    assert progress.percent == 62


def test_optional_lessons_do_not_count(learner, course):
    enrol(learner, course)
    lessons = lessons_of(course)
    optional = make_optional(lessons[1])
    finish(learner, [optional])

    progress = progress_rules.offering_progress(course, learner)
    assert progress.total_count == 3
    assert progress.done_count == 0
    assert progress.percent == 0
    assert next(lp for lp in progress.lessons if lp.lesson.pk == optional.pk).done is True

    # Finishing every required lesson completes the course with the optional one still undone elsewhere.
    other = factories.MemberFactory()
    enrol(other, course)
    finish(other, [lesson for lesson in lessons if lesson.pk != optional.pk])
    assert Enrolment.objects.get(member=other).completed_at is not None


def test_quiz_lessons_always_count_even_when_marked_optional(learner, course):
    enrol(learner, course)
    lessons = lessons_of(course)
    quiz_lesson = make_optional(lessons[-1])
    assert quiz_lesson.has_quiz and quiz_lesson.counts_towards_completion

    finish(learner, lessons[:-1])
    progress = progress_rules.offering_progress(course, learner)
    assert (progress.done_count, progress.total_count, progress.percent) == (3, 4, 75)
    assert Enrolment.objects.get(member=learner).completed_at is None

    finish(learner, [quiz_lesson])
    assert Enrolment.objects.get(member=learner).completed_at is not None


# ------------------------------------------------------------------------------------------- resume


def test_resume_starts_at_first_lesson_and_moves_to_first_unfinished(learner, course):
    enrolment = enrol(learner, course)
    lessons = lessons_of(course)
    assert progress_rules.offering_progress(course, learner).resume_lesson == lessons[0]

    finish(learner, [lessons[0], lessons[2]])
    # The last lesson worked on (2.1) is done, so resume at the first unfinished one (1.2).
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_id == lessons[2].pk
    assert progress_rules.offering_progress(course, learner).resume_lesson == lessons[1]


def test_resume_returns_to_last_visited_unfinished_lesson(member_client, learner, course):
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, [lessons[0]])

    # The learner opens lesson 2.1 (skipping 1.2) and leaves without finishing it.
    assert member_client.get(lessons[2].url).status_code == 200

    assert Enrolment.objects.get(member=learner).last_lesson_id == lessons[2].pk
    assert progress_rules.offering_progress(course, learner).resume_lesson == lessons[2]
    overview = member_client.get(course.url).content.decode()
    assert f'href="{lessons[2].url}">Resume where you left off' in overview

    finish(learner, [lessons[2]])
    assert progress_rules.offering_progress(course, learner).resume_lesson == lessons[1]


def test_pick_resume_lesson_rule(course):
    a, b, c, d = lessons_of(course)
    assert progress_rules.pick_resume_lesson([a, b, c], set(), None) == a
    assert progress_rules.pick_resume_lesson([a, b, c], {a.pk}, c) == c
    assert progress_rules.pick_resume_lesson([a, b, c], {a.pk, c.pk}, c) == b
    assert progress_rules.pick_resume_lesson([a, b, c], {a.pk, b.pk, c.pk}, b) == b
    assert progress_rules.pick_resume_lesson([a, b, c], {a.pk, b.pk, c.pk}, None) == a
    assert progress_rules.pick_resume_lesson([], set(), None) is None


# ------------------------------------------------------------------------------------------- completion


def test_course_completion_recorded_once_with_snapshot_and_one_signal(
    learner, completed_signals, django_capture_on_commit_callbacks
):
    course = factories.build_offering(
        title="Flow Metrics Fundamentals", cpd_hours=Decimal("4.5"), cpd_credit_type="technical"
    )
    enrolment = enrol(learner, course)
    lessons = lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, lessons[:-1])
    assert len(completed_signals) == 0
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        outcome = progress_rules.complete_lesson(learner, lessons[-1])
    assert outcome.lesson_newly_completed and outcome.offering_newly_completed

    enrolment.refresh_from_db()
    first_completed_at = enrolment.completed_at
    assert first_completed_at is not None
    assert enrolment.credited_title == "Flow Metrics Fundamentals"
    assert enrolment.credited_cpd_hours == Decimal("4.50")
    assert enrolment.credited_cpd_credit_type == "technical"
    assert enrolment.credited_rcr_minutes is None
    assert len(completed_signals) == 1
    call = completed_signals.calls[0]
    assert call["sender"] is CoursePage
    assert call["enrolment"].pk == enrolment.pk and call["member"] == learner and call["offering"] == course

    # Doing the last lesson again, or the course changing afterwards, changes nothing already credited.
    course.title = "Renamed Later"
    course.cpd_hours = Decimal("9")
    course.save()
    with django_capture_on_commit_callbacks(execute=True):
        again = progress_rules.complete_lesson(learner, lessons[-1])
        assert progress_rules.try_complete_offering(enrolment, course) is False
    assert again.lesson_newly_completed is False and again.offering_newly_completed is False
    enrolment.refresh_from_db()
    assert enrolment.completed_at == first_completed_at
    assert enrolment.credited_title == "Flow Metrics Fundamentals"
    assert enrolment.credited_cpd_hours == Decimal("4.50")
    assert len(completed_signals) == 1
    assert EnrolmentEvent.objects.filter(enrolment=enrolment, kind=EnrolmentEvent.Kind.COMPLETED).count() == 1
    assert progress_rules.offering_progress(course, learner).percent == 100


def test_completion_email_sent_once(learner, course, mailoutbox, django_capture_on_commit_callbacks):
    enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, lessons_of(course))
        finish(learner, lessons_of(course)[:1])
    completion = [m for m in mailoutbox if m.subject.startswith("You completed")]
    assert len(completion) == 1
    assert completion[0].to == [learner.email]


def test_course_with_zero_lessons_never_completes(learner, completed_signals, django_capture_on_commit_callbacks):
    empty = factories.build_offering(title="Coming Soon", modules=1, lessons_per_module=0)
    enrolment = enrol(learner, empty)

    with django_capture_on_commit_callbacks(execute=True):
        assert progress_rules.try_complete_offering(enrolment, empty) is False

    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    progress = progress_rules.offering_progress(empty, learner)
    assert progress.percent == 0 and progress.is_complete is False
    assert len(completed_signals) == 0


def test_unpublished_lessons_do_not_count(learner, course):
    enrol(learner, course)
    lessons = lessons_of(course)
    lessons[-1].unpublish()  # the quiz lesson is withdrawn by the author
    finish(learner, lessons[:-1])
    assert Enrolment.objects.get(member=learner).completed_at is not None


def test_withdrawn_learner_cannot_complete_lessons(learner, course):
    enrol(learner, course)
    enrolment_rules.withdraw(learner, course)
    with pytest.raises(progress_rules.LearningActionRefused) as refused:
        progress_rules.complete_lesson(learner, lessons_of(course)[0])
    assert refused.value.status == 403
    assert not LessonCompletion.objects.exists()


def test_mark_complete_refused_for_quiz_lesson(member_client, learner, course):
    enrol(learner, course)
    quiz_lesson = lessons_of(course)[-1]

    response = member_client.post(quiz_lesson.url + "complete/")

    assert response.status_code == 409
    assert "This lesson is completed by passing its quiz." in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_mark_complete_route_records_and_moves_on(member_client, learner, course):
    enrol(learner, course)
    first, second = lessons_of(course)[:2]

    response = member_client.post(first.url + "complete/")

    assert response.status_code == 303
    assert response["Location"] == second.url
    completion = LessonCompletion.objects.get(member=learner, lesson=first)
    assert completion.method == LessonCompletion.Method.MARKED


# ------------------------------------------------------------------------------------------- ethics / RCR


@pytest.fixture
def ethics(db):
    return factories.build_ethics_module(modules=1, lessons_per_module=2, rcr_minutes=90, cpd_hours=Decimal("1.5"))


def test_ethics_module_needs_attestation_after_every_lesson(
    learner, ethics, completed_signals, django_capture_on_commit_callbacks
):
    enrolment = enrol(learner, ethics)
    lessons = lessons_of(ethics)
    finish(learner, lessons[:1])

    with pytest.raises(progress_rules.LearningActionRefused) as refused:
        progress_rules.sign_attestation(learner, ethics, "Ada Lovelace")
    assert refused.value.status == 409
    assert "Finish every lesson" in str(refused.value)
    assert not EthicsAttestation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, lessons[1:])
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # every lesson done, but not signed yet
    progress = progress_rules.offering_progress(ethics, learner)
    assert progress.awaiting_attestation is True
    assert len(completed_signals) == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert progress_rules.sign_attestation(learner, ethics, "  Ada Lovelace ") is True
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.credited_rcr_minutes == 90
    assert enrolment.credited_cpd_credit_type == "ethics"
    assert enrolment.credited_cpd_hours == Decimal("1.50")
    attestation = EthicsAttestation.objects.get(member=learner, offering=ethics)
    assert attestation.signed_name == "Ada Lovelace"
    assert attestation.statement == ethics.attestation_statement
    assert len(completed_signals) == 1
    assert completed_signals.calls[0]["sender"] is EthicsModulePage

    with django_capture_on_commit_callbacks(execute=True):
        assert progress_rules.sign_attestation(learner, ethics, "Someone Else") is False
    assert EthicsAttestation.objects.filter(member=learner).count() == 1
    assert EthicsAttestation.objects.get(member=learner).signed_name == "Ada Lovelace"
    assert len(completed_signals) == 1


def test_attest_route_shows_form_then_completes(member_client, learner, ethics):
    member_client.post(ethics.url + "enrol/")
    finish(learner, lessons_of(ethics))
    overview = member_client.get(ethics.url).content.decode()
    assert "Sign the statement" in overview
    assert ethics.attestation_statement[:40] in overview

    response = member_client.post(ethics.url + "attest/", {"signed_name": "Grace Hopper"}, follow=True)

    assert response.status_code == 200
    body = response.content.decode()
    assert f"Statement signed. You have completed {ethics.title}." in body
    assert "Sign the statement" not in body
    assert Enrolment.objects.get(member=learner).credited_rcr_minutes == 90


def test_attest_route_refused_before_lessons_done(member_client, learner, ethics):
    member_client.post(ethics.url + "enrol/")
    response = member_client.post(ethics.url + "attest/", {"signed_name": "Grace Hopper"})
    assert response.status_code == 409
    assert "Finish every lesson before signing the statement." in response.content.decode()
    assert not EthicsAttestation.objects.exists()


def test_course_does_not_take_an_attestation(member_client, learner, course):
    enrol(learner, course)
    response = member_client.post(course.url + "attest/", {"signed_name": "Grace Hopper"})
    assert response.status_code == 400
    assert not EthicsAttestation.objects.exists()


def test_a_failing_completion_listener_neither_fails_the_request_nor_silences_the_others(
    member_client, learner, django_capture_on_commit_callbacks, mailoutbox
):
    from courses.signals import course_completed

    def broken_listener(**kwargs):
        raise RuntimeError("certificate service down")

    course_completed.connect(broken_listener, dispatch_uid="test-broken-listener")
    try:
        course = factories.build_offering(title="Resilient Course", modules=1, lessons_per_module=1)
        enrol(learner, course)
        with django_capture_on_commit_callbacks(execute=True):
            response = member_client.post(lessons_of(course)[0].url + "complete/")
    finally:
        course_completed.disconnect(dispatch_uid="test-broken-listener")
    assert response.status_code == 303
    assert Enrolment.objects.get(member=learner, offering=course).completed_at is not None
    # The congratulation still went; so did the certificate, whose listener runs after the broken one (and the
    # evaluation was asked for: its invitation goes a day later).
    assert sorted(m.subject for m in mailoutbox) == ["You completed Resilient Course",
                                                     "Your certificate for Resilient Course"]
    assert EvaluationRequest.objects.filter(member=learner, offering=course).exists()


def test_missed_completion_emails_are_sent_by_the_sweep(learner, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    from courses.letters import COMPLETION
    from lms.tasks import sweep_outbox

    course = factories.build_offering(title="Quiet Course", modules=1, lessons_per_module=1)
    enrol(learner, course)
    finish(learner, lessons_of(course))  # on_commit never runs in this test: no e-mail was sent
    Enrolment.objects.filter(member=learner).update(completed_at=timezone.now() - timedelta(hours=1))
    assert mailoutbox == []
    assert sweep_outbox()[COMPLETION] == 1
    assert len(mailoutbox) == 1 and "Quiet Course" in mailoutbox[0].subject
    assert sweep_outbox()[COMPLETION] == 0
