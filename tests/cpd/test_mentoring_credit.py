"""Mentoring's giving-back credit (mentoring/cpd_credit.py through the `cpd_credit_sources` hook): a mentor's meeting
hours and completed relationships count as giving back only under a scheme whose switch says mentoring counts, and
within the category's cap; the mentee gets none."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.cpd import cycles
from certificates.cpd.progress import cycle_progress
from lms.extension_points import cpd_credit
from mentoring.models import Meeting, Mentorship

from .factories import member_joined, scheme

pytestmark = pytest.mark.django_db


def giving_back(member) -> Decimal:
    cycle = cycles.current_cycle(member, cycles.schemes_for(member)[0])
    return next(c.counted for c in cycle_progress(cycle, timezone.localdate()).categories
                if c.category == "giving_back")


@pytest.fixture
def pair():
    today = timezone.localdate()
    mentor, mentee = member_joined(today - timedelta(days=200)), member_joined(today - timedelta(days=200))
    done = Mentorship.objects.create(mentor=mentor, mentee=mentee, origin=Mentorship.Origin.DIRECT,
                                     ends_on=today, closed_at=timezone.now() - timedelta(days=2),
                                     closure_reason=Mentorship.ClosureReason.COMPLETED)
    Meeting.objects.create(mentorship=done, held_on=today - timedelta(days=30), minutes=90, logged_by=mentee)
    Meeting.objects.create(mentorship=done, held_on=today - timedelta(days=400), minutes=60)  # before the cycle
    unfit = Mentorship.objects.create(mentor=mentor, mentee=mentee, origin=Mentorship.Origin.DIRECT, ends_on=today,
                                      closed_at=timezone.now() - timedelta(days=1),
                                      closure_reason=Mentorship.ClosureReason.NOT_A_GOOD_FIT)
    Meeting.objects.create(mentorship=unfit, held_on=today - timedelta(days=3), minutes=45)
    return mentor, mentee


def test_mentoring_counts_as_giving_back_where_the_scheme_says_so(pair):
    mentor, mentee = pair
    practitioner = scheme(giving_back_max="25")
    assert giving_back(mentor) == 0  # the switch is off by default

    practitioner.counts_mentoring = True
    practitioner.save()
    assert giving_back(mentor) == Decimal("1.5") + Decimal("0.75") + Decimal(2)  # two meetings, one completed
    assert giving_back(mentee) == 0
    today = timezone.localdate()
    kinds = sorted(c.source_kind for c in cpd_credit(mentor, today - timedelta(days=100), today + timedelta(days=1)))
    assert kinds == ["mentoring_meeting", "mentoring_meeting", "mentoring_relationship"]


def test_mentoring_credit_stays_within_the_giving_back_cap(pair):
    mentor, _mentee = pair
    practitioner = scheme(giving_back_max="3")
    practitioner.counts_mentoring = True
    practitioner.save()
    assert giving_back(mentor) == Decimal(3)
