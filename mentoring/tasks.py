"""Background work for mentoring; tasks take ids, reload fresh state and are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import notices
from .models import MentoringNotice


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_mentoring_notice(self, notice_id: int) -> bool:
    """Send one mentoring e-mail; a second run (retry, the sweep, duplicate delivery) sends nothing."""
    if not notices.claim(notice_id):
        return False
    notice = (MentoringNotice.objects.select_related("member", "request__mentee", "request__mentor",
                                                     "proposal__mentee", "proposal__mentor", "proposal__round",
                                                     "mentorship__mentee", "mentorship__mentor", "mentorship__round")
              .get(pk=notice_id))
    if notices.is_moot(notice):
        return False  # stays claimed: the sweep must not pick it up again
    try:
        notices.build_email(notice).send()
    except OSError as exc:
        notices.release(notice_id)
        raise self.retry(exc=exc) from exc
    return True


@shared_task
def send_due_mentoring_notices() -> int:
    """Beat job: owe the first-meeting reminders now due, then send every notice still owed (new reminders and
    any a lost task dropped). Claims make each go once however often this runs."""
    created = notices.create_due_reminders()
    for notice_id in notices.unsent_notice_ids():
        send_mentoring_notice.delay(notice_id)
    return created
