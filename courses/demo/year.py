"""A year of members for the demo's engagement report: people who joined in each of the last months (two years of
them, so the earlier year's cohorts have a 12-month retention figure), with learning and webinar registrations
dated across the months since, some onboarded (profile, zone, the orientation module, a first webinar inside those
months; mentoring's demo adds their mentor request and, for some, six months of meetings) and some not, so
Reports -> Engagement shows real months and first-year cohorts. CPD's demo gives them logged external activities
(certificates/cpd/demo/).

Generated from people.yaml's `year` seed by one `random.Random`: the same people and dates (counted back from the
day of loading) on every load, never random at run time. Rows go in with bulk_create (a few hundred members'
history in a handful of queries), as the history they stand for: they are not new enrolments to notify anyone of.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cms.models import Topic
from lms.models import CareerStage, Demographics, Member, MembershipTier
from lms.months import add_months, first_of_month
from lms.original_rows import originals

from ..models import CoursePage, Enrolment, LessonCompletion, LessonPage, Offering, Registration, Session
from .content import DemoContent
from .outcomes import read_outcomes

FIRST_NAMES = ("Amara", "Bruno", "Chen", "Dalia", "Emeka", "Farah", "Gustavo", "Hana", "Ivan", "Jana", "Kofi",
               "Leila", "Mateo", "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Sami", "Tomás", "Uma", "Viktor",
               "Wen", "Ximena", "Yara", "Zeynep")
LAST_NAMES = ("Adeyemi", "Bianchi", "Costa", "Dubois", "Eriksen", "Fernandes", "García", "Haddad", "Ito", "Jensen",
              "Kowalski", "Lopes", "Moreau", "Nakamura", "Okafor", "Pereira", "Rahman", "Silva", "Tan", "Walsh")
COUNTRIES = ("ES", "PT", "FR", "DE", "GB", "US", "BR", "MX", "KE", "NG", "EG", "MA", "IN", "JP", "AU", "CA")
STAGES = [stage for stage, _label in CareerStage.choices]
LESSONS_PER_SITTING = (1, 3)  # lessons done in a month the member comes back, fewest and most
TIERS = [MembershipTier.STUDENT, MembershipTier.EARLY_CAREER, MembershipTier.PROFESSIONAL,
         MembershipTier.PROFESSIONAL, MembershipTier.INSTITUTIONAL]


@dataclass
class YearSummary:
    members: int = 0
    onboarded: int = 0
    enrolments: int = 0
    lessons: int = 0
    registrations: int = 0


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _renewed_until(joined: date, today: date) -> date:
    """A year's membership from joining, renewed each year since: current on the day of loading."""
    years = 1
    while add_months(joined, 12 * years) <= today:
        years += 1
    return add_months(joined, 12 * years)


def first_webinar(data: DemoContent, events: Mapping[str, Offering], since: date) -> Session | None:
    """The webinar session the onboarded register for: the latest to have begun inside the year's window (from the
    first month its members joined in), so its edition is one of the report's years; never one to come, nor the
    catalog's attendance sample (the session that ended yesterday: its registrations are the rule's own)."""
    attendance = data.settings.attendance
    sample = events.get(attendance.event)
    sessions = Session.objects.filter(event__webinarpage__isnull=False, event__live=True,
                                      starts_at__gte=_at(since, 0), starts_at__lt=timezone.now())
    if sample is not None:
        sample_sessions = Session.objects.filter(event=sample).order_by("sort_order", "pk")
        sessions = sessions.exclude(pk__in=sample_sessions[attendance.session:attendance.session + 1].values("pk"))
    return sessions.order_by("-starts_at", "-pk").first()


