"""The engagement report (courses/outcomes/engagement.py): each package's activity counted once per member per month,
segments, small-group suppression, first-year retention cohorts split by onboarding, bounds, and a query count that
does not grow with the number of members. Real rows in PostgreSQL; dates fixed in the past."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrolment, LessonCompletion, QuizAttempt, Registration
from courses.outcomes.engagement import (
    MAX_MONTHS,
    ReportRangeError,
    first_year_retention,
    monthly_active,
)
from lms.country_regions import region_of
from lms.demographics_report import SMALLEST_REPORTED_GROUP
from lms.models import Demographics, Member
from lms.onboarding import checklist, completed_onboarding
from mentoring.models import MatchProposal, Meeting, Mentorship, MentorshipRequest
from tests import factories
from tests.cpd.factories import activity as cpd_activity
from tests.mentoring.factories import RoundFactory, applied, mentee, mentor

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def totals(report) -> list[int]:
    return [month.total for month in report]


@pytest.fixture
def course():
    offering = factories.build_offering(quiz_lessons=((0, 0),))
    return offering, factories.lessons_of(offering)


@pytest.fixture
def webinar():
    event = factories.build_event()
    return factories.sessions_of(event)[0]


def enrol(member, offering, day):
    return Enrolment.objects.create(member=member, offering=offering, enrolled_at=at(day))


def complete_lesson(member, lesson, day):
    return LessonCompletion.objects.create(member=member, lesson=lesson, completed_at=at(day), method="marked")


def attempt_quiz(member, lesson, day):
    return QuizAttempt.objects.create(member=member, lesson=lesson, quiz_fingerprint="f", submission_token=uuid.uuid4(),
                                      score=80, passed=True, submitted_at=at(day))


def register(member, session, day, attended=False):
    return Registration.objects.create(member=member, session=session, status=Registration.Status.CONFIRMED,
                                       registered_at=at(day), confirmed_at=at(day), attended=attended)


def mentorship_between(mentee_member, mentor_member):
    return Mentorship.objects.create(mentee=mentee_member, mentor=mentor_member, origin=Mentorship.Origin.DIRECT,
                                     ends_on=date(2026, 12, 31))


def accepted_proposal(day):
    round = RoundFactory()
    a_mentee, a_mentor = mentee(), mentor()
    return MatchProposal.objects.create(
        round=round, mentee_application=applied(a_mentee, round), mentor_application=applied(a_mentor, round),
        mentee=a_mentee.member, mentor=a_mentor.member, status=MatchProposal.Status.ACCEPTED, closed_at=at(day),
        score=50)


def test_every_source_counts_and_a_member_counts_once_a_month(course, webinar):
    offering, lessons = course
    day = date(2026, 3, 10)
    one_each = [factories.MemberFactory() for _ in range(6)]
    enrol(one_each[0], offering, day)
    complete_lesson(one_each[1], lessons[1], day)
    attempt_quiz(one_each[2], lessons[0], day)
    register(one_each[3], webinar, day)
    cpd_activity(one_each[4], day=day)
    MentorshipRequest.objects.create(mentee=one_each[5], mentor=factories.MemberFactory(), message="Hello",
                                     created_at=at(day))
    accepted_proposal(day)  # both sides
    pair = mentorship_between(factories.MemberFactory(), factories.MemberFactory())
    Meeting.objects.create(mentorship=pair, held_on=day, minutes=30)  # both sides
    busy = factories.MemberFactory()  # every kind of activity, twice, in one month: still one active member
    for when in (day, day + timedelta(days=5)):
        enrol(busy, offering, when) if when == day else None
        complete_lesson(busy, lessons[2 if when == day else 3], when)
        attempt_quiz(busy, lessons[0], when)
        cpd_activity(busy, day=when)
    register(busy, webinar, day, attended=True)

    report = monthly_active(date(2026, 2, 1), 3)

    assert totals(report) == [0, 6 + 2 + 2 + 1, 0]
    assert [m.month for m in report] == [date(2026, 2, 1), MARCH, date(2026, 4, 1)]


def test_attendance_counts_in_the_month_of_the_session(course):
    event = factories.build_event(sessions=[factories.session_spec(days_ahead=40)])
    session = factories.sessions_of(event)[0]
    member = factories.MemberFactory()
    register(member, session, timezone.localdate() - timedelta(days=400), attended=True)
    month = timezone.localdate(session.starts_at).replace(day=1)
    assert totals(monthly_active(month, 1)) == [1]


def test_inactive_accounts_are_not_counted(course):
    offering, _lessons = course
    gone = factories.MemberFactory(is_active=False)
    enrol(gone, offering, date(2026, 3, 3))
    assert totals(monthly_active(MARCH, 1)) == [0]


def test_segments_by_career_stage_tier_and_region(course):
    offering, _lessons = course
    people = [
        factories.MemberFactory(career_stage="early_career", country="BR", membership_tier="student"),
        factories.MemberFactory(career_stage="early_career", country="KE"),
        factories.MemberFactory(career_stage="", country="FR"),
        factories.MemberFactory(career_stage="mid_career", country=""),
    ]
    for person in people:
        enrol(person, offering, date(2026, 3, 4))

    def counts(segment):
        return {row.label: row.count for row in monthly_active(MARCH, 1, segment)[0].rows}

    stages = counts("career_stage")
    assert stages["Early career (0-5 years)"] == 2 and stages["Mid career (5-15 years)"] == 1
    assert stages["Not given"] == 1
    regions = counts("region")
    assert (regions["Americas"], regions["Africa"], regions["Europe"], regions["Not given"], regions["Asia"]) == (
        1, 1, 1, 1, 0)
    tiers = counts("membership_tier")
    assert sum(tiers.values()) == 4 and 1 in tiers.values() and 3 in tiers.values()


def test_region_table_places_countries_by_un_m49():
    assert [region_of(c) for c in ("JP", "MX", "NZ", "TR", "EG", "IS", "", "ZZ")] == [
        "asia", "americas", "oceania", "asia", "africa", "europe", "not_given", "not_given"]


def test_small_demographic_groups_are_suppressed(course):
    offering, _lessons = course
    for n in range(SMALLEST_REPORTED_GROUP + 2):
        person = factories.MemberFactory()
        Demographics.objects.create(member=person, gender="woman" if n < SMALLEST_REPORTED_GROUP + 1 else "man")
        enrol(person, offering, date(2026, 3, 4))
    unanswered = factories.MemberFactory()
    enrol(unanswered, offering, date(2026, 3, 5))

    rows = {row.label: row for row in monthly_active(MARCH, 1, "gender")[0].rows}

    assert rows["Woman"].count == SMALLEST_REPORTED_GROUP + 1
    assert rows["Man"].count is None and "fewer than" in rows["Man"].shown
    # the lone small group would be worked out from the total, so the next smallest is hidden too
    assert rows["Prefer not to say"].count is None


@pytest.mark.parametrize("months", [0, MAX_MONTHS + 1, 10**9, -3])
def test_absurd_months_are_refused_clearly(months):
    with pytest.raises(ReportRangeError, match="between 1 and 36 months"):
        monthly_active(MARCH, months)
    with pytest.raises(ReportRangeError, match="between 1 and 36 months"):
        first_year_retention(MARCH, months)


def test_an_unknown_segment_is_refused_clearly():
    with pytest.raises(ReportRangeError, match="segments offered"):
        monthly_active(MARCH, 12, "shoe_size")


def _active_members(count: int, offering, day: date) -> None:
    for _ in range(count):
        person = factories.MemberFactory(country="DE", career_stage="mid_career")
        Demographics.objects.create(member=person, gender="woman")
        enrol(person, offering, day)


@pytest.mark.parametrize("segment", ["all", "region", "gender"])
def test_query_count_does_not_grow_with_members(course, segment):
    offering, _lessons = course
    _active_members(2, offering, date(2026, 3, 2))
    with CaptureQueriesContext(connection) as few:
        monthly_active(MARCH, 12, segment)
    _active_members(12, offering, date(2026, 4, 2))
    with CaptureQueriesContext(connection) as many:
        report = monthly_active(MARCH, 12, segment)
    assert totals(report)[:2] == [2, 12]
    assert len(many) == len(few) == 1


def _joined(day: date, count: int, *, onboarded: bool, webinar=None) -> list[Member]:
    """Members who joined on `day`; onboarded ones did every checklist step that day (no orientation module
    exists here): a full profile with an interest, a confirmed zone, a first webinar, a mentor asked."""
    people = []
    topic = factories.TopicFactory()
    for _ in range(count):
        person = factories.MemberFactory(date_joined=at(day), career_stage="mid_career", country="PT",
                                         preferred_languages=["en"])
        if onboarded:
            person.zone_confirmed_at = at(day)
            person.save(update_fields=["zone_confirmed_at"])
            person.interests.add(topic)
            register(person, webinar, day)
            MentorshipRequest.objects.create(mentee=person, mentor=factories.MemberFactory(), message="Hi",
                                             created_at=at(day))
        people.append(person)
    return people


def test_first_year_retention_by_cohort_and_onboarding(course, webinar, settings):
    offering, _lessons = course
    january = date(2026, 1, 5)
    onboarded = _joined(january, SMALLEST_REPORTED_GROUP, onboarded=True, webinar=webinar)
    others = _joined(january, SMALLEST_REPORTED_GROUP, onboarded=False)
    _joined(date(2026, 2, 5), 2, onboarded=True, webinar=webinar)  # a small cohort
    for person in onboarded[:4]:
        enrol(person, offering, date(2026, 2, 10))  # month 1
    for person in onboarded[:2]:
        cpd_activity(person, day=date(2026, 4, 2))  # month 3
    register(others[0], webinar, date(2026, 2, 20))  # month 1
    done = [checklist(p).complete for p in onboarded + others]

    retention = first_year_retention(date(2026, 1, 1), 3, today=date(2026, 8, 15))

    january_cohort, february_cohort, march_cohort = retention.cohorts
    if not all(done[:SMALLEST_REPORTED_GROUP]) or any(done[SMALLEST_REPORTED_GROUP:]):
        pytest.fail(f"the fixture's onboarding is not what the test meant: {done}")
    assert january_cohort.size == 2 * SMALLEST_REPORTED_GROUP
    assert january_cohort.onboarded_shares[1] == 80 and january_cohort.onboarded_shares[3] == 40
    assert january_cohort.not_onboarded_shares[1] == 20 and january_cohort.not_onboarded_shares[2] == 0
    assert january_cohort.onboarded_shares[12] is None  # January 2027 has not come yet
    assert february_cohort.size is None and february_cohort.onboarded_shares[1] is None  # suppressed
    assert march_cohort.size is None
    # all cohorts together, the small one included (its members are not singled out): 4 of the 7 onboarded
    assert retention.overall[True][1] == round(100 * 4 / 7) and retention.overall[False][1] == 20


def test_retention_query_count_does_not_grow_with_members(course, webinar):
    offering, _lessons = course
    january = date(2026, 1, 5)
    _joined(january, 2, onboarded=True, webinar=webinar)
    _joined(january, 1, onboarded=False)
    with CaptureQueriesContext(connection) as few:
        first_year_retention(date(2026, 1, 1), 3, today=date(2026, 8, 15))
    people = _joined(date(2026, 2, 5), 8, onboarded=True, webinar=webinar) + _joined(date(2026, 2, 6), 8,
                                                                                     onboarded=False)
    for person in people:
        enrol(person, offering, date(2026, 3, 10))
    with CaptureQueriesContext(connection) as many:
        retention = first_year_retention(date(2026, 1, 1), 3, today=date(2026, 8, 15))
    assert retention.cohorts[1].onboarded == 8 and retention.cohorts[1].onboarded_shares[1] == 100
    assert len(many) == len(few)


def test_set_wise_completion_agrees_with_each_members_checklist(webinar):
    onboarded = _joined(date(2026, 1, 5), 2, onboarded=True, webinar=webinar)
    others = _joined(date(2026, 1, 5), 2, onboarded=False)
    lapsed = _joined(date(2026, 1, 5), 1, onboarded=False)[0]  # a non-member is not asked to find a mentor
    lapsed.membership_tier = "non_member"
    lapsed.save(update_fields=["membership_tier"])
    lapsed.zone_confirmed_at = at(date(2026, 1, 5))
    lapsed.save(update_fields=["zone_confirmed_at"])
    lapsed.interests.add(factories.TopicFactory())
    register(lapsed, webinar, date(2026, 1, 5))
    everyone = onboarded + others + [lapsed]

    found = completed_onboarding(Member.objects.filter(pk__in=[p.pk for p in everyone]))

    assert found == {p.pk for p in everyone if checklist(p).complete} == {p.pk for p in onboarded + [lapsed]}
