"""A learner's whole journey in a real browser: sign up, verify, enrol, learn, pass the quiz, get the transcript.

Every page visited also gets the basic accessibility checks a keyboard or screen-reader user depends on.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core import mail

from courses.models import Enrolment
from lms.models import Member
from tests.e2e.browsing import check_accessibility, save_screenshot
from tests.factories import build_offering, lessons_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "ada.learner@example.org"
PASSWORD = "flow-of-value-2026!"
COURSE_TITLE = "Flow Metrics Fundamentals"

def offering_progress(page) -> tuple[str, int]:
    """The course page's progress label text and its <progress> value."""
    label = page.locator("#progress-label-offering").inner_text().strip()
    value = int(float(page.locator("progress[aria-labelledby='progress-label-offering']").get_attribute("value")))
    return label, value


def test_learner_signs_up_enrols_completes_the_course_and_downloads_the_transcript(
    page, live_server, screenshot_dir, browser_errors
):
    course = build_offering(title=COURSE_TITLE, modules=2, lessons_per_module=2, quiz_lessons=((1, 1),), cpd_hours=3)
    lessons = lessons_of(course)
    quiz_lesson = lessons[-1]
    assert [lesson.has_quiz for lesson in lessons] == [False, False, False, True]
    mail.outbox.clear()

    # --- sign up through allauth's real form ---------------------------------------------------------
    page.goto("/")
    check_accessibility(page)
    page.get_by_role("link", name="Create account").click()
    page.wait_for_url("**/accounts/signup/")
    check_accessibility(page)
    save_screenshot(page, screenshot_dir, "signup")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Given name").fill("Ada")
    page.get_by_label("Family name").fill("Lovelace")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    check_accessibility(page)
    member = Member.objects.get(email=EMAIL)
    assert (member.first_name, member.last_name) == ("Ada", "Lovelace")

    # --- verify the address from the e-mail (locmem outbox: the live server is a thread of this process) -----
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/accounts/confirm-email/[^/\s]+/", message.body)
    assert link, message.body
    page.goto(link.group(0))
    check_accessibility(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/my-learning/")
    check_accessibility(page)
    assert page.get_by_role("button", name="Sign out").is_visible(), "the learner should be signed in"
    assert member.emailaddress_set.get(email=EMAIL).verified

    # --- find the course in the catalog and enrol --------------------------------------------------------
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Catalog").click()
    page.wait_for_url("**/catalog/")
    check_accessibility(page)
    page.get_by_role("link", name=COURSE_TITLE).click()
    page.wait_for_url(f"**{course.url}")
    check_accessibility(page)
    page.get_by_role("button", name="Enrol").click()
    page.wait_for_url(f"**{lessons[0].url}")
    check_accessibility(page)
    assert page.get_by_text(f"You are enrolled in {COURSE_TITLE}.").is_visible()
    assert Enrolment.objects.filter(member=member, offering=course, is_active=True).exists()

    page.goto(course.url)
    assert offering_progress(page) == ("0% complete", 0)
    page.get_by_role("link", name="Start the first lesson").click()
    page.wait_for_url(f"**{lessons[0].url}")

    # --- work through the lessons: the first with the keyboard, the rest with clicks ---------------------
    seen_percents = [0]
    for number, lesson in enumerate(lessons[:-1], start=1):
        if page.url != live_server.url + lesson.url:
            page.goto(lesson.url)
        check_accessibility(page)
        mark = page.get_by_role("button", name="Mark lesson complete")
        if number == 1:
            mark.focus()
            page.keyboard.press("Enter")
        else:
            mark.click()
        # Completing a lesson leads on to the next one to do.
        page.wait_for_url(f"**{lessons[number].url}")
        assert page.get_by_text("Lesson marked complete.").is_visible()
        page.goto(course.url)
        check_accessibility(page)
        label, value = offering_progress(page)
        expected = 25 * number
        assert (label, value) == (f"{expected}% complete", expected)
        assert value > seen_percents[-1]
        seen_percents.append(value)
        if number == 2:
            save_screenshot(page, screenshot_dir, "course-page")
        page.get_by_role("link", name="Resume where you left off").click()
    assert seen_percents == [0, 25, 50, 75]

    # --- the quiz: wrong first, then right ---------------------------------------------------------------
    page.wait_for_url(f"**{quiz_lesson.url}")
    check_accessibility(page)
    quiz = page.locator("section.quiz")
    quiz.get_by_label("Org charts").check()
    quiz.get_by_label("Headcount").check()
    quiz.get_by_role("button", name="Submit answers").click()
    page.wait_for_url(re.compile(r"\?attempt=\d+#quiz-result$"))
    check_accessibility(page)
    result = page.locator("#quiz-result")
    assert "Not passed yet" in result.inner_text()
    assert "0% (0 of 2 correct)" in result.inner_text()
    assert page.get_by_text("Review the explanations and try again.").is_visible()
    assert quiz.locator(".result-incorrect").count() == 2
    assert quiz.locator(".explanation").count() == 2
    assert quiz.locator(".explanation").first.inner_text().strip() == "Because flow matters."
    save_screenshot(page, screenshot_dir, "quiz-not-passed")
    # The form keeps the learner's last answers; change them to the right ones.
    assert quiz.get_by_label("Org charts").is_checked()
    quiz.get_by_label("Flow of value").check()
    quiz.get_by_label("Headcount").uncheck()
    quiz.get_by_label("Flow time").check()
    quiz.get_by_label("Flow load").check()
    quiz.get_by_role("button", name="Submit answers").click()
    page.wait_for_url(re.compile(r"\?attempt=\d+#quiz-result$"))
    check_accessibility(page)
    assert "Passed" in page.locator("#quiz-result").inner_text()
    assert "100% (2 of 2 correct)" in page.locator("#quiz-result").inner_text()
    assert page.get_by_text(f"You passed, and completed {COURSE_TITLE}!").is_visible()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=COURSE_TITLE).click()
    page.wait_for_url(f"**{course.url}")
    check_accessibility(page)
    assert page.get_by_text(re.compile(r"^You completed this on \d{1,2} \w+ \d{4}\.$")).is_visible()
    assert offering_progress(page) == ("100% complete", 100)
    assert page.get_by_role("button", name="Leave this course").count() == 0

    # --- My learning: the course under Completed with its CPD hours; the transcript CSV -----------------
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My learning").click()
    page.wait_for_url("**/my-learning/")
    check_accessibility(page)
    completed = page.get_by_role("region", name="Completed")
    row = completed.get_by_role("row").filter(has_text=COURSE_TITLE)
    assert row.count() == 1
    cells = [text.strip() for text in row.get_by_role("cell").all_inner_texts()]
    assert cells[0] == COURSE_TITLE and cells[2] == "3"
    in_progress = page.get_by_role("region", name="In progress")
    assert in_progress.get_by_text("Nothing in progress.").is_visible()
    stats = page.get_by_role("list", name="Your CPD record")
    assert "3 CPD hours in total" in " ".join(stats.inner_text().split())
    save_screenshot(page, screenshot_dir, "dashboard")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my transcript (CSV)").click()
    download = download_info.value
    assert re.fullmatch(r"transcript-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    text = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Offering"] for r in rows] == [COURSE_TITLE]
    assert Decimal(rows[0]["CPD hours"]) == Decimal(3)
    assert rows[0]["Format"] == "Course"

    assert browser_errors == []
