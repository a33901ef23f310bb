"""CPD in a real browser: a member logs a conference with its certificate (a PDF) on their CPD page, staff approve
it in the admin's review queue, and the member's page then shows the hours in the category and what remains. The
member's page passes axe-core and reflows without sideways scrolling at 320 and 1280 px, before and after."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.cpd.models import ExternalActivity
from tests import factories
from tests.cpd.factories import PDF_BYTES, member_joined, scheme
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import checked_at_both_widths, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

# The innermost elements reaching past the window, named, for the failure message.



def test_a_member_logs_a_conference_staff_approve_it_and_the_cycle_shows_it(page, live_server, browser_errors,
                                                                         screenshot_dir):
    scheme()
    member = member_joined(timezone.localdate() - timedelta(days=200), first_name="Amaia", last_name="Etxeberria")
    staff = factories.StaffFactory(first_name="Rosa", last_name="Moreno")
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/my-learning/")
    page.get_by_role("link", name="My CPD: your cycle, what remains, and activities you log yourself").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "My CPD"
    checked_at_both_widths(page, screenshot_dir, "cpd-page-empty")

    page.get_by_label("Kind of activity").select_option(label="Conference")
    page.get_by_label("Title").fill("Ethics in Flow Conference 2026")
    page.get_by_label("Provider or organiser").fill("Flow Society")
    page.get_by_label("Date:", exact=True).fill((timezone.localdate() - timedelta(days=5)).isoformat())
    page.get_by_label("Hours:", exact=True).fill("7.5")
    page.get_by_label("Credit category").select_option(label="Ethics / responsible conduct of research")
    page.get_by_label("Evidence").set_input_files(
        files=[{"name": "attendance.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.get_by_role("button", name="Log the activity").click()
    page.wait_for_load_state()
    assert "is logged and awaits review by staff" in page.get_by_role("status").first.inner_text()
    assert "Awaiting review" in page.locator("main").inner_text()
    checked_at_both_widths(page, screenshot_dir, "cpd-page-logged")

    page.context.clear_cookies()
    sign_in(page, live_server, staff)
    page.goto("/admin/cpd/review/")
    assert "Ethics in Flow Conference 2026" in page.locator("main").inner_text()
    save_screenshot(page, screenshot_dir, "cpd-review-queue")
    with page.expect_popup() as evidence:
        page.get_by_role("link", name="Evidence for Ethics in Flow Conference 2026").click()
    evidence.value.close()
    page.get_by_role("button", name="Approve Ethics in Flow Conference 2026").click()
    page.wait_for_load_state()
    assert "is approved; its hours count" in page.locator("body").inner_text()
    activity = ExternalActivity.objects.get()
    assert activity.status == "approved" and activity.hours == Decimal("7.5") and activity.reviewer == staff

    page.context.clear_cookies()
    sign_in(page, live_server, member)
    page.goto("/cpd/")
    ethics = page.locator(".cpd-bar", has_text="Ethics / responsible conduct of research").inner_text()
    assert "7.5 CPD hours" in ethics and "still needed" not in ethics  # at least 6: met
    figures = page.get_by_role("list", name="This cycle in figures").inner_text()
    assert "52.5 CPD hours" in figures  # of 60 required
    table = page.get_by_role("table", name="Hours by category, as a table")
    row = table.get_by_role("row", name="Ethics / responsible conduct of research").inner_text()
    assert row.split("\t")[1:3] == ["7.5", "7.5"]  # earned, counted
    assert "Approved" in page.locator("main").inner_text()
    checked_at_both_widths(page, screenshot_dir, "cpd-page-approved")
    assert browser_errors == []
