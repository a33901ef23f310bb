"""CPD requirement schemes, members' cycles and the activities members log themselves.

A cycle runs from `starts_on` (the first day, included) to `ends_on` (the day after the last, excluded): the next
cycle starts on this one's `ends_on`, so cycles meet without a gap or a shared day. Pages say "by" the last day
(`last_day`). Cycles are made and closed only by `cycles.py`; decisions on activities only by `review.py`.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from courses.models import CpdCreditType
from lms.fields import MultipleChoiceJSONField
from lms.models import MembershipTier, OwedLetter
from lms.postgres_constraints import PostgresExclusionConstraint
from lms.printed_names import printed_field_errors

MAX_CYCLE_HOURS = Decimal(1000)
MAX_ACTIVITY_HOURS = Decimal(200)  # a fortnight of full days: anything more is a typing slip
OLDEST_ACTIVITY_YEARS = 10


class CpdScheme(ClusterableModel):
    """What a professional body asks of members per cycle: hours, per-category minimums and caps (`rules`), a
    yearly minimum, and who it applies to: membership tiers, holders of credentials, or both (applies.py)."""

    class Anchor(models.TextChoices):
        JOINED = "joined", _("The date the member joined")
        CREDENTIAL = "credential", _("The date the member earned the credential")

    name = models.CharField(_("name"), max_length=120, unique=True)
    required_hours = models.DecimalField(
        _("hours required per cycle"), max_digits=6, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_CYCLE_HOURS)],
    )
    cycle_months = models.PositiveSmallIntegerField(
        _("cycle length in months"), validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("From 1 to 120 months, e.g. 36 for three years."),
    )
    yearly_minimum_hours = models.DecimalField(
        _("minimum hours in each year of the cycle"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_CYCLE_HOURS)],
        help_text=_("Leave empty when the scheme has no yearly minimum."),
    )
    # A JSON list rather than a PostgreSQL array, so `make run`'s SQLite holds schemes too; schemes are few, so
    # which apply to a member is decided in Python (applies.py).
    tiers = MultipleChoiceJSONField(
        item_choices=MembershipTier.choices, verbose_name=_("membership tiers"),
        help_text=_("Leave all unticked for every tier; then name the credentials the scheme applies to."),
    )
    # A many-to-many table (not an array), so SQLite holds it too; parental, so the snippet editor's form keeps the
    # choice in memory until the scheme is saved and `clean` sees it.
    credentials = ParentalManyToManyField(
        "certificates.CertificateTemplate", blank=True, related_name="+", verbose_name=_("credentials"),
        help_text=_("Holders of a current certificate from one of these templates (an expired one still counts "
                    "while it can be renewed). Leave empty for everyone in the tiers."),
    )
    anchor = models.CharField(_("cycles start on"), max_length=20, choices=Anchor.choices, default=Anchor.JOINED)
    is_active = models.BooleanField(_("active"), default=True)
    counts_mentoring = models.BooleanField(
        _("mentoring counts as giving back"), default=False,
        help_text=_("Mentors' meeting hours and completed mentoring relationships count towards this scheme."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("CPD credential template"),
        help_text=_("How the CPD credential of a met cycle looks; empty for the site's default certificate template."),
    )

    class Meta:
        verbose_name = _("CPD scheme")
        verbose_name_plural = _("CPD schemes")
        constraints = [
            models.CheckConstraint(condition=Q(cycle_months__gte=1, cycle_months__lte=120),
                                   name="cpd_scheme_cycle_months_1_to_120"),
            models.CheckConstraint(condition=Q(required_hours__gt=0), name="cpd_scheme_requires_hours"),
            models.CheckConstraint(
                condition=Q(yearly_minimum_hours__isnull=True)
                | Q(yearly_minimum_hours__lte=models.F("required_hours")),
                name="cpd_scheme_yearly_minimum_within_required",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict = {}
        has_credentials = bool(self.credentials.all())  # in memory when the form set them (SchemeForm)
        if any(tier not in MembershipTier.values for tier in self.tiers or ()):
            errors["tiers"] = _("Choose tiers from the list.")
        elif not self.tiers and not has_credentials:
            errors["tiers"] = _("Choose at least one membership tier or credential the scheme applies to.")
        else:
            self.tiers = sorted(set(self.tiers))
        if self.anchor == self.Anchor.CREDENTIAL and not has_credentials:
            errors["anchor"] = _("Cycles can start on the date the member earned the credential only when the "
                                 "scheme names credentials.")
        if (self.yearly_minimum_hours is not None and self.required_hours is not None
                and self.yearly_minimum_hours > self.required_hours):
            errors["yearly_minimum_hours"] = _("The yearly minimum cannot be more than the hours required per cycle.")
        if errors:
            raise ValidationError(errors)


class CategoryRule(models.Model):
    """A minimum, a cap or both for one credit category of a scheme (e.g. ethics at least 6, giving back at most
    25). Hours past the cap are shown but not counted."""

    scheme = ParentalKey(CpdScheme, on_delete=models.CASCADE, related_name="rules")
    category = models.CharField(_("category"), max_length=20, choices=CpdCreditType.choices)
    minimum_hours = models.DecimalField(
        _("at least (hours)"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_CYCLE_HOURS)],
    )
    maximum_hours = models.DecimalField(
        _("at most (hours)"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_CYCLE_HOURS)],
    )

    class Meta:
        verbose_name = _("category rule")
        verbose_name_plural = _("category rules")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "category"], name="cpd_one_rule_per_scheme_and_category"),
            models.CheckConstraint(
                condition=Q(minimum_hours__isnull=True) | Q(maximum_hours__isnull=True)
                | Q(minimum_hours__lte=models.F("maximum_hours")),
                name="cpd_rule_minimum_within_maximum",
            ),
            models.CheckConstraint(condition=Q(minimum_hours__isnull=False) | Q(maximum_hours__isnull=False),
                                   name="cpd_rule_says_something"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}"

    def clean(self) -> None:
        if self.minimum_hours is None and self.maximum_hours is None:
            raise ValidationError(_("Give a minimum, a maximum or both for this category."))
        if (self.minimum_hours is not None and self.maximum_hours is not None
                and self.minimum_hours > self.maximum_hours):
            raise ValidationError({"maximum_hours": _("The maximum cannot be less than the minimum.")})


class Cycle(models.Model):
    """One member's cycle of one scheme: [starts_on, ends_on). Open until it ends; then closed as met or short with
    the hours it counted frozen, and kept."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        MET = "met", _("Met")
        SHORT = "short", _("Short")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_cycles")
    scheme = models.ForeignKey(CpdScheme, on_delete=models.PROTECT, related_name="cycles")
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The day after the cycle's last day.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    counted_hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["member", "scheme", "starts_on"], name="cpd_one_cycle_per_start"),
            # No two cycles of one member and scheme share a day, whoever writes them (clean() says it in words).
            PostgresExclusionConstraint(name="cpd_cycles_do_not_overlap", expressions=[
                ("member", RangeOperators.EQUAL), ("scheme", RangeOperators.EQUAL),
                (Func("starts_on", "ends_on", Value("[)"), function="daterange", output_field=DateRangeField()),
                 RangeOperators.OVERLAPS),
            ]),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="cpd_cycle_ends_after_start"),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_at__isnull=True) & Q(counted_hours__isnull=True))
                | (Q(status__in=["met", "short"]) & Q(closed_at__isnull=False) & Q(counted_hours__isnull=False)),
                name="cpd_cycle_closed_has_totals",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.scheme} {self.starts_on}..{self.ends_on}"

    @property
    def last_day(self):
        return self.ends_on - timedelta(days=1)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("A cycle must end after it starts.")})
        if self.member_id and self.scheme_id and self.starts_on and self.ends_on:
            overlapping = Cycle.objects.filter(
                member_id=self.member_id, scheme_id=self.scheme_id, starts_on__lt=self.ends_on,
                ends_on__gt=self.starts_on,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(_("This member already has a cycle of this scheme in those dates."))


def evidence_path(activity: ExternalActivity, filename: str) -> str:
    """A name that says nothing about the member or the file's original name."""
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"cpd/evidence/{uuid.uuid4().hex}{suffix}"


class ExternalActivity(models.Model):
    """CPD a member did elsewhere and logs with evidence; it counts once staff approve it."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        READING = "reading", _("Reading")
        TEACHING = "teaching", _("Teaching")
        PUBLISHING = "publishing", _("Publishing")
        COURSE = "course", _("Another provider's course")
        VOLUNTEERING = "volunteering", _("Volunteering")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_activities")
    kind = models.CharField(_("kind of activity"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    provider = models.CharField(_("provider or organiser"), max_length=255, blank=True)
    date = models.DateField(_("date"), help_text=_("The day it took place, or the last day."))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(MAX_ACTIVITY_HOURS)],
    )
    category = models.CharField(_("credit category"), max_length=20, choices=CpdCreditType.choices)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, max_length=1000)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set when the retention period ran out and the file was deleted (retention.py); the row and its hours stay.
    evidence_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("external activity")
        verbose_name_plural = _("external activities")
        indexes = [models.Index(fields=["status", "submitted_at"]), models.Index(fields=["member", "status", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=MAX_ACTIVITY_HOURS),
                                   name="cpd_activity_hours_bounded"),
            models.CheckConstraint(
                condition=Q(status="submitted", decided_at__isnull=True)
                | (Q(status__in=["approved", "rejected"]) & Q(decided_at__isnull=False)),
                name="cpd_activity_decided_has_time",
            ),
            models.CheckConstraint(condition=~Q(status="rejected") | ~Q(reason=""),
                                   name="cpd_activity_rejection_has_reason"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = printed_field_errors(self, ("title", "provider"))
        if self.date:
            today = timezone.localdate()
            if self.date > today:
                errors["date"] = [ValidationError(_("The date cannot be in the future."))]
            elif self.date < today.replace(year=today.year - OLDEST_ACTIVITY_YEARS, day=min(today.day, 28)):
                errors["date"] = [ValidationError(
                    _("Activities more than %(years)d years old cannot be logged.") % {"years": OLDEST_ACTIVITY_YEARS}
                )]
        if errors:
            raise ValidationError(errors)


class CycleLetter(OwedLetter):
    """A letter one cycle owes its member (reminders.py decides when): at most one of each kind per cycle, so the
    beat job can run as often as it likes and each goes, through the outbox, once."""

    class Kind(models.TextChoices):
        SIX_MONTHS = "6m", _("Six months left")
        THREE_MONTHS = "3m", _("Three months left")
        ONE_MONTH = "1m", _("One month left")
        OUTCOME = "outcome", _("Outcome")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "kind"], name="cpd_one_cycle_letter_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.kind} for cycle #{self.cycle_id}"


MIN_AUDIT_PERCENT = Decimal("0.1")
MAX_AUDIT_PERCENT = Decimal(100)
MAX_AUDIT_SAMPLE = 500


class Audit(models.Model):
    """A random sample of cycles that ended in [period_starts_on, period_ends_on], drawn by staff (audits.py). The
    seed and the population's size are kept so the draw can be repeated and checked."""

    period_starts_on = models.DateField()
    period_ends_on = models.DateField()
    percent = models.DecimalField(
        max_digits=5, decimal_places=2,
        validators=[MinValueValidator(MIN_AUDIT_PERCENT), MaxValueValidator(MAX_AUDIT_PERCENT)])
    seed = models.BigIntegerField()
    population = models.PositiveIntegerField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    drawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-drawn_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_ends_on__gte=models.F("period_starts_on")),
                                   name="cpd_audit_period_in_order"),
            models.CheckConstraint(condition=Q(percent__gte=MIN_AUDIT_PERCENT, percent__lte=MAX_AUDIT_PERCENT),
                                   name="cpd_audit_percent_bounded"),
        ]

    def __str__(self) -> str:
        return f"Audit #{self.pk}"


