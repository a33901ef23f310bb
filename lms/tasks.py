"""Background work for the site's plumbing: the outbox's one sending task and its sweep, and the onboarding
e-mail sequence's beat job."""

from __future__ import annotations

from celery import shared_task

from . import onboarding_letters, outbox


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