def build_year(data: DemoContent, offerings: dict[str, Offering], password: str, today: date,
               events: Mapping[str, Offering]) -> YearSummary:
    spec = data.people.year
    rng = random.Random(spec.seed)
    courses = list(CoursePage.objects.filter(pk__in=[o.pk for o in offerings.values()]).order_by("path"))
    lessons = {o.pk: list(LessonPage.objects.descendant_of(o).live().order_by("path").values_list("pk", flat=True))
               for o in courses}
    orientation = next((o for o in courses if o.is_orientation), None)  # onboarding asks the onboarded to start it
    # The outcomes demo's courses keep their two editions as written there (courses/demo/outcomes.py): the year's
    # members learn elsewhere, so Reports -> "Retire or redesign" tells the story that file tells.
    measured = {offerings[spec.offering].pk for spec in read_outcomes().editions if spec.offering in offerings}
    courses = [o for o in courses if lessons[o.pk] and o is not orientation and o.pk not in measured]
    topics = list(originals(Topic.objects.all()).order_by("pk"))
    this_month = first_of_month(today)
    webinar = first_webinar(data, events, add_months(this_month, -spec.months))
    people: list[tuple[Member, date, bool]] = []
    n = 0
    for back in range(spec.months, 0, -1):
        month = add_months(this_month, -back)
        for _ in range(rng.randint(spec.fewest_per_month, spec.most_per_month)):
            n += 1
            joined = month + timedelta(days=rng.randint(0, 27))
            onboarded = rng.random() < 0.5
            member = Member(
                email=f"{spec.local_prefix}{n:03d}@{data.people.email_domain}", password=password,
                first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES),
                membership_tier=rng.choice(TIERS), membership_expires_on=_renewed_until(joined, today),
                career_stage=rng.choice(STAGES), country=rng.choice(COUNTRIES),
                preferred_languages=[rng.choice(["en", "es", "fr", "pt", "ar"])],
                date_joined=_at(joined, 9),
                zone_confirmed_at=_at(joined, 10) if onboarded else None,
            )
            people.append((member, joined, onboarded))
    Member.objects.bulk_create([member for member, _joined, _done in people])
    Demographics.objects.bulk_create([
        Demographics(member=member, gender=rng.choice([g for g, _l in Demographics.Gender.choices]),
                     age_band=rng.choice([a for a, _l in Demographics.AgeBand.choices]))
        for member, _joined, _done in people if rng.random() < 0.6])
    interests, enrolments, completions, registrations = [], [], [], []
    Interest = Member.interests.through
    for member, joined, onboarded in people:
        if onboarded and orientation is not None:  # started and, in their first days, finished
            enrolments.append(Enrolment(member=member, offering=orientation, enrolled_at=_at(joined, 10),
                                        last_activity_at=_at(joined, 11), completed_at=_at(joined, 11)))
            completions += [LessonCompletion(member=member, lesson_id=lesson, completed_at=_at(joined, 11),
                                             method=LessonCompletion.Method.MARKED)
                            for lesson in lessons[orientation.pk]]
        if onboarded and topics:
            interests += [Interest(member_id=member.pk, topic_id=topic.pk) for topic in rng.sample(topics, 2)]
            if webinar is not None:
                registrations.append(Registration(
                    member=member, session=webinar, status=Registration.Status.CONFIRMED,
                    registered_at=_at(joined, 11), queued_at=_at(joined, 11), confirmed_at=_at(joined, 11)))
        course = rng.choice(courses)
        steps = iter(lessons[course.pk])
        staying = 0.85 if onboarded else 0.55  # onboarded members come back more often
        months_since = (this_month.year - joined.year) * 12 + this_month.month - joined.month
        enrolled = False
        for offset in range(months_since + 1):
            if offset and rng.random() > staying - 0.03 * offset:
                continue
            day = min(add_months(first_of_month(joined), offset) + timedelta(days=rng.randint(0, 27)), today)
            day = max(day, joined)
            if not enrolled:
                enrolments.append(Enrolment(member=member, offering=course, enrolled_at=_at(day, 12),
                                            last_activity_at=_at(day, 13)))
                enrolled = True
            # A month's sitting takes a few lessons, so most who keep coming finish within a season: the year's
            # courses complete at a healthy rate, and Retire or redesign flags only the outcomes demo's weak one.
            for lesson in itertools.islice(steps, rng.randint(*LESSONS_PER_SITTING)):
                completions.append(LessonCompletion(member=member, lesson_id=lesson, completed_at=_at(day, 13),
                                                    method=LessonCompletion.Method.MARKED))
                if lesson == lessons[course.pk][-1]:  # the last lesson done: the course is completed, as it would be
                    enrolments[-1].completed_at = _at(day, 14)
    Interest.objects.bulk_create(interests)
    Enrolment.objects.bulk_create(enrolments)
    LessonCompletion.objects.bulk_create(completions)
    Registration.objects.bulk_create(registrations)
    return YearSummary(len(people), sum(done for _m, _j, done in people), len(enrolments), len(completions),
                       len(registrations))
