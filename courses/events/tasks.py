"""Background work for events: the beat job that owes reminders and sends every registration notice still owed.
Each e-mail goes through the lms outbox (`lms.tasks.send_letter`); `courses.letters` says what each one is."""

from celery import shared_task

from lms import outbox

from . import registration_notices


@shared_task
def send_event_reminders() -> int:
    """Beat job: owe the reminders now due, then send every registration notice still owed (new ones and any a
    lost task dropped). The outbox's claims make each notice go once however often this runs."""
    created = registration_notices.create_due_reminders()
    outbox.sweep([registration_notices.LETTER])
    return created
