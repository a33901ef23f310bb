"""The outcomes dashboard's tables, from measures.py's figures: editions, then the same measures by programme year
(with a trend chart per measure), topic, format and partner, and a breakdown by a chosen member segment. Also the
partner host's tables and the API's answer, so the page, its CSV and the API say the same.

Combining editions: counts and hours add up; completion, attendance and the evaluation figures are recomputed from
their parts, each mean weighted by the answers behind it and over the editions whose figure is SHOWN only, so a
group's figure never reveals an edition hidden for having too few answers (its total minus the others)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import Partner
from lms.demographics_report import SMALLEST_REPORTED_GROUP
from lms.original_rows import with_reader_words

from .measures import (
    BREAKDOWN_SEGMENTS,
    FORMATS,
    ZERO_HOURS,
    EditionMeasure,
    OutcomeFilters,
    edition_measures,
    segment_breakdown,
    topic_measures,
)
from .programmes import programme_years
from .tables import COUNT, HOURS, MEAN, SHARE, TEXT, Chart, Column, Table, trend_chart

MAX_EDITIONS = 500  # edition rows one page, CSV or API answer lists at most


def outcome_filters(cleaned: dict[str, Any]) -> OutcomeFilters:
    """The form's cleaned values as measures.py's filters."""
    return OutcomeFilters(
        topic_id=cleaned["topic"].pk if cleaned.get("topic") else None, format=cleaned.get("format") or None,
        year_from=cleaned.get("year_from"), year_to=cleaned.get("year_to"),
        partner_id=cleaned["partner"].pk if cleaned.get("partner") else None,
        path_id=cleaned["path"].pk if cleaned.get("path") else None,
        career_stage=cleaned.get("career_stage") or None, region=cleaned.get("region") or None,
        membership_tier=cleaned.get("tier") or None)


def measures_query(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The same filters as query parameters in measures.py's names (`OutcomeFilters.from_query`), for the link to
    "Retire or redesign" that keeps the dashboard's narrowing."""
    filters = outcome_filters(cleaned)
    return {name: getattr(filters, name) for name in OutcomeFilters.FIELDS if getattr(filters, name) is not None}


@dataclass(frozen=True)
class Combined:
    """Editions taken together."""

    editions: int
    reach: int
    completion_rate: float | None
    attendance_rate: float | None
    cpd_hours: Decimal
    evaluations: int
    mean_rating: float | None
    recommend_rate: float | None
    follow_ups: int
    applied_rate: float | None


def _weighted(pairs: list[tuple[float, int]]) -> float | None:
    total = sum(weight for _value, weight in pairs)
    return sum(value * weight for value, weight in pairs) / total if total else None


def combine(editions: list[EditionMeasure]) -> Combined:
    course_reach = sum(m.reach for m in editions if m.completion_rate is not None)
    completions = sum(m.completions for m in editions if m.completion_rate is not None)
    held = sum(m.held for m in editions)
    return Combined(
        editions=len(editions), reach=sum(m.reach for m in editions),
        completion_rate=completions / course_reach if course_reach else None,
        attendance_rate=sum(m.attendances for m in editions) / held if held else None,
        cpd_hours=sum((m.cpd_hours for m in editions), ZERO_HOURS),
        evaluations=sum(m.evaluations for m in editions),
        mean_rating=_weighted([(m.mean_rating, m.evaluations) for m in editions if m.mean_rating is not None]),
        recommend_rate=_weighted([(m.recommend_rate, m.evaluations) for m in editions
                                  if m.recommend_rate is not None]),
        follow_ups=sum(m.follow_ups for m in editions),
        applied_rate=_weighted([(m.applied_rate, m.follow_ups) for m in editions if m.applied_rate is not None]),
    )


MEASURE_COLUMNS = (
    Column(gettext_lazy("Reach"), COUNT), Column(gettext_lazy("Completion rate"), SHARE),
    Column(gettext_lazy("Attendance rate"), SHARE), Column(gettext_lazy("CPD hours delivered"), HOURS),
    Column(gettext_lazy("Evaluations"), COUNT), Column(gettext_lazy("Mean rating (1-5)"), MEAN),
    Column(gettext_lazy("Would recommend"), SHARE), Column(gettext_lazy("Follow-ups"), COUNT),
    Column(gettext_lazy("Applied it at work"), SHARE),
)


def _measure_cells(c: Combined | EditionMeasure) -> list[object]:
    return [c.reach, c.completion_rate, c.attendance_rate, c.cpd_hours, c.evaluations, c.mean_rating,
            c.recommend_rate, c.follow_ups, c.applied_rate]


def _grouped(editions: Iterable[EditionMeasure], keys: Callable[[EditionMeasure], Iterable[Hashable]]
             ) -> dict[Any, list[EditionMeasure]]:
    groups: dict[Any, list[EditionMeasure]] = defaultdict(list)
    for m in editions:
        for key in keys(m):
            groups[key].append(m)
    return groups


