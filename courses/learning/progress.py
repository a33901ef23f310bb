"""Progress: which lessons count, when a lesson and an offering are complete, and how far along a learner is.

Every completion is recorded exactly once (database constraints), and an offering's completion time is
set once by a conditional UPDATE, so double clicks and concurrent requests cannot record twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.query import PageQuerySet

from lms import generations
from lms.original_rows import originals
from lms.printed_names import printed_text
from lms.refusal import Refused
from lms.roles import signed_in

from .. import learning_records
from ..models import (
    Enrolment,
    EnrolmentEvent,
    EthicsAttestation,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Offering,
    QuizAttempt,
)
from ..signals import announce, course_completed
from ..translations import original_of
from .enrolment import active_enrolment, enrolment_in
from .outline_pages import outline_pages, outline_pages_of, under_any
from .quiz import QuizAnswerError, QuizResult, grade, quiz_fingerprint, read_answers

if TYPE_CHECKING:
    from lms.access import Viewer
    from lms.models import Member


class LearningActionRefused(Refused):
    """A lesson, quiz or attestation action that cannot be done."""


# ---------------------------------------------------------------------------------------------- reading


@dataclass
class LessonProgress:
    lesson: LessonPage
    done: bool
    best_score: int | None = None

    @property
    def counts(self) -> bool:
        return self.lesson.counts_towards_completion


def percent_done(done: int, total: int) -> int:
    return int(100 * done / total) if total else 0


@dataclass
class ModuleProgress:
    module: ModulePage
    lessons: list[LessonProgress] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for lp in self.lessons if lp.counts and lp.done)

    @property
    def total_count(self) -> int:
        return sum(1 for lp in self.lessons if lp.counts)

    @property
    def percent(self) -> int:
        return percent_done(self.done_count, self.total_count)


@dataclass
class OfferingProgress:
    offering: Offering
    enrolment: Enrolment | None
    modules: list[ModuleProgress]
    attested: bool = False

    @property
    def lessons(self) -> list[LessonProgress]:
        return [lp for mp in self.modules for lp in mp.lessons]

    @property
    def done_count(self) -> int:
        return sum(mp.done_count for mp in self.modules)

    @property
    def total_count(self) -> int:
        return sum(mp.total_count for mp in self.modules)

    @property
    def percent(self) -> int:
        if self.enrolment and self.enrolment.completed_at:
            return 100
        return percent_done(self.done_count, self.total_count)

    @property
    def is_complete(self) -> bool:
        return bool(self.enrolment and self.enrolment.completed_at)

    @property
    def awaiting_attestation(self) -> bool:
        """Every lesson done, but the ethics module's statement is not signed yet."""
        return (
            self.offering.requires_attestation
            and not self.attested
            and self.total_count > 0
            and self.done_count == self.total_count
        )

    @property
    def resume_lesson(self) -> LessonPage | None:
        done_ids = {lp.lesson.pk for lp in self.lessons if lp.done}
        counting = [lp.lesson for lp in self.lessons if lp.counts]
        # The pointer names the original lesson; this outline may be a translation's, so match by key.
        last_key = getattr(self.enrolment, "last_lesson_key", None)
        last = next((lp.lesson for lp in self.lessons if lp.lesson.translation_key == last_key), None)
        return pick_resume_lesson(counting or [lp.lesson for lp in self.lessons], done_ids, last)


def pick_resume_lesson(counting: list[LessonPage], done_ids: set[int], last: LessonPage | None) -> LessonPage | None:
    """Where to pick up: the last lesson visited if unfinished, else the first unfinished one, else the last."""
    if last is not None and last.pk not in done_ids:
        return last
    pending = next((lesson for lesson in counting if lesson.pk not in done_ids), None)
    return pending or last or (counting[0] if counting else None)


