"""Every model of the `courses` app, for Django (one app label, so tables and migrations stay as they were).

Each module is named for the sub-package whose rules use its models: `catalog` (the offering base and the
index), `learning` (self-paced pages and learners' records), `events` and `registration` (sessions and the
records around them), `digest` (the recommendations digests owed), `paths` (learning paths and their
completions). Models import only leaf modules of the sub-packages (blocks, event times); pages reach their views
lazily, inside the route.
"""

from .catalog import CatalogIndexPage, CpdCreditType, Level, Offering
from .digest import Digest
from .evaluations import Evaluation, EvaluationQuestion, EvaluationRequest, FollowUp
from .events import EventPage, Session, WebinarPage, WorkshopPage
from .learning import (
    CoursePage,
    Enrolment,
    EnrolmentEvent,
    EthicsAttestation,
    EthicsModulePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    QuizAttempt,
)
from .outcomes import AbandonmentDecision, AbandonmentThresholds
from .paths import LearningPathPage, PathCompletion
from .registration import CalendarFeed, Registration, RegistrationChange, RegistrationNotice

__all__ = [
    "AbandonmentDecision",
    "AbandonmentThresholds",
    "CalendarFeed",
    "CatalogIndexPage",
    "CoursePage",
    "CpdCreditType",
    "Digest",
    "Enrolment",
    "EnrolmentEvent",
    "EthicsAttestation",
    "EthicsModulePage",
    "Evaluation",
    "EvaluationQuestion",
    "EvaluationRequest",
    "EventPage",
    "FollowUp",
    "LessonCompletion",
    "LearningPathPage",
    "LessonPage",
    "Level",
    "ModulePage",
    "Offering",
    "PathCompletion",
    "QuizAttempt",
    "Registration",
    "RegistrationChange",
    "RegistrationNotice",
    "Session",
    "WebinarPage",
    "WorkshopPage",
]
