"""The "Learning paths" panel of My learning (a `my_learning_panels` hook): the paths a member has begun.

Members do not join a path: a path is a way through offerings, and progress follows from what the member takes,
so a path shows here as soon as any of its steps is started (in whichever language), with no extra step that
could disagree with their record. Six queries, whatever the number of paths.
"""

from __future__ import annotations

from django.http import HttpRequest

from lms.original_rows import originals
from lms.roles import signed_in

from ..models import LearningPathPage
from ..translations import in_reader_language_each
from .listing import MOST_PATHS
from .progress import progress_of

TEMPLATE = "courses/paths/_my_paths.html"


def my_paths_panel(request: HttpRequest) -> tuple[str, dict] | None:
    member = request.user
    if not signed_in(member):
        return None
    paths = list(originals(LearningPathPage.objects.live()).order_by("title")[:MOST_PATHS])
    begun = [progress for progress in progress_of(paths, member).values() if progress.started]
    if not begun:
        return None
    shown = in_reader_language_each([progress.path for progress in begun])
    return TEMPLATE, {"paths": [
        {"page": shown.get(progress.path.translation_key, progress.path), "progress": progress} for progress in begun
    ]}
