"""Credit from the platform reaches the CPD rule through the `cpd_credit_sources` hook: courses' completions and
attended sessions, with the hours and types credited when they happened, dated in the site's zone, each once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.cpd import cycles
from certificates.cpd.models import ExternalActivity
from certificates.cpd.progress import cycle_progress
from courses.models import Enrolment, Registration
from lms.extension_points import cpd_credit
from tests import factories

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db


def completed(member, offering, hours: str, credit_type: str, days_ago: int) -> Enrolment:
    return Enrolment.objects.create(
        member=member, offering=offering, is_active=True, completed_at=timezone.now() - timedelta(days=days_ago),
        credited_title=offering.title, credited_cpd_hours=Decimal(hours), credited_cpd_credit_type=credit_type)


def test_completions_attendance_and_approved_activities_add_up_in_their_categories():
    scheme()
    member = member_joined(timezone.localdate() - timedelta(days=200))
    completed(member, factories.build_offering(title="Flow basics"), "3", "ethics", days_ago=20)
    completed(member, factories.build_offering(title="Before joining"), "9", "ethics", days_ago=400)  # before cycle
    completed(member, factories.build_offering(title="Nothing credited"), "0", "general", days_ago=5)
    event = factories.build_event(sessions=[factories.session_spec(days_ahead=-10)])
    session = factories.sessions_of(event)[0]
    Registration.objects.create(
        member=member, session=session, status=Registration.Status.CONFIRMED, confirmed_at=timezone.now(),
        attended=True, credited_title=event.title, credited_cpd_hours=Decimal("1.5"),
        credited_cpd_credit_type="technical")
    activity(member, hours="2", category="ethics", day=timezone.localdate() - timedelta(days=3),
             status=ExternalActivity.Status.APPROVED)
    activity(member, hours="50", category="ethics", day=timezone.localdate() - timedelta(days=3))  # not reviewed

    cycle = cycles.current_cycle(member, cycles.schemes_for(member)[0])
    credit = cpd_credit(member, cycle.starts_on, cycle.ends_on)
    assert sorted((c.source_kind, c.hours, c.category) for c in credit) == [
        ("attendance", Decimal("1.5"), "technical"), ("completion", Decimal(3), "ethics")]
    assert len({c.source_id for c in credit}) == 2

    result = cycle_progress(cycle, timezone.localdate())
    by_category = {c.category: c.counted for c in result.categories}
    assert by_category == {"technical": Decimal("1.5"), "ethics": Decimal(5), "giving_back": Decimal(0)}
    assert result.counted == Decimal("6.5")
