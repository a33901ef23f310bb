"""When a member has finished a learning path: every step done. Recorded once as a `PathCompletion`, and only the
call that records it announces `path_completed`, so the programme certificate is asked for once."""

from __future__ import annotations

from lms.models import Member

from ..models import LearningPathPage, PathCompletion
from ..signals import announce, path_completed
from .listing import paths_holding
from .progress import progress_of


def note_progress(member: Member, offering_id: int) -> list[LearningPathPage]:
    """After the member finished `offering_id` (an original), record and announce every path it completed; returns
    the paths newly completed."""
    paths = paths_holding({offering_id})
    finished = []
    for pk, progress in progress_of(paths, member, linked=False).items():
        if not progress.complete:
            continue
        _row, created = PathCompletion.objects.get_or_create(member=member, path_id=pk)
        if created:
            finished.append(progress.path)
            announce(path_completed, LearningPathPage, member=member, path=progress.path)
    return finished
