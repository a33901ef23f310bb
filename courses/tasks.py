"""Background work of courses at its top level: the recommendations digest's beat job (courses/digest.py decides).
The events part keeps its own tasks in courses/events/tasks.py."""

from celery import shared_task

from lms import outbox

from . import digest


@shared_task
def send_digests() -> int:
    """Beat job: owe each due member their digest for the period that ended, then send every digest still owed.
    The unique digest row and the outbox's claim make each go once, however often or concurrently this runs."""
    owed = digest.owe_due()
    outbox.sweep([digest.LETTER])
    return owed


@shared_task
def owe_evaluation_follow_ups() -> int:
    """Beat job (hourly): send the invitations whose day has passed, owe the follow-up of each activity now 60 days
    old, then send every follow-up still owed (courses/evaluations/invitations.py, bounded batches); each goes once
    (unique request, the outbox's claim). Returns how many follow-ups were owed."""
    from .evaluations.invitations import FOLLOW_UP, owe_follow_ups, send_invitations

    send_invitations()
    owed = owe_follow_ups()
    outbox.sweep([FOLLOW_UP])
    return owed
