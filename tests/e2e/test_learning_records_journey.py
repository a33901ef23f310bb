"""Learning records in a real browser: a statement the LRS could not take (it was down too long) waits in the
admin's "Learning records not sent" with the error (axe-core clean, no sideways scrolling at 320 and 1280 px);
staff send it again once the LRS is back, and the real LRS (Ralph) takes it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from courses.learning import enrolment as enrolment_rules
from lms.learning_records import MAX_ATTEMPTS
from lms.models import LearningRecord
from tests import factories
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import SIDEWAYS_JS, WIDTHS, save_screenshot, sign_in
from tests.lms.learning_records_support import closed_port, lrs_environment, statements_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_find_a_refused_statement_and_the_lrs_takes_it_when_sent_again(page, live_server, browser_errors,
                                                                            screenshot_dir, settings):
    for name, value in lrs_environment().items():
        setattr(settings, name, value)
    real_endpoint = settings.LRS_ENDPOINT
    settings.LRS_ENDPOINT = f"http://127.0.0.1:{closed_port()}/xAPI/"  # the LRS is down
    member = factories.MemberFactory()
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    enrolment_rules.enrol(member, course)  # recorded, and tried at once (tasks run eagerly here): postponed
    record = LearningRecord.objects.get(member=member)
    assert record.attempts == 1 and "ConnectionError" in record.last_error
    LearningRecord.objects.filter(pk=record.pk).update(failed_at=timezone.now(), attempts=MAX_ATTEMPTS)  # too long
    settings.LRS_ENDPOINT = real_endpoint  # back
    staff = factories.StaffFactory()
    serve_axe(page.context)

    sign_in(page, live_server, staff)
    page.goto("/admin/reports/learning-records/")
    assert page.get_by_role("heading", name="Learning records not sent").is_visible()
    listed = page.locator("main").inner_text()
    assert "ConnectionError" in listed and f"Given up after {MAX_ATTEMPTS} attempts" in listed
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert page.evaluate(SIDEWAYS_JS) <= 0, f"the page scrolls sideways at {size['width']} px"
        assert_no_axe_violations(page)
        save_screenshot(page, screenshot_dir, f"learning-records-{label}")

    page.get_by_role("button", name="Send again").click()
    page.wait_for_load_state()
    assert "Every learning record has been sent." in page.locator("main").inner_text()
    assert [held["id"] for held in statements_of(member)] == [str(record.pk)]
    assert browser_errors == []
