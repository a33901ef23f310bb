"""Hand-built rows for the outcomes dashboard's tests: two editions of a course, an event co-hosted by a partner,
evaluations and follow-ups, members at known career stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from courses.models import Enrolment, Evaluation, EvaluationRequest, FollowUp, Registration
from tests import factories


def at(year: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, month, 10), time(12)))


def enrol(member, course, year: int, *, completed: bool) -> Enrolment:
    return Enrolment.objects.create(member=member, offering=course, enrolled_at=at(year),
                                    completed_at=at(year, 4) if completed else None,
                                    credited_cpd_hours=Decimal("3") if completed else None)


def evaluate(member, offering, year: int, rating: int, applied: str, comment: str = "", **activity) -> None:
    request = EvaluationRequest.objects.create(member=member, offering=offering, programme_year=year,
                                               title=offering.title, activity_at=at(year, 4), **activity)
    Evaluation.objects.create(request=request, rating=rating, relevance=4, would_recommend=rating >= 4,
                              comment=comment)
    FollowUp.objects.create(request=request, applied=applied, example=comment)


@dataclass
class World:
    course: object
    event: object
    partner: object
    topic: object


SECRET_COMMENT = "Only-I-wrote-this comment"


def build_world() -> World:
    """Flow Metrics (topic "Flow"): 2025 six early-career members enrol, five complete and evaluate (ratings
    2,4,2,4,2; three applied it); 2026 two enrol, none complete. A webinar co-hosted by Partner P (its session on
    2 March 2026): six confirmed seats, five attended and evaluated (all 5s, applied), one mid-career."""
    topic = factories.TopicFactory(name="Flow", slug="flow")
    partner = factories.PartnerFactory(name="Partner P", slug="partner-p")
    course = factories.build_offering(title="Flow Metrics", modules=1, lessons_per_module=1, topics=[topic],
                                      programme_year=2025)
    for n in range(6):
        person = factories.MemberFactory(career_stage="early_career")
        enrolment = enrol(person, course, 2025, completed=n < 5)
        if n < 5:
            evaluate(person, course, 2025, 4 if n % 2 else 2, "yes" if n < 3 else "no", SECRET_COMMENT,
                     enrolment=enrolment)
    for _n in range(2):
        enrol(factories.MemberFactory(career_stage="mid_career"), course, 2026, completed=False)
    days_ahead = (date(2026, 3, 2) - timezone.localdate()).days
    event = factories.build_event(title="Flow Live", co_hosts=[partner], programme_year=2026,
                                  sessions=[factories.session_spec(days_ahead=days_ahead)])
    session = factories.sessions_of(event)[0]
    for n in range(6):
        person = factories.MemberFactory(career_stage="early_career" if n else "mid_career")
        registration = Registration.objects.create(
            member=person, session=session, status="confirmed", confirmed_at=timezone.now(), attended=n < 5,
            credited_cpd_hours=Decimal("1.5") if n < 5 else None)
        if n < 5:
            evaluate(person, event, 2026, 5, "yes", SECRET_COMMENT, registration=registration)
    return World(course, event, partner, topic)
