"""Course pages (what instructors author) and learning records (what learners do)."""

from .events import EventPage, Session, WebinarPage, WorkshopPage
from .learning import Enrolment, EnrolmentEvent, EthicsAttestation, LessonCompletion, QuizAttempt
from .pages import (
    CatalogIndexPage,
    CoursePage,
    CpdCreditType,
    EthicsModulePage,
    LessonPage,
    Level,
    ModulePage,
    Offering,
    OfferingPermissionTester,
)
from .registration import CalendarFeed, Registration, RegistrationChange, RegistrationNotice

__all__ = [
    "CalendarFeed",
    "EventPage",
    "Registration",
    "RegistrationChange",
    "RegistrationNotice",
    "Session",
    "WebinarPage",
    "WorkshopPage",
    "CatalogIndexPage",
    "CoursePage",
    "CpdCreditType",
    "Enrolment",
    "EnrolmentEvent",
    "EthicsAttestation",
    "EthicsModulePage",
    "LessonCompletion",
    "LessonPage",
    "Level",
    "ModulePage",
    "Offering",
    "OfferingPermissionTester",
    "QuizAttempt",
]
