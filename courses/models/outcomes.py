"""Strategic abandonment's records (the rule is courses/outcomes/abandonment.py): the thresholds staff set, one row,
and each decision staff record about a flagged offering, kept with who made it and when (append-only: the latest
is the standing one, the earlier ones its history)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_REACH_THRESHOLD = 100_000
DECISION_NOTE_MAX_LENGTH = 1000


class AbandonmentThresholds(models.Model):
    """The one row of thresholds (pk 1); each optional: blank means that measure never flags anything."""

    min_reach = models.PositiveIntegerField(
        _("minimum reach"), null=True, blank=True, validators=[MaxValueValidator(MAX_REACH_THRESHOLD)],
        help_text=_("Members enrolled or registered in an edition."))
    min_rate = models.PositiveSmallIntegerField(
        _("minimum completion or attendance rate (%)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Completions of enrolments for courses; attended of confirmed for events."))
    min_rating = models.DecimalField(
        _("minimum mean rating"), max_digits=3, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("From 1 to 5."))
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("abandonment thresholds")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="abandonment_thresholds_one_row"),
            models.CheckConstraint(condition=models.Q(min_rate__lte=100), name="abandonment_rate_percent"),
            models.CheckConstraint(condition=models.Q(min_rating__gte=1, min_rating__lte=5),
                                   name="abandonment_rating_1_5"),
        ]

    def __str__(self) -> str:
        return "Abandonment thresholds"

    @classmethod
    def current(cls) -> AbandonmentThresholds:
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class AbandonmentDecision(models.Model):
    """What staff decided about a flagged offering, with a note; recorded with who and when."""

    class Choice(models.TextChoices):
        KEPT = "kept", _("Keep")
        REDESIGN = "redesign", _("Redesign")
        RETIRE = "retire", _("Retire")

    offering = models.ForeignKey("courses.Offering", on_delete=models.CASCADE, related_name="abandonment_decisions")
    choice = models.CharField(_("decision"), max_length=10, choices=Choice.choices)
    note = models.TextField(_("note"), blank=True, max_length=DECISION_NOTE_MAX_LENGTH)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abandonment decision")
        indexes = [models.Index(fields=["offering", "-decided_at"], name="abandonment_decision_latest")]

    def __str__(self) -> str:
        return f"{self.choice} for offering {self.offering_id}"
