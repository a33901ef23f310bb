"""What certificates tell their holders by e-mail: "your certificate is ready" and "your certificate was revoked".

Each is owed by the certificate row itself and sent exactly once by the lms outbox (`certificates.letters`
registers them): the ready e-mail once the PDF it links to exists, the revocation notice when staff asked for
one. Rendering and revoking announce them; the outbox sweep sends the ones a lost task dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse

from lms import site_address
from lms.letter_writing import compose
from lms.models import Member
from lms.site_address import absolute_url

from . import sharing, signing
from .models import Certificate, CertificateEvent, RenderState

ISSUED = "certificates.issued"

SWEEP_AFTER = timedelta(minutes=10)
# Only recent renders are swept: certificates that existed before these e-mails did are not announced late.
SWEEP_LOOKBACK = timedelta(days=2)

# The holder should hear about the certificate: ready, standing, with a member.
OWED_ISSUED = Q(render_state=RenderState.READY, member__isnull=False, withdrawn_at__isnull=True,
                revoked_at__isnull=True, superseded_at__isnull=True)
# Staff asked to tell the holder, and there is still a holder to tell.
OWED_REVOKED = Q(revocation_notice_owed=True, withdrawn_at__isnull=True, member__isnull=False)


def issued_sweep_window(now: datetime) -> Q:
    """Renders old enough that their own task has had its chance, and recent enough to be news."""
    return Q(rendered_at__lt=now - SWEEP_AFTER, rendered_at__gte=now - SWEEP_LOOKBACK)


def revoked_sweep_window(now: datetime) -> Q:
    return Q(revoked_at__lt=now - SWEEP_AFTER)


def holder(certificate: Certificate) -> Member:
    """The member a certificate e-mail goes to (both letters are owed only by certificates that have one)."""
    if certificate.member is None:
        raise ValueError(f"Certificate {certificate.pk} has no member to tell")
    return certificate.member


def issued_email(certificate: Certificate) -> EmailMultiAlternatives:
    """Subject and body in the member's language, with the verification, PDF and LinkedIn links."""
    context = {
        "certificate": certificate,
        "share_url": sharing.share_url(certificate),
        "pdf_url": sharing.pdf_url(certificate),
        "linkedin_url": sharing.linkedin_add_to_profile_url(certificate),
        "dashboard_url": absolute_url(reverse("courses:dashboard")) + "#certificates",
    }
    return compose(holder(certificate), "certificates/email/issued", context)


def revoked_email(certificate: Certificate) -> EmailMultiAlternatives:
    """The revocation, in the member's language, with the verification page that now says so."""
    context = {"certificate": certificate, "site_url": site_address.base_url(),
               "verification_url": signing.verification_url(certificate.code)}
    return compose(holder(certificate), "certificates/email/revoked", context)


def record_notified(certificate: Certificate) -> None:
    """The certificate's history shows whom it was told to."""
    CertificateEvent.objects.create(certificate=certificate, kind=CertificateEvent.Kind.NOTIFIED,
                                    note=holder(certificate).email)
