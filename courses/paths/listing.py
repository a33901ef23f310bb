"""The learning paths the catalog index lists, above the offerings when no filter narrows them: each with its
number of steps and total CPD hours, read from its original. Three queries, whatever the number of paths. Also
which paths hold an offering (completion, and search refreshing a path's document)."""

from __future__ import annotations

from collections.abc import Collection

from lms.original_rows import originals

from ..models import LearningPathPage
from .progress import progress_of, steps_of

MOST_LISTED = 50
MOST_PATHS = 500  # the live paths read to find those holding an offering; a programme catalogue is far smaller


def catalog_paths(index_page, selected: dict[str, str], page_number: int) -> list[dict]:
    """The index's paths in the reader's locale; none on a filtered or later page of results (paths have no format,
    topic or level of their own to be filtered by)."""
    if any(selected.values()) or page_number != 1:
        return []
    shown = list(LearningPathPage.objects.child_of(index_page).live().select_related("image")
                 .prefetch_related("image__renditions").order_by("title")[:MOST_LISTED])
    return with_progress(shown)


def with_progress(shown: list[LearningPathPage]) -> list[dict]:
    """Each path page (any locale's) with its original's steps, as a visitor sees them (no member's records): the
    catalog's and the search page's path cards. Two queries, whatever the number of paths."""
    if not shown:
        return []
    found = {path.translation_key: path for path in
             originals(LearningPathPage.objects.filter(translation_key__in=[page.translation_key for page in shown]))}
    progress = progress_of(list(found.values()), None, linked=False)
    return [{"page": page, "progress": progress[found[page.translation_key].pk]}
            for page in shown if page.translation_key in found]


def paths_holding(offering_ids: Collection[int]) -> list[LearningPathPage]:
    """The live original paths with any of these (original) offerings among their steps. One query."""
    if not offering_ids:
        return []
    return [path for path in originals(LearningPathPage.objects.live()).order_by("pk")[:MOST_PATHS]
            if any(step.offering_id in offering_ids for step in steps_of(path))]
