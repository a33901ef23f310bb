"""Evidence retention (certificates/cpd/retention.py, the beat job): once every cycle an activity's evidence
supports closed more than the configured years ago, the file is deleted from storage and its field emptied, the
activity and its hours kept, and the deletion written to the trail; evidence still within the period is kept;
an audit's files go the period after the audited cycle closed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from certificates.cpd import audits, retention
from certificates.cpd.models import AuditEvidence, Cycle, ExternalActivity, TrailEntry
from certificates.cpd.progress import add_months
from certificates.cpd.tasks import delete_expired_evidence
from tests import factories
from tests.celery_worker import real_worker

from .factories import activity, member_joined, pdf_upload, scheme

YEAR = 365


def closed(member, practitioner, starts_on, ends_on) -> Cycle:
    return Cycle.objects.create(member=member, scheme=practitioner, starts_on=starts_on, ends_on=ends_on,
                                status=Cycle.Status.MET, counted_hours=Decimal(60), closed_at=timezone.now())


@pytest.mark.django_db
def test_only_expired_evidence_is_deleted_and_the_activity_stays(client, settings, media_root):
    settings.CPD_EVIDENCE_RETENTION_YEARS = 7
    today = timezone.localdate()
    practitioner = scheme()
    member = member_joined(today - timedelta(days=12 * YEAR))
    old_cycle_end = add_months(today, -12 * 7) - timedelta(days=1)  # closed a day more than seven years ago
    closed(member, practitioner, add_months(old_cycle_end, -36), old_cycle_end)
    recent_end = add_months(today, -12 * 6)  # closed six years ago: still kept
    closed(member, practitioner, old_cycle_end, recent_end)  # the next cycle
    expired = activity(member, day=old_cycle_end - timedelta(days=100), status=ExternalActivity.Status.APPROVED)
    kept = activity(member, day=recent_end - timedelta(days=100), status=ExternalActivity.Status.APPROVED)
    current = activity(member)
    expired_file = Path(media_root) / expired.evidence.name
    assert expired_file.exists()

    assert retention.delete_expired_evidence(today) == 1
    assert retention.delete_expired_evidence(today) == 0  # once

    expired.refresh_from_db()
    assert expired.evidence.name == "" and expired.evidence_deleted_at is not None
    assert not expired_file.exists()
    assert (expired.hours, expired.status) == (Decimal(5), ExternalActivity.Status.APPROVED)
    for still in (kept, current):
        still.refresh_from_db()
        assert still.evidence.name and (Path(media_root) / still.evidence.name).exists()
    entry = TrailEntry.objects.get(action=TrailEntry.Action.EVIDENCE_DELETED)
    assert entry.detail == f"cpd.externalactivity:{expired.pk}" and entry.audit is None

    client.force_login(member)
    gone = client.get(f"/cpd/activities/{expired.pk}/evidence/")
    assert gone.status_code == 410 and "retention period" in gone.content.decode()
    assert "Deleted after the retention period" in client.get("/cpd/").content.decode()


@pytest.mark.django_db
def test_a_shorter_setting_deletes_sooner_and_audit_files_go_with_their_cycle(settings, media_root):
    today = timezone.localdate()
    practitioner = scheme()
    member = member_joined(today - timedelta(days=12 * YEAR))
    end = add_months(today, -12 * 3) - timedelta(days=1)
    closed(member, practitioner, add_months(end, -36), end)
    staff = factories.StaffFactory()
    audit = audits.draw(end - timedelta(days=5), end, Decimal(100), 3, staff)
    case = audit.cases.get()
    case = audits.request_evidence(case.pk, case.version, today + timedelta(days=5), staff)
    audits.answer(case, member, pdf_upload())
    evidence = AuditEvidence.objects.get()
    stored = Path(media_root) / evidence.file.name

    settings.CPD_EVIDENCE_RETENTION_YEARS = 7
    assert retention.delete_expired_evidence(today) == 0
    settings.CPD_EVIDENCE_RETENTION_YEARS = 3
    assert retention.delete_expired_evidence(today) == 1
    evidence.refresh_from_db()
    assert evidence.file.name == "" and evidence.deleted_at is not None and not stored.exists()
    assert audit.trail.filter(action=TrailEntry.Action.EVIDENCE_DELETED, case=case).exists()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_deletes_expired_evidence_on_a_real_worker(settings, media_root):
    assert settings.CELERY_BEAT_SCHEDULE["cpd-evidence-retention"]["task"] == (
        "certificates.cpd.tasks.delete_expired_evidence")
    settings.CPD_EVIDENCE_RETENTION_YEARS = 1
    today = timezone.localdate()
    member = member_joined(today - timedelta(days=5 * YEAR))
    end = today - timedelta(days=2 * YEAR)
    closed(member, scheme(), end - timedelta(days=YEAR), end)
    expired = activity(member, day=end - timedelta(days=10))
    with real_worker(delete_expired_evidence) as worker:
        sent = [delete_expired_evidence.delay().id for _ in range(2)]
        deleted = [worker.result(task_id) for task_id in sent]
    assert sum(deleted) == 1
    expired.refresh_from_db()
    assert expired.evidence.name == ""
    assert TrailEntry.objects.filter(action=TrailEntry.Action.EVIDENCE_DELETED).count() == 1
