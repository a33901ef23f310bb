"""The CPD beat job on a real Celery worker over Redis: sent twice at once, it closes each ended cycle once (met or
short, the hours frozen) and starts the next cycle once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.cpd.models import Cycle, ExternalActivity
from certificates.cpd.tasks import close_ended_cycles
from tests.celery_worker import real_worker

from .factories import activity, member_joined, scheme

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_the_beat_job_closes_ended_cycles_once_on_a_real_worker():
    practitioner = scheme(required="5", months=12, ethics_min=None, giving_back_max=None)
    today = timezone.localdate()
    met, short = member_joined(today - timedelta(days=500)), member_joined(today - timedelta(days=600))
    for member in (met, short):
        Cycle.objects.create(member=member, scheme=practitioner, starts_on=today - timedelta(days=400),
                             ends_on=today - timedelta(days=35))
    activity(met, hours="6", day=today - timedelta(days=100), status=ExternalActivity.Status.APPROVED)

    with real_worker(close_ended_cycles) as worker:
        sent = [close_ended_cycles.delay().id for _ in range(2)]
        closed = [worker.result(task_id) for task_id in sent]

    assert sum(closed) == 2
    assert Cycle.objects.get(member=met, status=Cycle.Status.MET).counted_hours == Decimal(6)
    assert Cycle.objects.get(member=short, status=Cycle.Status.SHORT).counted_hours == 0
    for member in (met, short):
        assert Cycle.objects.filter(member=member, status=Cycle.Status.OPEN).count() == 1
        assert Cycle.objects.get(member=member, status=Cycle.Status.OPEN).starts_on == today - timedelta(days=35)
