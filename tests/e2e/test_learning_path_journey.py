"""A learning path in a real browser: a member part way along it reaches the path from My learning with the keyboard,
reads their progress (a step done, one under way, one locked by its prerequisite) and follows "Next" to the step to
take; a visitor reads the same steps and finds the path in the catalog. axe-core and sideways scrolling are
checked at 320 and 1280 px."""

from __future__ import annotations

import pytest

from courses.events.registration import register
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import checked_at_both_widths, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]




def test_a_member_follows_their_progress_along_a_path_with_the_keyboard(page, live_server, browser_errors,
                                                                        screenshot_dir):
    member = factories.MemberFactory(first_name="Noor", last_name="Haddad")
    fundamentals = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    mapping = factories.build_offering(title="Value Stream Mapping Essentials", modules=1, lessons_per_module=1)
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1)
    webinar = factories.build_event(title="Flow Forecasting Clinic")
    workshop = factories.build_workshop(title="Mapping Studio")
    path = factories.build_learning_path([fundamentals, mapping, ethics, webinar, (workshop, [mapping])])
    enrol(member, fundamentals)
    finish(member, factories.lessons_of(fundamentals))
    register(member, factories.sessions_of(webinar)[0])
    serve_axe(page.context)

    page.goto(path.url)  # a visitor: the steps, and a way to sign in
    assert page.get_by_role("heading", level=1).inner_text() == "Value stream practitioner"
    assert page.get_by_role("link", name="Sign in to follow your progress along this path").is_visible()
    checked_at_both_widths(page, screenshot_dir, "learning-path-visitor")
    page.goto("/catalog/")  # the catalog lists it above the offerings
    assert page.get_by_role("region", name="Learning paths").get_by_role(
        "link", name="Value stream practitioner").is_visible()
    checked_at_both_widths(page, screenshot_dir, "learning-path-catalog")

    sign_in(page, live_server, member)
    page.goto("/my-learning/")
    link = page.get_by_role("region", name="Learning paths").get_by_role("link", name="Value stream practitioner")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Value stream practitioner"
    progress = page.get_by_role("region", name="Your progress")
    assert "1 of 5 steps done" in progress.inner_text()
    steps = page.locator(".path-step")
    assert [steps.nth(n).locator(".path-step-state").inner_text() for n in range(5)] == [
        "Done", "Not started · Next", "Not started", "In progress", "Locked"]
    assert "Needs step 2 first" in steps.nth(4).inner_text()
    checked_at_both_widths(page, screenshot_dir, "learning-path-member")

    following = page.get_by_role("link", name="Next: step 2")  # its hidden words name the step for screen readers
    assert "Value Stream Mapping Essentials" in following.text_content()
    following.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Value Stream Mapping Essentials"
    assert browser_errors == []
