"""What learners do: enrolments (with their history), lesson completions, quiz attempts, attestations.

The database enforces the invariants: one enrolment per member and offering, one completion per member
and lesson, one attestation per member and offering.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import CpdCreditType


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
