"""Background work for learning; tasks take ids, reload fresh state and are safe to run twice.

E-mails go through the lms outbox (`lms.tasks.send_letter`); `courses.letters` says what each one is.
"""

from celery import shared_task

from lms import outbox

from .events import registration_notices


@shared_task
def send_event_reminders() -> int:
    """Beat job: owe the reminders now due, then send every registration notice still owed (new ones and any a
    lost task dropped). The outbox's claims make each notice go once however often this runs."""
    created = registration_notices.create_due_reminders()
    outbox.sweep([registration_notices.LETTER])
    return created
