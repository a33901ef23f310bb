"""Background work for learning; tasks take ids, reload fresh state and are safe to run twice."""

from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lms import site_address

from .events import registration_notices
from .models import Enrolment, RegistrationNotice


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_completion_email(self, enrolment_id: int) -> bool:
    """Congratulate the learner once; a second run (retry, duplicate delivery) sends nothing."""
    # Claim the notification with a conditional UPDATE: of two racing runs only one gets a row back.
    claimed = Enrolment.objects.filter(
        pk=enrolment_id, completed_at__isnull=False, completion_notified_at__isnull=True
    ).update(completion_notified_at=timezone.now())
    if not claimed:
        return False
    enrolment = Enrolment.objects.select_related("member", "offering").get(pk=enrolment_id)
    member = enrolment.member
    with translation.override(member.interface_language()):
        context = {"member": member, "enrolment": enrolment, "site_url": site_address.base_url()}
        subject = render_to_string("courses/email/completed_subject.txt", context).strip()
        body = render_to_string("courses/email/completed_body.txt", context)
    try:
        send_mail(subject, body, None, [member.email])
    except OSError as exc:
        Enrolment.objects.filter(pk=enrolment_id).update(completion_notified_at=None)
        raise self.retry(exc=exc) from exc
    return True


@shared_task
def send_missed_completion_emails() -> int:
    """Beat job: re-enqueue congratulations that never went (broker down when the course was completed)."""
    stale = timezone.now() - timedelta(minutes=10)
    pending = Enrolment.objects.filter(
        completed_at__lt=stale, completion_notified_at__isnull=True
    ).values_list("pk", flat=True)[:500]
    for enrolment_id in pending:
        send_completion_email.delay(enrolment_id)
    return len(pending)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_registration_notice(self, notice_id: int) -> bool:
    """Send one registration e-mail; a second run (retry, the sweep, duplicate delivery) sends nothing."""
    if not registration_notices.claim(notice_id):
        return False
    notice = RegistrationNotice.objects.select_related("registration__member", "registration__session").get(
        pk=notice_id
    )
    if registration_notices.is_moot(notice):
        return False  # stays claimed: the sweep must not pick it up again
    try:
        registration_notices.build_email(notice).send()
    except OSError as exc:
        registration_notices.release(notice_id)
        raise self.retry(exc=exc) from exc
    return True


@shared_task
def send_event_reminders() -> int:
    """Beat job: owe the reminders now due, then send every notice still owed (new ones and any a lost task
    dropped). Claims make each notice go once however often this runs."""
    created = registration_notices.create_due_reminders()
    for notice_id in registration_notices.unsent_notice_ids():
        send_registration_notice.delay(notice_id)
    return created
