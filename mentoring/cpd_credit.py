"""The CPD credit mentoring gives mentors (the `cpd_credit_sources` hook, registered in wagtail_hooks.py): the hours
of the meetings they held as mentor, and a fixed credit for each relationship closed as completed, all as "giving
back". It reads mentoring's own models only; whether a scheme counts it is the scheme's switch, which
certificates/cpd reads (`scheme_switch="mentoring"`), so mentoring never needs to know the schemes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.extension_points import CpdCredit
from lms.models import Member

from .models import Meeting, Mentorship

CATEGORY = "giving_back"
SWITCH = "mentoring"
# A completed relationship is worth more than its logged meetings: the preparation and follow-up between them.
COMPLETED_RELATIONSHIP_HOURS = Decimal(2)
MINUTES_PER_HOUR = Decimal(60)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def mentoring_cpd_credit(member: Member, start: date, end: date) -> Iterator[CpdCredit]:
    """Meetings held as mentor dated in [start, end), and relationships as mentor closed as completed then; two
    queries."""
    meetings = Meeting.objects.filter(mentorship__mentor=member, held_on__gte=start, held_on__lt=end).order_by(
        "held_on", "pk")
    for meeting in meetings:
        yield CpdCredit(
            date=meeting.held_on, hours=(Decimal(meeting.minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01")),
            category=CATEGORY, title=_("Mentoring meeting"), source_kind="mentoring_meeting",
            source_id=f"mentoring.meeting:{meeting.pk}", scheme_switch=SWITCH,
        )
    completed = Mentorship.objects.filter(
        mentor=member, closure_reason=Mentorship.ClosureReason.COMPLETED,
        closed_at__gte=_midnight(start), closed_at__lt=_midnight(end),
    ).order_by("closed_at", "pk")
    for mentorship in completed:
        assert mentorship.closed_at is not None  # noqa: S101 - filtered
        yield CpdCredit(
            date=timezone.localdate(mentorship.closed_at), hours=COMPLETED_RELATIONSHIP_HOURS, category=CATEGORY,
            title=_("Completed mentoring relationship"), source_kind="mentoring_relationship",
            source_id=f"mentoring.mentorship:{mentorship.pk}", scheme_switch=SWITCH,
        )
