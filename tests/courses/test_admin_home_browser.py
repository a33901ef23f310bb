"""An instructor signs in to the Wagtail admin and its home shows what they teach: their offering with its learners
and completion, a link to edit it that works, and nothing of another instructor's; axe-core finds nothing on the
page. Screenshots go to E2E_SCREENSHOT_DIR (or /tmp)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.courses.journeys import enrol, finish
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_instructor_finds_their_offering_on_the_admin_home(page, live_server, browser_errors, screenshot_dir):
    teacher = factories.InstructorFactory(first_name="Amara", last_name="Okafor")
    mine = factories.build_offering(title="Flow Metrics Fundamentals", instructors=[teacher], modules=1,
                                    lessons_per_module=1)
    factories.build_offering(title="Kanban for Teams", instructors=[factories.InstructorFactory()], modules=1,
                             lessons_per_module=1)
    learner = factories.MemberFactory()
    enrol(learner, mine)
    finish(learner, factories.lessons_of(mine))
    serve_axe(page.context)
    sign_in(page, live_server, teacher)

    page.goto(reverse("wagtailadmin_home"))
    panel = page.get_by_role("region", name="What you teach")
    assert page.get_by_role("heading", name="What you teach").is_visible()
    table = panel.get_by_role("table")
    assert "Flow Metrics Fundamentals" in table.inner_text() and "1 (100%)" in table.inner_text()
    assert "Kanban for Teams" not in page.inner_text("body")
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
    save_screenshot(page, screenshot_dir, "admin-home-instructor")

    panel.get_by_role("link", name="Flow Metrics Fundamentals", exact=True).click()
    page.wait_for_url(f"**{reverse('wagtailadmin_pages:edit', args=[mine.pk])}")
    assert not browser_errors, browser_errors
