"""The published modules and lessons an offering's outline is made of, read once per change to the page tree.

Why: every course, module and lesson page shows the outline, and reading a 10 x 10 course's modules and hundred
lessons as pages (two queries, then a Wagtail page object built for each row) cost a third of a course-page request
(bench/README.md, "The course page and My learning"). They change only when a page is written, so they are kept in
the Django cache under the site structure's generation (`cms.site_structure.STRUCTURE`), which every page save,
delete and move renews: an entry is never read after such a change, and simply expires.

What is cached is the same as what was read before: the pages with the fields in `OUTLINE_PAGE_FIELDS` (and the
lessons' flags), in tree order. Anything else a caller reads of them is loaded as before, on access.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q

from cms.site_structure import STRUCTURE
from lms import generations

from ..models import LessonPage, ModulePage, Offering
from .outline import cache_seconds

# What the outline, the lesson and module pages read of each module and lesson: titles, where each lies and enough
# to link to it (a page's address is its url_path).
OUTLINE_PAGE_FIELDS = ("path", "depth", "title", "url_path", "translation_key", "locale_id", "live", "content_type_id")
LESSON_FIELDS = (*OUTLINE_PAGE_FIELDS, "has_quiz", "is_required", "estimated_minutes")


Pages = tuple[list[ModulePage], list[LessonPage]]


def under_any(offerings: list[Offering]) -> Q:
    """Pages anywhere below any of these offerings (one condition, however many offerings)."""
    within = Q()
    for offering in offerings:
        within |= Q(path__startswith=offering.path)
    return within


def _read(offerings: list[Offering]) -> dict[int, Pages]:
    """Every offering's live modules and lessons, in two queries however many offerings."""
    within = under_any(offerings)
    modules = ModulePage.objects.live().filter(within).order_by("path").only(*OUTLINE_PAGE_FIELDS)
    lessons = LessonPage.objects.live().filter(within).order_by("path").only(*LESSON_FIELDS)
    found: dict[int, Pages] = {offering.pk: ([], []) for offering in offerings}
    by_path = {offering.path: offering for offering in offerings}
    step = Offering.steplen
    for module in modules:
        parent = by_path.get(module.path[:-step])
        if parent is not None:  # a child of the offering (a module deeper down is not in its outline)
            found[parent.pk][0].append(module)
    for lesson in lessons:
        for depth in range(len(lesson.path) - step, 0, -step):
            owner = by_path.get(lesson.path[:depth])
            if owner is not None:
                found[owner.pk][1].append(lesson)
                break
    return found


def _key(offering: Offering, generation: str) -> str:
    return f"courses:outline-pages:{offering.pk}:{generation}"


def outline_pages_of(offerings: list[Offering]) -> dict[int, Pages]:
    """Each offering's live modules (its children) and live lessons (anywhere below it), each in tree order, by
    offering id: one cache round trip, and the two queries of `_read` for the offerings not in the cache.

    The outline's own setting (`outline.cache_seconds`) keeps them as long, or not at all at 0, as the tests'
    uncached rendering asks.
    """
    if not offerings:
        return {}
    seconds = cache_seconds()
    if seconds <= 0:
        return _read(offerings)
    generation = generations.current(STRUCTURE)[STRUCTURE]
    keys = {offering.pk: _key(offering, generation) for offering in offerings}
    cached = cache.get_many(list(keys.values()))
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [offering for offering in offerings if offering.pk not in found]
    if missing:
        read = _read(missing)
        cache.set_many({keys[pk]: pages for pk, pages in read.items()}, seconds)
        found.update(read)
    return found


def outline_pages(offering: Offering) -> Pages:
    """One offering's live modules and lessons (`outline_pages_of`)."""
    return outline_pages_of([offering])[offering.pk]
