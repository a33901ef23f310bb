"""A member's certificates on "My learning" in a real browser, one expiring within 30 days with a refresher to
renew by and one expired but still renewable: the badge, the dates and the renew link are there, the page passes
axe-core and reflows without sideways scrolling at 320 and 1280 px, and the renew link leads to the refresher
with the keyboard alone. A refresher course the member already completed is not offered (a course renews once),
and a renewed certificate's old version says so on its verify page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from lms.formatting import date_text
from tests.certificates.factories import complete_course
from tests.certificates.renewal_support import expiring_certificate, expiring_template, refresher_course, set_dates
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import check_accessibility, checked_at_both_widths, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

WIDTHS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 900}}
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_a_member_sees_an_expiring_certificate_and_follows_its_renew_link(page, live_server, browser_errors,
                                                                          screenshot_dir):
    refresher = refresher_course("Research Ethics Refresher")
    template = expiring_template(refresher=refresher, by_cpd_cycle=True)
    soon = expiring_certificate(expires_in=timedelta(days=21), template=template)
    member = soon.member
    expiring_certificate(member, expires_in=timedelta(days=-5), template=template, title="Ethics of Measurement")
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/my-learning/")
    panel = page.locator("#certificates")
    assert panel.get_by_text("Expires soon").is_visible()
    assert date_text(soon.expires_at) in panel.inner_text()
    assert "It has expired, but you can still renew it until" in panel.inner_text()
    check_accessibility(page)
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert page.evaluate(SIDEWAYS_JS) <= 0, f"My learning scrolls sideways at {size['width']} px"
        assert_no_axe_violations(page)
        save_screenshot(page, screenshot_dir, f"certificate-renewal-{label}")

    renew = panel.get_by_role("link", name=re.compile(r"^Renew\s*: Research Integrity in Practice$"))
    renew.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Research Ethics Refresher"
    assert browser_errors == []


def test_a_spent_refresher_course_is_not_offered_and_the_renewed_version_says_so(page, live_server, browser_errors,
                                                                                 screenshot_dir):
    """A member who already completed the refresher course is told so and shown the CPD route, not a renew link
    that cannot renew them; a renewed certificate's old version says it was renewed and until when."""
    refresher = refresher_course("Research Ethics Refresher")
    template = expiring_template(refresher=refresher, by_cpd_cycle=True)
    old = expiring_certificate(expires_in=timedelta(days=-5), template=template)  # lapsed, within the grace
    member = old.member
    complete_course(member, refresher)  # the refresher renews `old` (the task runs on commit)
    new = Certificate.objects.get(member=member, achievement_key=old.achievement_key, superseded_at__isnull=True)
    set_dates(new, timezone.now() + timedelta(days=20))  # and it is expiring again
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/my-learning/")
    panel = page.locator("#certificates").inner_text()
    assert "You have already completed the refresher Research Ethics Refresher" in panel
    assert page.locator("#certificates").get_by_role("link", name=re.compile(r"^Renew")).count() == 0
    checked_at_both_widths(page, screenshot_dir, "spent-refresher")

    page.goto(f"/certificates/verify/{old.code}")
    main = page.locator("main").inner_text()
    assert "Replaced by its renewal" in main and "change of name" not in main
    checked_at_both_widths(page, screenshot_dir, "renewed-old-version")
    assert browser_errors == []
