"""The audit trail in words (certificates/cpd/trail.py): each step shows its member, and the evidence it touched by
the file's name, linked while the file is kept, never as the stored reference ("cpd.auditevidence:7"); a staff
note is shown as written; a page of trail is a fixed number of queries however many rows it has."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.cpd import audits, trail
from certificates.cpd.models import AuditCase, AuditEvidence, TrailEntry
from tests import factories

from .factories import pdf_upload
from .test_audits import closed_cycles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def answered_audit(staff, members: int) -> list[AuditCase]:
    """An audit of `members` cycles, each asked for evidence and answered with a file."""
    closed_cycles(members)
    today = timezone.localdate()
    audit = audits.draw(today - timedelta(days=60), today, Decimal(100), 1, staff)
    cases = list(audit.cases.select_related("cycle__member").order_by("pk"))
    for case in cases:
        requested = audits.request_evidence(case.pk, case.version, today + timedelta(days=30), staff)
        audits.answer(requested, case.cycle.member, pdf_upload())
    return cases


def test_the_trail_names_the_member_and_links_the_evidence_file(client):
    staff = factories.StaffFactory(first_name="Ada", last_name="Byron")
    first, second = answered_audit(staff, 2)
    kept = AuditEvidence.objects.get(case=first)
    gone = AuditEvidence.objects.get(case=second)
    AuditEvidence.objects.filter(pk=gone.pk).update(file="", deleted_at=timezone.now())
    audits.record(TrailEntry.Action.EVIDENCE_DELETED, case=second, detail=f"cpd.auditevidence:{gone.pk}")
    audits.record_outcome(first.pk, AuditCase.objects.get(pk=first.pk).version, "passed", staff, None,
                          "cpd.auditevidence:1 is what I checked")
    client.force_login(staff)

    page = client.get(reverse("cpd_audits:audit", args=[first.audit_id])).content.decode()

    assert page.count("cpd.auditevidence:") == 1  # only in staff's note
    assert f'<a href="{reverse("cpd:audit_evidence", args=[kept.pk])}">evidence file audit-evidence-{kept.pk}.pdf</a>' \
        in page
    assert f"evidence file audit-evidence-{gone.pk} (deleted)" in page
    assert first.cycle.member.get_full_name() in page and second.cycle.member.get_full_name() in page
    assert "Passed: cpd.auditevidence:1 is what I checked" in page  # a note is shown as written


def test_a_page_of_trail_is_a_fixed_number_of_queries():
    staff = factories.StaffFactory()
    cases = answered_audit(staff, 4)

    with CaptureQueriesContext(connection) as queries:
        lines = trail.lines(trail.entries(TrailEntry.objects.filter(audit=cases[0].audit)))
        texts = [(line.member_name, line.text, line.url) for line in lines]

    assert len(queries) == 2  # the rows with their cases and members; the evidence they name
    assert sum(text.startswith("evidence file audit-evidence-") for _name, text, _url in texts) == 4


def test_an_activitys_deleted_evidence_names_the_activity_and_its_member():
    from .factories import activity

    staff = factories.StaffFactory()
    member = answered_audit(staff, 1)[0].cycle.member
    logged = activity(member, title="Flow Summit")
    entry = audits.record(TrailEntry.Action.EVIDENCE_DELETED, detail=f"cpd.externalactivity:{logged.pk}")

    [line] = trail.lines(trail.entries(TrailEntry.objects.filter(pk=entry.pk)))

    assert line.member_name == member.get_full_name()
    assert line.text == "the evidence of the activity “Flow Summit”"
