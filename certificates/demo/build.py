"""Builds the demo certificates from their content (`content.py`): a designed template (logo, two signatories),
an ethics template that expires and a programme template for the learning paths (each worded in every language), the
named demo learners' certificates issued and rendered through the real rules (a member who took every step of the
demo path holds its programme certificate), one issued by hand and one revoked; the generated members' issued and
left for their first download to render."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

from courses.demo.build import take_offering
from courses.demo.content import demo_content as demo_catalog_content
from courses.events.attendance import check_in
from courses.events.registration import register
from courses.models import (
    Enrolment,
    EthicsModulePage,
    EventPage,
    LearningPathPage,
    Offering,
    PathCompletion,
    Session,
    WorkshopPage,
)
from lms.models import Member
from lms.original_rows import originals

from .. import issuance, programme
from ..models import (
    Certificate,
    CertificateTemplate,
    PathTemplateAssignment,
    Signatory,
    TemplateAssignment,
    TemplateWording,
)
from ..tasks import render_certificate
from .content import CertificatesContent, demo_content

FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SIGNATURE_INK = "#1B2A49"


@dataclass
class DemoCertificates:
    templates: list[str] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    revoked: Certificate | None = None
    left_pending: int = 0  # the generated members' certificates, rendered on their holder's first download


def demo_certificates_loaded() -> bool:
    return CertificateTemplate.objects.filter(name=demo_content().site_default.name).exists()


def _font(size: int):
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _png(picture: PillowImage.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def logo_png(accent: str) -> bytes:
    """A simple monogram: a ring with "VSMC" and three chevrons for flow."""
    width, height = 720, 240
    picture = PillowImage.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((10, 10, 230, 230), outline=accent, width=14)
    for step in range(3):
        x = 62 + step * 42
        draw.line([(x, 80), (x + 34, 120), (x, 160)], fill=accent, width=16, joint="curve")
    draw.text((262, 62), "VSMC", font=_font(118), fill=accent)
    return _png(picture)


def signature_png(seed: int, ink: str = SIGNATURE_INK) -> bytes:
    """A hand-like flourish: a few overlapping loops whose shape depends on `seed`."""
    width, height = 600, 180
    picture = PillowImage.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    points = []
    for i in range(420):
        t = i / 419
        x = 30 + t * (width - 60)
        y = height / 2 + 46 * math.sin(t * math.pi * (5 + seed)) * math.cos(t * math.pi * (1.3 + seed / 3)) \
            - 22 * math.sin(t * math.pi * 13) * (1 - t)
        points.append((x, y))
    draw.line(points, fill=ink, width=5, joint="curve")
    draw.line([(60, height - 38), (width - 80, height - 46)], fill=ink, width=3)
    return _png(picture)


def _image(title: str, filename: str, content: bytes) -> Image:
    return Image.objects.create(title=title, file=ContentFile(content, name=filename))


def create_templates(content: CertificatesContent) -> list[CertificateTemplate]:
    """The designed site default and an ethics template (valid three years) used by the ethics modules, with
    their signatories and their wording in each other language."""
    default = content.site_default
    logo = _image(content.logo.title, content.logo.file, logo_png(default.accent_colour))
    signatures = [_image(person.image_title, person.file, signature_png(person.seed))
                  for person in content.signatories]
    CertificateTemplate.objects.filter(is_site_default=True).update(is_site_default=False)
    templates = [
        CertificateTemplate.objects.create(
            name=spec.name, title=spec.title, accent_colour=spec.accent_colour, logo=logo, body=spec.body,
            valid_for_months=spec.valid_for_months, is_site_default=spec.site_default,
            refresher=originals(Offering.objects.filter(slug=spec.refresher)).first() if spec.refresher else None,
            renewed_by_cpd_cycle=spec.renewed_by_cpd_cycle,
        )
        for spec in content.templates
    ]
    for template in templates:
        for position, (person, signature) in enumerate(zip(content.signatories, signatures, strict=True)):
            Signatory.objects.create(template=template, name=person.name, role=person.role, signature=signature,
                                     sort_order=position)
    for template in templates:
        wordings = [wording for wording in content.wordings if wording.template == template.name]
        for position, wording in enumerate(wordings):
            TemplateWording.objects.create(template=template, language=wording.language, title=wording.title,
                                           body=wording.body, sort_order=position)
    for template, spec in zip(templates, content.templates, strict=True):
        if spec.for_ethics_modules:
            for position, offering in enumerate(originals(EthicsModulePage.objects.all()).order_by("title", "pk")):
                TemplateAssignment.objects.create(template=template, offering=offering, sort_order=position)
        if spec.for_learning_paths:
            for position, path in enumerate(originals(LearningPathPage.objects.all()).order_by("title", "pk")):
                PathTemplateAssignment.objects.create(template=template, path=path, sort_order=position)
    for template in templates:
        template.full_clean()
        for wording in template.wordings.all():
            wording.full_clean()
    return templates


def give_current_template(certificate: Certificate) -> Certificate:
    """The catalog loader's completions were issued before these templates existed (with the plain default):
    give them the template, expiry and language that issuing them now would have given (fingerprint to match)."""
    template = issuance.template_for_offering(certificate.offering_id)
    certificate.template = template
    if template is not None and template.valid_for_months and certificate.expires_at is None:
        certificate.expires_at = issuance.add_months(certificate.issued_at, template.valid_for_months)
    offering_language = certificate.offering.language if certificate.offering else certificate.language
    certificate.language = issuance.printed_language(template, certificate.member, offering_language)
    certificate.fingerprint = certificate.compute_fingerprint()
    certificate.save(update_fields=["template", "expires_at", "language", "fingerprint"])
    return certificate


def expiring_certificate(content: CertificatesContent, staff: Member) -> Certificate | None:
    """The member's certificate for the offering, issued by hand and dated so that it expires in the given number
    of days (issued one validity earlier; fingerprint to match): the renewal reminder and link have something to
    show."""
    spec = content.expiring
    member = Member.objects.filter(email=demo_catalog_content().email(spec.member)).first()
    offering = originals(Offering.objects.filter(slug=spec.offering)).first()
    if member is None or offering is None:
        return None
    certificate = issuance.issue_by_hand(member, offering, by=staff, note=spec.note).certificate
    if certificate is None or certificate.template is None or not certificate.template.valid_for_months:
        return certificate
    expires_at = (timezone.now() + timedelta(days=spec.expires_in_days)).replace(microsecond=0)
    certificate.expires_at = expires_at
    certificate.issued_at = issuance.add_months(expires_at, -certificate.template.valid_for_months)
    certificate.fingerprint = certificate.compute_fingerprint()
    certificate.save(update_fields=["expires_at", "issued_at", "fingerprint"])
    return certificate


def take_every_step(member: Member, path: LearningPathPage, staff: Member) -> list[Certificate]:
    """The member takes each step of the path through the learners' rules: a course or module finished (a module's
    attestation signed), an event's past session registered for and checked in by staff as it began. Returns the
    events' certificates, issued now rather than after commit (as the attendance would have them), so they are
    rendered with the other named ones."""
    attended = []
    for step in path.steps:
        offering = step.value["offering"].specific
        if isinstance(offering, EventPage):
            session = (Session.objects.filter(event=offering, starts_at__lt=timezone.now())
                       .order_by("-starts_at").first())
            if session is not None:
                registration = register(member, session, now=session.starts_at - timedelta(days=2)).registration
                check_in(registration, staff, now=session.starts_at)
                certificate = issuance.issue_for_attendance(registration.pk)
                if certificate is not None:
                    attended.append(certificate)
        else:
            take_offering(member, offering, sign=isinstance(offering, EthicsModulePage))
    return attended


def programme_certificate(content: CertificatesContent, staff: Member) -> list[Certificate]:
    """The demo path's programme certificate, held by the member who took every step of it, after the certificates
    of its events."""
    catalog = demo_catalog_content()
    member = Member.objects.filter(email=catalog.email(content.programme_graduate)).first()
    path = originals(LearningPathPage.objects.live()).order_by("title", "pk").first()
    if member is None or path is None:
        return []
    earned = take_every_step(member, path, staff)
    completion = PathCompletion.objects.filter(member=member, path=path).first()
    graduate = programme.issue_for_path_completion(completion.pk) if completion is not None else None
    return earned + ([graduate] if graduate is not None else [])


def load_demo_certificates() -> DemoCertificates:
    """Templates first, then the named demo people's completions' certificates (issued now if the signals did not
    already), re-rendered with the new templates; one by hand; the lapsed member's revoked. Then the generated
    members' (the year's and the outcomes editions' learners: hundreds), issued and left pending: each PDF is made
    on its holder's first download (certificates/first_download.py), so loading the demo spends no minutes on PDFs
    nobody opens."""
    content = demo_content()
    catalog = demo_catalog_content()
    summary = DemoCertificates()
    staff = Member.objects.get(email=catalog.email(content.staff))
    named = [catalog.email(account.local) for account in catalog.accounts]
    completed = Enrolment.objects.filter(
        completed_at__isnull=False, member__email__endswith=f"@{catalog.email_domain}"
    ).order_by("completed_at", "pk")
    with transaction.atomic():
        summary.templates = [template.name for template in create_templates(content)]
        graduate = programme_certificate(content, staff)  # before the loop below issues its courses' certificates
        for enrolment in completed.filter(member__email__in=named):
            certificate = issuance.issue_for_completion(enrolment.pk)
            if certificate is not None:
                summary.certificates.append(give_current_template(certificate))
        # The workshop as written (its aliases in other languages' trees share its title): certificates belong to it.
        workshop = originals(WorkshopPage.objects.live()).order_by("title", "pk").first()
        student = Member.objects.filter(email=catalog.email(content.issued_by_hand_to)).first()
        if workshop is not None and student is not None:
            outcome = issuance.issue_by_hand(student, Offering.objects.get(pk=workshop.pk), by=staff,
                                             note=content.by_hand_note)
            if outcome.certificate is not None:
                summary.certificates.append(outcome.certificate)
        summary.certificates += graduate
        expiring = expiring_certificate(content, staff)
        if expiring is not None:
            summary.certificates.append(expiring)
        lapsed = next((c for c in summary.certificates
                       if c.recipient_email == catalog.email(content.revoked_for)), None)
        if lapsed is not None:
            summary.revoked = issuance.revoke(lapsed, content.revoked_reason, by=staff, notify=False)
        # Rendered here, not after commit: a render queued at issue then finds its certificate made, so no batch
        # of pending ones of its design (tasks._claim_batch) takes the generated members' along.
        for certificate in summary.certificates:
            render_certificate.apply(args=(certificate.pk, True))
        for enrolment in completed.exclude(member__email__in=named):
            certificate = issuance.issue_for_completion(enrolment.pk, render=False)
            if certificate is not None:
                give_current_template(certificate)
                summary.left_pending += 1
    return summary