def editions_table(measures: list[EditionMeasure]) -> Table:
    columns = (Column(gettext_lazy("Offering"), TEXT), Column(gettext_lazy("Format"), TEXT),
               Column(gettext_lazy("Programme year"), TEXT), *MEASURE_COLUMNS)
    rows = [[m.title, m.format_label, str(m.programme_year), *_measure_cells(m)] for m in measures[:MAX_EDITIONS]]
    note = _("The first %(n)d editions are listed; narrow the filters to see the others.") % {
        "n": MAX_EDITIONS} if len(measures) > MAX_EDITIONS else ""
    return Table("editions", gettext_lazy("By offering and edition"), columns, rows, note)


TRENDS = (("reach", gettext_lazy("Reach by programme year"), COUNT),
          ("completion_rate", gettext_lazy("Completion rate by programme year"), SHARE),
          ("attendance_rate", gettext_lazy("Attendance rate by programme year"), SHARE),
          ("cpd_hours", gettext_lazy("CPD hours delivered by programme year"), HOURS),
          ("mean_rating", gettext_lazy("Mean rating (1-5) by programme year"), MEAN),
          ("applied_rate", gettext_lazy("Applied it at work, by programme year"), SHARE))


def years_table(measures: list[EditionMeasure]) -> Table:
    """Every programme year in the table; the trend charts stop at this year, since a year still to come has
    registrations at most (no attendance, completion or answers yet) and would read as a collapse."""
    groups = _grouped(measures, lambda m: [m.programme_year])
    years = sorted(groups)
    combined = {year: combine(groups[year]) for year in years}
    rows = [[str(year), combined[year].editions, *_measure_cells(combined[year])] for year in years]
    this_year = timezone.localdate().year
    charted = [year for year in years if year <= this_year]
    trends: list[Chart] = [
        trend_chart(f"trend-{name.replace('_', '-')}", title, charted,
                    [None if getattr(combined[y], name) is None else float(getattr(combined[y], name))
                     for y in charted], kind)
        for name, title, kind in TRENDS] if charted else []
    note = _("The charts end at %(year)s, this year; the table also lists the programme years after it, whose "
             "figures are not in yet.") % {"year": this_year} if len(charted) < len(years) else ""
    return Table("years", gettext_lazy("Trends across editions (by programme year)"),
                 (Column(gettext_lazy("Programme year"), TEXT), Column(gettext_lazy("Editions")), *MEASURE_COLUMNS),
                 rows, note, charts=trends)


def topics_table(filters: OutcomeFilters) -> Table:
    columns = (Column(gettext_lazy("Topic"), TEXT), Column(gettext_lazy("Programme year"), TEXT),
               Column(gettext_lazy("Offerings")), Column(gettext_lazy("Reach")), Column(gettext_lazy("Places taken")),
               Column(gettext_lazy("Completion rate"), SHARE), Column(gettext_lazy("Attendance rate"), SHARE),
               Column(gettext_lazy("CPD hours delivered"), HOURS), Column(gettext_lazy("Evaluations")),
               Column(gettext_lazy("Mean rating (1-5)"), MEAN))
    rows: list[list[object]] = [
        [t.name, str(t.programme_year), t.offerings, t.reach, t.places, t.completion_rate, t.attendance_rate,
         t.cpd_hours, t.evaluations, t.mean_rating] for t in topic_measures(filters)]
    return Table("topics", gettext_lazy("By topic"), columns, rows,
                 gettext_lazy("An offering counts under each of its topics. Reach counts members: one who took two "
                              "of a topic's offerings in a year counts once; places taken count them once per "
                              "offering."))


def paths_table(filters: OutcomeFilters, measures: list[EditionMeasure]) -> Table:
    columns = (Column(gettext_lazy("Learning path"), TEXT), Column(gettext_lazy("Programme year"), TEXT),
               Column(gettext_lazy("Steps")), Column(gettext_lazy("Editions")), Column(gettext_lazy("Reach")),
               Column(gettext_lazy("Completed the path")), Column(gettext_lazy("CPD hours delivered"), HOURS),
               Column(gettext_lazy("Evaluations")), Column(gettext_lazy("Mean rating (1-5)"), MEAN),
               Column(gettext_lazy("Would recommend"), SHARE), Column(gettext_lazy("Applied it at work"), SHARE))
    rows: list[list[object]] = []
    for p in programme_years(filters, measures):
        c = combine(p.editions)
        rows.append([p.title, str(p.programme_year), p.steps, c.editions, p.reach, p.completions, c.cpd_hours,
                     c.evaluations, c.mean_rating, c.recommend_rate, c.applied_rate])
    return Table("paths", gettext_lazy("By learning path"), columns, rows,
                 gettext_lazy("Editions are the path's steps taken that year. Reach counts members who took any of "
                              "its steps, each once; completed the path counts those who finished every step, in "
                              "the year they finished. Hours and evaluations are its steps' together."))


def formats_table(measures: list[EditionMeasure]) -> Table:
    groups = _grouped(measures, lambda m: [m.format])
    rows = [[str(label), combine(groups[key]).editions, *_measure_cells(combine(groups[key]))]
            for key, label in FORMATS.items() if key in groups]
    return Table("formats", gettext_lazy("By format"),
                 (Column(gettext_lazy("Format"), TEXT), Column(gettext_lazy("Editions")), *MEASURE_COLUMNS), rows)


