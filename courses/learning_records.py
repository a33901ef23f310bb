"""What courses tells the Learning Record Store (lms/learning_records.py): a member registered for an event's
session or enrolled in a course, attended a session, completed a course or a learning path, passed or failed a
quiz. Each builder is called where the fact is recorded (in its transaction; a seat just after its commit, so the
session's lock is not held for it) or from the signal announcing it, and does nothing (not even look a page up)
while no LRS is configured; activities are the pages' public addresses, so the LRS's ids resolve where the site is
served."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from lms import learning_records as xapi
from lms.models import Member
from lms.site_address import page_url

from .models import Enrolment, LessonPage, Offering, QuizAttempt, Registration
from .models.paths import LearningPathPage
from .translations import original_of


def _language(page: Any) -> str:
    return getattr(page, "language", "") or page.locale.language_code


def _activity(page: Any, kind: str) -> dict[str, Any] | None:
    address = page_url(page)
    if address is None:
        return None  # outside the site's page tree: it has no address anyone could follow
    return xapi.activity(address, page.title, _language(page), kind)


def _kind(offering: Offering) -> str:
    return xapi.MEETING if offering.takes_registrations else xapi.COURSE


def enrolled(enrolment: Enrolment) -> None:
    if not xapi.configured() or enrolment.offering is None:
        return  # its page was deleted: there is no activity to name
    source = f"enrolment:{enrolment.pk}"
    _registered(enrolment.member, enrolment.offering.specific, source, source, enrolment.enrolled_at)


def registered(registration: Registration) -> None:
    """A seat taken (not a place on the waitlist): the member is registered for the event.

    Each seat taken is its own statement: a member who cancels and registers again (the row is reused) registered
    twice, so the statement's key names the seat by when it was confirmed, while its xAPI registration stays the
    row's, which the attendance statement shares."""
    if not xapi.configured():
        return
    seat_at = registration.confirmed_at or registration.registered_at
    _registered(registration.member, registration.session.event.specific,
                f"registration:{registration.pk}:seat:{seat_at:%Y%m%dT%H%M%S.%f}",
                f"registration:{registration.pk}", seat_at)


def _registered(member: Member, offering: Offering, source: str, registration: str, at: datetime) -> None:
    """`source` keys the statement (one per verb and source); `registration` names the row it belongs to."""
    target = _activity(offering, _kind(offering))
    if target is None:
        return
    xapi.record(xapi.Happened(
        member=member, verb="registered", source=source, object=target, at=at,
        context=xapi.context(_language(offering), xapi.registration_id(registration)),
    ))


def attended(registration: Registration, event: Offering) -> None:
    if not xapi.configured():
        return
    target = _activity(event, xapi.MEETING)
    if target is None:
        return
    source = f"registration:{registration.pk}"
    result: dict[str, Any] = {"completion": True}
    if registration.attended_minutes:
        result["duration"] = xapi.duration(registration.attended_minutes * 60)
    xapi.record(xapi.Happened(
        member=registration.member, verb="attended", source=source, object=target,
        at=registration.attendance_recorded_at or timezone.now(), result=result,
        context=xapi.context(_language(event), xapi.registration_id(source)),
    ))


def completed(enrolment: Enrolment, offering: Offering) -> None:
    if not xapi.configured():
        return
    target = _activity(offering, _kind(offering))
    if target is None or enrolment.completed_at is None:
        return
    source = f"enrolment:{enrolment.pk}"
    result = {"completion": True, "success": True,
              "duration": xapi.duration(int((enrolment.completed_at - enrolment.enrolled_at).total_seconds()))}
    xapi.record(xapi.Happened(
        member=enrolment.member, verb="completed", source=source, object=target, at=enrolment.completed_at,
        result=result, context=xapi.context(_language(offering), xapi.registration_id(source)),
    ))


def path_completed(member: Member, path: LearningPathPage) -> None:
    if not xapi.configured():
        return
    target = _activity(path, xapi.COURSE)
    if target is None:
        return
    xapi.record(xapi.Happened(
        member=member, verb="completed", source=f"path:{path.pk}:member:{member.pk}", object=target,
        at=timezone.now(), result={"completion": True}, context=xapi.context(_language(path)),
    ))


def quiz_answered(attempt: QuizAttempt, lesson: LessonPage, offering: Offering, enrolment: Enrolment | None) -> None:
    """Passed or failed, with the score in whole percent (how the quiz is graded); named by the original lesson and
    offering, whichever translation was answered."""
    if not xapi.configured():
        return
    lesson, offering = original_of(lesson), original_of(offering).specific
    lesson_address = page_url(lesson)
    course = _activity(offering, xapi.COURSE)
    if lesson_address is None or course is None:
        return
    target = xapi.activity(f"{lesson_address}#quiz", lesson.title, _language(offering), xapi.ASSESSMENT)
    passed = bool(attempt.passed)
    registration = xapi.registration_id(f"enrolment:{enrolment.pk}") if enrolment is not None else None
    xapi.record(xapi.Happened(
        member=attempt.member, verb="passed" if passed else "failed", source=f"quiz-attempt:{attempt.pk}",
        object=target, at=attempt.submitted_at,
        result={"score": {"scaled": round(attempt.score / 100, 4), "raw": attempt.score, "min": 0, "max": 100},
                "success": passed, "completion": True},
        context=xapi.context(_language(offering), registration, [course]),
    ))
