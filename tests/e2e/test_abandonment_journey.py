"""The "Retire or redesign" page in a real browser: staff open it from the admin, read a flagged course's two weak
editions side by side, record a decision, and at 320 and 1280 px nothing scrolls sideways and axe-core finds
nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses.models import AbandonmentDecision, AbandonmentThresholds
from tests import factories
from tests.courses.test_outcome_measures import enrol, evaluate, members
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import save_screenshot, sign_in
from tests.e2e.test_cpd_audit_journey import admin_checked_at_both_widths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_read_the_evidence_and_record_a_decision(page, live_server, browser_errors, screenshot_dir):
    weak = factories.build_offering(title="Weak Course", modules=1, lessons_per_module=1)
    for year, rating in ((2025, 2), (2026, 1)):
        for person in members(5):
            evaluate(person, weak, year, rating, applied="no", enrolment=enrol(person, weak, year, completed=True))
    fine = factories.build_offering(title="Fine Course", modules=1, lessons_per_module=1)
    for year in (2025, 2026):
        for person in members(5):
            evaluate(person, fine, year, 5, enrolment=enrol(person, fine, year, completed=True))
    AbandonmentThresholds.objects.create(pk=1, min_rating=Decimal("3"))
    staff = factories.StaffFactory()
    serve_axe(page.context)

    sign_in(page, live_server, staff)
    page.goto("/admin/reports/retire-or-redesign/")
    assert page.get_by_role("heading", name="Offering: Weak Course").is_visible()
    assert "Fine Course" not in page.locator("main").inner_text()
    evidence = page.get_by_role("table", name="Evidence for Weak Course: the last two editions").inner_text()
    assert "2025" in evidence and "2026" in evidence and "mean rating" in evidence
    admin_checked_at_both_widths(page, screenshot_dir, "measures-abandonment")

    page.get_by_label("Decision", exact=True).select_option(label="Redesign")
    page.get_by_label("Note", exact=True).fill("Rebuild the examples around members' own work.")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    assert "Decision: Redesign" in page.locator("main").inner_text()
    decision = AbandonmentDecision.objects.get()
    assert (decision.offering_id, decision.choice, decision.decided_by_id) == (weak.pk, "redesign", staff.pk)

    page.get_by_label("Minimum reach").fill("-3")
    page.get_by_role("button", name="Save thresholds").click()
    page.wait_for_load_state()
    assert "greater than or equal to 0" in page.locator("main").inner_text()
    save_screenshot(page, screenshot_dir, "measures-thresholds-error")
    assert browser_errors == []
