"""A new member's first visit in a real browser: the getting-started checklist on the home page, steps ticked as they
are done (profile and time zone saved, a webinar registered for), the checklist hidden and staying hidden; axe-core
and the accessibility checks on every page, and no sideways scrolling at a phone's 320 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import Topic
from lms.models import Member
from tests import factories
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import check_accessibility, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FITS_THE_WINDOW_JS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def checked_page(page) -> None:
    check_accessibility(page)
    assert_no_axe_violations(page)


def checklist_state(page) -> dict[str, bool]:
    """Each step's name and whether the list says, in words a screen reader reads, that it is done."""
    items = page.locator("#onboarding li")
    return {items.nth(n).locator(".onboarding-label").inner_text():
            items.nth(n).locator(".visually-hidden").inner_text() == "Done:" for n in range(items.count())}

def test_a_new_member_works_through_the_checklist_and_hides_it(page, live_server, browser_errors, screenshot_dir):
    Topic.objects.create(name="Flow metrics", slug="flow-metrics")
    orientation = factories.build_offering(title="Welcome to the Association", is_orientation=True)
    webinar = factories.build_event(title="Flow Metrics Live")
    member = factories.MemberFactory(email="noor@example.org", first_name="Noor", last_name="Haddad",
                                     career_stage="", preferred_languages=[],
                                     date_joined=timezone.now() - timedelta(days=3))
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/")
    checklist = page.get_by_role("region", name="Getting started")
    assert checklist.is_visible()
    assert page.locator("#onboarding-progress").inner_text() == "0 of 5 steps done"
    assert page.get_by_role("link", name="Take the orientation module").get_attribute("href") == orientation.url
    checked_page(page)
    save_screenshot(page, screenshot_dir, "onboarding-checklist")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(FITS_THE_WINDOW_JS), "the home page with the checklist scrolls sideways at 320 px"
    save_screenshot(page, screenshot_dir, "onboarding-checklist-320")
    page.set_viewport_size({"width": 1280, "height": 800})

    # The profile: career stage, country, interests, time zone and languages, saved in one go.
    with page.expect_navigation():
        page.get_by_role("link", name="Complete your profile and topics of interest").click()
    page.get_by_label("Career stage").select_option("early_career")
    page.get_by_label("Country").select_option("JO")
    page.get_by_label("Time zone").select_option("Asia/Amman")
    page.get_by_label("English", exact=True).check()
    page.get_by_label("Flow metrics").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save profile").click()
    assert "Your profile was saved." in page.get_by_role("status").first.inner_text()

    page.goto("/")
    assert page.locator("#onboarding-progress").inner_text() == "2 of 5 steps done"
    state = checklist_state(page)
    assert state["Complete your profile and topics of interest"] and state["Confirm your time zone and languages"]
    assert not state["Register for a first webinar"]

    # A first webinar.
    page.goto(webinar.url)
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    page.goto("/")
    assert page.locator("#onboarding-progress").inner_text() == "3 of 5 steps done"
    assert checklist_state(page)["Register for a first webinar"]
    checked_page(page)
    save_screenshot(page, screenshot_dir, "onboarding-checklist-progress")

    # Hidden with the keyboard, and hidden for good: on reload and on My learning too.
    page.get_by_role("button", name="Hide this checklist").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.rstrip("/") == live_server.url
    assert page.locator("#onboarding").count() == 0
    page.reload()
    assert page.locator("#onboarding").count() == 0
    page.goto("/my-learning/")
    assert page.locator("#onboarding").count() == 0
    checked_page(page)
    assert Member.objects.get(pk=member.pk).onboarding_hidden_at is not None
    assert browser_errors == []
