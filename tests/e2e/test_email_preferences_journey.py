"""E-mail preferences in a real browser: a member reaches the page from their profile and changes it with the
keyboard alone; someone opening an e-mail's one-click unsubscribe link, signed in or not, is asked first and
unsubscribed only by the button; a spoilt link gets a page that says so. axe-core checks every page on the way."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from lms import communication, unsubscribe
from lms.models import CommunicationPreferences, DigestFrequency, EmailCategory
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import check_accessibility, save_screenshot, sign_in
from tests.factories import MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def checked_page(page) -> None:
    check_accessibility(page)
    assert_no_axe_violations(page)


def test_a_member_changes_their_email_preferences_with_the_keyboard(page, live_server, browser_errors,
                                                                    screenshot_dir):
    member = MemberFactory(email="ines@example.org", first_name="Inês")
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto(reverse("lms:profile"))
    page.get_by_role("link", name="E-mail preferences").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "E-mail preferences"
    assert page.get_by_label("Event reminders").is_checked() and page.get_by_label("Monthly").is_checked()
    checked_page(page)
    save_screenshot(page, screenshot_dir, "email-preferences")

    page.get_by_label("Event reminders").focus()
    page.keyboard.press("Space")
    page.get_by_label("Weekly").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save e-mail preferences").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    assert "Your e-mail preferences were saved." in page.get_by_role("status").first.inner_text()
    assert not page.get_by_label("Event reminders").is_checked() and page.get_by_label("Weekly").is_checked()
    assert not communication.wants(member, EmailCategory.REMINDERS)
    assert communication.digest_frequency(member) == DigestFrequency.WEEKLY
    checked_page(page)
    assert browser_errors == []


def test_one_click_unsubscribe_asks_first_then_turns_the_category_off(page, live_server, browser_errors,
                                                                      screenshot_dir):
    member = MemberFactory(email="kenji@example.org", first_name="Kenji")
    serve_axe(page.context)
    path = urlsplit(unsubscribe.url(member, EmailCategory.REMINDERS)).path

    response = page.goto(path)  # no session: the link alone
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Unsubscribe from “Event reminders”?"
    checked_page(page)
    save_screenshot(page, screenshot_dir, "unsubscribe-confirm")
    assert communication.wants(member, EmailCategory.REMINDERS), "opening the link changes nothing"

    page.get_by_role("button", name="Unsubscribe").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "You are unsubscribed"
    checked_page(page)
    assert not communication.wants(member, EmailCategory.REMINDERS)

    spoilt = page.goto(path.replace("/unsubscribe/", "/unsubscribe/x"))
    assert spoilt.status == 400
    assert "not valid" in page.locator("main").inner_text()
    checked_page(page)
    assert CommunicationPreferences.objects.get(member=member).reminders is False
    assert browser_errors == []
