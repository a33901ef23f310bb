"""The learning paths the catalog index lists, above the offerings when no filter narrows them: each with its
number of steps and total CPD hours, read from its original. Three queries, whatever the number of paths."""

from __future__ import annotations

from lms.original_rows import originals

from ..models import LearningPathPage
from .progress import progress_of

MOST_LISTED = 50


def catalog_paths(index_page, selected: dict[str, str], page_number: int) -> list[dict]:
    """The index's paths in the reader's locale; none on a filtered or later page of results (paths have no format,
    topic or level of their own to be filtered by)."""
    if any(selected.values()) or page_number != 1:
        return []
    shown = list(LearningPathPage.objects.child_of(index_page).live().select_related("image")
                 .prefetch_related("image__renditions").order_by("title")[:MOST_LISTED])
    if not shown:
        return []
    found = {path.translation_key: path for path in
             originals(LearningPathPage.objects.filter(translation_key__in=[page.translation_key for page in shown]))}
    progress = progress_of(list(found.values()), None, linked=False)
    return [{"page": page, "progress": progress[found[page.translation_key].pk]}
            for page in shown if page.translation_key in found]
