"""The certificates panel on "My learning": the member's current certificates with their links.

`courses` never imports certificates; the panel reaches the dashboard through the MY_LEARNING_PANELS hook
(lms/extension_points.py), registered in certificates/wagtail_hooks.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from . import sharing
from .issuance import Status
from .models import Certificate
from .verification import pdf_ready, public_status

PANEL_TEMPLATE = "certificates/_dashboard_certificates.html"


@dataclass(frozen=True)
class CertificateEntry:
    certificate: Certificate
    status: Status
    pdf_url: str  # "" until the PDF is ready
    share_url: str
    linkedin_url: str  # "" unless the certificate is valid: a revoked or expired one is not for a profile
    credential_url: str  # "" until the credential is signed (with the PDF)


def current_certificates(member) -> list[Certificate]:
    """The member's certificates still in force as a record: not replaced by a newer version, not withdrawn."""
    return list(Certificate.objects.filter(member=member, superseded_at__isnull=True, withdrawn_at__isnull=True)
                .order_by("-issued_at", "-pk"))


def entry_for(certificate: Certificate) -> CertificateEntry:
    status = public_status(certificate)
    return CertificateEntry(
        certificate=certificate,
        status=status,
        pdf_url=reverse("certificates:pdf", args=[certificate.code]) if pdf_ready(certificate) else "",
        share_url=sharing.share_url(certificate),
        linkedin_url=sharing.linkedin_add_to_profile_url(certificate) if status.is_valid else "",
        credential_url=reverse("api:credential", args=[certificate.code]) if certificate.credential else "",
    )


def certificates_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """A "My learning" panel (lms/extension_points.py): shown to every signed-in member, empty state included."""
    if not request.user.is_authenticated:
        return None
    return PANEL_TEMPLATE, {"certificate_entries": [entry_for(c) for c in current_certificates(request.user)]}