def partners_table(measures: list[EditionMeasure]) -> Table:
    groups = _grouped(measures, lambda m: m.partner_ids or [None])
    ids = [key for key in groups if key is not None]
    names = dict(with_reader_words(Partner.objects.filter(pk__in=ids), "name").values_list("pk", "shown_name")
                 ) if ids else {}
    ordered = sorted(ids, key=lambda pk: (str(names.get(pk, "")).casefold(), pk))
    rows = [[names.get(pk, ""), *_combined_cells(groups[pk])] for pk in ordered]
    if None in groups:
        rows.append([_("The association alone"), *_combined_cells(groups[None])])
    return Table("partners", gettext_lazy("By partner"),
                 (Column(gettext_lazy("Partner"), TEXT), Column(gettext_lazy("Editions")), *MEASURE_COLUMNS), rows,
                 gettext_lazy("An offering co-hosted by two partners counts under each."))


def _combined_cells(editions: list[EditionMeasure]) -> list[object]:
    c = combine(editions)
    return [c.editions, *_measure_cells(c)]


def breakdown_table(filters: OutcomeFilters, segment: str) -> Table:
    columns = (Column(BREAKDOWN_SEGMENTS[segment], TEXT), Column(gettext_lazy("Reach")),
               Column(gettext_lazy("Completions")), Column(gettext_lazy("Completion rate"), SHARE),
               Column(gettext_lazy("Confirmed seats")), Column(gettext_lazy("Attended")),
               Column(gettext_lazy("Attendance rate"), SHARE), Column(gettext_lazy("CPD hours delivered"), HOURS))
    rows: list[list[object]] = [
        [s.label, s.reach, s.completions, s.completion_rate, s.confirmed, s.attendances, s.attendance_rate,
         s.cpd_hours] for s in segment_breakdown(filters, segment)]
    return Table("breakdown", _("Breakdown: %(segment)s") % {"segment": BREAKDOWN_SEGMENTS[segment]}, columns,
                 rows, _("Self-described answers are shown in aggregate only: groups smaller than %(n)d are hidden, "
                         "with a second where subtraction would reveal one.") % {"n": SMALLEST_REPORTED_GROUP})


def dashboard_tables(cleaned: dict[str, Any]) -> list[Table]:
    """Every table the page shows (and can export), for the form's cleaned filters."""
    filters = outcome_filters(cleaned)
    measures = edition_measures(filters)
    return [years_table(measures), editions_table(measures), topics_table(filters), paths_table(filters, measures),
            formats_table(measures), partners_table(measures), breakdown_table(filters, cleaned["segment"])]


def hosted_tables(offering_ids: list[int]) -> list[Table]:
    """A partner host's tables: the editions of these offerings (theirs: the caller checked), aggregates only."""
    measures = edition_measures(OutcomeFilters(), offering_ids=offering_ids)
    return [editions_table(measures), years_table(measures)]


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def api_answer(cleaned: dict[str, Any]) -> dict[str, Any]:
    filters = outcome_filters(cleaned)
    measures = edition_measures(filters)
    editions = [{
        "offering_id": m.offering_id, "offering": m.title, "format": m.format, "programme_year": m.programme_year,
        "topic_ids": list(m.topic_ids), "partner_ids": list(m.partner_ids),
        "reach": m.reach, "completions": m.completions, "completion_rate": _share(m.completion_rate),
        "confirmed": m.confirmed, "attendances": m.attendances, "attendance_rate": _share(m.attendance_rate),
        "cpd_hours": format(m.cpd_hours, "f"), "evaluations": m.evaluations, "mean_rating": _share(m.mean_rating),
        "mean_relevance": _share(m.mean_relevance), "recommend_rate": _share(m.recommend_rate),
        "follow_ups": m.follow_ups, "applied_rate": _share(m.applied_rate), "suppressed": m.suppressed,
    } for m in measures[:MAX_EDITIONS]]
    breakdown = [{
        "value": s.value, "label": s.label, "reach": s.reach, "completions": s.completions,
        "completion_rate": _share(s.completion_rate), "confirmed": s.confirmed, "attendances": s.attendances,
        "attendance_rate": _share(s.attendance_rate),
        "cpd_hours": None if s.cpd_hours is None else format(s.cpd_hours, "f"),
    } for s in segment_breakdown(filters, cleaned["segment"])]
    paths = []
    for p in programme_years(filters, measures):
        c = combine(p.editions)
        paths.append({
            "path_id": p.path_id, "path": p.title, "programme_year": p.programme_year, "steps": p.steps,
            "editions": c.editions, "reach": p.reach, "completions": p.completions,
            "cpd_hours": format(c.cpd_hours, "f"), "evaluations": c.evaluations, "mean_rating": _share(c.mean_rating),
            "recommend_rate": _share(c.recommend_rate), "applied_rate": _share(c.applied_rate)})
    return {"segment": cleaned["segment"], "smallest_group": SMALLEST_REPORTED_GROUP, "editions": editions,
            "truncated": len(measures) > MAX_EDITIONS, "breakdown": breakdown, "paths": paths}
