"""Telling a member their certificate is ready: one e-mail per certificate, sent once its PDF exists.

The render task enqueues `send_certificate_issued_email` when a render publishes a PDF; a beat job re-enqueues
the ones a lost task never sent. The claim is a conditional UPDATE of `Certificate.issued_notified_at`, so of two
racing runs only one sends, and a failed send releases the claim for the retry.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lms.site_address import absolute_url

from . import sharing
from .models import Certificate, CertificateEvent, RenderState

SWEEP_AFTER = timedelta(minutes=10)
# Only recent renders are swept: certificates that existed before these e-mails did are not announced late.
SWEEP_LOOKBACK = timedelta(days=2)
SWEEP_BATCH = 500


def owed_issued_notice():
    """Certificates whose holder should hear about them and has not: ready, standing, with a member."""
    return Certificate.objects.filter(
        issued_notified_at__isnull=True, render_state=RenderState.READY, member__isnull=False,
        withdrawn_at__isnull=True, revoked_at__isnull=True, superseded_at__isnull=True,
    )


def issued_email(certificate: Certificate) -> tuple[str, str]:
    """Subject and body in the member's language, with the verification, PDF and LinkedIn links."""
    member = certificate.member
    with translation.override(member.interface_language()):
        context = {
            "member": member,
            "certificate": certificate,
            "share_url": sharing.share_url(certificate),
            "pdf_url": sharing.pdf_url(certificate),
            "linkedin_url": sharing.linkedin_add_to_profile_url(certificate),
            "dashboard_url": absolute_url(reverse("courses:dashboard")) + "#certificates",
        }
        subject = render_to_string("certificates/email/issued_subject.txt", context).strip()
        body = render_to_string("certificates/email/issued_body.txt", context)
    return " ".join(subject.split()), body


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_certificate_issued_email(self, certificate_id: int) -> bool:
    """Tell the member once; False when there is nothing to send (not ready yet, already told, revoked...)."""
    claimed = owed_issued_notice().filter(pk=certificate_id).update(issued_notified_at=timezone.now())
    if not claimed:
        return False
    certificate = Certificate.objects.select_related("member").get(pk=certificate_id)
    subject, body = issued_email(certificate)
    try:
        send_mail(subject, body, None, [certificate.member.email])
    except OSError as exc:
        Certificate.objects.filter(pk=certificate_id).update(issued_notified_at=None)
        raise self.retry(exc=exc) from exc
    CertificateEvent.objects.create(certificate=certificate, kind=CertificateEvent.Kind.NOTIFIED,
                                    note=certificate.member.email)
    return True


@shared_task
def send_missed_issued_emails() -> int:
    """Beat job: re-enqueue the e-mails a lost task never sent (broker down when the render finished)."""
    now = timezone.now()
    owed = list(owed_issued_notice().filter(rendered_at__lt=now - SWEEP_AFTER,
                                            rendered_at__gte=now - SWEEP_LOOKBACK)
                .values_list("pk", flat=True)[:SWEEP_BATCH])
    for certificate_id in owed:
        send_certificate_issued_email.delay(certificate_id)
    return len(owed)
