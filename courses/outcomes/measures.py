"""Outcome measures per edition: what the dashboard, its API and the abandonment rule read about each offering.

An EDITION is (the original offering, programme year), as in courses/evaluations/summary.py. Evaluations copy the
offering's programme year onto each request; enrolments and registrations carry no year, so their edition is the
year of their own date: the year a member enrolled (site time zone) and the date of the session registered for.
Everything operational points at the original offering (lms/original_rows.py), so only originals are listed; each
is titled in the reader's language.

`edition_measures(filters)` returns a list of `EditionMeasure`, ordered by offering title then programme year:
    offering_id, programme_year     the edition
    title                           the offering's title in the reader's language (else its own)
    format, format_label            "course", "ethics_module" or "event" (workshops and webinars are events)
    topic_ids, partner_ids          the offering's topics and co-hosting partners (originals), sorted
    reach                           distinct members enrolled (courses) or registered, not cancelled (events)
    completions, completion_rate    completed enrolments; rate of reach (0-1) or None (events: 0, None)
    confirmed, attendances          confirmed registrations (seats) and attended ones (courses: 0, 0)
    held                            confirmed seats at sessions that have begun (a session to come has no
                                    attendance yet, so it is not counted against the rate)
    attendance_rate                 attended of held (0-1) or None
    cpd_hours                       CPD hours delivered: the credited hours summed over credited members (Decimal)
    evaluations ... suppressed      evaluations/summary.edition_summaries' figures for the edition (mean_rating,
                                    mean_relevance, recommend_rate, follow_ups, applied_rate, mean_gain_points);
                                    a mean is None when suppressed (fewer than SMALLEST_REPORTED_GROUP answered)
Member-segment filters (career stage, region, tier) narrow the members counted in every figure, evaluations too.
A learning path keeps the offerings that are its steps (read from the original path, courses/paths/progress.py).
The cost is a fixed number of queries (about a dozen aggregations) however many offerings, editions or members.

`segment_breakdown(filters, segment)` sums the same measures per segment value (`SegmentMeasure`); demographics
questions only through lms/demographics_report.suppressed_rows (small groups hidden). `topic_measures(filters)`
sums them per topic and edition (`TopicMeasure`; an offering counts under each of its topics); a topic's reach is
distinct members, counted in the database (`distinct_members`): one in two offerings of the topic counts once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.bounded_numbers import NumberRefused, read_whole
from lms.country_regions import NOT_GIVEN, REGION_LABELS, REGION_OF_COUNTRY
from lms.demographics_report import SMALLEST_REPORTED_GROUP, suppressed_rows
from lms.lazy_text import interpolated
from lms.models import CareerStage, Member, MembershipTier
from lms.original_rows import originals, with_reader_words

from ..evaluations.summary import EditionSummary, edition_summaries
from ..models import CoursePage, Enrolment, EthicsModulePage, EventPage, LearningPathPage, Offering, Registration
from ..paths.progress import steps_of
from .engagement import DEMOGRAPHIC_SEGMENTS, segment_expression, segment_labels

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FIRST_YEAR, LAST_YEAR = 2000, 2100  # an offering's programme year is four digits in this range (Offering.clean)
MAX_YEARS = 20  # the widest year range one report reads
LARGEST_ID = 2_147_483_647  # a database integer id
FORMATS: dict[str, StrOrPromise] = {
    "course": CoursePage.FORMAT_LABEL,
    "ethics_module": EthicsModulePage.FORMAT_LABEL,
    "event": EventPage.FORMAT_LABEL,
}
_FORMAT_MODELS: dict[str, type[Offering]] = {
    "course": CoursePage, "ethics_module": EthicsModulePage, "event": EventPage}
BREAKDOWN_SEGMENTS: dict[str, StrOrPromise] = {
    "career_stage": _("Career stage"),
    "region": _("Region"),
    "membership_tier": _("Membership tier"),
    "gender": _("Gender (self-described)"),
    "identifies_as_under_represented": _("Under-represented group (self-described)"),
    "has_disability": _("Disability (self-described)"),
    "age_band": _("Age band (self-described)"),
}
ZERO_HOURS = Decimal("0.00")


class FilterError(ValueError):
    """A filter outside what the reports offer; `field` names it and the message says what is allowed."""

    def __init__(self, field: str, message: StrOrPromise) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


_OUTSIDE = frozenset({"too_large", "too_small", "too_many_digits"})  # read_whole's refusals of a number's size


def _a_whole(name: str, value: Any, bounds: tuple[int, int], malformed: StrOrPromise,
             outside: StrOrPromise) -> int | None:
    """A bounded whole number read by lms.bounded_numbers (so the text is checked before int() sees it); its
    refusal as this report's FilterError: `outside` for a number beyond the bounds, `malformed` for anything else."""
    if value is None or value == "":
        return None
    try:
        return read_whole(str(value), minimum=bounds[0], maximum=bounds[1])
    except NumberRefused as refused:
        raise FilterError(name, outside if refused.code in _OUTSIDE else malformed) from None


