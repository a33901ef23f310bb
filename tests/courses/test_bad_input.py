"""Forged, stale, malformed and repeated requests: a clear message, a 4xx (never a 500), and no extra record."""

import uuid

import pytest
from django.test import Client

from courses.models import Enrolment, EthicsAttestation, LessonCompletion, QuizAttempt
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.factories import QUIZ_CORRECT_ANSWERS, QUIZ_WRONG_ANSWERS, lessons_of, quiz_post_data

pytestmark = pytest.mark.django_db

CSRF_PAGE_TEXT = "The form you sent was out of date or did not come from this site, so nothing was changed."


@pytest.fixture
def two_quiz_course(learner):
    course = factories.build_offering(quiz_lessons=((0, 1), (1, 1)))
    enrol(learner, course)
    return course


@pytest.fixture
def quiz_lesson(course, learner):
    enrol(learner, course)
    return lessons_of(course)[-1]


def post_quiz(client, lesson, data):
    return client.post(lesson.url + "quiz/", data)


# ------------------------------------------------------------------------------------------- forged / wrong method


def test_forged_enrol_without_csrf_token_is_refused_with_explanation(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(course.url + "enrol/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "This form could not be accepted" in page
    assert CSRF_PAGE_TEXT in page
    assert not Enrolment.objects.exists()


def test_forged_quiz_and_completion_posts_change_nothing(learner, quiz_lesson, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    quiz = client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS))
    complete = client.post(lessons_of(course)[0].url + "complete/")

    assert quiz.status_code == complete.status_code == 403
    assert CSRF_PAGE_TEXT in quiz.content.decode()
    assert not QuizAttempt.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_form_with_a_real_csrf_token_is_accepted(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    client.get(course.url)  # sets the CSRF cookie, as a browser would

    response = client.post(course.url + "enrol/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    assert response.status_code == 303
    assert Enrolment.objects.filter(member=learner).count() == 1


@pytest.mark.parametrize("route", ["enrol/", "leave/", "attest/"])
def test_get_on_offering_post_only_routes_is_405(member_client, course, route):
    response = member_client.get(course.url + route)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This address only accepts form submissions." in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("route", ["complete/", "quiz/"])
def test_get_on_lesson_post_only_routes_is_405(member_client, quiz_lesson, route):
    response = member_client.get(quiz_lesson.url + route)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This address only accepts form submissions." in response.content.decode()
    assert not LessonCompletion.objects.exists()
    assert not QuizAttempt.objects.exists()


# ------------------------------------------------------------------------------------------- quiz forms


def test_answers_for_another_lessons_quiz_are_refused(member_client, learner, two_quiz_course):
    lesson_a = lessons_of(two_quiz_course)[1]
    lesson_b = lessons_of(two_quiz_course)[3]
    assert lesson_a.has_quiz and lesson_b.has_quiz
    form_from_a = quiz_post_data(lesson_a, QUIZ_CORRECT_ANSWERS)

    response = post_quiz(member_client, lesson_b, form_from_a)

    assert response.status_code == 400
    assert "These answers belong to a different quiz" in response.content.decode()
    assert not QuizAttempt.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_stale_quiz_form_is_refused_with_409(member_client, learner, quiz_lesson):
    form = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)  # rendered before the author edits the quiz
    quiz_lesson.body[1].value["questions"][0]["choices"][0]["text"] = "Organisation charts"
    quiz_lesson.save()

    response = post_quiz(member_client, quiz_lesson, form)

    assert response.status_code == 409
    page = response.content.decode()
    assert "This quiz was changed after you opened it. Your answers were not recorded" in page
    assert "Organisation charts" in page  # the current quiz is shown to answer again
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"q1": ["7"], "q2": ["0"]}, "Question 1 has an answer that is not one of its choices."),
        ({"q1": ["-1"], "q2": ["0"]}, "Question 1 has an answer that is not one of its choices."),
        ({"q1": ["1"], "q2": ["first"]}, "Question 2 has an answer that is not one of its choices."),
        ({"q1": ["1"], "q2": ["9" * 5000]}, "Question 2 has an answer that is not one of its choices."),
        ({"q1": ["0", "1"], "q2": ["0"]}, "Question 1 takes a single answer."),
    ],
)
def test_malformed_answers_are_refused(member_client, learner, quiz_lesson, answers, message):
    response = post_quiz(member_client, quiz_lesson, quiz_post_data(quiz_lesson, answers))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_unanswered_question_rerenders_form_keeping_other_selections(member_client, learner, quiz_lesson):
    response = post_quiz(member_client, quiz_lesson, quiz_post_data(quiz_lesson, {"q2": ["0", "2"]}))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Please answer every question before submitting (unanswered: 1)." in page
    assert 'role="alert" id="quiz-error"' in page
    assert 'id="q2-0" value="0" checked' in page
    assert 'id="q2-2" value="2" checked' in page
    assert 'id="q2-1" value="1" checked' not in page
    assert 'name="q1" id="q1-0" value="0" checked' not in page
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("token", [None, "", "not-a-uuid", "12345", "\x00"])
def test_missing_or_garbled_submission_token_is_refused(member_client, learner, quiz_lesson, token):
    data = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)
    if token is None:
        del data["submission_token"]
    else:
        data["submission_token"] = token

    response = post_quiz(member_client, quiz_lesson, data)

    assert response.status_code == 400
    assert "This quiz form is incomplete; reload the lesson and answer again." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_missing_quiz_id_or_fingerprint_is_refused(member_client, learner, quiz_lesson):
    data = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)
    no_id = {k: v for k, v in data.items() if k != "quiz_id"}
    no_fingerprint = {k: v for k, v in data.items() if k != "fingerprint"}

    assert post_quiz(member_client, quiz_lesson, no_id).status_code == 400
    assert post_quiz(member_client, quiz_lesson, no_fingerprint).status_code == 409
    assert not QuizAttempt.objects.exists()


