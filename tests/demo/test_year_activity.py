"""The demo's generated members (courses/demo/year.py) with the demo's CPD and mentoring loaded: their months of
activity take in learning, events, mentoring meetings and logged CPD, and Reports -> Engagement's 12-month
retention has figures for both halves of the earlier year's cohorts (onboarding needs mentoring's step)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates.cpd.models import ExternalActivity
from courses.models import LessonCompletion, Registration
from courses.outcomes.engagement import first_year_retention, monthly_active
from lms.months import add_months, first_of_month
from mentoring.models import Meeting, Mentorship

pytestmark = pytest.mark.django_db

GENERATED = {"email__startswith": "member", "email__endswith": "@demo.vsmc.org"}


def _generated(prefix: str) -> dict[str, str]:
    return {f"{prefix}__{key}": value for key, value in GENERATED.items()}


def _months(dates) -> set:
    return {first_of_month(day) for day in dates}


@pytest.fixture
def before_and_after(demo_catalog, db, media_root):
    """The last twelve months' active members with the catalog alone, then with CPD and mentoring loaded."""
    start = add_months(first_of_month(timezone.localdate()), -11)
    before = [month.total for month in monthly_active(start, 12)]
    for part in ("cpd", "mentoring"):
        call_command("load_demo", part, "--outside-debug", stdout=StringIO())
    return before, [month.total for month in monthly_active(start, 12)]


def test_the_years_activity_is_learning_events_mentoring_and_cpd(before_and_after):
    before, after = before_and_after
    year = {add_months(first_of_month(timezone.localdate()), -back) for back in range(0, 12)}
    learning = LessonCompletion.objects.filter(**_generated("member")).values_list("completed_at", flat=True)
    events = Registration.objects.filter(**_generated("member")).values_list("registered_at", flat=True)
    meetings = Meeting.objects.filter(**_generated("mentorship__mentee")).values_list("held_on", flat=True)
    cpd = ExternalActivity.objects.filter(**_generated("member"), status="approved").values_list("date", flat=True)
    assert len(_months(timezone.localtime(at).date() for at in learning) & year) == 12
    assert len(_months(timezone.localtime(at).date() for at in events) & year) >= 10
    assert len(_months(meetings) & year) >= 6
    assert len(_months(cpd) & year) == 12
    # Counted by the report: every month has more members active than the catalog alone gave it, none fewer.
    assert all(b <= a for b, a in zip(before, after, strict=True)) and sum(after) > sum(before)
    assert sum(a > b for b, a in zip(before, after, strict=True)) >= 10


def test_the_years_mentoring_ended_and_leaves_the_mentors_places_free(before_and_after):
    ended = Mentorship.objects.filter(**_generated("mentee"))
    assert ended.exists() and not ended.filter(closed_at__isnull=True).exists()
    assert all(len(m.meetings.all()) >= 5 for m in ended.prefetch_related("meetings"))


def test_twelve_months_on_both_halves_of_the_earlier_cohorts_show(before_and_after):
    this_month = first_of_month(timezone.localdate())
    retention = first_year_retention(add_months(this_month, -24), 24)
    for done in (True, False):
        assert retention.overall[done][12] is not None and retention.overall[done][12] > 0, retention.overall
    reached = [c for c in retention.cohorts if add_months(c.month, 12) <= this_month]
    assert sum(c.onboarded_shares[12] is not None and c.not_onboarded_shares[12] is not None for c in reached) >= 6
    # The onboarding's effect, as the demo tells it: the onboarded half stays more.
    assert retention.overall[True][12] > retention.overall[False][12]
