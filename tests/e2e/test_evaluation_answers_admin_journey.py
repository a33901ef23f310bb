"""Staff read an offering's evaluation answers in the admin (courses/evaluations/admin.py) in a real browser: from
the evaluations report to the offering's answers, each member's rating, comment, extra answer and follow-up in the
table, and the CSV download beside it; both admin pages axe-core clean, without sideways scrolling at 320 and 1280
px."""

from __future__ import annotations

import pytest

from courses.models import Evaluation, EvaluationQuestion, FollowUp
from tests import factories
from tests.courses.evaluation_support import asked_about_course
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import sign_in
from tests.e2e.test_cpd_audit_journey import admin_checked_at_both_widths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_read_and_download_an_offerings_answers(page, live_server, browser_errors, screenshot_dir):
    course = factories.build_offering(title="Flow Metrics Fundamentals")
    question = EvaluationQuestion.objects.create(page=course, text="What will you try first?", sort_order=0)
    for n, name in enumerate(("Amara", "Bruno")):
        asked = asked_about_course(factories.MemberFactory(first_name=name, last_name="Okafor"), course, days_ago=61)
        Evaluation.objects.create(request=asked, rating=4 + n % 2, relevance=4, would_recommend=bool(n),
                                  comment=f"{name}: clear examples.", answers={str(question.pk): "Cycle time"})
        if n:
            FollowUp.objects.create(request=asked, applied=FollowUp.Applied.choices[0][0], example="Weekly reviews")
    staff = factories.StaffFactory(first_name="Rosa", last_name="Moreno")
    serve_axe(page.context)
    sign_in(page, live_server, staff)

    page.goto("/admin/evaluations/")
    admin_checked_at_both_widths(page, screenshot_dir, "outdemo-evaluations-index")
    page.goto(f"/admin/evaluations/{course.pk}/")
    table = page.get_by_role("table").inner_text()
    assert "Amara Okafor" in table and "Bruno: clear examples." in table and "Cycle time" in table
    assert "Weekly reviews" in table
    admin_checked_at_both_widths(page, screenshot_dir, "outdemo-evaluation-answers")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every answer (CSV)").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "What will you try first?" in text.splitlines()[0] and "Amara Okafor" in text
    assert browser_errors == []