def test_quiz_answers_posted_to_a_lesson_without_a_quiz(member_client, learner, quiz_lesson, course):
    plain = lessons_of(course)[0]
    response = post_quiz(member_client, plain, quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS))
    assert response.status_code == 400
    assert "This lesson has no quiz to answer." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_duplicate_submit_records_one_attempt(member_client, learner, quiz_lesson):
    form = quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS)

    first = post_quiz(member_client, quiz_lesson, form)
    second = post_quiz(member_client, quiz_lesson, form)
    # Even a changed resubmission of the same rendered form is the same attempt.
    third = post_quiz(member_client, quiz_lesson, {**form, **QUIZ_CORRECT_ANSWERS})

    attempt = QuizAttempt.objects.get(member=learner)
    assert first.status_code == second.status_code == third.status_code == 303
    assert first["Location"] == second["Location"] == third["Location"]
    assert f"attempt={attempt.pk}" in first["Location"]
    assert attempt.score == 0
    assert not LessonCompletion.objects.exists()


# ------------------------------------------------------------------------------------------- lessons and attestations


def test_completing_a_lesson_without_enrolment_is_refused(member_client, learner, course):
    lesson = lessons_of(course)[0]

    response = member_client.post(lesson.url + "complete/")

    assert response.status_code == 403
    assert f"You are not enrolled in {course.title}. Enrol first, then continue." in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_quiz_without_enrolment_is_refused(member_client, learner, course):
    quiz_lesson = lessons_of(course)[-1]
    response = post_quiz(member_client, quiz_lesson, quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS))
    assert response.status_code == 403
    assert "You are not enrolled in" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_anonymous_learning_posts_redirect_to_login(client, course):
    lesson = lessons_of(course)[0]
    for url in (lesson.url + "complete/", course.url + "leave/", course.url + "attest/"):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not LessonCompletion.objects.exists()


def test_mark_complete_twice_records_one_completion(member_client, learner, course):
    enrol(learner, course)
    lesson = lessons_of(course)[0]

    member_client.post(lesson.url + "complete/")
    response = member_client.post(lesson.url + "complete/", follow=True)

    assert response.status_code == 200
    assert "This lesson was already complete." in response.content.decode()
    assert LessonCompletion.objects.filter(member=learner, lesson=lesson).count() == 1


@pytest.mark.parametrize("name", ["", "   ", "A", "Ada\x00Lovelace"])
def test_attest_with_blank_or_unusable_name_is_refused(member_client, learner, name):
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1)
    enrol(learner, ethics)
    finish(learner, lessons_of(ethics))

    response = member_client.post(ethics.url + "attest/", {"signed_name": name})

    assert response.status_code == 400
    assert "Type your full name to sign the statement." in response.content.decode()
    assert not EthicsAttestation.objects.exists()
    assert Enrolment.objects.get(member=learner).completed_at is None


def test_attest_with_an_overlong_name_is_refused(member_client, learner):
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1)
    enrol(learner, ethics)
    finish(learner, lessons_of(ethics))

    response = member_client.post(ethics.url + "attest/", {"signed_name": "A" * 201})

    assert response.status_code == 400
    assert "200 characters" in response.content.decode()
    assert not EthicsAttestation.objects.exists()


def test_attest_without_a_name_field_is_refused(member_client, learner):
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1)
    enrol(learner, ethics)
    finish(learner, lessons_of(ethics))
    assert member_client.post(ethics.url + "attest/").status_code == 400
    assert not EthicsAttestation.objects.exists()


# ------------------------------------------------------------------------------------------- odd query strings


@pytest.mark.parametrize("attempt", ["abc", "-1", "99999999", "1e3", "", "%00"])
def test_bogus_attempt_parameter_shows_the_plain_lesson(member_client, learner, quiz_lesson, attempt):
    response = member_client.get(f"{quiz_lesson.url}?attempt={attempt}")
    assert response.status_code == 200
    assert "Not passed yet" not in response.content.decode()


def test_submission_token_of_another_member_is_not_their_attempt(client, learner, other_learner, quiz_lesson, course):
    token = str(uuid.uuid4())
    client.force_login(learner)
    post_quiz(client, quiz_lesson, {**quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS), "submission_token": token})
    enrol(other_learner, course)
    client.force_login(other_learner)
    post_quiz(client, quiz_lesson, {**quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS), "submission_token": token})

    assert QuizAttempt.objects.get(member=other_learner).passed is True
    assert QuizAttempt.objects.get(member=learner).passed is False
