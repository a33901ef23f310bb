"""Evaluations (Kirkpatrick levels 1-3): what a member thought of an activity, and whether they applied it at work.

An activity is one completion (an `Enrolment` that completed) or one attended session (a `Registration` marked
attended). A multi-session workshop therefore asks once per session attended: each session is its own activity
with its own presenter and topic, attendance is recorded per session, and a member who came to only one of them
can speak only for that one.

`EvaluationRequest` is the activity's row: unique per enrolment and per registration, so the invitation and the
follow-up are owed once however often a signal or the beat job runs. `Evaluation` and `FollowUp` each hang on it
one-to-one, so "one answer per member and activity" is a database constraint: a double submit meets the unique
index, not a second row. The offering and its edition (programme year) are copied onto the request for reporting.
The rules live in courses/evaluations/.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# Bounds on what a person writes (courses/evaluations/forms.py enforces them with clear errors).
COMMENT_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 500
QUESTION_MAX_LENGTH = 200
MAX_EXTRA_QUESTIONS = 5


class EvaluationQuestion(Orderable):
    """A question staff add to one offering's evaluation, answered in words. Answers are keyed by the ORIGINAL's
    question id; a translation's questions (copies Wagtail makes, edited for their words) give only the wording
    shown in that language (courses/evaluations/questions.py)."""

    page = ParentalKey("courses.Offering", on_delete=models.CASCADE, related_name="evaluation_questions")
    text = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self) -> str:
        return self.text


class EvaluationRequest(models.Model):
    """One activity a member is asked about: owes the invitation at once and the follow-up 60 days on."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_requests")
    offering = models.ForeignKey("courses.Offering", on_delete=models.CASCADE, related_name="evaluation_requests")
    programme_year = models.PositiveSmallIntegerField()
    enrolment = models.OneToOneField("courses.Enrolment", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="evaluation_request")
    registration = models.OneToOneField("courses.Registration", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="evaluation_request")
    title = models.CharField(max_length=255)  # what was done, as credited (the session's or course's title)
    activity_at = models.DateTimeField()  # completed or attended: the windows count from here
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    invitation_claimed_until = models.DateTimeField(null=True, blank=True)
    follow_up_owed_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    follow_up_claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation request")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(enrolment__isnull=False, registration__isnull=True)
                           | models.Q(enrolment__isnull=True, registration__isnull=False)),
                name="evaluation_request_one_activity"),
        ]
        indexes = [models.Index(fields=["member", "activity_at"], name="evaluation_request_member")]

    def __str__(self) -> str:
        return f"Evaluation request #{self.pk}"


class Evaluation(models.Model):
    """Level 1 (reaction): a member's answer about one activity, given once."""

    request = models.OneToOneField(EvaluationRequest, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    relevance = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    would_recommend = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    # The offering's extra questions answered: {"<original question id>": "answer"}, at most MAX_EXTRA_QUESTIONS.
    answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        permissions = [("view_evaluation_answers", _("Can read members' individual evaluation answers"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_5"),
            models.CheckConstraint(condition=models.Q(relevance__gte=1, relevance__lte=5),
                                   name="evaluation_relevance_1_5"),
        ]

    def __str__(self) -> str:
        return f"Evaluation #{self.pk}"


class FollowUp(models.Model):
    """Level 3 (behaviour): 60 to 90 days on, whether the member applied it at work; given once."""

    class Applied(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    request = models.OneToOneField(EvaluationRequest, on_delete=models.CASCADE, related_name="follow_up")
    applied = models.CharField(max_length=8, choices=Applied.choices)
    example = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation follow-up")

    def __str__(self) -> str:
        return f"Follow-up #{self.pk}"
