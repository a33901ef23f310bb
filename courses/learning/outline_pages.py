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

from cms.site_structure import STRUCTURE
from lms import generations

from ..models import LessonPage, ModulePage, Offering
from .outline import cache_seconds

# What the outline, the lesson and module pages read of each module and lesson: titles, where each lies and enough
# to link to it (a page's address is its url_path).
OUTLINE_PAGE_FIELDS = ("path", "depth", "title", "url_path", "translation_key", "locale_id", "live", "content_type_id")
LESSON_FIELDS = (*OUTLINE_PAGE_FIELDS, "has_quiz", "is_required", "estimated_minutes")


def _read(offering: Offering) -> tuple[list[ModulePage], list[LessonPage]]:
    modules = list(ModulePage.objects.child_of(offering).live().order_by("path").only(*OUTLINE_PAGE_FIELDS))
    lessons = list(LessonPage.objects.descendant_of(offering).live().order_by("path").only(*LESSON_FIELDS))
    return modules, lessons


def outline_pages(offering: Offering) -> tuple[list[ModulePage], list[LessonPage]]:
    """The offering's live modules (its children) and live lessons (anywhere below it), each in tree order.

    The outline's own setting (`outline.cache_seconds`) keeps them as long, or not at all at 0, as the tests'
    uncached rendering asks.
    """
    seconds = cache_seconds()
    if seconds <= 0:
        return _read(offering)
    key = f"courses:outline-pages:{offering.pk}:{generations.current(STRUCTURE)[STRUCTURE]}"
    found = cache.get(key)
    if found is None:
        found = _read(offering)
        cache.set(key, found, seconds)
    return found
