"""The certificates panel on "My learning": the member's current certificates with their links.

`courses` never imports certificates; the panel reaches the dashboard through the MY_LEARNING_PANELS hook
(lms/extension_points.py), registered in certificates/wagtail_hooks.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from courses.translations import in_reader_language_each

from . import renewal, sharing
from .issuance import Status
from .models import Certificate
from .verification import public_status

PANEL_TEMPLATE = "certificates/_dashboard_certificates.html"


@dataclass(frozen=True)
class CertificateEntry:
    certificate: Certificate
    status: Status
    pdf_url: str  # "" while the PDF is not offered (a failed render, for staff to retry)
    share_url: str
    linkedin_url: str  # "" unless the certificate is valid: a revoked or expired one is not for a profile
    credential_url: str  # "" until the credential is signed (with the PDF)
    # Expiry, for the panel's badge and renew link (certificates/renewal.py): "soon" within 90 days of it,
    # "renewable" expired but within the grace period, else "".
    expiry: str = ""
    renew_title: str = ""  # the refresher offering, in the reader's language, when one renews it
    renew_url: str = ""
    spent_refresher_title: str = ""  # a refresher course the member already completed: it cannot renew them again
    renewed_by_cpd_cycle: bool = False
    renewable_until: datetime | None = None  # the last moment of the grace period


def current_certificates(member) -> list[Certificate]:
    """The member's certificates still in force as a record: not replaced by a newer version, not withdrawn (with
    their template and its refresher, for the renewal routes)."""
    return list(Certificate.objects.filter(member=member, superseded_at__isnull=True, withdrawn_at__isnull=True)
                .select_related("offering", "template__refresher").order_by("-issued_at", "-pk"))


def entry_for(certificate: Certificate) -> CertificateEntry:
    status = public_status(certificate)
    return CertificateEntry(
        certificate=certificate,
        status=status,
        pdf_url=reverse("certificates:pdf", args=[certificate.code]) if certificate.pdf_offered else "",
        share_url=sharing.share_url(certificate),
        linkedin_url=sharing.linkedin_add_to_profile_url(certificate) if status.is_valid else "",
        credential_url=reverse("api:credential", args=[certificate.code]) if certificate.credential else "",
    )


def with_renewal(entries: list[CertificateEntry], now: datetime, request: HttpRequest) -> list[CertificateEntry]:
    """Each entry with its expiry badge and renewal route; the refreshers' pages in the reader's language are
    found in one query for the whole list (none when nothing is expiring)."""
    due = {}
    for entry in entries:
        if renewal.expiring_soon(entry.certificate, now):
            due[entry.certificate.pk] = "soon"
        elif renewal.in_grace(entry.certificate, now):
            due[entry.certificate.pk] = "renewable"
    routes = {entry.certificate.pk: renewal.route_of(entry.certificate.template) for entry in entries
              if entry.certificate.pk in due}
    refreshers = [route.refresher for route in routes.values() if route.refresher is not None]
    localized = in_reader_language_each(refreshers) if refreshers else {}
    spent = renewal.spent_refreshers(request.user.pk, refreshers)
    changed = []
    for entry in entries:
        route = routes.get(entry.certificate.pk)
        if route is None:
            changed.append(entry)
            continue
        page = localized.get(route.refresher.translation_key, route.refresher) if route.refresher else None
        renews = page is not None and route.refresher is not None and route.refresher.pk not in spent
        changed.append(replace(
            entry, expiry=due[entry.certificate.pk], renewed_by_cpd_cycle=route.by_cpd_cycle,
            renew_title=page.title if renews and page is not None else "",
            renew_url=(page.get_url(request) or "") if renews and page is not None else "",
            spent_refresher_title=page.title if page is not None and not renews else "",
            renewable_until=renewal.renewable_until(entry.certificate),
        ))
    return changed


def certificates_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """A "My learning" panel (lms/extension_points.py): shown to every signed-in member, empty state included."""
    if not request.user.is_authenticated:
        return None
    entries = [entry_for(c) for c in current_certificates(request.user)]
    return PANEL_TEMPLATE, {"certificate_entries": with_renewal(entries, timezone.now(), request)}