def _an_id(name: str, value: Any) -> int | None:
    return _a_whole(name, value, (1, LARGEST_ID), _("Enter a whole number."), _("Choose one of the items offered."))


def _a_year(name: str, value: Any) -> int | None:
    return _a_whole(name, value, (FIRST_YEAR, LAST_YEAR), _("Enter a four-digit year."),
                    interpolated(_("Enter a year from %(first)d to %(last)d."), {"first": FIRST_YEAR,
                                                                                "last": LAST_YEAR}))


def _a_choice(name: str, value: Any, choices: Iterable[str]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in set(choices):
        raise FilterError(name, _("Choose one of the values offered."))
    return value


@dataclass(frozen=True)
class OutcomeFilters:
    """What a report is narrowed to; every part optional. Made from untrusted text by `from_query`; built directly
    the values are checked the same way (FilterError on any bad one)."""

    topic_id: int | None = None
    format: str | None = None  # a key of FORMATS
    year_from: int | None = None
    year_to: int | None = None
    partner_id: int | None = None
    career_stage: str | None = None  # a CareerStage value, or "" is no filter ("not given" is not offered)
    region: str | None = None  # a key of lms.country_regions.REGION_LABELS
    membership_tier: str | None = None
    path_id: int | None = None  # a learning path (its original): only the offerings that are its steps

    def __post_init__(self) -> None:
        checked = {
            "topic_id": _an_id("topic_id", self.topic_id),
            "partner_id": _an_id("partner_id", self.partner_id),
            "path_id": _an_id("path_id", self.path_id),
            "year_from": _a_year("year_from", self.year_from),
            "year_to": _a_year("year_to", self.year_to),
            "format": _a_choice("format", self.format, FORMATS),
            "career_stage": _a_choice("career_stage", self.career_stage, CareerStage.values),
            "region": _a_choice("region", self.region, REGION_LABELS),
            "membership_tier": _a_choice("membership_tier", self.membership_tier, MembershipTier.values),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        if self.year_from and self.year_to:
            if self.year_from > self.year_to:
                raise FilterError("year_to", _("The last year cannot come before the first."))
            if self.year_to - self.year_from >= MAX_YEARS:
                raise FilterError("year_to", _("Choose at most %(most)d years.") % {"most": MAX_YEARS})

    FIELDS = ("topic_id", "format", "year_from", "year_to", "partner_id", "career_stage", "region",
              "membership_tier", "path_id")

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> OutcomeFilters:
        """From query parameters named as the fields (a list value, as a QueryDict's, takes its last item)."""
        values: dict[str, Any] = {}
        for name in cls.FIELDS:
            value = data.get(name)
            if isinstance(value, (list, tuple)):
                value = value[-1] if value else None
            if isinstance(value, str):
                value = value.strip()
                if len(value) > 40:
                    raise FilterError(name, _("That value is too long."))
            values[name] = value
        return cls(**values)

    @property
    def narrows_members(self) -> bool:
        return bool(self.career_stage or self.region or self.membership_tier)

    def member_q(self, path: str = "member") -> Q:
        """The members counted, as a condition on `path` (a relation to Member, or "" for Member itself)."""
        prefix = f"{path}__" if path else ""
        q = Q()
        if self.career_stage:
            q &= Q(**{f"{prefix}career_stage": self.career_stage})
        if self.membership_tier:
            q &= Q(**{f"{prefix}membership_tier": self.membership_tier})
        if self.region == NOT_GIVEN:
            q &= ~Q(**{f"{prefix}country__in": list(REGION_OF_COUNTRY)})
        elif self.region:
            q &= Q(**{f"{prefix}country__in": [c for c, r in REGION_OF_COUNTRY.items() if r == self.region]})
        return q

    @cached_property
    def path_steps(self) -> list[int]:
        """The offerings that are the chosen path's steps (none when it is not an original path); one query, once
        per filters."""
        path = originals(LearningPathPage.objects.filter(pk=self.path_id)).only("steps").first()
        return [step.offering_id for step in steps_of(path)] if path else []

    def in_years(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)


@dataclass(frozen=True)
class Figures:
    """The measures any report row carries, summed."""

    reach: int = 0
    completions: int = 0
    confirmed: int = 0
    attendances: int = 0
    cpd_hours: Decimal = ZERO_HOURS
    held: int = 0  # confirmed seats at sessions that have begun: what attendance is out of

    @property
    def attendance_rate(self) -> float | None:
        return self.attendances / self.held if self.held else None


@dataclass(frozen=True)
class EditionMeasure:
    offering_id: int
    programme_year: int
    title: str
    format: str
    format_label: str
    topic_ids: tuple[int, ...]
    partner_ids: tuple[int, ...]
    reach: int
    completions: int
    completion_rate: float | None
    confirmed: int
    attendances: int
    attendance_rate: float | None
    cpd_hours: Decimal
    held: int = 0
    evaluations: int = 0
    mean_rating: float | None = None
    mean_relevance: float | None = None
    recommend_rate: float | None = None
    follow_ups: int = 0
    applied_rate: float | None = None
    mean_gain_points: float | None = None
    suppressed: bool = True


def _format_of(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()  # cached after the first
    for kind, format_model in _FORMAT_MODELS.items():
        if model is not None and issubclass(model, format_model):
            return kind
    return Offering.FORMAT


def _offerings(filters: OutcomeFilters) -> QuerySet[Offering]:
    rows = originals(Offering.objects.all())
    if filters.topic_id:
        rows = rows.filter(topics=filters.topic_id)
    if filters.partner_id:
        rows = rows.filter(co_hosts=filters.partner_id)
    if filters.format:
        rows = rows.filter(pk__in=_FORMAT_MODELS[filters.format].objects.values("pk"))
    if filters.path_id:
        rows = rows.filter(pk__in=filters.path_steps)
    return rows


def kept_offerings(filters: OutcomeFilters) -> set[int]:
    """The original offerings the filters keep, whatever their figures; one query."""
    return set(_offerings(filters).values_list("pk", flat=True))


def _links(through: Any, column: str, offering_ids: list[int]) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = defaultdict(list)
    for offering_id, other in through.objects.filter(offering_id__in=offering_ids).values_list(
            "offering_id", column).order_by("offering_id", column):
        found[offering_id].append(other)
    return {key: tuple(values) for key, values in found.items()}


def _hours() -> DecimalField:
    return DecimalField(max_digits=12, decimal_places=2)


def _enrolment_rows(filters: OutcomeFilters, offering_ids: list[int], segment: Any = None):
    rows = Enrolment.objects.filter(filters.member_q(), offering_id__in=offering_ids, member__is_active=True)
    rows = rows.annotate(year=ExtractYear("enrolled_at"), **({} if segment is None else {"segment": segment}))
    keys = ["offering_id", "year"] + ([] if segment is None else ["segment"])
    return rows.values(*keys).annotate(
        reach=Count("member", distinct=True),
        completions=Count("pk", filter=Q(completed_at__isnull=False)),
        hours=Coalesce(Sum("credited_cpd_hours", filter=Q(completed_at__isnull=False)), Value(ZERO_HOURS),
                       output_field=_hours()),
    ).order_by()


_TAKING_PART = Q(attended=True) | ~Q(status=Registration.Status.CANCELLED)  # a registration that counts in reach


def _registration_rows(filters: OutcomeFilters, offering_ids: list[int], segment: Any = None):
    rows = Registration.objects.filter(filters.member_q(), session__event_id__in=offering_ids,
                                       member__is_active=True)
    rows = rows.annotate(year=ExtractYear("session__date"), event=F("session__event_id"),
                         **({} if segment is None else {"segment": segment}))
    keys = ["event", "year"] + ([] if segment is None else ["segment"])
    return rows.values(*keys).annotate(
        reach=Count("member", distinct=True, filter=_TAKING_PART),
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        held=Count("pk", filter=Q(status=Registration.Status.CONFIRMED, session__starts_at__lte=timezone.now())),
        attendances=Count("pk", filter=Q(attended=True)),
        hours=Coalesce(Sum("credited_cpd_hours", filter=Q(attended=True)), Value(ZERO_HOURS),
                       output_field=_hours()),
    ).order_by()


def taking_part(filters: OutcomeFilters, offering_ids: Iterable[int], key: str | Value) -> tuple[QuerySet, QuerySet]:
    """(group, year, member) of every member counted in the reach of these offerings' editions, as the pair
    (enrolled, registered) that `distinct_members` counts: the group is an Offering field reached from each (a topic,
    say: "topics") or one constant Value."""
    ids = list(offering_ids)

    def keyed(path: str) -> Any:
        return key if isinstance(key, Value) else F(f"{path}{key}")

    enrolled = Enrolment.objects.filter(filters.member_q(), offering_id__in=ids, member__is_active=True).values(
        grp=keyed("offering__"), year=ExtractYear("enrolled_at"), who=F("member_id"))
    registered = Registration.objects.filter(
        _TAKING_PART, filters.member_q(), session__event_id__in=ids, member__is_active=True).values(
        grp=keyed("session__event__"), year=ExtractYear("session__date"), who=F("member_id"))
    return enrolled.order_by(), registered.order_by()


def distinct_members(pairs: Iterable[tuple[QuerySet, QuerySet]],
                     filters: OutcomeFilters) -> dict[tuple[Any, int], int]:
    """How many distinct members per (key, year) over `pairs` (each `taking_part`'s; no two pairs share a key), counted
    in the database in ONE query: a member in two offerings of one group, or enrolled and registered, counts once.
    SQL cannot GROUP BY over a UNION through the ORM, so each pair is counted as its enrolled members plus its
    registered members not enrolled under the same key and year (an anti-join); those grouped counts, a row per part
    and (key, year), come back in one UNION ALL and are added up here. Years outside the filters' are left out."""
    counts = []
    for enrolled, registered in pairs:
        same = enrolled.filter(grp=OuterRef("grp"), year=OuterRef("year"), who=OuterRef("who"))
        counts += [part.values("grp", "year").annotate(members=Count("who", distinct=True)).order_by()
                   for part in (enrolled, registered.filter(~Exists(same)))]
    if not counts:
        return {}
    found: Counter[tuple[Any, int]] = Counter()
    for row in counts[0].union(*counts[1:], all=True):  # parts matching nothing (no offerings) are left out
        if filters.in_years(row["year"]):
            found[(row["grp"], row["year"])] += row["members"]
    return dict(found)


def _evaluated(filters: OutcomeFilters, offering_ids: list[int]) -> dict[tuple[int, int], EditionSummary]:
    members = Member.objects.filter(filters.member_q("")) if filters.narrows_members else None
    return {(s.offering_id, s.programme_year): s for s in edition_summaries(offering_ids, members=members)}


def _evaluation_figures(summary: EditionSummary | None) -> dict[str, Any]:
    if summary is None:
        return {}
    return {"evaluations": summary.evaluations, "mean_rating": summary.mean_rating,
            "mean_relevance": summary.mean_relevance, "recommend_rate": summary.recommend_rate,
            "follow_ups": summary.follow_ups, "applied_rate": summary.applied_rate,
            "mean_gain_points": summary.mean_gain_points, "suppressed": summary.suppressed}


def edition_measures(filters: OutcomeFilters | None = None,
                     offering_ids: Iterable[int] | None = None) -> list[EditionMeasure]:
    """Every edition of the offerings the filters keep (of these original offerings only, when given: a partner
    host's) that had any enrolment, registration or evaluation."""
    filters = filters or OutcomeFilters()
    kept = _offerings(filters)
    if offering_ids is not None:
        kept = kept.filter(pk__in=list(offering_ids))
    offerings = {row["pk"]: row for row in with_reader_words(kept, "title").values(
        "pk", "shown_title", "content_type_id")}
    ids = list(offerings)
    if not ids:
        return []
    topics = _links(Offering.topics.through, "topic_id", ids)
    partners = _links(Offering.co_hosts.through, "partner_id", ids)
    figures: dict[tuple[int, int], Figures] = defaultdict(Figures)
    for row in _enrolment_rows(filters, ids):
        key = (row["offering_id"], row["year"])
        figures[key] = Figures(row["reach"], row["completions"], 0, 0, row["hours"])
    for row in _registration_rows(filters, ids):
        key = (row["event"], row["year"])
        old = figures[key]
        figures[key] = Figures(old.reach + row["reach"], old.completions, row["confirmed"], row["attendances"],
                               old.cpd_hours + row["hours"], row["held"])
    evaluated = _evaluated(filters, ids)
    answered = {key for key, s in evaluated.items() if s.evaluations or s.follow_ups}  # not asked-only: no figure
    keys = {key for key in set(figures) | answered if filters.in_years(key[1])}
    found = []
    for offering_id, year in keys:
        offering = offerings[offering_id]
        kind = _format_of(offering["content_type_id"])
        f = figures.get((offering_id, year), Figures())
        s = evaluated.get((offering_id, year))
        found.append(EditionMeasure(
            offering_id=offering_id, programme_year=year, title=offering["shown_title"], format=kind,
            format_label=str(FORMATS.get(kind, Offering.FORMAT_LABEL)),
            topic_ids=topics.get(offering_id, ()), partner_ids=partners.get(offering_id, ()),
            reach=f.reach, completions=f.completions,
            completion_rate=f.completions / f.reach if kind != "event" and f.reach else None,
            confirmed=f.confirmed, attendances=f.attendances, attendance_rate=f.attendance_rate,
            cpd_hours=f.cpd_hours, held=f.held,
            **_evaluation_figures(s),
        ))
    return sorted(found, key=lambda m: (m.title.casefold(), m.offering_id, m.programme_year))


@dataclass(frozen=True)
class SegmentMeasure:
    """One segment value's measures over every edition the filters keep. For a demographics question a count is
    None where lms/demographics_report suppresses it, and so is any rate or sum that would reveal it."""

    value: str
    label: str
    reach: int | None
    completions: int | None
    completion_rate: float | None
    confirmed: int | None
    attendances: int | None
    attendance_rate: float | None
    cpd_hours: Decimal | None


def segment_breakdown(filters: OutcomeFilters | None, segment: str) -> list[SegmentMeasure]:
    """The measures summed per value of `segment` (a key of BREAKDOWN_SEGMENTS), in the segment's own order;
    four queries however many members."""
    filters = filters or OutcomeFilters()
    if segment not in BREAKDOWN_SEGMENTS:
        raise FilterError("segment", _("Choose one of the segments offered."))
    ids = list(_offerings(filters).values_list("pk", flat=True))
    if not ids:
        ids = [0]  # no offering: every count is 0, in the same shape
    counts: dict[str, Counter] = {name: Counter() for name in ("reach", "completions", "confirmed", "attendances",
                                                               "held")}
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO_HOURS)
    expression = segment_expression(segment, "member")  # the engagement report's segments, the same way
    for rows in (_enrolment_rows(filters, ids, expression), _registration_rows(filters, ids, expression)):
        for row in rows:
            if not filters.in_years(row["year"]):
                continue
            value = row["segment"] or ""
            for name in counts:
                counts[name][value] += row.get(name, 0)
            hours[value] += row["hours"]
    labels = segment_labels(segment)
    if segment in DEMOGRAPHIC_SEGMENTS:
        shown = {name: {row.label: row.count for row in suppressed_rows(counter, labels)}
                 for name, counter in counts.items()}
    else:
        shown = {name: {str(label): counter.get(key, 0) for key, label in labels.items()}
                 for name, counter in counts.items()}
    found = []
    for key, label in labels.items():
        text = str(label)
        reach, completions = shown["reach"][text], shown["completions"][text]
        confirmed, attendances, held = shown["confirmed"][text], shown["attendances"][text], shown["held"][text]
        found.append(SegmentMeasure(
            value=key, label=text, reach=reach, completions=completions,
            completion_rate=completions / reach if reach and completions is not None else None,
            confirmed=confirmed, attendances=attendances,
            attendance_rate=attendances / held if held and attendances is not None else None,
            cpd_hours=hours[key] if reach is not None else None,
        ))
    return found


@dataclass(frozen=True)
class TopicMeasure:
    topic_id: int
    name: str
    programme_year: int
    offerings: int
    reach: int  # distinct members: one in two of the topic's offerings that year counts once
    places: int  # places taken: enrolments and registrations, a member once per offering
    completions: int
    completion_rate: float | None  # of the course places
    confirmed: int
    attendances: int
    attendance_rate: float | None
    cpd_hours: Decimal
    evaluations: int  # answers over the editions whose satisfaction is shown (not suppressed)
    mean_rating: float | None
    offering_ids: tuple[int, ...] = field(default=())


def topic_measures(filters: OutcomeFilters | None = None) -> list[TopicMeasure]:
    """Edition measures summed per topic and programme year, reach counted in distinct members (in the database);
    the mean rating is over the shown editions, weighted by their answers. Topics are named in the reader's
    language; ordered by name then year."""
    filters = filters or OutcomeFilters()
    measures = edition_measures(filters)
    grouped: dict[tuple[int, int], list[EditionMeasure]] = defaultdict(list)
    for m in measures:
        for topic_id in m.topic_ids:
            grouped[(topic_id, m.programme_year)].append(m)
    if not grouped:
        return []
    topic_model = Offering.topics.field.related_model
    names = dict(with_reader_words(topic_model.objects.filter(pk__in={t for t, _y in grouped}), "name")
                 .values_list("pk", "shown_name"))
    members = distinct_members([taking_part(filters, {m.offering_id for m in measures}, "topics")], filters)
    found = []
    for (topic_id, year), editions in grouped.items():
        course_places = sum(m.reach for m in editions if m.format != "event")
        completions = sum(m.completions for m in editions)
        confirmed = sum(m.confirmed for m in editions)
        held = sum(m.held for m in editions)
        attendances = sum(m.attendances for m in editions)
        rated = [m for m in editions if m.mean_rating is not None]
        answers = sum(m.evaluations for m in rated)
        found.append(TopicMeasure(
            topic_id=topic_id, name=str(names.get(topic_id, "")), programme_year=year, offerings=len(editions),
            reach=members.get((topic_id, year), 0), places=sum(m.reach for m in editions), completions=completions,
            completion_rate=completions / course_places if course_places else None,
            confirmed=confirmed, attendances=attendances,
            attendance_rate=attendances / held if held else None,
            cpd_hours=sum((m.cpd_hours for m in editions), ZERO_HOURS),
            evaluations=answers,
            mean_rating=(sum(m.mean_rating * m.evaluations for m in rated if m.mean_rating) / answers
                         if answers else None),
            offering_ids=tuple(sorted(m.offering_id for m in editions)),
        ))
    return sorted(found, key=lambda t: (t.name.casefold(), t.topic_id, t.programme_year))


__all__ = ["BREAKDOWN_SEGMENTS", "FORMATS", "EditionMeasure", "FilterError", "OutcomeFilters", "SegmentMeasure",
           "TopicMeasure", "SMALLEST_REPORTED_GROUP", "edition_measures", "segment_breakdown", "topic_measures"]
