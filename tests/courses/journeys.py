"""How a learner moves through a course, for tests: enrol, finish lessons, add a quiz; through the same rules the
views use, so a test's set-up cannot take a path no learner can."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import LessonCompletion, LessonPage, ModulePage
from tests import factories


def enrol(member, offering):
    """Enrol through the rule the views use; returns the Enrolment."""
    return enrolment_rules.enrol(member, offering).enrolment


def finish(member, lessons):
    """Complete lessons the way a learner would: mark them, or pass their quiz."""
    for lesson in lessons:
        if lesson.has_quiz:
            progress_rules.submit_quiz(
                member, lesson, factories.quiz_post_data(lesson, factories.QUIZ_CORRECT_ANSWERS)
            )
        else:
            progress_rules.complete_lesson(member, lesson, LessonCompletion.Method.MARKED)


def days_from_today(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def add_quiz_lesson(offering, *, pass_mark: int = 70, questions: list[dict] | None = None, title: str = "Quiz"):
    """Append a lesson holding a quiz (raw question dicts as in factories.quiz_block) to the offering's last module."""
    module = ModulePage.objects.child_of(offering).order_by("path").last()
    body = [factories.text_block(), factories.quiz_block(pass_mark=pass_mark, questions=questions)]
    return module.add_child(instance=LessonPage(title=title, body=body))


def single_choice_questions(count: int) -> list[dict]:
    """`count` single-choice questions whose correct answer is choice 0."""
    return [
        {"prompt": f"Question {n}?", "kind": "single", "correct": [0], "choices": ["Right", "Wrong"]}
        for n in range(1, count + 1)
    ]