def offering_progress(offering: Offering, member: Viewer, enrolment: Enrolment | None = None) -> OfferingProgress:
    """The offering's outline with this member's progress, in a fixed number of queries.

    `offering` is the page read, in any language: the outline is its own modules and lessons, while the progress
    (enrolment, completions, quiz scores, attestation) is what was recorded on the original's, found by
    translation key in the same queries, so every translation shows the same ticks and percentage.
    Lessons under unpublished modules are left out (as `reachable_lessons` does), by matching each lesson to
    the live modules fetched here, which saves a query on every page view.
    """
    modules, lessons = outline_pages(offering)
    done_ids: set[int] = set()
    best_scores: dict[int, int] = {}
    attested = False
    if signed_in(member):
        if enrolment is None:  # the caller may already hold it
            enrolment = enrolment_in(member, offering)
        keys = [lesson.translation_key for lesson in lessons]
        done_keys = set(
            LessonCompletion.objects.filter(member=member, lesson__translation_key__in=keys)
            .values_list("lesson__translation_key", flat=True)
        )
        done_ids = {lesson.pk for lesson in lessons if lesson.translation_key in done_keys}
        quiz_keys = [lesson.translation_key for lesson in lessons if lesson.has_quiz]
        if quiz_keys:
            best_by_key = dict(
                QuizAttempt.objects.filter(member=member, lesson__translation_key__in=quiz_keys)
                .values("lesson__translation_key")
                .annotate(best=Max("score"))
                .values_list("lesson__translation_key", "best")
            )
            best_scores = {lesson.pk: best_by_key[lesson.translation_key] for lesson in lessons
                           if lesson.translation_key in best_by_key}
        if offering.requires_attestation:
            attested = EthicsAttestation.objects.filter(
                member=member, offering__translation_key=offering.translation_key).exists()
    by_module = {module.path: ModuleProgress(module) for module in modules}
    step = ModulePage.steplen
    for lesson in lessons:
        module_progress = by_module.get(lesson.path[:-step])
        if module_progress is not None:
            module_progress.lessons.append(LessonProgress(lesson, lesson.pk in done_ids, best_scores.get(lesson.pk)))
    return OfferingProgress(offering, enrolment, list(by_module.values()), attested)


# Which lessons must be done to complete an offering: required ones, and every one with a quiz.
COUNTS_TOWARDS_COMPLETION = Q(is_required=True) | Q(has_quiz=True)


def counting_lessons_of(offerings: list[Offering]) -> dict[int, list[LessonPage]]:
    """Each offering's lessons that count towards completing it, in tree order, by offering id: what
    `reachable_lessons(...).filter(COUNTS_TOWARDS_COMPLETION)` reads, from the outlines' cache (outline_pages.py)
    rather than as a hundred page objects per course on every request."""
    step = ModulePage.steplen
    counting = {}
    for pk, (modules, lessons) in outline_pages_of(offerings).items():
        live_modules = {module.path for module in modules}
        counting[pk] = [lesson for lesson in lessons
                        if lesson.path[:-step] in live_modules and (lesson.is_required or lesson.has_quiz)]
    return counting


def reachable_lessons(offerings: list[Offering]) -> PageQuerySet:
    """Live lessons under live modules of these offerings: what a learner can open, and so all that can count.

    Wagtail serves a live page under an unpublished parent, so a lesson's own `live` is not enough.
    """
    unpublished_parent = Page.objects.filter(
        live=False, path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - LessonPage.steplen)
    )
    return LessonPage.objects.live().filter(under_any(offerings)).exclude(Exists(unpublished_parent))


def is_open_to_learners(page: Page, offering: Offering) -> bool:
    """The page, its offering and everything between are published."""
    return not page.get_ancestors(inclusive=True).filter(depth__gte=offering.depth, live=False).exists()


def _counting_lesson_ids(offering: Offering) -> list[int]:
    return list(reachable_lessons([offering]).filter(COUNTS_TOWARDS_COMPLETION).values_list("pk", flat=True))


# ---------------------------------------------------------------------------------------------- writing


def record_visit(enrolment: Enrolment | None, lesson: LessonPage, now: datetime | None = None) -> None:
    """Remember the lesson an enrolled learner opened last, so "Resume" brings them back to it: the original
    lesson, whichever translation was opened (found inside the same UPDATE)."""
    if enrolment is None or not enrolment.is_active:
        return
    now = now or timezone.now()
    original = originals(LessonPage.objects.filter(translation_key=lesson.translation_key)).values("pk")[:1]
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=Subquery(original), last_activity_at=now)
    generations.renew_member(enrolment.member_id)  # an UPDATE sends no signal; "Resume" on their pages moves
    enrolment.last_activity_at = now
    enrolment.last_lesson_key = lesson.translation_key  # type: ignore[attr-defined]


