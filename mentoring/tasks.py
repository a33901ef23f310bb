"""Background work for mentoring; tasks take ids, reload fresh state and are safe to run twice.

E-mails go through the lms outbox (`lms.tasks.send_letter`); `mentoring.letters` says what each one is.
"""

from __future__ import annotations

from celery import shared_task

from lms import outbox

from . import notices


@shared_task
def send_due_mentoring_notices() -> int:
    """Beat job: owe the first-meeting reminders now due, then send every notice still owed (new reminders and
    any a lost task dropped). The outbox's claims make each go once however often this runs."""
    created = notices.create_due_reminders()
    outbox.sweep([notices.LETTER])
    return created
