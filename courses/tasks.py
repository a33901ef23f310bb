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
    """Beat job: owe the follow-up of each activity now 60 days old (courses/evaluations/invitations.py, bounded
    batches), then send every evaluation letter still owed; each goes once (unique request, the outbox's claim)."""
    from .evaluations.invitations import FOLLOW_UP, INVITATION, owe_follow_ups

    owed = owe_follow_ups()
    outbox.sweep([INVITATION, FOLLOW_UP])
    return owed
