"""Certificates that expire, for the renewal and reminder tests: a template with a validity and renewal routes, an
offering using it, and a certificate issued through the rules whose dates are then set as the test needs (with
its fingerprint made again, so the record still reads as unchanged)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from certificates.issuance import add_months
from certificates.models import Certificate, CertificateTemplate, TemplateAssignment, fingerprint_of
from courses.models import Offering
from tests import factories

from .factories import CertificateTemplateFactory, default_template, issued_certificate

MONTHS = 36


def refresher_course(title: str = "Ethics refresher") -> Offering:
    return factories.build_offering(title=title, modules=1, lessons_per_module=1)


def expiring_template(refresher: Offering | None = None, by_cpd_cycle: bool = False) -> CertificateTemplate:
    return CertificateTemplateFactory(valid_for_months=MONTHS, refresher=refresher, renewed_by_cpd_cycle=by_cpd_cycle)


def set_dates(certificate: Certificate, expires_at: datetime) -> Certificate:
    """Issued `MONTHS` before `expires_at` (to the second, as issuing does), fingerprint made again."""
    certificate.expires_at = expires_at.replace(microsecond=0)
    certificate.issued_at = add_months(certificate.expires_at, -MONTHS)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=certificate.expires_at, issued_at=certificate.issued_at, fingerprint=fingerprint_of(certificate))
    certificate.refresh_from_db()
    return certificate


def expiring_certificate(member=None, *, expires_in: timedelta, template: CertificateTemplate | None = None,
                         title: str = "Research Integrity in Practice") -> Certificate:
    """A certificate of `template` (made with a validity if not given) that expires `expires_in` from now."""
    default_template()
    template = template or expiring_template()
    offering = factories.build_offering(title=title, modules=1, lessons_per_module=1)
    TemplateAssignment.objects.create(template=template, offering=offering)
    certificate = issued_certificate(member or factories.MemberFactory(), offering)
    return set_dates(certificate, timezone.now() + expires_in)
