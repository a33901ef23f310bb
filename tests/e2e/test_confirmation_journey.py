"""A destructive action asks first, with script turned off: a member presses "Cancel my registration", reads what
will happen on a page of its own, goes back once (nothing changed), then confirms and the seat is given up."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from courses.events.registration import register
from courses.models import Registration
from tests import factories
from tests.e2e.browsing import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_cancelling_a_registration_is_confirmed_on_its_own_page_without_script(browser, live_server, browser_errors):
    webinar = factories.build_event(title="Flow Metrics Live", sessions=[factories.session_spec(20, capacity=5)])
    session = factories.sessions_of(webinar)[0]
    member = factories.MemberFactory(email="kenji@example.org", first_name="Kenji")
    register(member, session)
    client = Client()
    client.force_login(member)

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.on("response", lambda r: r.status >= 500 and browser_errors.append(f"HTTP {r.status} {r.url}"))
    try:
        page.goto(webinar.url)
        page.get_by_role("button", name="Cancel my registration").click()
        page.wait_for_load_state()

        assert page.get_by_role("heading", level=1).inner_text() == "Cancel your registration?"
        main = page.locator("main").inner_text()
        assert "Flow Metrics Live" in main and "cannot be undone" in main
        assert Registration.objects.get(member=member).status == Registration.Status.CONFIRMED

        page.get_by_role("link", name="Keep my registration").click()
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith(webinar.url.rstrip("/"))
        assert Registration.objects.get(member=member).status == Registration.Status.CONFIRMED

        page.get_by_role("button", name="Cancel my registration").click()
        page.wait_for_load_state()
        page.get_by_role("button", name="Cancel my registration").click()
        page.wait_for_load_state()
        assert "cancelled" in page.locator("main").inner_text().lower()
        assert Registration.objects.get(member=member).status == Registration.Status.CANCELLED
    finally:
        context.close()
    assert browser_errors == []


def test_the_confirmation_page_is_accessible(page, live_server, browser_errors):
    webinar = factories.build_event(title="Flow Metrics Live", sessions=[factories.session_spec(20, capacity=5)])
    member = factories.MemberFactory(email="ana@example.org", first_name="Ana")
    register(member, factories.sessions_of(webinar)[0])
    client = Client()
    client.force_login(member)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto(webinar.url)
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    check_accessibility(page)
    assert page.get_by_role("button", name="Cancel my registration").is_visible()
    assert page.get_by_role("link", name="Keep my registration").is_visible()
    assert browser_errors == []
