"""Learning records reach a real Learning Record Store (Ralph, started by `make test`): what a member does becomes
xAPI statements with the right verbs, activities and an opaque actor; an LRS that is down is retried until it is
back, a statement it refuses is kept for staff, and nothing is sent about a member who is no longer active."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.events import attendance
from courses.events.registration import cancel, register
from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import Enrolment, LessonCompletion
from lms import learning_records
from lms.learning_records import MAX_ATTEMPTS, send_again, send_due
from lms.models import LearningRecord
from lms.site_address import base_url, page_url
from lms.tasks import send_learning_records
from tests import factories
from tests.celery_worker import RESULT_TIMEOUT, real_worker
from tests.certificates.factories import default_template

from .learning_records_support import closed_port, lrs_environment, statement, statements_of

ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def lrs(settings):
    """The site configured to send to the real LRS `make test` started."""
    for name, value in lrs_environment().items():
        setattr(settings, name, value)
    return settings


def down(settings) -> None:
    settings.LRS_ENDPOINT = f"http://127.0.0.1:{closed_port()}/xAPI/"


def enrolled_member(**member_fields):
    member = factories.MemberFactory(**member_fields)
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    enrolment_rules.enrol(member, course)
    return member, course


def wait_until_everything_is_sent(worker, expected: int) -> None:
    """Wait for every send task published (by the test or by the worker's own tasks) until `expected` rows are
    sent; the worker's certificate task records its statement later than the rest."""
    deadline = time.monotonic() + RESULT_TIMEOUT
    awaited = 0
    while time.monotonic() < deadline:
        for task_id in worker.published[awaited:]:
            worker.result(task_id)
            awaited += 1
        if LearningRecord.objects.filter(sent_at__isnull=False).count() >= expected:
            return
        time.sleep(0.1)
    unsent = list(LearningRecord.objects.filter(sent_at__isnull=True).values_list("verb", "source", "last_error"))
    raise AssertionError(f"expected {expected} statements sent; not sent: {unsent}")


# ---------------------------------------------------------------------------------------------- the journey


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_members_course_event_quiz_and_certificate_reach_the_lrs_through_a_real_worker(lrs):
    default_template()
    member = factories.MemberFactory(email="analyst-subject@example.org", first_name="Ana")
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=2,
                                      quiz_lessons=((0, 0),))
    quiz_lesson, plain_lesson = factories.lessons_of(course)
    event = factories.build_event(title="Flow Metrics Live")
    session = factories.sessions_of(event)[0]

    with real_worker(send_learning_records) as worker:
        enrolment_rules.enrol(member, course)
        progress_rules.submit_quiz(member, quiz_lesson,
                                   factories.quiz_post_data(quiz_lesson, factories.QUIZ_WRONG_ANSWERS))
        progress_rules.submit_quiz(member, quiz_lesson,
                                   factories.quiz_post_data(quiz_lesson, factories.QUIZ_CORRECT_ANSWERS))
        progress_rules.complete_lesson(member, plain_lesson, LessonCompletion.Method.MARKED)
        registration = register(member, session).registration
        attendance.check_in(registration, actor=factories.StaffFactory(), now=session.starts_at)
        # registered x2 (course, event), failed, passed, completed, attended, earned x2 (course, event)
        wait_until_everything_is_sent(worker, expected=8)

    held = statements_of(member)
    by_verb: dict[str, list[dict]] = {}
    for each in held:
        by_verb.setdefault(each["verb"]["id"], []).append(each)
    assert {verb: len(found) for verb, found in by_verb.items()} == {
        ADL + "registered": 2, ADL + "failed": 1, ADL + "passed": 1, ADL + "completed": 1, ADL + "attended": 1,
        "http://id.tincanapi.com/verb/earned": 2,
    }
    course_address, event_address = page_url(course), page_url(event)
    assert {s["object"]["id"] for s in by_verb[ADL + "registered"]} == {course_address, event_address}
    assert by_verb[ADL + "completed"][0]["object"]["id"] == course_address
    assert by_verb[ADL + "completed"][0]["object"]["definition"]["name"] == {"en": "Flow Metrics Fundamentals"}
    assert by_verb[ADL + "attended"][0]["object"]["id"] == event_address
    assert by_verb[ADL + "failed"][0]["result"]["success"] is False
    passed = by_verb[ADL + "passed"][0]
    assert passed["result"]["score"]["raw"] == 100 and passed["result"]["success"] is True
    assert passed["object"]["id"] == f"{page_url(quiz_lesson)}#quiz"
    assert passed["context"]["contextActivities"]["grouping"][0]["id"] == course_address
    certificate_codes = set(Certificate.objects.filter(member=member).values_list("code", flat=True))
    assert {s["object"]["id"] for s in by_verb["http://id.tincanapi.com/verb/earned"]} == {
        f"{base_url()}/certificates/verify/{code}" for code in certificate_codes}
    # The course's statements share the enrolment's registration id; the actor is an opaque account at this site.
    enrolment_registration = by_verb[ADL + "completed"][0]["context"]["registration"]
    assert passed["context"]["registration"] == enrolment_registration
    for each in held:
        assert each["actor"]["account"]["homePage"] == base_url()
        assert "analyst-subject" not in str(each["actor"]) and "Ana" not in str(each["actor"])
        assert each["object"]["id"].startswith(base_url() + "/")


