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
