"""Quiz grading (all-or-nothing per question, whole-percent scores) and the lesson's quiz/ route."""

import pytest
from django.http import QueryDict

from courses.learning import progress as progress_rules
from courses.learning.quiz import QuizAnswerError, grade, quiz_fingerprint, read_answers
from courses.models import LessonCompletion, QuizAttempt
from tests import factories
from tests.courses.journeys import add_quiz_lesson, enrol, single_choice_questions
from tests.factories import QUIZ_CORRECT_ANSWERS, QUIZ_WRONG_ANSWERS, lessons_of, quiz_post_data


def quiz_value(pass_mark=70, questions=None):
    return factories.quiz_block(pass_mark=pass_mark, questions=questions)["value"]


def all_right(count):
    return {n: (0,) for n in range(1, count + 1)}


def right_then_wrong(count, right):
    return {n: (0,) if n <= right else (1,) for n in range(1, count + 1)}


# ------------------------------------------------------------------------------------------- grading (pure)


def test_single_and_multiple_choice_graded_all_or_nothing():
    quiz = quiz_value()  # q1 single: choice 1; q2 multiple: choices 0 and 2

    assert grade(quiz, {1: (1,), 2: (0, 2)}).score == 100
    partial = grade(quiz, {1: (1,), 2: (0,)})  # one of two correct boxes is not half marks
    assert [q.correct for q in partial.questions] == [True, False]
    assert partial.score == 50
    extra = grade(quiz, {1: (1,), 2: (0, 1, 2)})  # ticking every box is not correct either
    assert [q.correct for q in extra.questions] == [True, False]
    assert grade(quiz, {1: (0,), 2: (1,)}).score == 0
    assert partial.questions[1].correct_choices == (0, 2)
    assert partial.questions[1].chosen == (0,)


@pytest.mark.parametrize(
    ("questions", "right", "expected"),
    [
        (3, 1, 33),  # 33.33
        (3, 2, 67),  # 66.67
        (6, 1, 17),  # 16.67
        (8, 1, 13),  # 12.5: halves round up
        (8, 3, 38),  # 37.5
        (8, 5, 63),  # 62.5
        (8, 7, 88),  # 87.5
        (7, 7, 100),
    ],
)
def test_score_is_a_whole_percent_rounded_half_up(questions, right, expected):
    quiz = quiz_value(questions=single_choice_questions(questions))
    result = grade(quiz, right_then_wrong(questions, right))
    assert result.score == expected
    assert result.correct_count == right


@pytest.mark.parametrize(("pass_mark", "passed"), [(66, True), (67, True), (68, False)])
def test_pass_mark_boundary_uses_the_shown_score(pass_mark, passed):
    quiz = quiz_value(pass_mark=pass_mark, questions=single_choice_questions(3))
    result = grade(quiz, right_then_wrong(3, 2))
    assert result.score == 67
    assert result.passed is passed
    assert result.pass_mark == pass_mark


def test_pass_mark_100_needs_everything_right():
    quiz = quiz_value(pass_mark=100, questions=single_choice_questions(4))
    assert grade(quiz, right_then_wrong(4, 3)).passed is False
    assert grade(quiz, all_right(4)).passed is True


def test_read_answers_accepts_a_browser_form():
    quiz = quiz_value()
    data = QueryDict(mutable=True)
    data.setlist("q1", ["1"])
    data.setlist("q2", ["2", "0", "2"])
    assert read_answers(quiz, data) == {1: (1,), 2: (0, 2)}


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"q1": ["3"], "q2": ["0"]}, "Question 1 has an answer that is not one of its choices."),
        ({"q1": ["-1"], "q2": ["0"]}, "Question 1 has an answer that is not one of its choices."),
        ({"q1": ["1"], "q2": ["zero"]}, "Question 2 has an answer that is not one of its choices."),
        ({"q1": ["0", "1"], "q2": ["0"]}, "Question 1 takes a single answer."),
        ({"q1": ["1"]}, "unanswered: 2"),
        ({}, "unanswered: 1, 2"),
    ],
)
def test_read_answers_refuses_what_is_not_an_answer(answers, message):
    data = QueryDict(mutable=True)
    for key, values in answers.items():
        data.setlist(key, values)
    with pytest.raises(QuizAnswerError) as error:
        read_answers(quiz_value(), data)
    assert message in str(error.value)
    assert error.value.status == 400


