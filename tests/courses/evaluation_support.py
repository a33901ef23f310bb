"""Helpers for the evaluation tests: an activity asked about as if it happened some days ago."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from courses.models import Enrolment, EvaluationRequest


def asked_about_course(member, offering, *, days_ago: int = 1) -> EvaluationRequest:
    """A completed enrolment and its evaluation request, `days_ago` days old (no letter announced)."""
    at = timezone.now() - timedelta(days=days_ago)
    enrolment = Enrolment.objects.create(member=member, offering=offering, completed_at=at,
                                         credited_title=offering.title)
    return EvaluationRequest.objects.create(member=member, offering=offering, programme_year=offering.programme_year,
                                            enrolment=enrolment, title=offering.title, activity_at=at)
