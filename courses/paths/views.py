"""What a path page shows: its steps, with the viewer's progress when a member reads it (the page is served by
Wagtail; `LearningPathPage.get_context` asks here)."""

from __future__ import annotations

from django.http import HttpRequest

from lms.extension_points import path_page_panels
from lms.original_rows import original_of
from lms.roles import signed_in

from ..models import LearningPathPage
from .progress import progress_of


def path_context(page: LearningPathPage, request: HttpRequest) -> dict:
    """The original's steps (a translation's own are not read) with the viewer's states; a visitor sees the steps."""
    original = original_of(page)
    return {
        "progress": progress_of([original], request.user)[original.pk],
        "shows_progress": signed_in(request.user),
        "ordered": original.ordered,
        "panels": path_page_panels(request, original),  # other packages' (certificates: the programme certificate)
    }
