"""Courses' activity for the engagement report (the `member_activity_sources` hook): enrolling, completing a
lesson, submitting a quiz, registering for a session, and attending one (dated by the session's start)."""

from __future__ import annotations

from lms.extension_points import ActivitySource

from ..models import Enrolment, LessonCompletion, QuizAttempt, Registration


def activity_sources() -> list[ActivitySource]:
    return [
        ActivitySource(Enrolment.objects.all(), "member", "enrolled_at"),
        ActivitySource(LessonCompletion.objects.all(), "member", "completed_at"),
        ActivitySource(QuizAttempt.objects.all(), "member", "submitted_at"),
        ActivitySource(Registration.objects.all(), "member", "registered_at"),
        ActivitySource(Registration.objects.filter(attended=True), "member", "session__starts_at"),
    ]
