"""A CPD audit in a real browser: staff draw a sample of closed cycles in the admin's "CPD audits" and ask the sampled
member for evidence; the member uploads a PDF on their CPD page (axe-core clean, no sideways scrolling at 320 and
1280 px); staff open it, record the audit as passed, and read every step in the audit's trail, its member and the
evidence file by name. The admin's audit list, an audit's page and its trail are axe-core clean at 320 and 1280 px
too."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.cpd.models import AuditCase, AuditEvidence, Cycle
from tests import factories
from tests.cpd.factories import PDF_BYTES, member_joined, scheme
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import CULPRITS_JS, SIDEWAYS_JS, WIDTHS, save_screenshot, sign_in
from tests.e2e.test_cpd_journey import checked_at_both_widths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]


def admin_checked_at_both_widths(page, screenshot_dir, name: str) -> None:
    """`checked_at_both_widths` for a Wagtail admin page, whose skip link and landmarks are Wagtail's own: at 320
    and 1280 px nothing scrolls sideways, axe-core finds nothing, and a screenshot; left at the desktop width."""
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert page.evaluate(SIDEWAYS_JS) <= 0, (
            f"{name} scrolls sideways at {size['width']} px: {page.evaluate(CULPRITS_JS)}")
        assert_no_axe_violations(page)
        save_screenshot(page, screenshot_dir, f"{name}-{label}")
    page.set_viewport_size(WIDTHS["desktop"])


def test_staff_draw_an_audit_the_member_sends_evidence_and_staff_pass_it(page, live_server, browser_errors,
                                                                        screenshot_dir, mailoutbox):
    today = timezone.localdate()
    practitioner = scheme()
    member = member_joined(today - timedelta(days=1500), first_name="Amaia", last_name="Etxeberria")
    Cycle.objects.create(member=member, scheme=practitioner, starts_on=today - timedelta(days=1200),
                         ends_on=today - timedelta(days=104), status=Cycle.Status.SHORT, counted_hours=Decimal(40),
                         closed_at=timezone.now())
    staff = factories.StaffFactory(first_name="Rosa", last_name="Moreno")
    serve_axe(page.context)

    sign_in(page, live_server, staff)
    page.goto("/admin/cpd/audits/")
    page.get_by_label("Cycles that ended from").fill((today - timedelta(days=365)).isoformat())
    page.get_by_label("to", exact=True).fill(today.isoformat())
    page.get_by_label("Percentage to sample (0.1 to 100)").fill("100")
    page.get_by_label("Seed (optional)").fill("7")
    page.get_by_role("button", name="Draw the sample").click()
    page.wait_for_load_state()
    assert "The sample is drawn: 1 of 1 cycles." in page.locator("body").inner_text()
    admin_checked_at_both_widths(page, screenshot_dir, "cpd-audit-page")
    page.get_by_label("Evidence due by").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Request evidence").click()
    page.wait_for_load_state()
    assert "Evidence is requested" in page.locator("body").inner_text()
    assert [m.to for m in mailoutbox] == [[member.email]]

    page.context.clear_cookies()
    sign_in(page, live_server, member)
    page.goto("/cpd/")
    assert page.get_by_role("heading", name="CPD audit: evidence requested").is_visible()
    checked_at_both_widths(page, screenshot_dir, "audit-requested")
    page.get_by_label("Evidence for the cycle's activities (PDF, PNG or JPEG)").set_input_files(
        files=[{"name": "records.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.get_by_role("button", name="Upload the evidence").click()
    page.wait_for_load_state()
    assert "Your evidence is uploaded" in page.get_by_role("status").first.inner_text()
    checked_at_both_widths(page, screenshot_dir, "audit-answered")

    page.context.clear_cookies()
    sign_in(page, live_server, staff)
    page.goto("/admin/cpd/audits/")
    admin_checked_at_both_widths(page, screenshot_dir, "cpd-audit-list")
    page.goto(f"/admin/cpd/audits/{AuditCase.objects.get().audit_id}/")
    with page.expect_popup() as evidence:
        page.get_by_role("link", name="Evidence 1").click()
    evidence.value.close()
    page.get_by_label("Passed").check()
    page.get_by_label("Note for the trail").fill("Records match the certificates")
    page.get_by_role("button", name="Record the outcome").click()
    page.wait_for_load_state()
    body = page.locator("body").inner_text()
    assert "The outcome is recorded: Passed." in body
    trail = page.get_by_role("table", name="Audit trail").inner_text()
    for step in ("Sample drawn", "Evidence requested", "Request e-mailed", "Evidence uploaded",
                 "Passed: Records match the certificates"):
        assert step in trail
    assert "Rosa Moreno" in trail and "Amaia Etxeberria" in trail
    evidence_id = AuditEvidence.objects.get().pk
    assert f"Evidence uploaded: evidence file audit-evidence-{evidence_id}.pdf" in trail and "cpd.audit" not in trail
    page.get_by_role("table", name="Audit trail").scroll_into_view_if_needed()
    admin_checked_at_both_widths(page, screenshot_dir, "cpd-audit-trail")
    save_screenshot(page, screenshot_dir, "cpd-audit-admin")
    assert AuditCase.objects.get().status == AuditCase.Status.PASSED
    assert browser_errors == []
