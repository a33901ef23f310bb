"""How long CPD evidence is kept, and deleting it when that runs out.

Evidence is kept for `CPD_EVIDENCE_RETENTION_YEARS` (default 7) after the cycle it supports closed: long enough for
an audit of any closed cycle and for the usual six-year limitation period on records, not forever. An activity's
evidence supports every cycle of its member that holds its date; it is deleted once the last of those closed more
than the period ago (an activity no cycle holds is kept the period after its own date). Files an audit collected
go the period after the audited cycle closed. The file is deleted from storage and its field emptied; the activity
row and its hours stay, so past cycles add up the same. Each deletion writes a row to the audit trail.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from . import audits
from .models import AuditEvidence, Cycle, ExternalActivity, TrailEntry
from .progress import add_months

DEFAULT_YEARS = 7
BATCH = 500


def retention_years() -> int:
    """The configured years, at least one: a zero or negative setting must not delete the evidence of cycles that
    only just closed, before any audit could ask for it."""
    return max(1, int(getattr(settings, "CPD_EVIDENCE_RETENTION_YEARS", DEFAULT_YEARS)))


def cutoff(today: date) -> date:
    """Cycles that ended before this day have had their evidence kept long enough."""
    return add_months(today, -12 * retention_years())


def expired_activities(today: date):
    """Activities with a file whose every cycle ended before the cutoff (or, held by none, dated before it)."""
    before = cutoff(today)
    still_held = Cycle.objects.filter(member=OuterRef("member"), starts_on__lte=OuterRef("date"),
                                      ends_on__gt=OuterRef("date"), ends_on__gte=before)
    return (ExternalActivity.objects.exclude(evidence="").filter(date__lt=before)
            .exclude(Exists(still_held)).order_by("pk"))


def expired_audit_evidence(today: date):
    return AuditEvidence.objects.exclude(file="").filter(case__cycle__ends_on__lt=cutoff(today)).order_by("pk")


def delete_expired_evidence(today: date | None = None) -> int:
    """Delete up to BATCH expired files of each kind (the next run takes the rest); how many were deleted."""
    today = today or timezone.localdate()
    deleted = 0
    for activity in expired_activities(today)[:BATCH]:
        name = activity.evidence.name
        activity.evidence.storage.delete(name)
        if ExternalActivity.objects.filter(pk=activity.pk, evidence=name).update(
                evidence="", evidence_deleted_at=timezone.now()):
            audits.record(TrailEntry.Action.EVIDENCE_DELETED, detail=f"cpd.externalactivity:{activity.pk}")
            deleted += 1
    for evidence in expired_audit_evidence(today).select_related("case__audit")[:BATCH]:
        name = evidence.file.name
        evidence.file.storage.delete(name)
        if AuditEvidence.objects.filter(pk=evidence.pk, file=name).update(file="", deleted_at=timezone.now()):
            audits.record(TrailEntry.Action.EVIDENCE_DELETED, case=evidence.case,
                          detail=f"cpd.auditevidence:{evidence.pk}")
            deleted += 1
    return deleted
