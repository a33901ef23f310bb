"""CPD test helpers: the practitioner scheme, a scheme for credential holders and a credential earned on a given
day, members joined on a given day, real evidence files."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificates.cpd.models import CategoryRule, CpdScheme, ExternalActivity
from certificates.issuance import add_months
from certificates.models import Certificate, TemplateAssignment, fingerprint_of
from lms.models import MembershipTier
from tests import factories
from tests.certificates.factories import default_template, issued_certificate

# A real (tiny) PDF: a header, one empty page, a cross-reference table and a trailer.
PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def scheme(name: str = "VSMC Practitioner CPD", *, required: str = "60", months: int = 36,
           yearly: str | None = None, tiers=(MembershipTier.PROFESSIONAL,), ethics_min: str | None = "6",
           giving_back_max: str | None = "25") -> CpdScheme:
    made = CpdScheme.objects.create(name=name, required_hours=Decimal(required), cycle_months=months,
                                    yearly_minimum_hours=Decimal(yearly) if yearly else None, tiers=list(tiers))
    if ethics_min:
        CategoryRule.objects.create(scheme=made, category="ethics", minimum_hours=Decimal(ethics_min))
    if giving_back_max:
        CategoryRule.objects.create(scheme=made, category="giving_back", maximum_hours=Decimal(giving_back_max))
    return made


def holders_scheme(*templates, tiers=(), months: int = 12, anchor: str = CpdScheme.Anchor.CREDENTIAL,
                   name: str = "Certified practitioner recertification") -> CpdScheme:
    made = scheme(name, required="30", months=months, tiers=tiers, ethics_min="3", giving_back_max=None)
    made.anchor = anchor
    made.credentials = list(templates)
    made.full_clean()
    made.save()
    return made


def earn(member, template, days_ago: int = 0) -> Certificate:
    """A certificate of `template` issued to the member through the rules (a completed course using it), dated
    `days_ago` (expiry one validity later, fingerprint made again)."""
    default_template()
    offering = factories.build_offering(title=f"Practice course {template.pk}-{member.pk}", modules=1,
                                        lessons_per_module=1)
    TemplateAssignment.objects.create(template=template, offering=offering)
    certificate = issued_certificate(member, offering)
    certificate.issued_at = (timezone.now() - timedelta(days=days_ago)).replace(microsecond=0)
    certificate.expires_at = add_months(certificate.issued_at, template.valid_for_months)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=certificate.issued_at,
                                                         expires_at=certificate.expires_at,
                                                         fingerprint=fingerprint_of(certificate))
    certificate.refresh_from_db()
    return certificate


def member_joined(day: date, **kwargs):
    return factories.MemberFactory(date_joined=timezone.make_aware(datetime.combine(day, time(12))), **kwargs)


def pdf_upload(name: str = "certificate.pdf", content: bytes = PDF_BYTES, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def activity(member, *, hours: str = "5", category: str = "general", day: date | None = None,
             status: str = ExternalActivity.Status.SUBMITTED, title: str = "Flow Summit") -> ExternalActivity:
    decided = {} if status == ExternalActivity.Status.SUBMITTED else {"decided_at": timezone.now()}
    return ExternalActivity.objects.create(
        member=member, kind=ExternalActivity.Kind.CONFERENCE, title=title, provider="Flow Society",
        date=day or timezone.localdate(), hours=Decimal(hours), category=category, evidence=pdf_upload(),
        status=status, reason="Not CPD" if status == ExternalActivity.Status.REJECTED else "", **decided,
    )
