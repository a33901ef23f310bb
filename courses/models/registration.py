"""What happens around a session: registrations, their history, the notices owed, and members' calendar feeds.

The database keeps the invariants: one registration per member and session, one reminder of each kind per
registration and session time, one calendar feed per member.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.models import OwedLetter

from .catalog import CpdCreditType


def answer_text(value: object) -> str:
    """How a stored answer reads to staff: yes or no in words, a list joined, nothing as empty."""
    if value is True:
        return gettext("Yes")
    if value is False:
        return gettext("No")
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


class Registration(models.Model):
    """A member's place at a session: confirmed, waiting in line, or cancelled (the row is reused on return)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    class AttendanceSource(models.TextChoices):
        CHECK_IN = "check_in", _("Checked in")
        REPORT = "report", _("Attendance report")

    session = models.ForeignKey("courses.Session", on_delete=models.PROTECT, related_name="registrations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=12, choices=Status.choices)
    # Answers to the event's registration questions, each kept with its question as it was asked.
    answers = models.JSONField(default=list, blank=True)
    registered_at = models.DateTimeField(default=timezone.now)
    # When the registration took its current place; orders the waitlist (first come, first promoted).
    queued_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(default=False)
    attended_minutes = models.PositiveIntegerField(null=True, blank=True)
    attendance_source = models.CharField(max_length=10, choices=AttendanceSource.choices, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    # Snapshot when attendance is recorded: what was credited, even if the page changes later.
    credited_title = models.CharField(max_length=255, blank=True)
    credited_cpd_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    credited_cpd_credit_type = models.CharField(max_length=20, blank=True, choices=CpdCreditType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "session"], name="one_registration_per_member_and_session"),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | models.Q(confirmed_at__isnull=False),
                name="confirmed_registration_has_confirmed_at",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status", "queued_at", "id"]),
            models.Index(fields=["member", "status"]),
        ]

    def __str__(self):
        return f"{self.member} at {self.session_id} ({self.status})"

    @property
    def answer_list(self) -> list[tuple[str, str]]:
        """(question as asked, answer as read) for each answer given."""
        return [(answer.get("question", ""), answer_text(answer.get("answer"))) for answer in self.answers or []]

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class RegistrationChange(models.Model):
    """Append-only history of a session's registrations and seats: who changed what, and when."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Joined the waitlist")
        PROMOTED = "promoted", _("Promoted from the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED_OUT = "moved_out", _("Moved to another session")
        MOVED_IN = "moved_in", _("Moved in from another session")
        CAPACITY_CHANGED = "capacity_changed", _("Capacity changed")
        CHECKED_IN = "checked_in", _("Checked in")
        ATTENDANCE_IMPORTED = "attendance_imported", _("Attendance imported")

    session = models.ForeignKey("courses.Session", on_delete=models.CASCADE, related_name="changes")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Who made the change; blank when the system did (a promotion after a cancellation)."),
    )
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["session", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


REMINDER_KINDS = ("reminder_24h", "reminder_1h")


class RegistrationNotice(OwedLetter):
    """An e-mail owed to a registrant, written in the same transaction as the change it reports.

    The lms outbox sends it once: `claimed_until` is a sender's lease (taken by a conditional update), `sent_at`
    records the send; the outbox sweep sends any a lost task or a dead worker left.
    """

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Registration confirmed")
        WAITLISTED = "waitlisted", _("Added to the waitlist")
        PROMOTED = "promoted", _("A seat opened up")
        CANCELLED = "cancelled", _("Registration cancelled")
        MOVED = "moved", _("Moved to another session")
        RESCHEDULED = "rescheduled", _("The session's time changed")
        REMINDER_24H = "reminder_24h", _("Reminder, a day before")
        REMINDER_1H = "reminder_1h", _("Reminder, an hour before")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The session start the notice speaks of: a rescheduled session is owed fresh reminders.
    for_starts_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "for_starts_at"],
                condition=models.Q(kind__in=REMINDER_KINDS),
                name="one_reminder_per_registration_and_session_time",
            )
        ]
        indexes = [models.Index(fields=["sent_at", "owed_at"])]

    def __str__(self):
        return f"{self.kind} for registration {self.registration_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's private calendar address (everything they registered for); resetting it revokes the old one."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar feed of {self.member_id}"
