"""Evaluations (courses/evaluations/): asked once per completion and per attended session, the invitation through
the outbox under the member's "Evaluations" preference, one answer per member and activity even on a double
submit, the follow-up window (60 days on, closed at 90), learning gain, the summary, and who reads answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from cms.locale_trees import sync_locale_trees
from courses.evaluations import invitations
from courses.evaluations.gain import gains_by_offering, learning_gain
from courses.evaluations.summary import edition_summaries
from courses.events.attendance import check_in
from courses.models import Evaluation, EvaluationQuestion, EvaluationRequest, FollowUp, QuizAttempt
from lms import communication
from lms.models import EmailCategory
from tests import factories
from tests.courses.evaluation_support import asked_about_course
from tests.courses.events_admin_support import register
from tests.courses.journeys import enrol, finish
from tests.translating import translate

pytestmark = pytest.mark.django_db

GOOD = {"rating": "4", "relevance": "5", "would_recommend": "yes", "comment": "Clear and practical."}


def evaluation_url(asked) -> str:
    return reverse("courses:evaluation", args=[asked.pk])


def follow_up_url(asked) -> str:
    return reverse("courses:evaluation_follow_up", args=[asked.pk])


def invitations_in(mailoutbox):
    return [m for m in mailoutbox if "How did" in m.subject]


# ------------------------------------------------------------------------------------------- who is asked, once


def a_day_later(hours: int = 0):
    return timezone.now() + timedelta(days=1, hours=hours)


def test_a_completion_owes_one_invitation_a_day_later_with_one_click_unsubscribe(
        course, learner, mailoutbox, django_capture_on_commit_callbacks):
    enrolment = enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, factories.lessons_of(course))
    asked = EvaluationRequest.objects.get()
    assert (asked.enrolment_id, asked.member_id, asked.offering_id) == (enrolment.pk, learner.pk, course.pk)
    assert asked.programme_year == course.programme_year
    # Not with the completion notice and the certificate: the member's inbox gets the invitation a day later.
    assert f"You completed {course.title}" in [m.subject for m in mailoutbox] and not invitations_in(mailoutbox)
    assert invitations.send_invitations(timezone.now() + timedelta(hours=23)) == 0
    assert not invitations_in(mailoutbox)
    assert invitations.send_invitations(a_day_later()) == 1
    [letter] = invitations_in(mailoutbox)
    assert letter.to == [learner.email] and course.title in letter.subject
    assert evaluation_url(asked) in letter.body and "Sign in" in letter.body
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The signal again (a retry), the job again, the general sweep: nothing more is owed or sent.
    enrolment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.ask_about_completion(enrolment) is None
    assert invitations.send_invitations(a_day_later(hours=1)) == 0
    from lms import outbox
    outbox.sweep(now=a_day_later(hours=2))
    assert EvaluationRequest.objects.count() == 1 and len(invitations_in(mailoutbox)) == 1


def test_the_invitation_job_sends_a_bounded_batch_oldest_first_and_the_next_run_the_rest(
        learner, mailoutbox, monkeypatch):
    from lms import outbox
    monkeypatch.setattr(outbox, "SWEEP_BATCH", 2)
    for n, days in enumerate((2, 4, 3)):
        asked_about_course(learner, factories.build_offering(title=f"Course {n}"), days_ago=days)
    young = asked_about_course(learner, factories.build_offering(title="Course 3"))
    EvaluationRequest.objects.filter(pk=young.pk).update(activity_at=timezone.now() - timedelta(hours=20))
    assert invitations.send_invitations() == 2
    assert sorted(m.subject for m in invitations_in(mailoutbox)) == ["How did Course 1 go?", "How did Course 2 go?"]
    assert invitations.send_invitations() == 1
    assert invitations_in(mailoutbox)[-1].subject == "How did Course 0 go?"
    assert invitations.send_invitations() == 0  # Course 3 is not a day old yet
    assert invitations.send_invitations(a_day_later()) == 1
    assert len(invitations_in(mailoutbox)) == 4


def test_each_attended_session_of_a_workshop_is_asked_about_on_its_own(learner, staff, mailoutbox,
                                                                       django_capture_on_commit_callbacks):
    workshop = factories.build_workshop(sessions=[factories.session_spec(-3), factories.session_spec(-2)])
    first, second = factories.sessions_of(workshop)
    registrations = [register(learner, session) for session in (first, second)]
    with django_capture_on_commit_callbacks(execute=True):
        check_in(registrations[0], staff, now=first.starts_at)
        check_in(registrations[1], staff, now=second.starts_at)
        check_in(registrations[1], staff, now=second.starts_at + timedelta(minutes=5))  # again: no new request
    assert sorted(EvaluationRequest.objects.values_list("registration_id", flat=True)) == sorted(
        r.pk for r in registrations)
    assert set(EvaluationRequest.objects.values_list("offering_id", flat=True)) == {workshop.pk}
    assert not invitations_in(mailoutbox)
    invitations.send_invitations(a_day_later())
    assert len(invitations_in(mailoutbox)) == 2


def test_a_member_who_turned_evaluations_off_gets_no_letter_but_may_still_answer(course, learner, client, mailoutbox,
                                                                                   django_capture_on_commit_callbacks):
    communication.turn_off(learner, EmailCategory.EVALUATIONS)
    enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, factories.lessons_of(course))
    assert invitations.send_invitations(a_day_later()) == 1
    asked = EvaluationRequest.objects.get()
    assert not invitations_in(mailoutbox)
    assert asked.invitation_sent_at is not None  # settled as moot: the next run leaves it
    assert invitations.send_invitations(a_day_later(hours=1)) == 0
    client.force_login(learner)
    page = client.get(reverse("courses:dashboard"))
    assert "Tell us how it went" in page.content.decode() and evaluation_url(asked) in page.content.decode()


def test_the_preferences_page_offers_the_evaluations_switch(member_client, learner):
    page = member_client.get(reverse("lms:preferences"))
    assert 'name="evaluations"' in page.content.decode()


# ------------------------------------------------------------------------------------------- answering once


def test_an_evaluation_is_recorded_once_and_a_double_submit_is_told_so(member_client, learner, course):
    asked = asked_about_course(learner, course)
    first = member_client.post(evaluation_url(asked), GOOD)
    assert first.status_code == 302
    again = member_client.post(evaluation_url(asked), {**GOOD, "rating": "1"}, follow=True)
    assert again.status_code == 200
    assert "You have answered this evaluation." in again.content.decode()
    evaluation = Evaluation.objects.get()
    assert (evaluation.rating, evaluation.relevance, evaluation.would_recommend) == (4, 5, True)
    assert evaluation.comment == "Clear and practical."


def test_the_database_keeps_one_answer_per_activity(learner, course):
    asked = asked_about_course(learner, course)
    Evaluation.objects.create(request=asked, rating=3, relevance=3, would_recommend=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(request=asked, rating=5, relevance=5, would_recommend=True)
    FollowUp.objects.create(request=asked, applied="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(request=asked, applied="no")


def test_another_members_evaluation_is_not_found(client, learner, other_learner, course):
    asked = asked_about_course(learner, course)
    client.force_login(other_learner)
    assert client.get(evaluation_url(asked)).status_code == 404
    assert client.post(evaluation_url(asked), GOOD).status_code == 404
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(("change", "error"), [
    ({"rating": "6"}, "Choose a number from 1 to 5."),
    ({"rating": "0"}, "Choose a number from 1 to 5."),
    ({"relevance": "three"}, "Choose a number from 1 to 5."),
    ({"rating": ""}, "Choose a number from 1 to 5."),
    ({"would_recommend": "maybe"}, "Answer yes or no."),
    ({"comment": "x" * 2001}, "Ensure this value has at most 2000 characters (it has 2001)."),
    ({"answer_999999": "An answer to nothing"}, "does not ask"),
])
def test_hostile_evaluations_get_a_clear_error_and_store_nothing(member_client, learner, course, change, error):
    asked = asked_about_course(learner, course)
    page = member_client.post(evaluation_url(asked), {**GOOD, **change})
    assert page.status_code == 400
    assert error in page.content.decode()
    assert not Evaluation.objects.exists()


def test_too_many_or_too_long_answers_to_extra_questions_are_refused(member_client, learner, course):
    question = EvaluationQuestion.objects.create(page=course, text="What will you try first?", sort_order=0)
    asked = asked_about_course(learner, course)
    too_many = {f"answer_{question.pk + n}": "extra" for n in range(1, 30)}
    assert member_client.post(evaluation_url(asked), {**GOOD, **too_many}).status_code == 400
    too_long = member_client.post(evaluation_url(asked), {**GOOD, f"answer_{question.pk}": "y" * 501})
    assert too_long.status_code == 400 and "at most 500 characters" in too_long.content.decode()
    fine = member_client.post(evaluation_url(asked), {**GOOD, f"answer_{question.pk}": "Limit work in progress"})
    assert fine.status_code == 302
    assert Evaluation.objects.get().answers == {str(question.pk): "Limit work in progress"}


def test_a_closed_evaluation_is_said_to_be_closed(member_client, learner, course):
    asked = asked_about_course(learner, course, days_ago=91)
    page = member_client.post(evaluation_url(asked), GOOD)
    assert "This evaluation has closed" in page.content.decode()
    assert not Evaluation.objects.exists()


def test_a_translated_offering_asks_the_originals_questions_in_its_own_words(client, learner, course):
    question = EvaluationQuestion.objects.create(page=course, text="What will you try first?", sort_order=0)
    sync_locale_trees()
    spanish = translate(course, "es", title="Fundamentos de métricas de flujo")
    # The editor words the translation's copy of the question; its answers still belong to the original's.
    EvaluationQuestion.objects.filter(page=spanish).delete()
    EvaluationQuestion.objects.create(page=spanish, text="¿Qué probará primero?", sort_order=0)
    asked = asked_about_course(learner, course)
    client.force_login(learner)
    with translation.override("es"):
        spanish_url = evaluation_url(asked)
    page = client.get(spanish_url).content.decode()
    assert "¿Qué probará primero?" in page and f'name="answer_{question.pk}"' in page
    with translation.override("en"):
        english = client.get(evaluation_url(asked)).content.decode()
    assert "What will you try first?" in english and "¿Qué" not in english
    client.post(spanish_url, {**GOOD, f"answer_{question.pk}": "Tablero Kanban"})
    assert Evaluation.objects.get().answers == {str(question.pk): "Tablero Kanban"}


# ------------------------------------------------------------------------------------------- the follow-up window


def test_the_follow_up_is_owed_at_60_days_and_closes_at_90(learner, course, member_client, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    young = asked_about_course(learner, course, days_ago=59)
    due = asked_about_course(learner, factories.build_offering(title="Kanban Basics"), days_ago=60)
    old = asked_about_course(learner, factories.build_offering(title="Flow Debt"), days_ago=90)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.owe_follow_ups() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.owe_follow_ups() == 0  # once
    [letter] = [m for m in mailoutbox if "at work" in m.subject]
    assert "Kanban Basics" in letter.subject and follow_up_url(due) in letter.body
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert "cannot be answered now" in member_client.get(follow_up_url(young)).content.decode()
    assert "cannot be answered now" in member_client.post(follow_up_url(old), {"applied": "yes"}).content.decode()
    assert member_client.post(follow_up_url(due), {"applied": "partly", "example": "Our board"}).status_code == 302
    assert member_client.post(follow_up_url(due), {"applied": "no"}, follow=True).status_code == 200
    follow_up = FollowUp.objects.get()
    assert (follow_up.request_id, follow_up.applied, follow_up.example) == (due.pk, "partly", "Our board")


def test_a_follow_up_whose_window_closed_before_sending_is_not_sent(learner, course, mailoutbox):
    asked = asked_about_course(learner, course, days_ago=60)
    EvaluationRequest.objects.filter(pk=asked.pk).update(
        follow_up_owed_at=timezone.now(), activity_at=timezone.now() - timedelta(days=91))
    from lms import outbox
    assert outbox.send(invitations.FOLLOW_UP, asked.pk) is False
    assert not mailoutbox


def test_a_hostile_follow_up_gets_a_clear_error(member_client, learner, course):
    asked = asked_about_course(learner, course, days_ago=70)
    page = member_client.post(follow_up_url(asked), {"applied": "always", "example": "z" * 2001})
    assert page.status_code == 400
    assert "Answer yes, partly or no." in page.content.decode()
    assert "at most 2000 characters" in page.content.decode()
    assert not FollowUp.objects.exists()


def test_my_learning_lists_what_is_still_open(member_client, learner, course):
    open_now = asked_about_course(learner, course, days_ago=3)
    follow_up_due = asked_about_course(learner, factories.build_offering(title="Kanban Basics"), days_ago=65)
    Evaluation.objects.create(request=follow_up_due, rating=4, relevance=4, would_recommend=True)
    closed = asked_about_course(learner, factories.build_offering(title="Flow Debt"), days_ago=95)
    page = member_client.get(reverse("courses:dashboard")).content.decode()
    assert f'href="{evaluation_url(open_now)}"' in page and f'href="{follow_up_url(follow_up_due)}"' in page
    assert f'href="{evaluation_url(follow_up_due)}"' not in page
    assert f'href="{evaluation_url(closed)}"' not in page and f'href="{follow_up_url(closed)}"' not in page


# ------------------------------------------------------------------------------------------- learning gain


def test_learning_gain_is_post_minus_pre():
    gain = learning_gain(40, 70)
    assert gain is not None and (gain.points, gain.normalised) == (30, 0.5)
    assert learning_gain(None, 70) is None and learning_gain(40, None) is None
    perfect = learning_gain(100, 90)
    assert perfect is not None and perfect.points == -10 and perfect.normalised is None


def attempt(member, lesson, score: int, minutes_ago: int) -> None:
    import uuid
    QuizAttempt.objects.create(member=member, lesson=lesson, quiz_fingerprint="x", submission_token=uuid.uuid4(),
                               score=score, passed=score >= 70,
                               submitted_at=timezone.now() - timedelta(minutes=minutes_ago))


def test_gain_needs_a_pre_assessment_and_counts_the_first_pre_and_latest_post(learner, other_learner):
    course = factories.build_offering(quiz_lessons=((0, 0), (1, 1)))
    pre, *_middle, post = factories.lessons_of(course)
    attempt(learner, pre, 40, minutes_ago=100)
    attempt(learner, pre, 90, minutes_ago=90)  # a retry of the pre-assessment does not count
    attempt(learner, post, 60, minutes_ago=50)
    attempt(learner, post, 80, minutes_ago=10)  # the latest post score counts
    attempt(other_learner, post, 100, minutes_ago=10)  # no pre score: no gain
    assert gains_by_offering([course.pk]) == {}  # no pre-assessment marked: no gain at all

    course.pre_assessment = pre
    course.save()
    [gain] = gains_by_offering([course.pk])[course.pk]
    assert (gain.pre, gain.post, gain.points) == (40, 80, 40)


# ------------------------------------------------------------------------------------------- summary and privacy


def answered(course, *, count: int, rating: int = 4, recommend: bool = True, applied: str = "yes"):
    for n in range(count):
        member = factories.MemberFactory(email=f"m{course.pk}-{n}@example.org")
        asked = asked_about_course(member, course, days_ago=70)
        Evaluation.objects.create(request=asked, rating=rating, relevance=3, would_recommend=recommend and n % 2 == 0)
        FollowUp.objects.create(request=asked, applied=applied if n else "no")


def test_the_summary_counts_and_averages_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    big, small = factories.build_offering(title="Big"), factories.build_offering(title="Small")
    answered(big, count=6, rating=4)
    answered(small, count=2)
    with django_assert_max_num_queries(7):
        summaries = {s.offering_id: s for s in edition_summaries()}
    shown = summaries[big.pk]
    assert (shown.asked, shown.evaluations, shown.follow_ups) == (6, 6, 6)
    assert shown.mean_rating == 4 and shown.mean_relevance == 3 and shown.recommend_rate == pytest.approx(0.5)
    assert shown.applied_rate == pytest.approx(5 / 6) and not shown.suppressed
    hidden = summaries[small.pk]
    assert hidden.evaluations == 2 and hidden.suppressed
    assert hidden.mean_rating is None and hidden.recommend_rate is None and hidden.applied_rate is None


def test_individual_answers_are_for_reporting_staff_only(client, staff, instructor, learner, course):
    asked = asked_about_course(learner, course)
    Evaluation.objects.create(request=asked, rating=2, relevance=2, would_recommend=False, comment="Too fast.")
    host = factories.partner_host_for(factories.PartnerFactory())
    answers = reverse("courses_evaluations:answers", args=[course.pk])
    client.force_login(learner)
    assert client.get(answers).status_code == 302  # no admin at all: Wagtail sends them to sign in
    for person in (instructor, host):
        client.force_login(person)
        assert client.get(answers).status_code == 403
        assert client.get(reverse("courses_evaluations:index")).status_code == 403
    client.force_login(staff)
    assert staff.has_perm("courses.view_evaluation_answers")
    page = client.get(answers)
    assert page.status_code == 200 and "Too fast." in page.content.decode()
    assert client.get(reverse("courses_evaluations:index")).status_code == 200


def test_staff_add_questions_to_an_offering_in_the_page_editor(client, staff, course):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.lms.test_authoring_permissions import course_form, edit_url

    client.force_login(staff)
    form = {key: value for key, value in course_form(course, **{"action-publish": "Publish"}).items()
            if not key.startswith("evaluation_questions-")}
    form.update(nested_form_data({"evaluation_questions": inline_formset([{"text": "What will you try first?"}])}))
    assert client.post(edit_url(course), form).status_code == 302
    assert list(EvaluationQuestion.objects.filter(page=course).values_list("text", flat=True)) == [
        "What will you try first?"]


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_owes_a_follow_up_once_on_a_real_worker_and_the_outbox_sends_it_once(mailoutbox):
    from django.conf import settings

    from courses.tasks import owe_evaluation_follow_ups
    from lms.tasks import send_letter
    from tests.celery_worker import real_worker

    assert settings.CELERY_BEAT_SCHEDULE["evaluation-follow-ups"]["task"] == "courses.tasks.owe_evaluation_follow_ups"
    member = factories.MemberFactory(email="fola@example.org")
    asked = asked_about_course(member, factories.build_offering(title="Kanban Basics"), days_ago=62)
    EvaluationRequest.objects.filter(pk=asked.pk).update(invitation_sent_at=timezone.now())
    with real_worker(send_letter, invitations.FOLLOW_UP) as worker:
        owed = [worker.result(task_id) for task_id in [owe_evaluation_follow_ups.delay().id for _ in range(2)]]
        sent = [worker.result(task_id) for task_id in list(worker.published)]
    assert sorted(owed) == [0, 1] and sent == [True]
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert EvaluationRequest.objects.get().follow_up_sent_at is not None


def test_a_pre_assessment_must_be_a_quiz_lesson_of_its_own_course():
    course = factories.build_offering(quiz_lessons=((0, 0),))
    quiz, plain, *_rest = factories.lessons_of(course)
    elsewhere = factories.lessons_of(factories.build_offering(title="Another", quiz_lessons=((0, 0),)))[0]

    course.pre_assessment = elsewhere
    with pytest.raises(ValidationError) as other_course:
        course.full_clean()
    assert other_course.value.message_dict["pre_assessment"] == ["Choose a lesson of this course."]
    course.pre_assessment = plain
    with pytest.raises(ValidationError) as no_quiz:
        course.full_clean()
    assert "Choose a lesson with a quiz" in no_quiz.value.message_dict["pre_assessment"][0]
    course.pre_assessment = quiz
    course.full_clean()


def test_the_editor_says_why_a_pre_assessment_is_refused(client, staff):
    from tests.lms.test_authoring_permissions import course_form, edit_url

    course = factories.build_offering(quiz_lessons=((0, 0),))
    quiz, plain, *_rest = factories.lessons_of(course)
    client.force_login(staff)
    refused = client.post(edit_url(course), course_form(course, pre_assessment=str(plain.pk),
                                                        **{"action-publish": "Publish"}))
    assert refused.status_code == 200
    assert "Choose a lesson with a quiz" in refused.content.decode()
    assert client.post(edit_url(course), course_form(course, pre_assessment=str(quiz.pk),
                                                     **{"action-publish": "Publish"})).status_code == 302
    course.refresh_from_db()
    assert course.specific.pre_assessment_id == quiz.pk


def test_reporting_staff_export_an_offerings_answers_as_csv(client, staff, instructor, learner, course):
    import csv
    import io

    EvaluationQuestion.objects.create(page=course, text="What will you try first?")
    question = EvaluationQuestion.objects.get(page=course)
    asked = asked_about_course(learner, course)
    Evaluation.objects.create(request=asked, rating=4, relevance=5, would_recommend=True,
                              comment="=HYPERLINK(\"x\")", answers={str(question.pk): "Flow metrics"})
    FollowUp.objects.create(request=asked, applied=FollowUp.Applied.choices[0][0], example="Used it weekly.")
    export = reverse("courses_evaluations:answers_csv", args=[course.pk])
    client.force_login(instructor)
    assert client.get(export).status_code == 403

    client.force_login(staff)
    response = client.get(export)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    head, row = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert "What will you try first?" in head
    found = dict(zip(head, row, strict=True))
    assert found["E-mail"] == learner.email and found["Rating"] == "4" and found["Would recommend"] == "Yes"
    assert found["Comment"] == "'=HYPERLINK(\"x\")"  # never run as a formula
    assert found["What will you try first?"] == "Flow metrics" and found["Example"] == "Used it weekly."
    assert export in client.get(reverse("courses_evaluations:answers", args=[course.pk])).content.decode()
