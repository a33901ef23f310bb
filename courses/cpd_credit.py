"""The CPD credit courses gives (the `cpd_credit_sources` hook, registered in wagtail_hooks.py): completed
offerings and attended sessions, with the hours and credit type snapshotted when they happened, as "My learning"
counts them. The CPD rules that weigh this credit live in certificates/cpd, which courses never imports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone

from lms.extension_points import CpdCredit
from lms.models import Member

from .models import Enrolment, Registration


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def courses_cpd_credit(member: Member, start: date, end: date) -> Iterator[CpdCredit]:
    """Completions and attendance dated in [start, end) in the site's zone; two queries."""
    since, until = _midnight(start), _midnight(end)
    completed = Enrolment.objects.filter(
        member=member, completed_at__gte=since, completed_at__lt=until, credited_cpd_hours__gt=0
    ).order_by("completed_at", "pk")
    for enrolment in completed:
        assert enrolment.completed_at is not None and enrolment.credited_cpd_hours is not None  # noqa: S101 - filtered
        yield CpdCredit(
            date=timezone.localdate(enrolment.completed_at), hours=enrolment.credited_cpd_hours,
            category=enrolment.credited_cpd_credit_type, title=enrolment.credited_title,
            source_kind="completion", source_id=f"courses.enrolment:{enrolment.pk}",
        )
    attended = Registration.objects.filter(
        member=member, attended=True, session__starts_at__gte=since, session__starts_at__lt=until,
        credited_cpd_hours__gt=0,
    ).select_related("session").order_by("session__starts_at", "pk")
    for registration in attended:
        assert registration.credited_cpd_hours is not None  # noqa: S101 - filtered
        yield CpdCredit(
            date=timezone.localdate(registration.session.starts_at), hours=registration.credited_cpd_hours,
            category=registration.credited_cpd_credit_type, title=registration.credited_title,
            source_kind="attendance", source_id=f"courses.registration:{registration.pk}",
        )
