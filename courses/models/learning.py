"""Self-paced learning: the pages instructors author (Course and Ethics/RCR module -> Module -> Lesson) and
what learners do there: enrolments (with their history), lesson completions, quiz attempts, attestations.

The database enforces the invariants: one enrolment per member and offering, one completion per member
and lesson, one attestation per member and offering.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..learning.blocks import lesson_blocks
from .catalog import CpdCreditType, Offering


class EnrolmentRoutes:
    """The addresses of an offering people enrol in and work through at their own pace: its overview, enrol/,
    leave/ and attest/ (which refuses where no statement is asked), and the modules below it."""

    subpage_types = ["courses.ModulePage"]

    @path("")
    def overview_view(self, request):
        from ..learning import views

        return views.offering_overview(request, self)

    @path("enrol/")
    def enrol_view(self, request):
        from ..learning import views

        return views.enrol(request, self)

    @path("leave/")
    def withdraw_view(self, request):
        from ..learning import views

        return views.withdraw(request, self)

    @path("attest/")
    def attest_view(self, request):
        from ..learning import views

        return views.attest(request, self)


class CoursePage(EnrolmentRoutes, Offering):
    """A self-paced course: modules of lessons, quizzes, completion, CPD hours."""

    FORMAT = "course"
    FORMAT_LABEL = _("Course")

    # The course a new member's onboarding checklist sends them to (courses/onboarding.py): the live one flagged,
    # the first in the page tree if editors flag several.
    is_orientation = models.BooleanField(
        _("orientation module"), default=False,
        help_text=_("New members' onboarding checklist asks them to take this course."),
    )

    # Learning gain (courses/evaluations/gain.py): a quiz lesson taken before the lessons; the course's last quiz
    # is the post-assessment.
    pre_assessment = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("pre-assessment"),
        help_text=_("A lesson of this course with a quiz, taken before the others; the last quiz is compared "
                    "with it to show what learners gained. Set on the original."),
    )

    content_panels = Offering.content_panels + [FieldPanel("is_orientation"), FieldPanel("pre_assessment")]

    class Meta:
        verbose_name = _("course")

    def clean(self):
        """Learning gain compares the pre-assessment with this course's last quiz: another course's lesson, or one
        without a quiz, would compare nothing meaningful, so the editor is told before it is saved."""
        super().clean()
        pre = self.pre_assessment
        if pre is None:
            return
        # A translation keeps the original's choice: its own copy of that lesson (same translation key) counts.
        inside = bool(self.path) and (
            (pre.path.startswith(self.path) and pre.depth > self.depth)
            or LessonPage.objects.descendant_of(self).filter(translation_key=pre.translation_key).exists())
        if not inside:
            raise ValidationError({"pre_assessment": _("Choose a lesson of this course.")})
        if pre.quiz_block is None:
            raise ValidationError({"pre_assessment": _("Choose a lesson with a quiz: the pre-assessment is a quiz.")})


class EthicsModulePage(EnrolmentRoutes, Offering):
    """An ethics / responsible-conduct-of-research module: completion also needs a signed attestation."""

    FORMAT = "ethics_module"
    FORMAT_LABEL = _("Ethics / RCR module")

    attestation_statement = models.TextField(
        default=_(
            "I confirm that I completed this module myself, that I understand the responsibilities it "
            "describes, and that I will apply them in my professional practice."
        ),
        help_text=_("What the learner signs to complete the module."),
    )
    rcr_minutes = models.PositiveIntegerField(
        default=0, verbose_name=_("RCR minutes"),
        help_text=_("Responsible-conduct-of-research instruction time recorded on completion."),
    )

    content_panels = Offering.content_panels + [
        MultiFieldPanel([FieldPanel("attestation_statement"), FieldPanel("rcr_minutes")], heading=_("Ethics / RCR")),
    ]
    class Meta:
        verbose_name = _("ethics / RCR module")

    @property
    def requires_attestation(self) -> bool:
        return True


class ModulePage(Page):
    """A group of lessons inside an offering."""

    summary = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage", "courses.EthicsModulePage"]
    subpage_types = ["courses.LessonPage"]
    preview_modes = Offering.preview_modes

    class Meta:
        verbose_name = _("module")

    def permissions_for_user(self, user):
        from ..catalog.permissions import OfferingPermissionTester

        return OfferingPermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        from ..learning import views

        return views.module_page(request, self)

    def serve_preview(self, request, mode_name):
        # The default preview renders the template with the page's bare context, without the offering's outline.
        return self.serve(request)


class LessonPage(RoutablePageMixin, Page):
    """One unit of learning; complete it by marking it done, or by passing its quiz if it has one."""

    summary = models.TextField(blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=10)
    is_required = models.BooleanField(
        default=True, help_text=_("Required lessons (and every quiz) must be done to complete the offering. Set on "
                                  "the original: a translation follows it.")
    )
    body = StreamField(lesson_blocks(), block_counts={"quiz": {"max_num": 1}})
    # Derived from `body` on save so progress can be computed without parsing every lesson's stream.
    has_quiz = models.BooleanField(default=False, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    preview_modes = Offering.preview_modes

    class Meta:
        verbose_name = _("lesson")

    def permissions_for_user(self, user):
        from ..catalog.permissions import OfferingPermissionTester

        return OfferingPermissionTester(user, self)

    @path("")
    def lesson_view(self, request):
        from ..learning import views

        return views.lesson_page(request, self)

    @path("complete/")
    def complete_view(self, request):
        from ..learning import views

        return views.complete_lesson(request, self)

    @path("quiz/")
    def quiz_view(self, request):
        from ..learning import views

        return views.submit_quiz(request, self)

    @property
    def quiz_block(self):
        """The lesson's quiz stream child (at most one), or None."""
        return next((child for child in self.body if child.block_type == "quiz"), None)

    @property
    def counts_towards_completion(self) -> bool:
        return self.is_required or self.has_quiz

    def save(self, *args, **kwargs):
        """Whether a lesson must be done is decided once, on the original, for every language: completion counts the
        original's lessons (courses/learning/progress.py), so a translation always carries the original's flag, and
        an original's change reaches its translations (aliases follow it through Wagtail)."""
        self.has_quiz = self.quiz_block is not None
        fields = kwargs.get("update_fields")
        if self.pk is not None and self.alias_of_id is None and (fields is None or "is_required" in fields):
            from ..translations import is_translation, original_of  # the models load before the rules that read them

            if is_translation(self):
                self.is_required = original_of(self).is_required
            else:
                LessonPage.objects.filter(translation_key=self.translation_key, alias_of__isnull=True).exclude(
                    pk=self.pk).exclude(is_required=self.is_required).update(is_required=self.is_required)
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        self.has_quiz = self.quiz_block is not None
        return super().full_clean(*args, **kwargs)