def test_fingerprint_changes_when_questions_change():
    quiz = quiz_value()
    changed = quiz_value()
    changed["questions"][0]["choices"][0]["text"] = "Org charts (revised)"
    assert quiz_fingerprint(quiz) == quiz_fingerprint(quiz_value())
    assert quiz_fingerprint(quiz) != quiz_fingerprint(changed)


# ------------------------------------------------------------------------------------------- the quiz route


@pytest.fixture
def quiz_lesson(course, learner):
    enrol(learner, course)
    return lessons_of(course)[-1]


@pytest.mark.django_db
def test_failing_then_passing_keeps_every_attempt_and_completes_the_lesson(member_client, learner, quiz_lesson):
    failed = member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS))
    assert failed.status_code == 303
    first = QuizAttempt.objects.get(member=learner)
    assert failed["Location"] == f"{quiz_lesson.url}?attempt={first.pk}#quiz-result"
    assert (first.score, first.passed) == (0, False)
    assert not LessonCompletion.objects.filter(member=learner, lesson=quiz_lesson).exists()
    page = member_client.get(failed["Location"]).content.decode()
    assert "You scored 0%; 70% passes." in page

    half = {"q1": ["1"], "q2": ["0"]}
    member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, half))
    passed = member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS))
    assert passed.status_code == 303

    assert list(QuizAttempt.objects.filter(member=learner).order_by("pk").values_list("score", "passed")) == [
        (0, False),
        (50, False),
        (100, True),
    ]
    completion = LessonCompletion.objects.get(member=learner, lesson=quiz_lesson)
    assert completion.method == LessonCompletion.Method.QUIZ

    page = member_client.get(quiz_lesson.url).content.decode()
    assert "You have made 3 attempts." in page
    assert "Best score: 100%." in page
    assert "Submit again" in page

    # A worse attempt afterwards neither lowers the best score nor undoes the completion.
    member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS))
    page = member_client.get(quiz_lesson.url).content.decode()
    assert "Best score: 100%." in page and "You have made 4 attempts." in page
    assert LessonCompletion.objects.filter(member=learner, lesson=quiz_lesson).count() == 1
    outline = progress_rules.offering_progress(quiz_lesson.get_parent().get_parent().specific, learner)
    assert next(lp for lp in outline.lessons if lp.lesson.pk == quiz_lesson.pk).best_score == 100


@pytest.mark.django_db
def test_attempt_page_shows_per_question_results_and_explanations(member_client, learner, quiz_lesson):
    before = member_client.get(quiz_lesson.url).content.decode()
    assert "Because flow matters." not in before  # explanations only after an attempt
    assert "Not quite." not in before

    half = {"q1": ["1"], "q2": ["0"]}
    response = member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, half), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not passed yet" in page
    assert "50% (1 of 2 correct)" in page
    assert '<p class="result-correct">Correct.</p>' in page
    assert '<p class="result-incorrect">Not quite.</p>' in page
    assert page.count("Because flow matters.") == 2
    # The learner's choices are shown as they made them.
    assert 'id="q1-1" value="1" checked' in page
    assert 'id="q2-0" value="0" checked' in page
    assert 'id="q2-2" value="2" checked' not in page


