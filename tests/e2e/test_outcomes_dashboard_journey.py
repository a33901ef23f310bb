"""The outcomes dashboard in a real browser: staff open Reports -> Outcomes, narrow it to one topic and career
stage, read the trend charts and their tables, export a table as CSV, open the flagged offering's evidence, narrow it
to one learning path and export the per-path table; at 320 and 1280 px nothing scrolls sideways and axe-core finds
nothing. A partner host reaches their co-hosted offerings' figures from the admin home."""

from __future__ import annotations

import csv
import io

import pytest

from courses.models import AbandonmentThresholds
from tests import factories
from tests.courses.outcome_support import build_world, enrol
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import save_screenshot, sign_in
from tests.e2e.test_cpd_audit_journey import admin_checked_at_both_widths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_narrow_the_dashboard_and_export_a_table(page, live_server, browser_errors, screenshot_dir):
    world = build_world()
    enrol(factories.MemberFactory(career_stage="early_career"), world.course, 2026, completed=False)
    factories.build_learning_path([world.course, world.event], title="Flow programme")
    factories.build_learning_path([factories.build_offering(title="Other", modules=1, lessons_per_module=1)],
                                  title="Another programme")
    AbandonmentThresholds.objects.create(pk=1, min_rate=90)  # Flow Metrics: 83% then 0% completed
    serve_axe(page.context)

    sign_in(page, live_server, factories.StaffFactory())
    page.goto("/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Outcomes", exact=True).click()
    page.wait_for_load_state()
    page.get_by_label("Topic", exact=True).select_option(label="Flow")
    page.get_by_label("Career stage", exact=True).select_option(label="Early career (0-5 years)")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert page.get_by_role("img", name="Reach by programme year").is_visible()
    editions = page.get_by_role("table", name="By offering and edition").inner_text()
    assert "Flow Metrics" in editions and "Flow Live" not in editions  # the webinar has no topic
    admin_checked_at_both_widths(page, screenshot_dir, "dashboard")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download “By offering and edition” as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert rows[0][:3] == ["Offering", "Format", "Programme year"]
    assert [(row[0], row[2], row[3]) for row in rows[1:]] == [("Flow Metrics", "2025", "6"),
                                                               ("Flow Metrics", "2026", "1")]

    page.get_by_role("link", name="Retire or redesign").click()
    page.wait_for_load_state()
    evidence = page.get_by_role("table", name="Evidence for Flow Metrics: the last two editions").inner_text()
    assert "2025" in evidence and "2026" in evidence
    assert_no_axe_violations(page)
    save_screenshot(page, screenshot_dir, "dashboard-evidence")
    page.go_back()
    page.wait_for_load_state()

    page.get_by_label("Learning path", exact=True).select_option(label="Flow programme")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    paths = page.get_by_role("table", name="By learning path").inner_text()
    assert "Flow programme" in paths and "Another programme" not in paths
    admin_checked_at_both_widths(page, screenshot_dir, "dashboard-path")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “By learning path” as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert rows[0][:6] == ["Learning path", "Programme year", "Steps", "Editions", "Reach", "Completed the path"]
    assert [(row[0], row[1], row[4]) for row in rows[1:]] == [("Flow programme", "2025", "6"),
                                                               ("Flow programme", "2026", "1")]

    page.get_by_label("From programme year", exact=True).fill("2030")
    page.get_by_label("To programme year", exact=True).fill("2020")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "The last year cannot come before the first." in page.locator("body").inner_text()
    assert_no_axe_violations(page)
    assert browser_errors == []


def test_a_partner_host_reads_their_co_hosted_offerings(page, live_server, browser_errors, screenshot_dir):
    world = build_world()
    serve_axe(page.context)
    sign_in(page, live_server, factories.partner_host_for(world.partner))
    page.goto("/admin/")
    page.get_by_role("link", name="Outcomes of the offerings your partner co-hosts").click()
    page.get_by_role("link", name="Flow Live").click()
    page.wait_for_load_state()
    table = page.get_by_role("table", name="By offering and edition").inner_text()
    assert "Flow Live" in table and "Flow Metrics" not in table
    admin_checked_at_both_widths(page, screenshot_dir, "dashboard-hosted")
    assert browser_errors == []