def require_active_enrolment(member: Member, offering: Offering) -> Enrolment:
    enrolment = active_enrolment(member, offering)
    if enrolment is None:
        raise LearningActionRefused(
            _("You are not enrolled in %(title)s. Enrol first, then continue.") % {"title": offering.title}
        )
    return enrolment


def lock_enrolment(enrolment: Enrolment) -> Enrolment:
    """Serialise one learner's writes to one offering: the last two lessons finished at the same moment must
    each see the other's completion, or neither would complete the offering. Re-checks the enrolment is still
    active, since a withdrawal may have committed while we waited."""
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not locked.is_active:
        raise LearningActionRefused(_("You left this offering; enrol again to continue."), status=409)
    return locked


def try_complete_offering(enrolment: Enrolment, offering: Offering, now: datetime | None = None) -> bool:
    """Record the offering as complete if every counting lesson is done (and attested); True only the first time."""
    if enrolment.completed_at is not None:
        return False
    counting = _counting_lesson_ids(offering)
    if not counting:
        return False
    done = LessonCompletion.objects.filter(member_id=enrolment.member_id, lesson_id__in=counting).count()
    if done < len(counting):
        return False
    if offering.requires_attestation and not EthicsAttestation.objects.filter(
        member_id=enrolment.member_id, offering=offering
    ).exists():
        return False
    now = now or timezone.now()
    specific = offering.specific
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now,
        credited_title=offering.title,
        credited_cpd_hours=offering.cpd_hours,
        credited_cpd_credit_type=offering.cpd_credit_type,
        credited_rcr_minutes=getattr(specific, "rcr_minutes", None),
    )
    if not updated:
        return False
    enrolment.refresh_from_db()
    EnrolmentEvent.objects.create(enrolment=enrolment, kind=EnrolmentEvent.Kind.COMPLETED, at=now)
    transaction.on_commit(lambda: announce_completion(enrolment, specific))
    return True


def announce_completion(enrolment: Enrolment, offering: Offering) -> None:
    """Tell listeners (e-mail, certificates) that the offering was completed."""
    announce(course_completed, type(offering), enrolment=enrolment, member=enrolment.member, offering=offering)


@dataclass(frozen=True)
class CompletionOutcome:
    offering: Offering
    lesson_newly_completed: bool
    offering_newly_completed: bool


def complete_lesson(
    member: Member, lesson: LessonPage, method: str = LessonCompletion.Method.MARKED, now: datetime | None = None
) -> CompletionOutcome:
    """Record a lesson as complete once, on the original lesson whichever translation was read; may complete the
    whole (original) offering."""
    lesson = original_of(lesson)
    offering = Offering.offering_of(lesson)
    if offering is None or not is_open_to_learners(lesson, offering):
        raise LearningActionRefused(_("This lesson is not available."), status=404)
    enrolment = require_active_enrolment(member, offering)
    if method == LessonCompletion.Method.MARKED and lesson.has_quiz:
        raise LearningActionRefused(_("This lesson is completed by passing its quiz."), status=409)
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        _completion, created = LessonCompletion.objects.get_or_create(
            member=member, lesson=lesson, defaults={"method": method, "completed_at": now}
        )
        record_visit(enrolment, lesson, now)
        offering_done = try_complete_offering(enrolment, offering, now)
    return CompletionOutcome(offering, created, offering_done)


@dataclass(frozen=True)
class QuizOutcome:
    attempt: QuizAttempt
    result: QuizResult
    duplicate: bool
    completion: CompletionOutcome | None


