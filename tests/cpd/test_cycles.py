"""Members' cycles (certificates/cpd/cycles.py): anchored on the joining day, rolled over by themselves, closed
once with their hours frozen, never overlapping, made once under a race."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certificates.cpd import cycles
from certificates.cpd.models import Cycle, ExternalActivity
from lms.models import MembershipTier
from tests import factories
from tests.concurrency import run_together

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db


def test_the_first_cycle_is_the_one_holding_today_counted_from_the_joining_day():
    practitioner = scheme()
    member = member_joined(date(2019, 1, 31))
    cycle = cycles.current_cycle(member, practitioner, today=date(2026, 5, 10))
    assert (cycle.starts_on, cycle.ends_on) == (date(2025, 1, 31), date(2028, 1, 31))
    assert cycle.last_day == date(2028, 1, 30)
    assert Cycle.objects.filter(member=member).count() == 1  # no earlier cycles invented


def test_reading_after_the_end_closes_the_cycle_and_starts_the_next():
    practitioner = scheme(required="10", ethics_min=None, giving_back_max=None)
    member = member_joined(date(2024, 1, 15))
    first = cycles.current_cycle(member, practitioner, today=date(2024, 6, 1))
    activity(member, hours="12", day=date(2025, 2, 1), status=ExternalActivity.Status.APPROVED)
    later = cycles.current_cycle(member, practitioner, today=date(2027, 2, 1))
    assert later.starts_on == first.ends_on == date(2027, 1, 15)
    first.refresh_from_db()
    assert first.status == Cycle.Status.MET and first.counted_hours == 12 and first.closed_at is not None


def test_a_long_absence_makes_every_cycle_in_between_each_closed_short():
    practitioner = scheme(months=12, ethics_min=None, giving_back_max=None)
    member = member_joined(date(2020, 3, 1))
    cycles.current_cycle(member, practitioner, today=date(2020, 4, 1))
    current = cycles.current_cycle(member, practitioner, today=date(2023, 7, 1))
    rows = list(Cycle.objects.filter(member=member).order_by("starts_on").values_list("starts_on", "status"))
    assert rows == [(date(2020, 3, 1), "short"), (date(2021, 3, 1), "short"), (date(2022, 3, 1), "short"),
                    (date(2023, 3, 1), "open")]
    assert current.starts_on == date(2023, 3, 1)


def test_the_beat_job_closes_ended_cycles_once_and_rolls_over():
    practitioner = scheme(required="5", months=12, ethics_min=None, giving_back_max=None)
    member = member_joined(date(2024, 2, 1))
    cycles.current_cycle(member, practitioner, today=date(2024, 3, 1))
    assert cycles.close_ended_cycles(today=date(2025, 2, 2)) == 1
    assert cycles.close_ended_cycles(today=date(2025, 2, 2)) == 0
    assert list(Cycle.objects.filter(member=member).order_by("starts_on").values_list("status", flat=True)) == [
        "short", "open"]


def test_schemes_apply_by_tier_and_only_while_active():
    scheme(tiers=[MembershipTier.PROFESSIONAL])
    scheme("Students", tiers=[MembershipTier.STUDENT])
    inactive = scheme("Old", tiers=[MembershipTier.PROFESSIONAL])
    inactive.is_active = False
    inactive.save()
    member = factories.MemberFactory(membership_tier=MembershipTier.PROFESSIONAL)
    assert [s.name for s in cycles.schemes_for(member)] == ["VSMC Practitioner CPD"]
    assert cycles.schemes_for(factories.NonMemberFactory()) == []


def test_overlapping_cycles_are_refused_with_a_clear_message():
    practitioner = scheme()
    member = member_joined(date(2024, 1, 1))
    Cycle.objects.create(member=member, scheme=practitioner, starts_on=date(2024, 1, 1), ends_on=date(2027, 1, 1))
    overlapping = Cycle(member=member, scheme=practitioner, starts_on=date(2026, 1, 1), ends_on=date(2029, 1, 1))
    with pytest.raises(ValidationError, match="already has a cycle of this scheme in those dates"):
        overlapping.full_clean()
    backwards = Cycle(member=member, scheme=practitioner, starts_on=date(2030, 1, 1), ends_on=date(2029, 1, 1))
    with pytest.raises(ValidationError, match="must end after it starts"):
        backwards.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.create(member=member, scheme=practitioner, starts_on=date(2024, 1, 1), ends_on=date(2025, 1, 1))


def test_a_scheme_and_its_rules_refuse_nonsense():
    practitioner = scheme()
    practitioner.cycle_months = 121
    practitioner.yearly_minimum_hours = Decimal(61)
    practitioner.tiers = []
    with pytest.raises(ValidationError) as raised:
        practitioner.full_clean()
    assert set(raised.value.message_dict) == {"cycle_months", "yearly_minimum_hours", "tiers"}
    rule = practitioner.rules.get(category="ethics")
    rule.maximum_hours = Decimal(2)
    with pytest.raises(ValidationError, match="maximum cannot be less than the minimum"):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        practitioner.rules.filter(pk=rule.pk).update(maximum_hours=Decimal(2))


@pytest.mark.django_db(transaction=True)
def test_racing_readers_make_each_cycle_once():
    practitioner = scheme()
    member = member_joined(date(2020, 5, 5))
    made = run_together(6, lambda i: cycles.current_cycle(member, practitioner, today=date(2026, 1, 1)).pk)
    assert len(set(made)) == 1
    assert Cycle.objects.filter(member=member).count() == 1
