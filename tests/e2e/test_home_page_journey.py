"""The personalised home page in a real browser, at a phone's and a desktop's width: a visitor reads upcoming events
in their browser's own zone, with the current campaign, featured offerings and join and sign in; an experienced
member is welcomed by name, continues at the exact lesson they left off, sees their next session and their CPD this
year. axe-core finds nothing and nothing scrolls sideways."""

from __future__ import annotations

import re
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.models import Campaign
from courses.events import registration as registration_rules
from tests import factories
from tests.courses.journeys import days_from_today, enrol, finish
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import check_accessibility, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
OVERFLOW_JS = "() => document.documentElement.scrollWidth > window.innerWidth"


def catalog_with_a_campaign():
    """A featured course with a picture, a webinar next week, a course to continue and one to finish, a campaign."""
    picture = Image.objects.create(title="Flow picture", file=get_test_image_file())
    factories.build_offering(title="Value Stream Mapping Essentials", featured=True, image=picture,
                             image_alt_text="Sticky notes on a wall", modules=1, lessons_per_module=1)
    webinar = factories.build_event(title="Flow Forecasting Clinic",
                                    sessions=[factories.session_spec(5, time_zone="Europe/London")])
    Campaign.objects.create(name="Flow Month", slug="flow-month", summary="A month of flow-themed events.",
                            starts_on=days_from_today(-3), ends_on=days_from_today(27), image=picture)
    return webinar


def checked(page, viewport: str, name: str, screenshot_dir) -> None:
    check_accessibility(page)
    assert_no_axe_violations(page)
    assert not page.evaluate(OVERFLOW_JS), f"the home page scrolls sideways at {viewport}"
    save_screenshot(page, screenshot_dir, f"home-{name}-{viewport}")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
def test_a_visitor_reads_whats_on_in_their_own_zone(viewport, page, live_server, screenshot_dir, browser_errors):
    webinar = catalog_with_a_campaign()
    page.set_viewport_size(VIEWPORTS[viewport])
    serve_axe(page.context)
    # The browser says it is in New York; the page reloads once to print times there (cms/static/cms/timezone.js).
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})

    page.goto("/")
    events = page.get_by_role("region", name="Upcoming webinars and workshops")
    events.get_by_text("Times are shown in America/New_York.").wait_for()
    session = factories.sessions_of(webinar)[0]
    starts = timezone.localtime(session.starts_at, timezone=zoneinfo.ZoneInfo("America/New_York"))
    assert events.locator(f'time[datetime="{starts.isoformat()}"]').count() == 1
    assert page.get_by_role("region", name="Featured").get_by_role(
        "link", name="Value Stream Mapping Essentials").is_visible()
    assert page.get_by_role("region", name="Flow Month").get_by_role("link", name="Explore Flow Month").is_visible()
    hero = page.get_by_role("region", name=page.locator("h1").inner_text())
    assert hero.get_by_role("link", name="Sign in").get_attribute("href") == "/accounts/login/"
    assert page.get_by_role("region", name="Continue where you left off").count() == 0
    checked(page, viewport, "visitor", screenshot_dir)
    assert browser_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
def test_an_experienced_member_continues_at_the_exact_lesson(viewport, page, live_server, screenshot_dir,
                                                             browser_errors):
    webinar = catalog_with_a_campaign()
    member = factories.MemberFactory(email="lucia@example.org", first_name="Lucía", time_zone="Europe/Madrid",
                                     date_joined=timezone.now() - timedelta(days=400))
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=2, lessons_per_module=2)
    lessons = factories.lessons_of(course)
    enrol(member, course)
    finish(member, lessons[:2])
    done = factories.build_offering(title="Kanban Basics", modules=1, lessons_per_module=1, cpd_hours=4)
    enrol(member, done)
    finish(member, factories.lessons_of(done))
    registration_rules.register(member, factories.sessions_of(webinar)[0])
    page.set_viewport_size(VIEWPORTS[viewport])
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome back, Lucía"
    sessions = page.get_by_role("region", name="Your next sessions")
    assert sessions.get_by_role("link", name="Flow Forecasting Clinic").is_visible()
    session = factories.sessions_of(webinar)[0]
    madrid = timezone.localtime(session.starts_at, timezone=zoneinfo.ZoneInfo("Europe/Madrid"))
    assert sessions.locator(f'time[datetime="{madrid.isoformat()}"]').count() == 1
    cpd = page.get_by_role("region", name=f"CPD in {timezone.localdate().year}")
    assert "4 CPD hours" in cpd.inner_text()
    checked(page, viewport, "member", screenshot_dir)

    continuing = page.get_by_role("region", name="Continue where you left off")
    continuing.get_by_role("link", name=re.compile(r"^Continue\W+Flow Metrics Fundamentals$")).click()
    page.wait_for_url(f"**{lessons[2].url}")
    assert page.get_by_role("heading", level=1).inner_text() == "Lesson 2.1"
    assert browser_errors == []