@pytest.mark.django_db
def test_another_member_cannot_view_an_attempt_by_id(client, learner, other_learner, quiz_lesson):
    client.force_login(learner)
    client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS))
    attempt = QuizAttempt.objects.get(member=learner)
    own = client.get(f"{quiz_lesson.url}?attempt={attempt.pk}").content.decode()
    assert "Because flow matters." in own

    enrol(other_learner, quiz_lesson.get_parent().get_parent().specific)
    client.force_login(other_learner)
    response = client.get(f"{quiz_lesson.url}?attempt={attempt.pk}")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not passed yet" not in page
    assert "Because flow matters." not in page
    assert " checked" not in page
    assert "You have made" not in page


@pytest.mark.django_db
def test_attempt_from_an_older_quiz_version_is_not_regraded(member_client, learner, quiz_lesson):
    member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_WRONG_ANSWERS))
    attempt = QuizAttempt.objects.get(member=learner)
    quiz_lesson.body[1].value["questions"][0]["prompt"] = "A reworded question?"
    quiz_lesson.save()

    page = member_client.get(f"{quiz_lesson.url}?attempt={attempt.pk}").content.decode()

    assert "Not passed yet" not in page
    assert "A reworded question?" in page


@pytest.mark.django_db
def test_pass_mark_boundary_through_the_route(member_client, learner, course):
    enrol(learner, course)
    at_mark = add_quiz_lesson(course, pass_mark=67, questions=single_choice_questions(3), title="At the mark")
    above_mark = add_quiz_lesson(course, pass_mark=68, questions=single_choice_questions(3), title="Above it")
    two_of_three = {"q1": ["0"], "q2": ["0"], "q3": ["1"]}

    member_client.post(at_mark.url + "quiz/", quiz_post_data(at_mark, two_of_three))
    member_client.post(above_mark.url + "quiz/", quiz_post_data(above_mark, two_of_three))

    assert QuizAttempt.objects.get(lesson=at_mark).passed is True
    assert QuizAttempt.objects.get(lesson=above_mark).passed is False
    assert QuizAttempt.objects.get(lesson=above_mark).score == 67
    assert LessonCompletion.objects.filter(lesson=at_mark).exists()
    assert not LessonCompletion.objects.filter(lesson=above_mark).exists()


# ------------------------------------------------------------------------------ fields that are not answers


def test_read_answers_refuses_fields_that_are_not_this_quizs_questions():
    data = QueryDict(mutable=True)
    data.update({"quiz_id": "x", "fingerprint": "y", "submission_token": "z", "csrfmiddlewaretoken": "t"})
    data.setlist("q1", ["1"])
    data.setlist("q2", ["0"])
    assert read_answers(quiz_value(), data) == {1: (1,), 2: (0,)}  # the form's own fields are fine
    data.setlist("q3", ["0"])  # a question this quiz does not have
    with pytest.raises(QuizAnswerError) as error:
        read_answers(quiz_value(), data)
    assert "not questions of this quiz" in str(error.value) and "q3" in str(error.value)


def test_read_answers_refuses_more_answers_than_a_question_has_choices():
    data = QueryDict(mutable=True)
    data.setlist("q1", ["1"])
    data.setlist("q2", ["0"] * 50)  # the same box ticked fifty times is not an answer a browser sends
    with pytest.raises(QuizAnswerError) as error:
        read_answers(quiz_value(), data)
    assert "Question 2 has more answers than it has choices." in str(error.value)


@pytest.mark.django_db
def test_extra_fields_are_refused_and_no_attempt_is_recorded(member_client, learner, quiz_lesson):
    """Hundreds of extra fields reach the quiz rule (thousands meet the request bound first: test_request_bounds)."""
    form = quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS)
    form.update({f"extra{n}": "x" * 20 for n in range(300)})
    answer = member_client.post(quiz_lesson.url + "quiz/", form)
    assert answer.status_code == 400
    assert "not questions of this quiz" in answer.content.decode()
    assert not QuizAttempt.objects.filter(member=learner).exists()
    assert not LessonCompletion.objects.filter(member=learner, lesson=quiz_lesson).exists()
