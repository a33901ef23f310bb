"""The demo's year of members (courses/demo/year.py): Reports -> Engagement shows twelve months of members active
and first-year cohorts large enough to show, two years of them so the earlier year's have reached their 12-month
mark, the same on every load."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Registration, Session, WebinarPage
from courses.outcomes.engagement import first_year_retention, monthly_active
from courses.outcomes.measures import edition_measures
from lms.demographics_report import SMALLEST_REPORTED_GROUP
from lms.models import Member
from lms.months import add_months, first_of_month

pytestmark = pytest.mark.django_db


def test_every_month_of_the_year_has_active_members(demo_catalog):
    start = add_months(first_of_month(timezone.localdate()), -11)
    totals = [month.total for month in monthly_active(start, 12)]
    assert all(total >= SMALLEST_REPORTED_GROUP for total in totals), totals
    assert len(set(totals)) > 3  # varied, not one figure repeated


def test_most_cohorts_are_large_enough_to_show(demo_catalog):
    start = add_months(first_of_month(timezone.localdate()), -12)
    retention = first_year_retention(start, 12)
    shown = [cohort for cohort in retention.cohorts if cohort.size is not None]
    assert len(shown) >= 10
    assert retention.overall[False][1] is not None


def test_members_joined_in_each_of_the_last_twenty_four_months(demo_catalog):
    generated = Member.objects.filter(email__startswith="member", email__endswith="@demo.vsmc.org")
    months = {first_of_month(timezone.localtime(joined).date()) for joined in generated.values_list("date_joined",
                                                                                                     flat=True)}
    this_month = first_of_month(timezone.localdate())
    assert months == {add_months(this_month, -back) for back in range(1, 25)}
    assert generated.filter(demographics__isnull=False).exists() and generated.count() >= 24 * 5
    # Members who joined two years ago renewed: every generated membership is current on the day of loading.
    assert not generated.filter(membership_expires_on__lte=timezone.localdate()).exists()


def test_the_earlier_years_cohorts_have_a_twelve_month_figure(demo_catalog):
    this_month = first_of_month(timezone.localdate())
    retention = first_year_retention(add_months(this_month, -24), 24)
    reached = [c for c in retention.cohorts if add_months(c.month, 12) <= this_month]
    assert len(reached) == 13
    assert all(c.not_onboarded_shares[12] is not None for c in reached if c.not_onboarded is not None)
    assert retention.overall[False][12] is not None  # who stayed: tests/demo/test_year_activity.py, all loaded


def test_the_onboarded_registered_for_a_webinar_held_inside_the_years_window(demo_catalog):
    """Their first webinar is a session that has begun since the earliest cohort's month, so the outcome reports
    show no edition from years before the demo's; neither one to come nor the catalog's attendance sample (the
    session that ended yesterday, whose registrations are the rule's own, tests/demo/test_catalog.py)."""
    registrations = Registration.objects.filter(member__email__startswith="member",
                                                member__email__endswith="@demo.vsmc.org")
    sessions = Session.objects.filter(pk__in=registrations.values("session")).select_related("event")
    assert len(sessions) == 1
    session = sessions[0]
    first_month = add_months(first_of_month(timezone.localdate()), -24)
    assert first_month <= timezone.localtime(session.starts_at).date() < timezone.localdate() - timedelta(days=1)
    assert session.event.specific_class is WebinarPage
    editions = {m.programme_year for m in edition_measures() if m.offering_id == session.event_id}
    assert editions == {timezone.localtime(session.starts_at).year}