def test_activity_addresses_follow_the_address_the_site_is_served_on(lrs, db):
    lrs.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8765"
    member, course = enrolled_member()
    row = LearningRecord.objects.get(member=member, verb="registered")
    assert row.statement["object"]["id"] == f"http://127.0.0.1:8765{course.url}"
    assert row.statement["actor"]["account"]["homePage"] == "http://127.0.0.1:8765"


# ----------------------------------------------------------------------------------------- failures and retries


def test_an_lrs_that_is_down_is_retried_later_and_the_statement_stored_once_when_it_is_back(lrs, db):
    real_endpoint = lrs.LRS_ENDPOINT
    member, _course = enrolled_member()
    row = LearningRecord.objects.get(member=member)
    now = timezone.now()

    down(lrs)
    outcome = send_due(now)
    assert (outcome.sent, outcome.postponed) == (0, 1)
    row.refresh_from_db()
    assert row.sent_at is None and row.failed_at is None and row.attempts == 1
    assert "ConnectionError" in row.last_error
    assert row.owed_at == now + learning_records.wait_after(1)
    assert outcome.next_due == row.owed_at

    lrs.LRS_ENDPOINT = real_endpoint
    assert send_due(now + timedelta(seconds=5)).sent == 0  # its wait has not run out yet
    assert send_due(row.owed_at).sent == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.last_error == ""
    assert send_due(row.owed_at + timedelta(hours=1)).sent == 0  # sent once, owed no more

    # The answer was lost (say): sent again with the same id, the LRS still holds the statement once.
    LearningRecord.objects.filter(pk=row.pk).update(sent_at=None)
    assert send_due(row.owed_at).sent == 1
    assert [s["id"] for s in statements_of(member)] == [str(row.pk)]


def test_an_lrs_down_for_too_long_is_given_up_on_and_staff_can_send_again(lrs, db):
    real_endpoint = lrs.LRS_ENDPOINT
    member, _course = enrolled_member()
    row = LearningRecord.objects.get(member=member)
    down(lrs)
    now = timezone.now()
    for _attempt in range(MAX_ATTEMPTS):
        send_due(now)
        row.refresh_from_db()
        now = row.owed_at
    assert row.failed_at is not None and row.attempts == MAX_ATTEMPTS
    assert send_due(now + timedelta(days=30)).postponed == 0  # given up: no more attempts

    lrs.LRS_ENDPOINT = real_endpoint
    assert send_again([row.pk]) == 1
    assert send_due(timezone.now()).sent == 1
    assert [s["id"] for s in statements_of(member)] == [str(row.pk)]


def test_a_statement_the_lrs_refuses_is_kept_with_its_answer_and_not_retried(lrs, db):
    member, _course = enrolled_member()
    good = LearningRecord.objects.get(member=member)
    bad_statement = {key: value for key, value in good.statement.items() if key != "actor"}  # whose learning?
    bad = LearningRecord.objects.create(member=member, verb="completed", source="test:refused",
                                        statement={**bad_statement, "id": "b9e2c9f0-1b0a-4c55-9d6e-0f1f5d9e2a11"},
                                        id="b9e2c9f0-1b0a-4c55-9d6e-0f1f5d9e2a11")
    outcome = send_due(timezone.now())
    assert (outcome.sent, outcome.refused) == (1, 1)
    bad.refresh_from_db()
    assert bad.failed_at is not None and bad.attempts == 1 and bad.sent_at is None
    assert bad.last_error.startswith("HTTP 422") and "actor" in bad.last_error  # Ralph: 422 for an invalid body
    assert send_due(timezone.now() + timedelta(days=1)).refused == 0
    bad.refresh_from_db()
    assert bad.attempts == 1
    assert [s["id"] for s in statements_of(member)] == [str(good.pk)]


# ---------------------------------------------------------------------------------------------------- privacy


def test_nothing_is_recorded_while_no_lrs_is_configured(settings, db):
    settings.LRS_ENDPOINT = ""
    enrolled_member()
    assert not LearningRecord.objects.exists()


def test_a_member_who_is_no_longer_active_has_their_queued_statements_dropped_unsent(lrs, db):
    member, _course = enrolled_member()
    assert LearningRecord.objects.filter(member=member).count() == 1
    member.is_active = False
    member.save(update_fields=["is_active"])
    outcome = send_due(timezone.now())
    assert (outcome.sent, outcome.dropped) == (0, 1)
    assert not LearningRecord.objects.filter(member=member).exists()
    assert statements_of(member) == []

    erased, _course = enrolled_member()
    erased.delete()  # an erased member's owed statements go with them
    assert not LearningRecord.objects.exists()


