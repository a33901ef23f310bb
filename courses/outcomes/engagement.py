"""Engagement: how many members are active each month, by segment, and how first-year members stay.

"Active" in a month means any activity any package reports through the `member_activity_sources` hook
(lms/extension_points.py): learning, events, mentoring, CPD logged. Every source is narrowed to the months asked for
and reduced to distinct (member, month, segment) rows inside the database, all sources in ONE query (a UNION), so
the report costs the same number of queries however many members there are; a member active in two ways in a
month counts once.

Self-described demographics are shown only through lms.demographics_report's suppression (small groups hidden,
and a second one where subtraction would reveal it); first-year cohorts smaller than its smallest reported group
are hidden the same way. "Completed onboarding" is lms.onboarding's meaning: every checklist step done, asked of all
the cohorts' members at once (completed_onboarding), so retention too costs a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db.models import DateField, F, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.country_regions import REGION_LABELS, region_expression
from lms.demographics_report import SMALLEST_REPORTED_GROUP, Row, demographic_question, suppressed_rows
from lms.extension_points import member_activity_sources
from lms.models import CareerStage, Member, MembershipTier
from lms.months import add_months, first_of_month
from lms.onboarding import completed_onboarding

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_MONTHS = 36  # three years of months: enough for trends, and a bound on the rows one report reads
RETENTION_OFFSETS = (1, 2, 3, 6, 12)  # months after joining
DEMOGRAPHIC_SEGMENTS = ("gender", "identifies_as_under_represented", "has_disability", "age_band")
SEGMENTS: dict[str, StrOrPromise] = {
    "all": _("All members"),
    "career_stage": _("Career stage"),
    "region": _("Region"),
    "membership_tier": _("Membership tier"),
    "gender": _("Gender (self-described)"),
    "identifies_as_under_represented": _("Under-represented group (self-described)"),
    "has_disability": _("Disability (self-described)"),
    "age_band": _("Age band (self-described)"),
}


class ReportRangeError(ValueError):
    """A report asked for with months or a segment outside what it offers; the message says which."""


def _check(months: int, segment: str) -> None:
    if not 1 <= months <= MAX_MONTHS:
        raise ReportRangeError(_("Choose between 1 and %(most)d months.") % {"most": MAX_MONTHS})
    if segment not in SEGMENTS:
        raise ReportRangeError(_("Choose one of the segments offered."))


def segment_expression(segment: str, member: str):
    """The value a member row (reached by `member`) has in `segment`, as a database expression; the outcome
    measures break down by the same expressions."""
    if segment == "all":
        return Value("all")
    if segment == "region":
        return region_expression(f"{member}__country")
    if segment in DEMOGRAPHIC_SEGMENTS:  # no answer counts as "prefer not to say", as in the aggregate report
        return Coalesce(F(f"{member}__demographics__{segment}"), Value("prefer_not_to_say"))
    return F(f"{member}__{segment}")


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def active_rows(start: date, end: date, segment: str = "all") -> set[tuple[int, date, str]]:
    """Distinct (member id, first of month, segment value) for activity dated in [start, end): one query."""
    parts = []
    for source in member_activity_sources():
        at_field = source.rows.model._meta.get_field(source.at.split("__")[0])
        bounds = ((start, end) if source.at.count("__") == 0 and at_field.get_internal_type() == "DateField"
                  else (_aware(start), _aware(end)))
        parts.append(
            source.rows.filter(**{f"{source.member}__is_active": True, f"{source.at}__gte": bounds[0],
                                  f"{source.at}__lt": bounds[1]})
            .order_by()
            .values_list(F(source.member), TruncMonth(source.at, output_field=DateField()),
                         segment_expression(segment, source.member))
            .distinct()
        )
    if not parts:
        return set()
    union = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return {(member_id, month, value) for member_id, month, value in union}


def segment_labels(segment: str) -> dict[str, StrOrPromise]:
    if segment == "all":
        return {"all": SEGMENTS["all"]}
    if segment == "career_stage":
        return {**dict(CareerStage.choices), "": _("Not given")}
    if segment == "region":
        return dict(REGION_LABELS)
    if segment == "membership_tier":
        return dict(MembershipTier.choices)
    return demographic_question(segment)[1]


@dataclass(frozen=True)
class MonthActive:
    month: date
    total: int
    rows: list[Row]  # one per segment value, in the segment's order (suppressed where the segment asks for it)


def monthly_active(start_month: date, months: int, segment: str = "all") -> list[MonthActive]:
    """For each of `months` months from `start_month`, the distinct active members, in all and by segment."""
    _check(months, segment)
    start = first_of_month(start_month)
    end = add_months(start, months)
    rows = active_rows(start, end, segment)
    labels = segment_labels(segment)
    per_month: dict[date, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for _member, month, value in rows:
        per_month[month][value or ""] += 1
        totals[month] += 1
    report = []
    for index in range(months):
        month = add_months(start, index)
        counts = per_month[month]
        if segment in DEMOGRAPHIC_SEGMENTS:
            shown = suppressed_rows(counts, labels)
        else:
            shown = [Row(str(label), counts.get(key, 0)) for key, label in labels.items()]
        report.append(MonthActive(month, totals[month], shown))
    return report


@dataclass(frozen=True)
class Cohort:
    """Members who joined in `month`, split by whether they completed onboarding; shares are whole percentages
    per offset (None: that month has not come yet, or the group is too small to show)."""

    month: date
    size: int | None  # None: too small to show
    onboarded: int | None
    not_onboarded: int | None
    onboarded_shares: dict[int, int | None]
    not_onboarded_shares: dict[int, int | None]


def _share(active: int, size: int, shown: bool) -> int | None:
    return round(100 * active / size) if shown and size else None


@dataclass(frozen=True)
class Retention:
    cohorts: list[Cohort]
    # Over every cohort whose month has come, by completed onboarding and offset: whole percentage, or None.
    overall: dict[bool, dict[int, int | None]]


def first_year_retention(start_month: date, months: int, today: date | None = None) -> Retention:
    """Cohorts of the members who joined in each of `months` months from `start_month`: the share still active 1,
    2, 3, 6 and 12 months after their joining month, for those who completed onboarding and those who did not."""
    _check(months, "all")
    today = today or timezone.localdate()
    start = first_of_month(start_month)
    end = add_months(start, months)
    current = first_of_month(today)
    joined = Member.objects.filter(is_active=True, date_joined__gte=_aware(start), date_joined__lt=_aware(end))
    active = {(member_id, month) for member_id, month, _value in
              active_rows(start, min(add_months(end, max(RETENTION_OFFSETS)), add_months(current, 1)))}
    onboarded = completed_onboarding(joined)
    groups: dict[date, dict[bool, list[int]]] = defaultdict(lambda: {True: [], False: []})
    for pk, date_joined in joined.values_list("pk", "date_joined"):
        joined_month = first_of_month(timezone.localtime(date_joined).date())
        groups[joined_month][pk in onboarded].append(pk)
    cohorts = []
    pooled: dict[bool, dict[int, list[int]]] = {done: {k: [0, 0] for k in RETENTION_OFFSETS} for done in (True, False)}
    for index in range(months):
        month = add_months(start, index)
        group = groups[month]
        size = len(group[True]) + len(group[False])
        shares: dict[bool, dict[int, int | None]] = {True: {}, False: {}}
        for done in (True, False):
            members = group[done]
            shown = len(members) >= SMALLEST_REPORTED_GROUP
            for offset in RETENTION_OFFSETS:
                target = add_months(month, offset)
                stayed = sum((pk, target) in active for pk in members)
                if target <= current:
                    pooled[done][offset][0] += stayed
                    pooled[done][offset][1] += len(members)
                shares[done][offset] = _share(stayed, len(members), shown and target <= current)
        cohorts.append(Cohort(
            month, size if size >= SMALLEST_REPORTED_GROUP else None,
            len(group[True]) if len(group[True]) >= SMALLEST_REPORTED_GROUP else None,
            len(group[False]) if len(group[False]) >= SMALLEST_REPORTED_GROUP else None,
            shares[True], shares[False],
        ))
    overall = {done: {k: _share(stayed, size, size >= SMALLEST_REPORTED_GROUP)
                      for k, (stayed, size) in by_offset.items()} for done, by_offset in pooled.items()}
    return Retention(cohorts, overall)
