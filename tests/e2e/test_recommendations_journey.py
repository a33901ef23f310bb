"""A member ticks topics of interest on their profile and finds recommendations, each with its reason, on "My learning"
(the list cached from their visit before shows the new interest at once), in a real browser at a phone's and a
desktop's width, with axe-core finding nothing on either page."""

from __future__ import annotations

import pytest

from lms.models import CareerStage, Member
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import check_accessibility, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
OVERFLOW_JS = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS)
def test_member_picks_interests_and_sees_recommendations_with_reasons(
    viewport, page, live_server, screenshot_dir, browser_errors
):
    page.set_viewport_size(VIEWPORTS[viewport])
    serve_axe(page.context)
    ethics = factories.TopicFactory(name="Ethics & RCR", slug="ethics-rcr")
    factories.TopicFactory(name="Portfolio management", slug="portfolio-management")
    member = factories.MemberFactory(email="rec@example.org", career_stage=CareerStage.EARLY_CAREER,
                                     preferred_languages=["en"])
    basics = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    enrol(member, basics)
    finish(member, factories.lessons_of(basics))
    advanced = factories.build_offering(title="Advanced Flow Analytics", modules=1, lessons_per_module=1)
    advanced.prerequisites.set([basics])
    advanced.save()
    factories.build_offering(title="Research Integrity in Practice", modules=1, lessons_per_module=1,
                             topics=[ethics])
    factories.build_event(title="Flow for Newcomers", career_stages=[CareerStage.EARLY_CAREER])
    sign_in(page, live_server, member)

    # --- My learning before: its recommendations are now cached for the member (courses/recommendation_cache.py)
    page.goto("/my-learning/")
    before = page.get_by_role("region", name="Recommended for you").get_by_role("listitem")
    assert [card.get_by_role("heading").inner_text() for card in before.all()] == [
        "Advanced Flow Analytics", "Flow for Newcomers"]

    # --- the profile: tick a topic of interest, by its label --------------------------------------------
    page.goto("/accounts/profile/")
    check_accessibility(page)
    assert_no_axe_violations(page)
    assert not page.evaluate(OVERFLOW_JS), "the profile scrolls sideways"
    interests = page.get_by_role("group", name="Topics of interest")
    interests.get_by_label("Ethics & RCR").check()
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url("**/accounts/profile/")
    assert page.get_by_text("Your profile was saved.").is_visible()
    assert list(Member.objects.get(pk=member.pk).interests.values_list("slug", flat=True)) == ["ethics-rcr"]

    # --- My learning: each recommendation with its link and reason, the new interest's at once -------------
    page.goto("/my-learning/")
    check_accessibility(page)
    panel = page.get_by_role("region", name="Recommended for you")
    cards = panel.get_by_role("listitem")
    assert [card.get_by_role("heading").inner_text() for card in cards.all()] == [
        "Advanced Flow Analytics", "Research Integrity in Practice", "Flow for Newcomers"]
    assert [card.locator(".recommendation-reason").inner_text() for card in cards.all()] == [
        "Because you completed “Flow Metrics Fundamentals”",
        "Matches your interest in Ethics & RCR",
        "For early-career members",
    ]
    assert_no_axe_violations(page)
    assert not page.evaluate(OVERFLOW_JS), "My learning scrolls sideways"
    save_screenshot(page, screenshot_dir, f"recommendations-{viewport}")

    panel.get_by_role("link", name="Research Integrity in Practice").click()
    page.wait_for_url("**/research-integrity-in-practice/")
    assert browser_errors == []