class Enrolment(models.Model):
    """A member's place on an offering. Withdrawing and re-enrolling reuse this row; the events keep history."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    # SET_NULL: a deleted page must not erase a learner's CPD record; the credited_* fields keep it.
    offering = models.ForeignKey(
        "courses.Offering", null=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    is_active = models.BooleanField(default=True)
    enrolled_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)
    # Snapshot at completion: what was credited, even if the page changes or disappears later.
    credited_title = models.CharField(max_length=255, blank=True)
    credited_cpd_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    credited_cpd_credit_type = models.CharField(max_length=20, blank=True, choices=CpdCreditType.choices)
    credited_rcr_minutes = models.PositiveIntegerField(null=True, blank=True)
    # The congratulation, sent once by the lms outbox: when it went, and a sender's lease on it.
    completion_notified_at = models.DateTimeField(null=True, blank=True)
    completion_claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "offering"], name="one_enrolment_per_member_and_offering")
        ]
        indexes = [models.Index(fields=["member", "is_active"])]
        # The outcome reports' permission (courses/outcomes), kept on the model the outcomes are first about.
        permissions = [("view_outcomes", "Can view outcome reports")]

    def __str__(self):
        return f"{self.member} in {self.offering_id}"


class EnrolmentEvent(models.Model):
    """Append-only history of an enrolment: enrolled, withdrew, re-enrolled, completed."""

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WITHDREW = "withdrew", _("Withdrew")
        RE_ENROLLED = "re_enrolled", _("Re-enrolled")
        COMPLETED = "completed", _("Completed")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class LessonCompletion(models.Model):
    class Method(models.TextChoices):
        MARKED = "marked", _("Marked complete")
        QUIZ = "quiz", _("Passed the quiz")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10, choices=Method.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "lesson"], name="one_completion_per_member_and_lesson")
        ]

    def __str__(self):
        return f"{self.member_id} completed {self.lesson_id}"


class QuizAttempt(models.Model):
    """Every attempt is kept; the best score is what counts."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz_fingerprint = models.CharField(max_length=16)
    # One per rendered quiz form: a double-clicked submit finds the attempt already recorded.
    submission_token = models.UUIDField()
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["member", "lesson"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=100), name="quiz_score_at_most_100"),
            models.UniqueConstraint(fields=["member", "submission_token"], name="one_attempt_per_quiz_form"),
        ]

    def __str__(self):
        return f"{self.member_id} scored {self.score}% on {self.lesson_id}"


class EthicsAttestation(models.Model):
    """The signed statement an ethics/RCR module requires, as the learner saw and signed it."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attestations")
    # SET_NULL: a signed statement is part of the learner's record and outlives the page it was signed on.
    offering = models.ForeignKey(
        "courses.Offering", null=True, on_delete=models.SET_NULL, related_name="attestations"
    )
    statement = models.TextField()
    signed_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "offering"], name="one_attestation_per_member_and_offering")
        ]

    def __str__(self):
        return f"{self.signed_name} attested {self.offering_id}"
