"""What the outcome reports read about a learning path (a programme): per path and programme year, the editions of
its steps that the filters keep, the members it reached (distinct: one who took three of its steps counts once,
counted in the database), and how many finished the whole path (`PathCompletion`, dated when the last step was done,
so a completion belongs to the year it happened in). Figures that add up over its steps (CPD hours, evaluations) are
the callers' to combine from the editions, as for any other group.

A path's steps are read from its original page (courses/paths/progress.steps_of) and point at original offerings,
where members' records are. The cost is a fixed number of queries whatever the number of paths, steps or members:
the paths with their steps, the offerings the filters keep, one UNION ALL for the reach and one for the completions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Value
from django.db.models.functions import ExtractYear

from lms.original_rows import originals, with_reader_words

from ..models import LearningPathPage, PathCompletion
from ..paths.progress import steps_of
from .measures import EditionMeasure, OutcomeFilters, distinct_members, kept_offerings, taking_part

MOST_PATHS = 50  # paths one report reads (a programme catalogue is far smaller); the chosen one when narrowed


@dataclass(frozen=True)
class ProgrammeYear:
    path_id: int
    title: str  # in the reader's language, else the original's
    programme_year: int
    steps: int  # the path's steps
    editions: list[EditionMeasure]  # its steps' editions that year, as the filters keep them
    reach: int  # distinct members who took any of those steps that year
    completions: int  # members who finished the whole path that year


def programme_years(filters: OutcomeFilters, measures: list[EditionMeasure]) -> list[ProgrammeYear]:
    """A row per path and programme year with any step taken or the path finished, for the paths with a step among
    the offerings the filters keep (the chosen path only, when one is chosen); `measures` are
    `edition_measures(filters)`. Ordered by title then year."""
    paths = originals(LearningPathPage.objects.all())
    if filters.path_id:
        paths = paths.filter(pk=filters.path_id)
    kept = kept_offerings(filters)
    steps: dict[int, list[int]] = {}
    titles: dict[int, str] = {}
    for path in with_reader_words(paths, "title").only("pk", "title", "steps").order_by("title", "pk")[:MOST_PATHS]:
        offering_ids = [step.offering_id for step in steps_of(path)]
        if kept & set(offering_ids):
            steps[path.pk], titles[path.pk] = offering_ids, path.shown_title
    if not steps:
        return []
    by_offering: dict[int, list[EditionMeasure]] = defaultdict(list)
    for m in measures:
        by_offering[m.offering_id].append(m)
    reach = distinct_members([taking_part(filters, kept & set(ids), Value(pk)) for pk, ids in steps.items()], filters)
    finished = _completions(filters, list(steps))
    found = []
    for pk, offering_ids in steps.items():
        editions: dict[int, list[EditionMeasure]] = defaultdict(list)
        for offering_id in dict.fromkeys(offering_ids):
            for m in by_offering.get(offering_id, ()):
                editions[m.programme_year].append(m)
        for year in sorted(set(editions) | {y for path_id, y in finished if path_id == pk}):
            found.append(ProgrammeYear(pk, titles[pk], year, len(offering_ids), editions.get(year, []),
                                       reach.get((pk, year), 0), finished.get((pk, year), 0)))
    return sorted(found, key=lambda row: (row.title.casefold(), row.path_id, row.programme_year))


def _completions(filters: OutcomeFilters, path_ids: list[int]) -> dict[tuple[int, int], int]:
    """Members who finished each path, by the year they finished (the members the filters count)."""
    rows = (PathCompletion.objects.filter(filters.member_q(), path_id__in=path_ids, member__is_active=True)
            .annotate(year=ExtractYear("completed_at")).values("path_id", "year")
            .annotate(members=Count("member", distinct=True)).order_by())
    return {(row["path_id"], row["year"]): row["members"] for row in rows if filters.in_years(row["year"])}
