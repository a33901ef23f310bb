"""What staff need to rotate themes deliberately: which topics ran in which programme years, which have been
missing for a while, which run every year, and what is coming up on each.

Counts are over live offerings of every format (courses, ethics modules, workshops, webinars), each counted once
as its original (its aliases and translations in other locales are the same offering), and over the originals'
sessions. The figures take a fixed number of queries however many topics and offerings there are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cms.models import Topic
from lms.original_rows import originals, with_reader_words

from ..models import Offering, Session
from .times import span_in

# The matrix shows this many programme years before the current one, the current one and the next one.
YEARS_BACK = 4
# "Not offered for two or more years": last offered in the current year minus this, or earlier (or never).
GAP_YEARS = 2
# "Repeated every year": offered in each of this many programme years, ending with the current one.
REPEAT_YEARS = 3


@dataclass(frozen=True)
class YearCell:
    """One topic in one programme year: how many live offerings, by format label."""

    year: int
    by_format: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_format.values())


@dataclass(frozen=True)
class UpcomingSession:
    """A session still to start, as the staff member reads its time (their own zone)."""

    event_id: int
    event_title: str
    format_label: str
    session_title: str
    starts_at: datetime
    when: str


@dataclass(frozen=True)
class TopicPlan:
    topic: Topic
    cells: list[YearCell]
    years_offered: list[int]  # every programme year with a live offering, oldest first
    last_offered_year: int | None  # the latest such year up to the current one
    next_planned_year: int | None  # the first such year after the current one
    not_offered_recently: bool
    repeated_every_year: bool
    upcoming: list[UpcomingSession]


@dataclass(frozen=True)
class ProgrammePlan:
    current_year: int
    years: list[int]
    topics: list[TopicPlan]
    untagged_offerings: int  # live offerings with no topic: they cannot be planned by theme

    @property
    def not_offered_recently(self) -> list[TopicPlan]:
        return [plan for plan in self.topics if plan.not_offered_recently]

    @property
    def repeated_every_year(self) -> list[TopicPlan]:
        return [plan for plan in self.topics if plan.repeated_every_year]

    @property
    def has_upcoming(self) -> bool:
        return any(plan.upcoming for plan in self.topics)

    @property
    def repeat_years(self) -> list[int]:
        return list(range(self.current_year - REPEAT_YEARS + 1, self.current_year + 1))

    @property
    def gap_cutoff_year(self) -> int:
        return self.current_year - GAP_YEARS


def planner_years(current_year: int) -> list[int]:
    return list(range(current_year - YEARS_BACK, current_year + 2))


def is_not_offered_recently(last_offered_year: int | None, current_year: int) -> bool:
    return last_offered_year is None or last_offered_year <= current_year - GAP_YEARS


def is_repeated_every_year(years_offered: set[int], current_year: int) -> bool:
    return all(year in years_offered for year in range(current_year - REPEAT_YEARS + 1, current_year + 1))


def _format_labels(content_type_ids: set[int]) -> dict[int, str]:
    """The format label of each page type (ContentType lookups are cached per process)."""
    labels = {}
    for content_type_id in content_type_ids:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        labels[content_type_id] = str(getattr(model, "FORMAT_LABEL", Offering.FORMAT_LABEL))
    return labels


def _upcoming_sessions(now: datetime, zone_name: str, format_labels: dict[int, str]
                       ) -> dict[int, list[UpcomingSession]]:
    """Sessions of live events starting from now, by event id, soonest first."""
    by_event: dict[int, list[UpcomingSession]] = defaultdict(list)
    sessions = (
        Session.objects.of_originals().filter(starts_at__gte=now, event__live=True)
        .select_related("event")
        .only("title", "starts_at", "ends_at", "event__title", "event__content_type_id")
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        event = session.event
        by_event[event.pk].append(
            UpcomingSession(
                event_id=event.pk,
                event_title=event.title,
                format_label=format_labels.get(event.content_type_id, ""),
                session_title=session.title,
                starts_at=session.starts_at,
                when=str(span_in(session.starts_at, session.ends_at, zone_name)),
            )
        )
    return by_event


def programme_plan(now: datetime | None = None, zone_name: str = "UTC") -> ProgrammePlan:
    """The planner's figures for every topic, with session times read in `zone_name`."""
    now = now or timezone.now()
    current_year = timezone.localdate(now).year
    years = planner_years(current_year)

    offerings = {
        row["pk"]: row for row in originals(Offering.objects.live()).values("pk", "programme_year", "content_type_id")
    }
    format_labels = _format_labels({row["content_type_id"] for row in offerings.values()})
    topics_of_offering: dict[int, list[int]] = defaultdict(list)
    tagged = Offering._meta.get_field("topics").remote_field.through.objects.filter(
        offering__in=originals(Offering.objects.live()))
    for offering_id, topic_id in tagged.values_list("offering_id", "topic_id"):
        topics_of_offering[offering_id].append(topic_id)

    per_topic_year: dict[int, dict[int, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for offering_id, topic_ids in topics_of_offering.items():
        offering = offerings.get(offering_id)
        if offering is None:  # published between the two queries
            continue
        for topic_id in topic_ids:
            per_topic_year[topic_id][offering["programme_year"]][format_labels[offering["content_type_id"]]] += 1

    upcoming_by_event = _upcoming_sessions(now, zone_name, format_labels)
    upcoming_by_topic: dict[int, list[UpcomingSession]] = defaultdict(list)
    for event_id, sessions in upcoming_by_event.items():
        for topic_id in topics_of_offering.get(event_id, []):
            upcoming_by_topic[topic_id].extend(sessions)

    plans = []
    # A translated topic is planned once, named and sorted in the staff member's language (`shown_name`).
    topics = with_reader_words(originals(Topic.objects.all()), "name")
    for topic in sorted(topics, key=lambda topic: (topic.shown_name.casefold(), topic.pk)):
        by_year = per_topic_year.get(topic.pk, {})
        years_offered = sorted(by_year)
        past = [year for year in years_offered if year <= current_year]
        future = [year for year in years_offered if year > current_year]
        last_offered = past[-1] if past else None
        plans.append(
            TopicPlan(
                topic=topic,
                cells=[YearCell(year, dict(sorted(by_year.get(year, Counter()).items()))) for year in years],
                years_offered=years_offered,
                last_offered_year=last_offered,
                next_planned_year=future[0] if future else None,
                not_offered_recently=is_not_offered_recently(last_offered, current_year),
                repeated_every_year=is_repeated_every_year(set(years_offered), current_year),
                upcoming=sorted(upcoming_by_topic.get(topic.pk, []), key=lambda s: (s.starts_at, s.event_id)),
            )
        )
    untagged = sum(1 for offering_id in offerings if offering_id not in topics_of_offering)
    return ProgrammePlan(current_year=current_year, years=years, topics=plans, untagged_offerings=untagged)
