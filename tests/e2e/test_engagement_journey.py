"""The engagement report in a real browser: staff open it from the admin, choose a segment and months, and see both
charts with their tables; at 320 and 1280 px nothing scrolls sideways and axe-core finds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrolment
from lms.models import Demographics
from tests import factories
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import SIDEWAYS_JS, WIDTHS, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_read_engagement_by_segment(page, live_server, browser_errors, screenshot_dir):
    offering = factories.build_offering()
    now = timezone.now()
    for n in range(8):
        member = factories.MemberFactory(career_stage="early_career" if n % 2 else "senior", country="KE",
                                         date_joined=now - timedelta(days=100))
        Demographics.objects.create(member=member, gender="woman" if n < 6 else "man")
        Enrolment.objects.create(member=member, offering=offering, enrolled_at=now - timedelta(days=31 * (n % 3)))
    serve_axe(page.context)

    sign_in(page, live_server, factories.StaffFactory())
    page.goto("/admin/reports/engagement/")
    page.get_by_label("Segment", exact=True).select_option(label="Career stage")
    page.get_by_label("Months", exact=True).fill("6")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert page.get_by_role("img", name="Members active each month").is_visible()
    table = page.get_by_role("table", name="Active members by month").inner_text()
    assert "Early career (0-5 years)" in table
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert page.evaluate(SIDEWAYS_JS) <= 0, f"the engagement page scrolls sideways at {size['width']} px"
        assert_no_axe_violations(page)
        save_screenshot(page, screenshot_dir, f"engagement-{label}")

    page.get_by_label("Segment", exact=True).select_option(label="Gender (self-described)")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "fewer than 5" in page.get_by_role("table", name="Active members by month").inner_text()
    page.get_by_label("Months", exact=True).fill("400")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "less than or equal to 36" in page.locator("body").inner_text()
    assert_no_axe_violations(page)
    assert browser_errors == []
