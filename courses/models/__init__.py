"""Course pages (what instructors author) and learning records (what learners do)."""

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

__all__ = [
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
