"""My learning: progress cards, the completed record, CPD totals, and the CSV transcript."""

import csv
import io
from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import Enrolment
from tests import factories
from tests.courses.journeys import enrol, finish
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def complete(member, **fields):
    offering = factories.build_offering(modules=1, lessons_per_module=1, **fields)
    enrol(member, offering)
    finish(member, lessons_of(offering))
    return offering, Enrolment.objects.get(member=member, offering=offering)


def at_noon_utc(year, month, day):
    return datetime.combine(datetime(year, month, day).date(), time(12), tzinfo=ZoneInfo("UTC"))


def read_transcript(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("url", ["/my-learning/", "/my-learning/transcript.csv"])
def test_my_learning_requires_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_dashboard_shows_in_progress_with_percent_and_resume_link(member_client, learner):
    course = factories.build_offering(title="Mapping Value Streams", modules=2, lessons_per_module=2)
    enrol(learner, course)
    lessons = lessons_of(course)
    finish(learner, lessons[:1])
    untouched = factories.build_offering(title="Flow Distribution", modules=1, lessons_per_module=3)
    enrol(learner, untouched)
    left = factories.build_offering(title="Left Behind", modules=1, lessons_per_module=1)
    enrol(learner, left)
    enrolment_rules.withdraw(learner, left)

    response = member_client.get("/my-learning/")

    assert response.status_code == 200
    page = response.content.decode()
    in_progress = page[page.index('id="in-progress-heading"') : page.index('id="completed-heading"')]
    assert "Mapping Value Streams" in in_progress and "Flow Distribution" in in_progress
    assert "25% complete" in in_progress
    assert "0% complete" in in_progress
    assert f'href="{lessons[1].url}">Resume' in in_progress
    assert f'href="{lessons_of(untouched)[0].url}">Resume' in in_progress
    assert "Left Behind" not in page
    assert "Nothing completed yet." in page


def test_dashboard_lists_completed_with_dates_and_cpd_this_year_vs_total(member_client, learner):
    this_year = timezone.localdate().year
    _, recent = complete(learner, title="Flow Metrics Fundamentals", cpd_hours=Decimal("3.5"))
    _, older = complete(learner, title="Lean Portfolio Basics", cpd_hours=Decimal("2"))
    unrelated = factories.build_ethics_module(title="Unrelated Ethics", modules=1, lessons_per_module=1)
    Enrolment.objects.filter(pk=recent.pk).update(completed_at=at_noon_utc(this_year, 1, 15))
    Enrolment.objects.filter(pk=older.pk).update(completed_at=at_noon_utc(this_year - 1, 6, 3))

    page = member_client.get("/my-learning/").content.decode()

    assert f"<strong>3.5 CPD hours</strong> in {this_year}" in page
    assert "<strong>5.5 CPD hours</strong> in total" in page
    assert "<strong>2</strong> completed" in page
    completed = page[page.index('id="completed-heading"') :]
    assert "Flow Metrics Fundamentals" in completed and f"15 January {this_year}" in completed
    assert "Lean Portfolio Basics" in completed and f"3 June {this_year - 1}" in completed
    assert "Technical practice" not in completed and "General CPD" in completed
    assert "Nothing in progress." in page
    assert "RCR minutes" not in page
    assert unrelated.title not in page  # not enrolled, so not on the dashboard


def test_dashboard_counts_rcr_minutes_of_signed_ethics_modules(member_client, learner):
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1, rcr_minutes=45)
    enrol(learner, ethics)
    finish(learner, lessons_of(ethics))
    progress_rules.sign_attestation(learner, ethics, "Learner Name")

    page = member_client.get("/my-learning/").content.decode()
    assert "<strong>45</strong> RCR minutes" in page


def test_cpd_year_follows_the_members_time_zone(client):
    this_year = timezone.localdate(timezone=ZoneInfo("Pacific/Auckland")).year
    member = factories.MemberFactory(time_zone="Pacific/Auckland")
    _, enrolment = complete(member, cpd_hours=Decimal("4"))
    # 31 December 12:00 UTC is already 1 January in Auckland.
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=at_noon_utc(this_year - 1, 12, 31))
    client.force_login(member)

    page = client.get("/my-learning/").content.decode()

    assert f"<strong>4 CPD hours</strong> in {this_year}" in page
    assert f"1 January {this_year}" in page


def test_transcript_is_a_csv_attachment_with_one_row_per_completed_offering(client):
    member = factories.MemberFactory()
    client.force_login(member)
    _, course_enrolment = complete(
        member, title="Flow Metrics Fundamentals", cpd_hours=Decimal("3.5"), cpd_credit_type="technical",
        programme_year=2025,
    )
    ethics = factories.build_ethics_module(title="Research Integrity", modules=1, lessons_per_module=1,
                                           rcr_minutes=90, cpd_hours=Decimal("1.25"))
    enrol(member, ethics)
    finish(member, lessons_of(ethics))
    progress_rules.sign_attestation(member, ethics, "Member Name")
    unfinished = factories.build_offering(title="Still Going")
    enrol(member, unfinished)
    Enrolment.objects.filter(pk=course_enrolment.pk).update(completed_at=at_noon_utc(2025, 3, 1))

    response = client.get("/my-learning/transcript.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="transcript-')
    rows = read_transcript(response)
    assert rows[0] == [
        "Offering", "Format", "Programme year", "Enrolled on", "Completed on", "CPD hours", "CPD credit type",
        "RCR minutes",
    ]
    assert len(rows) == 3  # header + two completed; the unfinished course is not on the transcript
    course_row, ethics_row = rows[1], rows[2]
    assert course_row[0] == "Flow Metrics Fundamentals"
    assert course_row[1] == "Course" and course_row[2] == "2025"
    assert course_row[4] == "2025-03-01"
    assert course_row[5:] == ["3.50", "Technical practice", ""]
    assert ethics_row[0] == "Research Integrity"
    assert ethics_row[1] == "Ethics / RCR module"
    assert ethics_row[4] == timezone.localdate().isoformat()
    assert ethics_row[5:] == ["1.25", "Ethics / responsible conduct of research", "90"]


def test_transcript_keeps_credited_values_when_the_offering_changes_or_goes(client):
    member = factories.MemberFactory()
    client.force_login(member)
    offering, _ = complete(member, title="Original Title", cpd_hours=Decimal("2"))
    offering.title = "New Title"
    offering.cpd_hours = Decimal("8")
    offering.save_revision().publish()

    rows = read_transcript(client.get("/my-learning/transcript.csv"))
    assert [row[0] for row in rows[1:]] == ["Original Title"]
    assert rows[1][5] == "2.00"

    offering.delete()
    rows = read_transcript(client.get("/my-learning/transcript.csv"))
    assert len(rows) == 2
    assert rows[1][0] == "Original Title" and rows[1][1] == "" and rows[1][5] == "2.00"
    page = client.get("/my-learning/").content.decode()
    assert "Original Title" in page
    assert "<strong>2 CPD hours</strong> in total" in page


@pytest.mark.parametrize("title", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-2+3", "@cmd"])
def test_transcript_neutralises_formula_titles(client, title):
    member = factories.MemberFactory()
    client.force_login(member)
    complete(member, title=title)

    rows = read_transcript(client.get("/my-learning/transcript.csv"))

    assert rows[1][0] == "'" + title