class AuditCase(models.Model):
    """One sampled cycle: asked for evidence, answered by its member, decided by staff. Every change is a conditional
    update on `version`, so two staff acting at once change it once (audits.py)."""

    class Status(models.TextChoices):
        SELECTED = "selected", _("Selected")
        REQUESTED = "requested", _("Evidence requested")
        ANSWERED = "answered", _("Evidence sent")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        EXTENDED = "extended", _("Extended")

    class Answer(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded evidence")
        CONFIRMED = "confirmed", _("Confirmed the platform's records")

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="cases")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="audit_cases")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SELECTED)
    due_on = models.DateField(null=True, blank=True)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # The request letter, sent once by the outbox.
    requested_at = models.DateTimeField(null=True, blank=True)
    request_sent_at = models.DateTimeField(null=True, blank=True)
    request_claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "cycle"], name="cpd_audit_samples_a_cycle_once"),
            models.CheckConstraint(condition=~Q(status__in=["requested", "extended"]) | Q(due_on__isnull=False),
                                   name="cpd_audit_request_has_due_date"),
        ]

    def __str__(self) -> str:
        return f"Audit #{self.audit_id}, cycle #{self.cycle_id}"


def audit_evidence_path(evidence: AuditEvidence, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"cpd/audit/{uuid.uuid4().hex}{suffix}"


class AuditEvidence(models.Model):
    """A file a sampled member sent for their cycle; deleted with the rest of the cycle's evidence when the retention
    period runs out (retention.py), the row kept."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=audit_evidence_path, max_length=255, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Evidence #{self.pk} for case #{self.case_id}"


class TrailEntry(models.Model):
    """One step of an audit, or one evidence file deleted: who, when, what. Append-only: a database trigger refuses
    to change or delete a row (only a deleted person's or case's link may become empty)."""

    class Action(models.TextChoices):
        DRAWN = "drawn", _("Sample drawn")
        REQUESTED = "requested", _("Evidence requested")
        REQUEST_SENT = "request_sent", _("Request e-mailed")
        UPLOADED = "uploaded", _("Evidence uploaded")
        CONFIRMED = "confirmed", _("Platform records confirmed")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        EXTENDED = "extended", _("Extended")
        EVIDENCE_DELETED = "evidence_deleted", _("Evidence deleted (retention period over)")

    audit = models.ForeignKey(Audit, null=True, blank=True, on_delete=models.PROTECT, related_name="trail")
    case = models.ForeignKey(AuditCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="trail")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=20, choices=Action.choices)
    # A due date set by the step, and what else it names: staff's note, or the row it touched ("cpd.auditevidence:7").
    due_on = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["audit", "at"])]

    def __str__(self) -> str:
        return f"{self.action} at {self.at}"
