"""Strategic abandonment, the one rule: an offering or a topic is flagged when its last two editions (its two latest
programme years with any activity) BOTH fall under at least one of the thresholds staff set (minimum reach, minimum
completion or attendance rate, minimum mean rating; courses/models/outcomes.py). One weak edition is not a trend.

A satisfaction figure that is suppressed (too few answers: evaluations/summary.py) is unknown, not low: it never
misses the rating threshold, so it never flags anything on its own. A missing rate (no confirmed seats) is the same.
The evidence is the two editions' measures side by side, which thresholds each missed, the follow-up "applied it"
rate, and, only for holders of courses.view_evaluation_answers, a few comments without names (de-identified).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from ..models import AbandonmentThresholds, Evaluation
from .measures import EditionMeasure, OutcomeFilters, TopicMeasure, edition_measures, topic_measures

COMMENTS_PER_EDITION = 3  # a few, to read beside the figures: the answers page has them all
ANSWERS_PERMISSION = "courses.view_evaluation_answers"
REACH, RATE, RATING = "reach", "rate", "rating"


@dataclass(frozen=True)
class Thresholds:
    min_reach: int | None = None
    min_rate: float | None = None  # 0-1
    min_rating: float | None = None  # 1-5

    @classmethod
    def stored(cls) -> Thresholds:
        row = AbandonmentThresholds.current()
        return cls(row.min_reach, row.min_rate / 100 if row.min_rate is not None else None,
                   float(row.min_rating) if row.min_rating is not None else None)

    @property
    def any(self) -> bool:
        return self.min_reach is not None or self.min_rate is not None or self.min_rating is not None


def _rate(measure: EditionMeasure | TopicMeasure) -> float | None:
    """Completion rate for courses, attendance rate for events; a topic with both takes the lower."""
    rates = [r for r in (measure.completion_rate, measure.attendance_rate) if r is not None]
    return min(rates) if rates else None


def missed(measure: EditionMeasure | TopicMeasure, thresholds: Thresholds) -> tuple[str, ...]:
    """Which thresholds this edition falls under; an unknown figure (suppressed, none) misses nothing."""
    found = []
    if thresholds.min_reach is not None and measure.reach < thresholds.min_reach:
        found.append(REACH)
    rate = _rate(measure)
    if thresholds.min_rate is not None and rate is not None and rate < thresholds.min_rate:
        found.append(RATE)
    if thresholds.min_rating is not None and measure.mean_rating is not None and \
            measure.mean_rating < thresholds.min_rating:
        found.append(RATING)
    return tuple(found)


@dataclass(frozen=True)
class Evidence:
    measure: Any  # EditionMeasure for an offering, TopicMeasure for a topic
    missed: tuple[str, ...]
    rate: float | None
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flag:
    kind: str  # "offering" or "topic"
    id: int
    title: str
    earlier: Evidence  # the edition before the last
    latest: Evidence


def _last_two(rows: list[Any]) -> list[Any] | None:
    ordered = sorted(rows, key=lambda r: r.programme_year)
    return ordered[-2:] if len(ordered) >= 2 else None


def _comments(editions: set[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
    """Up to COMMENTS_PER_EDITION latest comments per (offering, year), text only, in one query."""
    if not editions:
        return {}
    offerings = {offering for offering, _year in editions}
    rows = (Evaluation.objects.filter(request__offering_id__in=offerings).exclude(comment="")
            .annotate(offering=F("request__offering_id"), year=F("request__programme_year"),
                      place=Window(RowNumber(), partition_by=[F("request__offering_id"), F("request__programme_year")],
                                   order_by=F("submitted_at").desc()))
            .filter(place__lte=COMMENTS_PER_EDITION).values_list("offering", "year", "comment"))
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for offering, year, comment in rows:
        if (offering, year) in editions:
            found[(offering, year)].append(comment)
    return found


def flagged(filters: OutcomeFilters | None = None, thresholds: Thresholds | None = None, *,
            with_comments: bool = False) -> list[Flag]:
    """Offerings, then topics, whose last two editions both miss a threshold, with their evidence. Comments are
    read only when `with_comments` (the caller checks ANSWERS_PERMISSION). A fixed number of queries."""
    filters = filters or OutcomeFilters()
    thresholds = thresholds if thresholds is not None else Thresholds.stored()
    if not thresholds.any:
        return []
    by_offering: dict[int, list[EditionMeasure]] = defaultdict(list)
    for m in edition_measures(filters):
        by_offering[m.offering_id].append(m)
    by_topic: dict[int, list[TopicMeasure]] = defaultdict(list)
    for t in topic_measures(filters):
        by_topic[t.topic_id].append(t)
    weak_offerings = []
    for offering_id, editions in by_offering.items():
        pair = _last_two(editions)
        if pair and all(missed(m, thresholds) for m in pair):
            weak_offerings.append((offering_id, pair))
    comments = _comments({(o, m.programme_year) for o, pair in weak_offerings for m in pair}) if with_comments else {}

    def evidence(m: Any, key: tuple[int, int] | None = None) -> Evidence:
        return Evidence(m, missed(m, thresholds), _rate(m), tuple(comments.get(key, ())) if key else ())

    found = [Flag("offering", offering_id, pair[1].title, evidence(pair[0], (offering_id, pair[0].programme_year)),
                  evidence(pair[1], (offering_id, pair[1].programme_year)))
             for offering_id, pair in weak_offerings]
    for topic_id, rows in by_topic.items():
        pair = _last_two(rows)
        if pair and all(missed(t, thresholds) for t in pair):
            found.append(Flag("topic", topic_id, pair[1].name, evidence(pair[0]), evidence(pair[1])))
    return sorted(found, key=lambda f: (f.kind != "offering", f.title.casefold(), f.id))


