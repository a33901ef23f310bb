"""Background work for the site's plumbing: the outbox's one sending task and its sweep, the onboarding
e-mail sequence's beat job, and sending learning records to the LRS."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import learning_records, onboarding_letters, outbox


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_letter(self, name: str, pk: int) -> bool:
    """Send one owed e-mail; a second run (retry, the sweep, duplicate delivery) sends nothing."""
    try:
        return outbox.send(name, pk)
    except OSError as exc:
        raise self.retry(exc=exc) from exc


@shared_task
def sweep_outbox() -> dict[str, int]:
    """Beat job: send what a lost task, a failed send or a killed worker left owed."""
    return outbox.sweep()


@shared_task
def send_onboarding_letters() -> int:
    """Beat job: owe the onboarding e-mails now due (lms/onboarding_letters.py decides which), then send every one
    still owed. Each row is unique per member and kind and the outbox claims it, so each goes once however often
    this runs."""
    owed = onboarding_letters.owe_due()
    outbox.sweep([onboarding_letters.LETTER])
    return owed


@shared_task
def send_learning_records() -> dict[str, int]:
    """Send one batch of owed xAPI statements (lms/learning_records.py); come back at once while batches are full,
    and when the earliest postponed statement falls due. Also the beat job that picks up what a lost task left."""
    outcome = learning_records.send_due()
    if outcome.full:
        send_learning_records.delay()
    elif outcome.next_due is not None:
        wait = max(1.0, (outcome.next_due - timezone.now()).total_seconds())
        send_learning_records.apply_async(countdown=wait)
    return {"sent": outcome.sent, "refused": outcome.refused, "postponed": outcome.postponed,
            "dropped": outcome.dropped}