def test_the_same_event_recorded_twice_is_one_statement(lrs, db):
    member, course = enrolled_member()
    enrolment = Enrolment.objects.get(member=member, offering=course)
    from courses import learning_records as course_records

    course_records.enrolled(enrolment)
    assert LearningRecord.objects.filter(member=member).count() == 1


def test_registering_again_after_cancelling_is_a_second_registered_statement_at_the_lrs(lrs, db):
    """The registration row is reused on return, so the statement's key is the seat, not the member and session:
    the second registration is reported, and recording the same seat again still changes nothing."""
    member = factories.MemberFactory()
    session = factories.sessions_of(factories.build_event(title="Flow Metrics Live"))[0]
    registration = register(member, session).registration
    cancel(registration, member)
    again = register(member, session).registration
    assert again.pk == registration.pk
    from courses import learning_records as course_records

    course_records.registered(again)  # the same seat recorded twice: still one statement for it
    rows = LearningRecord.objects.filter(member=member, verb="registered")
    assert rows.count() == 2 and len({row.source for row in rows}) == 2
    assert send_due(timezone.now()).sent == 2
    held = [s for s in statements_of(member) if s["verb"]["id"] == ADL + "registered"]
    assert sorted(s["id"] for s in held) == sorted(str(row.pk) for row in rows)
    assert {s["object"]["id"] for s in held} == {page_url(session.event)}
    # Both belong to the one registration the attendance statement will share.
    assert len({s["context"]["registration"] for s in held}) == 1


def test_the_statement_is_shaped_as_xapi_says(lrs, db):
    member, course = enrolled_member()
    row = LearningRecord.objects.get(member=member)
    stored = row.statement
    assert stored["id"] == str(row.pk)
    assert stored["verb"]["id"] == ADL + "registered"
    assert stored["object"]["definition"]["type"] == learning_records.COURSE
    assert stored["context"]["platform"] and stored["context"]["language"] == "en"
    send_due(timezone.now())
    assert statement(str(row.pk))["object"]["id"] == page_url(course)


# ------------------------------------------------------------------------------------------------------ staff


def test_staff_see_the_statements_not_sent_with_their_error_and_send_one_again(lrs, db, client):
    member, _course = enrolled_member()
    row = LearningRecord.objects.get(member=member)
    LearningRecord.objects.filter(pk=row.pk).update(failed_at=timezone.now(), attempts=3,
                                                    last_error="HTTP 422: the actor is missing")
    staff = factories.StaffFactory()
    client.force_login(staff)
    listed = client.get("/admin/reports/learning-records/")
    assert listed.status_code == 200
    page = listed.content.decode()
    assert "HTTP 422: the actor is missing" in page and str(row.pk) in page and "Given up after 3 attempts" in page

    assert client.post("/admin/reports/learning-records/", {"record": "not-a-uuid"}).status_code == 400
    assert client.post("/admin/reports/learning-records/",
                       {"record": "b9e2c9f0-1b0a-4c55-9d6e-0f1f5d9e2a11"}).status_code == 404
    answer = client.post("/admin/reports/learning-records/", {"record": str(row.pk)})
    assert answer.status_code == 303
    row.refresh_from_db()
    assert row.failed_at is None and row.attempts == 0
    assert send_due(timezone.now()).sent == 1
    assert "Every learning record has been sent." in client.get("/admin/reports/learning-records/").content.decode()


def test_members_cannot_see_or_resend_learning_records(db, client):
    member = factories.MemberFactory()
    client.force_login(member)
    assert client.get("/admin/reports/learning-records/").status_code in (302, 403)
    assert client.post("/admin/reports/learning-records/", {"record": str(member.pk)}).status_code in (302, 403)


def test_an_approved_external_cpd_activity_is_earned_credit_at_the_lrs(lrs, db):
    from certificates.cpd import review
    from tests.cpd.factories import activity

    member = factories.MemberFactory()
    submitted = activity(member, hours="2.5", title="Flow Summit 2026")
    review.decide(submitted.pk, approve=True, reviewer=factories.StaffFactory())
    rejected = activity(member, title="Not CPD")
    review.decide(rejected.pk, approve=False, reviewer=factories.StaffFactory(), reason="Not learning")
    assert send_due(timezone.now()).sent == 1
    [earned] = statements_of(member)
    assert earned["verb"]["id"] == "http://id.tincanapi.com/verb/earned"
    assert earned["object"]["id"] == f"{base_url()}/cpd/#activity-{submitted.pk}"
    assert earned["object"]["definition"]["name"] == {"und": "Flow Summit 2026"}
    assert earned["result"]["duration"] == "PT2H30M0S"