def submit_quiz(member: Member, lesson: LessonPage, data: Mapping[str, Any],
                now: datetime | None = None) -> QuizOutcome:
    """Grade a quiz form, keep the attempt, and complete the lesson if it passed.

    A translation's quiz is the original's quiz in other words: Wagtail's alias and translation copies keep the
    stream block ids, so the form names the same quiz block, and it is graded against the questions and correct
    choices of the page the learner read (the translator's), with that version's fingerprint. The attempt and the
    completion are recorded on the original lesson, so a pass in any language counts once."""
    offering = Offering.offering_of(lesson)
    if offering is None or not is_open_to_learners(lesson, offering):
        raise LearningActionRefused(_("This lesson is not available."), status=404)
    enrolment = require_active_enrolment(member, offering)
    quiz = lesson.quiz_block
    if quiz is None:
        raise QuizAnswerError(_("This lesson has no quiz to answer."))
    if data.get("quiz_id") != quiz.id:
        raise QuizAnswerError(_("These answers belong to a different quiz; open this lesson's quiz and answer it."))
    if data.get("fingerprint") != quiz_fingerprint(quiz.value):
        raise QuizAnswerError(
            _("This quiz was changed after you opened it. Your answers were not recorded; please answer it again."),
            status=409,
        )
    try:
        token = uuid.UUID(str(data.get("submission_token", "")))
    except ValueError:
        raise QuizAnswerError(_("This quiz form is incomplete; reload the lesson and answer again.")) from None
    previous = QuizAttempt.objects.filter(member=member, submission_token=token).first()
    if previous is not None:
        return QuizOutcome(previous, grade(quiz.value, _stored_answers(previous)), True, None)
    answers = read_answers(quiz.value, data)
    result = grade(quiz.value, answers)
    now = now or timezone.now()
    with transaction.atomic():
        attempt, created = QuizAttempt.objects.get_or_create(
            member=member,
            submission_token=token,
            defaults={
                "lesson": original_of(lesson),
                "quiz_fingerprint": quiz_fingerprint(quiz.value),
                "answers": {str(n): list(chosen) for n, chosen in answers.items()},
                "score": result.score,
                "passed": result.passed,
                "submitted_at": now,
            },
        )
        completion = None
        if created:
            learning_records.quiz_answered(attempt, lesson, offering, enrolment)
        if created and result.passed:
            completion = complete_lesson(member, lesson, LessonCompletion.Method.QUIZ, now)
    return QuizOutcome(attempt, result, not created, completion)


def _stored_answers(attempt: QuizAttempt) -> dict[int, tuple[int, ...]]:
    return {int(n): tuple(chosen) for n, chosen in attempt.answers.items()}


def attempt_result(attempt: QuizAttempt, lesson: LessonPage) -> QuizResult | None:
    """Re-grade a stored attempt for display, if the quiz is still the one it answered."""
    quiz = lesson.quiz_block
    if quiz is None or quiz_fingerprint(quiz.value) != attempt.quiz_fingerprint:
        return None
    return grade(quiz.value, _stored_answers(attempt))


def sign_attestation(member: Member, offering: Offering, signed_name: str, now: datetime | None = None) -> bool:
    """Sign an ethics module's statement once every lesson is done; may complete the module. The statement kept is
    the one the member read (its translation); the attestation is on the original module."""
    read, offering = offering, original_of(offering)
    if not offering.requires_attestation:
        raise LearningActionRefused(_("This offering does not ask for an attestation."), status=400)
    enrolment = require_active_enrolment(member, offering)
    signed_name = (signed_name or "").strip()
    if len(signed_name) < 2 or "\x00" in signed_name:  # PostgreSQL cannot store a NUL byte in text
        raise LearningActionRefused(_("Type your full name to sign the statement."), status=400)
    max_length = cast(int, EthicsAttestation._meta.get_field("signed_name").max_length)
    if len(signed_name) > max_length:
        raise LearningActionRefused(
            _("Your name can be at most %(n)s characters long.") % {"n": max_length}, status=400
        )
    try:  # the signed name is kept as the attestation's record and shown to staff
        signed_name = printed_text(signed_name, max_length=max_length)
    except ValidationError as error:
        raise LearningActionRefused(error.messages[0], status=400) from error
    counting = _counting_lesson_ids(offering)
    done = LessonCompletion.objects.filter(member=member, lesson_id__in=counting).count()
    if not counting or done < len(counting):
        raise LearningActionRefused(_("Finish every lesson before signing the statement."), status=409)
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        EthicsAttestation.objects.get_or_create(
            member=member,
            offering=offering,
            defaults={
                "statement": read.specific.attestation_statement,
                "signed_name": signed_name,
                "signed_at": now,
            },
        )
        return try_complete_offering(enrolment, offering, now)
