"""Outcome measures per edition (courses/outcomes/measures.py) on hand-built rows in PostgreSQL: every figure, the
filters and their bounds, segments, topics, and a query count that does not grow with offerings or members."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrolment, Evaluation, EvaluationRequest, FollowUp, Registration
from courses.outcomes.measures import (
    FilterError,
    OutcomeFilters,
    edition_measures,
    segment_breakdown,
    topic_measures,
)
from tests import factories

pytestmark = pytest.mark.django_db


def at(year: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, month, 10), time(12)))


def enrol(member, course, year: int, *, completed: bool = False, hours: str = "3") -> Enrolment:
    return Enrolment.objects.create(
        member=member, offering=course, enrolled_at=at(year), completed_at=at(year, 4) if completed else None,
        credited_cpd_hours=Decimal(hours) if completed else None)


def register(member, session, *, status: str = "confirmed", attended: bool = False) -> Registration:
    return Registration.objects.create(
        member=member, session=session, status=status, confirmed_at=timezone.now() if status == "confirmed" else None,
        attended=attended, credited_cpd_hours=Decimal("1.5") if attended else None)


def evaluate(member, offering, year: int, rating: int, *, applied: str = "yes", enrolment=None, registration=None):
    request = EvaluationRequest.objects.create(member=member, offering=offering, programme_year=year,
                                               enrolment=enrolment, registration=registration, title=offering.title,
                                               activity_at=at(year, 4))
    Evaluation.objects.create(request=request, rating=rating, relevance=4, would_recommend=rating >= 4)
    FollowUp.objects.create(request=request, applied=applied)


def members(count: int, **fields):
    return [factories.MemberFactory(**fields) for _n in range(count)]


@pytest.fixture
def course():
    return factories.build_offering(title="Flow Metrics", modules=1, lessons_per_module=1, cpd_hours=3,
                                    programme_year=2025)


def test_a_course_edition_counts_reach_completions_hours_and_its_evaluations(course):
    people = members(6)
    for n, person in enumerate(people):
        enrolment = enrol(person, course, 2025, completed=n < 5)
        if n < 5:
            evaluate(person, course, 2025, rating=4 if n % 2 else 2, applied="yes" if n < 3 else "no",
                     enrolment=enrolment)
    enrol(factories.MemberFactory(), course, 2026)  # the next edition
    by_year = {m.programme_year: m for m in edition_measures(OutcomeFilters())}
    first = by_year[2025]
    assert (first.title, first.format, first.reach, first.completions) == ("Flow Metrics", "course", 6, 5)
    assert first.completion_rate == pytest.approx(5 / 6)
    assert first.cpd_hours == Decimal("15.00")
    assert (first.confirmed, first.attendances, first.attendance_rate) == (0, 0, None)
    assert first.evaluations == 5 and not first.suppressed
    assert first.mean_rating == pytest.approx((2 + 4 + 2 + 4 + 2) / 5)
    assert first.applied_rate == pytest.approx(3 / 5)
    second = by_year[2026]
    assert (second.reach, second.completions, second.completion_rate) == (1, 0, 0)
    assert second.suppressed and second.mean_rating is None


def test_an_event_edition_counts_attended_of_confirmed_and_leaves_cancellations_out():
    event = factories.build_event(title="Flow Live", sessions=[factories.session_spec(days_ahead=-30)],
                                  cpd_hours=1.5)
    session = factories.sessions_of(event)[0]
    people = members(5)
    register(people[0], session, attended=True)
    register(people[1], session, attended=True)
    register(people[2], session)
    register(people[3], session, status="waitlisted")
    register(people[4], session, status="cancelled")
    [measure] = edition_measures()
    assert measure.format == "event" and measure.programme_year == session.date.year
    assert (measure.reach, measure.confirmed, measure.attendances) == (4, 3, 2)
    assert measure.attendance_rate == pytest.approx(2 / 3)
    assert measure.completion_rate is None and measure.cpd_hours == Decimal("3.00")


def test_seats_at_a_session_to_come_are_reach_but_not_counted_against_attendance():
    event = factories.build_event(title="Flow Live", sessions=[factories.session_spec(days_ahead=-30),
                                                               factories.session_spec(days_ahead=400)])
    held, to_come = factories.sessions_of(event)
    first, second, third = members(3)
    register(first, held, attended=True)
    register(second, held)
    register(third, to_come)
    by_year = {m.programme_year: m for m in edition_measures()}
    later = by_year[to_come.date.year]
    assert (later.reach, later.confirmed, later.held, later.attendance_rate) == (1, 1, 0, None)
    earlier = by_year[held.date.year]  # 400 days ahead is always a later year than 30 days ago
    assert (earlier.confirmed, earlier.held, earlier.attendance_rate) == (2, 2, 0.5)


def test_an_edition_only_asked_about_and_never_answered_is_not_listed(course):
    person = factories.MemberFactory()
    enrolment = enrol(person, course, 2025, completed=True)
    EvaluationRequest.objects.create(member=person, offering=course, programme_year=2024, enrolment=enrolment,
                                     title=course.title, activity_at=at(2025, 4))  # the offering's year, unanswered
    assert [m.programme_year for m in edition_measures()] == [2025]


def test_member_segment_filters_narrow_every_figure(course):
    for person in members(5, career_stage="senior", country="PT"):
        evaluate(person, course, 2025, rating=5, enrolment=enrol(person, course, 2025, completed=True))
    for person in members(5, career_stage="student", country="BR"):
        evaluate(person, course, 2025, rating=1, enrolment=enrol(person, course, 2025, completed=True))
    [everyone] = edition_measures()
    assert everyone.reach == 10 and everyone.mean_rating == pytest.approx(3)
    [seniors] = edition_measures(OutcomeFilters(career_stage="senior"))
    assert seniors.reach == 5 and seniors.mean_rating == pytest.approx(5)
    [americas] = edition_measures(OutcomeFilters(region="americas"))
    assert americas.reach == 5 and americas.mean_rating == pytest.approx(1)
    assert edition_measures(OutcomeFilters(region="asia")) == []


def test_offering_filters_keep_only_matching_offerings_and_years(course):
    topic, partner = factories.TopicFactory(), factories.PartnerFactory()
    other = factories.build_offering(title="Other", modules=1, lessons_per_module=1, topics=[topic],
                                     co_hosts=[partner])
    event = factories.build_event(title="Live", sessions=[factories.session_spec(days_ahead=-3)])
    person = factories.MemberFactory()
    enrol(factories.MemberFactory(), course, 2024)
    enrol(person, course, 2025)
    enrol(person, other, 2025)
    register(person, factories.sessions_of(event)[0])
    assert {m.title for m in edition_measures(OutcomeFilters(topic_id=topic.pk))} == {"Other"}
    assert {m.title for m in edition_measures(OutcomeFilters(partner_id=partner.pk))} == {"Other"}
    assert {m.title for m in edition_measures(OutcomeFilters(format="event"))} == {"Live"}
    assert {(m.title, m.programme_year) for m in edition_measures(OutcomeFilters(year_from=2025, year_to=2025))
            } == {("Flow Metrics", 2025), ("Other", 2025)}
    [measure] = edition_measures(OutcomeFilters(topic_id=topic.pk))
    assert measure.topic_ids == (topic.pk,) and measure.partner_ids == (partner.pk,)


@pytest.mark.parametrize("data, field", [
    ({"topic_id": "abc"}, "topic_id"), ({"topic_id": "0"}, "topic_id"), ({"topic_id": "99999999999"}, "topic_id"),
    ({"partner_id": "-1"}, "partner_id"), ({"format": "lecture"}, "format"), ({"year_from": "1999"}, "year_from"),
    ({"year_to": "20260"}, "year_to"), ({"year_from": "2026", "year_to": "2025"}, "year_to"),
    ({"year_from": "2000", "year_to": "2100"}, "year_to"), ({"career_stage": "<script>"}, "career_stage"),
    ({"region": "atlantis"}, "region"), ({"membership_tier": "gold"}, "membership_tier"),
    ({"topic_id": "1" * 100}, "topic_id"), ({"format": "\x00"}, "format"), ({"year_from": "NaN"}, "year_from"),
])
def test_bad_filters_are_refused_with_the_field_named(data, field):
    with pytest.raises(FilterError) as refused:
        OutcomeFilters.from_query(data)
    assert refused.value.field == field and str(refused.value)


def test_good_filters_are_read_from_text():
    filters = OutcomeFilters.from_query({"topic_id": " 7 ", "format": "course", "year_from": "2024",
                                         "year_to": ["2025"], "region": "europe", "membership_tier": "student",
                                         "career_stage": ""})
    assert (filters.topic_id, filters.year_from, filters.year_to) == (7, 2024, 2025)
    assert filters.career_stage is None and filters.narrows_members


def test_the_segment_breakdown_sums_per_value_and_suppresses_small_demographic_groups(course):
    for person in members(3, career_stage="senior"):
        enrol(person, course, 2025, completed=True)
    for person in members(2, career_stage="student"):
        enrol(person, course, 2025)
    rows = {row.value: row for row in segment_breakdown(OutcomeFilters(), "career_stage")}
    assert (rows["senior"].reach, rows["senior"].completions, rows["senior"].completion_rate) == (3, 3, 1)
    assert (rows["student"].reach, rows["student"].completions) == (2, 0)
    assert rows["executive"].reach == 0 and rows["senior"].cpd_hours == Decimal("9.00")
    demographic = segment_breakdown(OutcomeFilters(), "gender")
    assert all(row.reach is None or row.reach == 0 or row.reach >= 5 for row in demographic)
    with pytest.raises(FilterError):
        segment_breakdown(OutcomeFilters(), "email")


def test_topic_measures_sum_the_topics_offerings_per_edition_and_count_each_member_once():
    topic = factories.TopicFactory(name="Flow")
    first = factories.build_offering(title="A", modules=1, lessons_per_module=1, topics=[topic])
    second = factories.build_offering(title="B", modules=1, lessons_per_module=1, topics=[topic])
    both = members(2)
    for person in both:
        enrol(person, first, 2025, completed=True)
        enrol(person, second, 2025)
    enrol(factories.MemberFactory(), second, 2026)
    [row, later] = topic_measures()
    assert (row.name, row.programme_year, row.offerings, row.completions) == ("Flow", 2025, 2, 2)
    assert (row.reach, row.places) == (2, 4)  # two members in two offerings each: two people, four places
    assert row.completion_rate == pytest.approx(0.5)
    assert (later.programme_year, later.reach, later.places) == (2026, 1, 1)


def test_a_member_enrolled_and_registered_under_one_topic_counts_once_in_its_reach():
    topic = factories.TopicFactory(name="Flow")
    course = factories.build_offering(title="A", modules=1, lessons_per_module=1, topics=[topic])
    event = factories.build_event(title="Live", topics=[topic], sessions=[factories.session_spec(days_ahead=-3)])
    session = factories.sessions_of(event)[0]
    [senior] = members(1, career_stage="senior")
    [student, cancelled, gone] = members(3, career_stage="student")
    enrol(senior, course, session.date.year)
    register(senior, session, attended=True)
    register(student, session, attended=True)
    register(cancelled, session, status="cancelled")  # not taking part: no reach
    register(gone, session, attended=True)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    [row] = topic_measures()
    assert (row.reach, row.places, row.offerings) == (2, 3, 2)
    [seniors] = topic_measures(OutcomeFilters(career_stage="senior"))
    assert (seniors.reach, seniors.places) == (1, 2)


def _build(offerings: int, people: int):
    topic = factories.TopicFactory()
    for n in range(offerings):
        course = factories.build_offering(title=f"C{n}", modules=1, lessons_per_module=1, topics=[topic])
        for person in members(people):
            evaluate(person, course, 2025, rating=3, enrolment=enrol(person, course, 2025, completed=True))
    event = factories.build_event(sessions=[factories.session_spec(days_ahead=-2)])
    for person in members(people):
        register(person, factories.sessions_of(event)[0], attended=True)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_the_query_count_does_not_grow_with_offerings_or_members():
    _build(1, 1)
    filters = OutcomeFilters(career_stage="senior", region="europe")
    small = [_queries(lambda: edition_measures(filters)), _queries(lambda: segment_breakdown(None, "region")),
             _queries(lambda: topic_measures())]
    _build(4, 6)
    large = [_queries(lambda: edition_measures(filters)), _queries(lambda: segment_breakdown(None, "region")),
             _queries(lambda: topic_measures())]
    assert large == small and small[0] <= 15
