"""The "your certificate is ready" e-mail: sent once per certificate when its PDF exists, in the member's language,
with the verification, PDF and LinkedIn links; a failed send is retried, a stale run sends nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from certificates import issuance, sharing
from certificates.models import Certificate, CertificateEvent
from certificates.notices import ISSUED
from lms.tasks import send_letter, sweep_outbox
from tests import factories

from .factories import default_template, issued_certificate
from .public_support import fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address"]


class UnreachableSmtpBackend(BaseEmailBackend):
    """The mail server is down: every send fails as a refused connection does."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_the_member_gets_one_email_with_every_link(mailoutbox, learner):
    certificate = ready_certificate(learner, title="Mapping Value Streams")

    assert send_letter.delay(ISSUED, certificate.pk).get() is True

    [message] = mailoutbox
    assert message.to == [learner.email]
    assert message.subject == "Your certificate for Mapping Value Streams"
    assert sharing.share_url(certificate) in message.body
    assert sharing.pdf_url(certificate) in message.body
    assert sharing.linkedin_add_to_profile_url(certificate) in message.body
    assert certificate.code in message.body
    assert CertificateEvent.objects.filter(certificate=certificate, kind=CertificateEvent.Kind.NOTIFIED).count() == 1


def test_a_second_run_sends_nothing(mailoutbox, learner):
    certificate = ready_certificate(learner)

    assert send_letter.delay(ISSUED, certificate.pk).get() is True
    assert send_letter.delay(ISSUED, certificate.pk).get() is False

    assert len(mailoutbox) == 1


def test_nothing_goes_before_the_pdf_is_ready_and_the_claim_waits_for_it(mailoutbox, learner):
    from certificates import tasks

    default_template()
    certificate = issued_certificate(learner)

    assert send_letter.delay(ISSUED, certificate.pk).get() is False
    assert Certificate.objects.get(pk=certificate.pk).issued_notified_at is None

    assert tasks.render_certificate.delay(certificate.pk).get() == "ready"
    assert send_letter.delay(ISSUED, certificate.pk).get() is True
    assert len(mailoutbox) == 1


def test_a_revoked_or_withdrawn_certificate_is_not_announced(mailoutbox, staff):
    revoked = ready_certificate()
    issuance.revoke(revoked, "Issued in error", by=staff, notify=False)
    withdrawn = ready_certificate()
    issuance.withdraw(withdrawn, by=staff)

    assert send_letter.delay(ISSUED, revoked.pk).get() is False
    assert send_letter.delay(ISSUED, withdrawn.pk).get() is False
    assert mailoutbox == []


def test_the_email_is_in_the_members_language(mailoutbox, settings):
    settings.INTERFACE_LANGUAGES = ["en", "es"]  # once the site's words are in Spanish, its dates are too
    member = factories.MemberFactory(preferred_languages=["es"])
    certificate = ready_certificate(member)
    month_in_spanish = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                        "octubre", "noviembre", "diciembre"][certificate.issued_at.month - 1]

    send_letter.delay(ISSUED, certificate.pk).get()

    assert f"{certificate.issued_at.day} de {month_in_spanish} de {certificate.issued_at.year}" in mailoutbox[0].body


def test_a_language_the_site_is_not_written_in_gets_english_dates_not_an_english_text_with_german_dates(
        mailoutbox):
    member = factories.MemberFactory(preferred_languages=["de"])  # German: certificates only, not the site's words
    certificate = ready_certificate(member)

    send_letter.delay(ISSUED, certificate.pk).get()

    assert "Dezember" not in mailoutbox[0].body and ". 20" not in mailoutbox[0].body
    assert f"Issued on: {certificate.issued_at.day} " in mailoutbox[0].body


def test_a_failed_send_releases_the_claim_for_the_retry(mailoutbox, learner, settings):
    certificate = ready_certificate(learner)
    settings.EMAIL_BACKEND = f"{__name__}.UnreachableSmtpBackend"

    with pytest.raises(ConnectionRefusedError):
        send_letter(ISSUED, certificate.pk)  # called directly, a retry re-raises the error

    assert Certificate.objects.get(pk=certificate.pk).issued_notified_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_letter.delay(ISSUED, certificate.pk).get() is True
    assert len(mailoutbox) == 1


def test_the_sweep_sends_what_a_lost_task_left_but_not_old_certificates(mailoutbox):
    recent = ready_certificate()
    old = ready_certificate()
    just_now = ready_certificate()
    now = timezone.now()
    Certificate.objects.filter(pk=recent.pk).update(rendered_at=now - timedelta(hours=1))
    Certificate.objects.filter(pk=old.pk).update(rendered_at=now - timedelta(days=30))

    assert sweep_outbox.delay().get()[ISSUED] == 1

    assert [m.to for m in mailoutbox] == [[recent.recipient_email]]
    assert Certificate.objects.get(pk=just_now.pk).issued_notified_at is None  # its own task is still due
