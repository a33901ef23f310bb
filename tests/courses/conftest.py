"""Helpers for the learning tests: enrol and finish through the real rules, and listen to "course completed"."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.utils import timezone

from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import LessonCompletion, LessonPage, ModulePage
from courses.signals import attendance_recorded, course_completed
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


class SignalLog:
    """Records every signal sent while connected (thread-safe: the concurrency tests use it)."""

    def __init__(self):
        self.calls: list[dict] = []
        self._lock = threading.Lock()

    def __call__(self, sender, **kwargs):
        with self._lock:
            self.calls.append({"sender": sender, **kwargs})

    def __len__(self):
        return len(self.calls)

    def members(self) -> list[int]:
        return [call["member"].pk for call in self.calls]

    def emails(self) -> list[str]:
        return [call["member"].email for call in self.calls]


@contextmanager
def listening(signal):
    log = SignalLog()
    uid = f"tests.signal_log.{id(log)}"
    signal.connect(log, weak=False, dispatch_uid=uid)
    try:
        yield log
    finally:
        signal.disconnect(dispatch_uid=uid)


@pytest.fixture
def completed_signals():
    with listening(course_completed) as log:
        yield log


@pytest.fixture
def attendance_signals():
    with listening(attendance_recorded) as log:
        yield log


@pytest.fixture
def other_learner(db):
    return factories.MemberFactory(email="other@example.org")


@pytest.fixture
def expired_member(db):
    return factories.MemberFactory(email="lapsed@example.org", membership_expires_on=days_from_today(-30))


@pytest.fixture
def non_member_client(client, non_member):
    client.force_login(non_member)
    return client


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
