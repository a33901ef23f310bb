"""Mentoring in a real browser: a mentee fills in her profile, finds a mentor in the directory by expertise and
overlap, asks; the mentor accepts and both see each other's contact details; staff run a round in the admin,
review the explained pairs and publish; the mentee accepts her proposal."""

from __future__ import annotations

import re

import pytest

from mentoring.models import MatchProposal, MenteeProfile, Mentorship, MentorshipRequest
from tests import factories
from tests.e2e.browsing import check_accessibility, save_screenshot, sign_in
from tests.mentoring.factories import RoundFactory, applied, mentee, mentor, topic

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def switch_to(page, live_server, member) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, member)


def test_mentee_finds_a_mentor_who_accepts_then_staff_run_and_publish_a_round(
    page, live_server, browser_errors, screenshot_dir
):
    flow, kanban = topic("Flow metrics"), topic("Kanban")
    maya = mentor(first_name="Maya", last_name="Lindqvist", expertise=[flow], time_zone="Europe/London",
                  availability=[[0, 18, 21], [2, 18, 21]], capacity=2)
    mentor(first_name="Jun", last_name="Watanabe", expertise=[flow], time_zone="Asia/Tokyo",
           availability=[[1, 20, 23]], languages=("ja", "en"))
    mentor(first_name="Diego", last_name="Herrera", expertise=[kanban], time_zone="Europe/Madrid")
    ines = factories.MemberFactory(first_name="Inés", last_name="García", email="ines@example.org",
                                   career_stage="", time_zone="Europe/Madrid")

    # The mentee fills in her profile: goals, languages, and two evening windows on one day, without script.
    sign_in(page, live_server, ines)
    page.goto("/mentoring/profile/mentee/")
    check_accessibility(page)
    page.get_by_label("Career stage").select_option("early_career")
    page.get_by_label("Your goals").fill("Introduce flow metrics to my team.")
    page.get_by_role("group", name="Expertise you are looking for").get_by_label("Flow metrics").check()
    page.get_by_label("Your first language for mentoring").select_option("es")
    page.get_by_role("group", name="Other languages you are happy to use").get_by_label("English").check()
    monday = page.get_by_role("group", name="Monday")
    monday.get_by_label("Monday: From", exact=True).select_option("19")
    monday.get_by_label("Monday: To", exact=True).first.select_option("22")
    save_screenshot(page, screenshot_dir, "mentoring-mentee-profile")
    page.get_by_role("button", name="Create mentee profile").click()
    page.wait_for_load_state()
    assert "Your profile was saved" in page.get_by_role("status").first.inner_text()
    assert MenteeProfile.objects.get(member=ines).availability == [[0, 19, 22]]

    # The directory: expertise and overlap narrow it to the mentor free when she is.
    page.goto("/mentoring/mentors/")
    check_accessibility(page)
    page.get_by_label("Expertise").select_option("flow-metrics")
    page.get_by_label("Free at the same time as me, each week").select_option("2")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "1 mentor found" in page.get_by_role("status").first.inner_text()
    results = page.locator(".cards")
    assert "Maya Lindqvist" in results.inner_text() and "Jun" not in results.inner_text()
    assert "3 hours a week" in results.inner_text(), "Madrid 19-22 h is London 18-21 h"
    save_screenshot(page, screenshot_dir, "mentoring-directory")
    page.get_by_role("link", name="Maya Lindqvist").click()
    page.wait_for_load_state()
    check_accessibility(page)
    assert maya.member.email not in page.content(), "contact details wait for the match"
    page.get_by_label("Your message to the mentor").fill("Hola Maya, could you help me with flow metrics?")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state()
    assert "Your request was sent" in page.get_by_role("status").first.inner_text()
    request = MentorshipRequest.objects.get(mentee=ines)

    # The mentor accepts from her mentoring page.
    switch_to(page, live_server, maya.member)
    page.goto("/mentoring/")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("From Inés García")).click()
    page.wait_for_load_state()
    assert "Introduce flow metrics to my team." in page.locator("main").inner_text()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    check_accessibility(page)
    mentorship = Mentorship.objects.get(request=request)
    assert "ines@example.org" in page.locator(".contact-box").inner_text()

    # The mentee sees her mentor's contact details now, and logs their first meeting.
    switch_to(page, live_server, ines)
    page.goto(f"/mentoring/relationships/{mentorship.pk}/")
    assert maya.member.email in page.locator(".contact-box").inner_text()
    page.get_by_label("Length in minutes").fill("45")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="After your first meeting: is this a good fit?").is_visible()
    save_screenshot(page, screenshot_dir, "mentoring-relationship")

    # Staff run a round in the admin, read why each pair was proposed, and publish.
    round = RoundFactory(title="Autumn cohort")
    applied(maya, round)
    applied(mentor(first_name="Grace", last_name="Adeyemi", expertise=[kanban], time_zone="Africa/Lagos"), round)
    kofi = mentee(first_name="Kofi", last_name="Mensah", wanted=[kanban], time_zone="Africa/Accra")
    applied(kofi, round)
    applied(mentee(first_name="Laura", last_name="Gómez", wanted=[flow], time_zone="Europe/Madrid"), round)
    switch_to(page, live_server, factories.StaffFactory(first_name="Marcus", last_name="Johnson"))
    page.goto("/admin/mentoring/")
    page.get_by_role("link", name="Autumn cohort").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Run the matcher").click()
    page.wait_for_load_state()
    review = page.locator("#proposals")
    assert "Proposed pairs to review (2)" in review.inner_text()
    assert "expertise asked for: Kanban" in review.inner_text()
    save_screenshot(page, screenshot_dir, "mentoring-admin-review")
    page.get_by_role("button", name=re.compile("Publish 2 proposals")).click()
    page.wait_for_load_state()
    assert MatchProposal.objects.filter(round=round, status="published").count() == 2

    # The mentee accepts the proposal that reached her.
    switch_to(page, live_server, kofi.member)
    page.goto("/mentoring/")
    page.get_by_role("link", name=re.compile("as your mentor")).click()
    page.wait_for_load_state()
    check_accessibility(page)
    assert "Why you were matched" in page.locator("main").inner_text()
    save_screenshot(page, screenshot_dir, "mentoring-proposal")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "You accepted" in page.get_by_role("status").first.inner_text()
    assert MatchProposal.objects.get(round=round, mentee=kofi.member).mentee_answer == "accepted"
    assert browser_errors == []
