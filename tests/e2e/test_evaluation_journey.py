"""An evaluation and its follow-up in a real browser: the member finds "Tell us how it went" on My learning, answers
with the keyboard (the rating scales are radio groups with legends), sees a specific error for a missing answer,
and later answers the follow-up; axe-core at 320 and 1280 px on each form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Evaluation, EvaluationQuestion, FollowUp
from tests.courses.evaluation_support import asked_about_course
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import checked_at_both_widths, sign_in
from tests.factories import MemberFactory, build_offering

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_member_evaluates_a_course_and_answers_the_follow_up(page, live_server, browser_errors, screenshot_dir):
    member = MemberFactory(email="amara@example.org", first_name="Amara")
    course = build_offering(title="Flow Metrics Fundamentals")
    question = EvaluationQuestion.objects.create(page=course, text="What will you try first?", sort_order=0)
    asked = asked_about_course(member, course, days_ago=61)
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto(reverse("courses:dashboard"))
    page.get_by_role("link", name="Evaluate Flow Metrics Fundamentals").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Tell us how it went"
    checked_at_both_widths(page, screenshot_dir, "evaluation")

    page.get_by_role("group", name="Overall, how would you rate it?").get_by_label("4").check()
    page.get_by_role("button", name="Send my evaluation").click()
    page.wait_for_load_state()
    assert "Choose a number from 1 to 5." in page.locator("main").inner_text()  # relevance left out
    checked_at_both_widths(page, screenshot_dir, "evaluation-error")

    page.get_by_role("group", name="How relevant was it to your work?").get_by_label("5").focus()
    page.keyboard.press("Space")
    page.get_by_role("group", name="Would you recommend it to a colleague?").get_by_label("Yes").check()
    page.get_by_label("What will you try first?").fill("A WIP limit on our board")
    page.get_by_role("button", name="Send my evaluation").press("Enter")
    page.wait_for_load_state()
    assert "Thank you: your evaluation is recorded." in page.locator("main").inner_text()
    evaluation = Evaluation.objects.get(request=asked)
    assert (evaluation.rating, evaluation.relevance, evaluation.would_recommend) == (4, 5, True)
    assert evaluation.answers == {str(question.pk): "A WIP limit on our board"}

    page.get_by_role("link", name="Have you used Flow Metrics Fundamentals at work?").click()
    page.wait_for_load_state()
    checked_at_both_widths(page, screenshot_dir, "evaluation-follow-up")
    page.get_by_label("Partly").check()
    page.get_by_label("An example, if you have one").fill("We now review flow time weekly.")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state()
    assert FollowUp.objects.get(request=asked).applied == "partly"
    assert browser_errors == []
