"""A member's webinar journey in a real browser: register, read the time in their own zone, take the .ics,
cancel, and see the seat pass to the member waiting for it."""

from __future__ import annotations

import zoneinfo
from datetime import time

import icalendar
import pytest
from django.core import mail

from courses.events.registration import register
from courses.models import Registration
from tests import factories
from tests.e2e.browsing import check_accessibility, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_registers_in_their_zone_takes_the_ics_cancels_and_the_waitlist_moves(
    page, browser, live_server, browser_errors, tmp_path
):
    partner = factories.PartnerFactory(name="Northbridge University")
    webinar = factories.build_event(
        title="Flow Metrics Live",
        co_hosts=[partner],
        sessions=[factories.session_spec(20, start=time(10), end=time(11, 30), time_zone="America/New_York",
                                         capacity=1)],
    )
    session = factories.sessions_of(webinar)[0]
    tokyo = factories.MemberFactory(email="kenji@example.org", first_name="Kenji", time_zone="Asia/Tokyo")
    waiting = factories.MemberFactory(email="ana@example.org", first_name="Ana", time_zone="Europe/Lisbon")
    sign_in(page, live_server, tokyo)

    page.goto(webinar.url)
    check_accessibility(page)
    tokyo_start = session.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    sessions = page.locator("#sessions-heading").locator("..")
    assert f"{tokyo_start:%H:%M}" in sessions.inner_text() and "JST" in sessions.inner_text()
    assert "10:00" in sessions.inner_text() and ("EST" in sessions.inner_text() or "EDT" in sessions.inner_text())
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    assert "You are registered" in page.get_by_role("alert").or_(page.get_by_role("status")).first.inner_text()
    assert Registration.objects.get(member=tokyo).status == Registration.Status.CONFIRMED

    # The seat is gone: the next member joins the waitlist.
    assert register(waiting, session).registration.status == Registration.Status.WAITLISTED

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    ics_path = tmp_path / "event.ics"
    download_info.value.save_as(ics_path)
    calendar = icalendar.Calendar.from_ical(ics_path.read_bytes())
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == session.starts_at
    assert vevent["dtstart"].params["TZID"] == "America/New_York"
    assert calendar.walk("VTIMEZONE"), "the calendar carries its time zone definition"
    assert "meet.example.org" not in ics_path.read_text(), "the joining link never leaves the page"

    mail.outbox.clear()
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Cancel my registration").click()  # on the confirmation page
    page.wait_for_load_state()
    assert "cancelled" in page.locator("main").inner_text().lower()
    assert Registration.objects.get(member=tokyo).status == Registration.Status.CANCELLED
    assert Registration.objects.get(member=waiting).status == Registration.Status.CONFIRMED
    promoted_mail = [m for m in mail.outbox if m.to == [waiting.email]]
    assert len(promoted_mail) == 1 and "A seat opened up" in promoted_mail[0].subject

    # The promoted member sees their seat, in their own zone; their browser asks for Portuguese, so the site
    # answers in it (lms/languages.py).
    other = browser.new_context(base_url=live_server.url, locale="pt-PT")
    try:
        lisbon_page = other.new_page()
        sign_in(lisbon_page, live_server, waiting)
        lisbon_page.goto(webinar.url)
        assert "/pt/" in lisbon_page.url
        assert "A sua inscrição nesta sessão está confirmada." in lisbon_page.locator("main").inner_text()
        lisbon_start = session.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Lisbon"))
        assert f"{lisbon_start:%H:%M}" in lisbon_page.locator("#sessions-heading").locator("..").inner_text()
    finally:
        other.close()
    assert browser_errors == []
