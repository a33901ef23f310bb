"""Demo certificates for `make run`: a designed template (logo, two signatories), an ethics template that
expires (both worded in English, Spanish, French and Portuguese), the demo learners' certificates issued and
rendered through the real rules, one issued by hand and one revoked. Loaded by `manage.py load_demo_certificates`
after the demo catalog."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

from courses.demo import catalog as demo_catalog
from courses.models import Enrolment, EthicsModulePage, Offering, WorkshopPage
from lms.models import Member

from . import issuance
from .models import Certificate, CertificateTemplate, Signatory, TemplateAssignment, TemplateWording
from .tasks import render_certificate

TEMPLATE_NAME = "VSMC certificate"
ETHICS_TEMPLATE_NAME = "VSMC ethics / RCR certificate"
ACCENT = "#1F4E79"
ETHICS_ACCENT = "#5B2C6F"
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
REVOKED_REASON = ("Issued in error: the course was completed from a shared account, not by the member "
                  "(demo data).")
BY_HAND_NOTE = "Attendance taken on paper at the venue; the check-in tablet was offline (demo data)."

# The default template's words in the other languages members read: (language, title, body).
DEFAULT_WORDINGS = (
    ("es", "Certificado de finalización",
     "ha completado con éxito {{ achievement }}, una actividad del programa de desarrollo profesional de "
     "{{ issuer_name }}."),
    ("fr", "Certificat de réussite",
     "a suivi avec succès {{ achievement }}, une formation du programme de développement professionnel de "
     "{{ issuer_name }}."),
    ("pt", "Certificado de conclusão",
     "concluiu com êxito {{ achievement }}, uma formação do programa de desenvolvimento profissional de "
     "{{ issuer_name }}."),
)
ETHICS_WORDINGS = (
    ("es", "Certificado en Ética e Integridad de la Investigación",
     "ha completado {{ achievement }} y ha firmado su declaración de conducta responsable en la investigación. "
     "Para renovarlo, realice la edición vigente antes del {{ expiry_date }}."),
    ("fr", "Certificat en éthique et intégrité de la recherche",
     "a suivi {{ achievement }} et signé son attestation de conduite responsable de la recherche. Pour le "
     "renouveler, suivez l’édition en vigueur avant le {{ expiry_date }}."),
    ("pt", "Certificado em Ética e Integridade na Investigação",
     "concluiu {{ achievement }} e assinou a respetiva declaração de conduta responsável na investigação. Para o "
     "renovar, frequente a edição em vigor antes de {{ expiry_date }}."),
)


@dataclass
class DemoCertificates:
    templates: list[str] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    revoked: Certificate | None = None


def demo_certificates_loaded() -> bool:
    return CertificateTemplate.objects.filter(name=TEMPLATE_NAME).exists()


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


def logo_png(accent: str = ACCENT) -> bytes:
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


def signature_png(seed: int, ink: str = "#1B2A49") -> bytes:
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


def create_templates() -> tuple[CertificateTemplate, CertificateTemplate]:
    """The designed site default and an ethics template (valid three years) used by the ethics modules."""
    logo = _image("VSMC logo", "vsmc-logo.png", logo_png())
    chair = _image("Signature of Dr Helena Vogt", "signature-vogt.png", signature_png(1))
    director = _image("Signature of Samuel Adeyemi", "signature-adeyemi.png", signature_png(3))
    CertificateTemplate.objects.filter(is_site_default=True).update(is_site_default=False)
    default = CertificateTemplate.objects.create(
        name=TEMPLATE_NAME, title="Certificate of completion", accent_colour=ACCENT, logo=logo,
        body="has successfully completed {{ achievement }}, an offering of the {{ issuer_name }} professional "
             "development programme.",
        is_site_default=True,
    )
    ethics = CertificateTemplate.objects.create(
        name=ETHICS_TEMPLATE_NAME, title="Certificate in Research Ethics and Integrity", accent_colour=ETHICS_ACCENT,
        logo=logo, valid_for_months=36,
        body="has completed {{ achievement }} and signed its attestation of responsible conduct of research. "
             "Renew it by taking the current edition before {{ expiry_date }}.",
    )
    for template in (default, ethics):
        Signatory.objects.create(template=template, name="Dr Helena Vogt", role="Chair, Education Committee",
                                 signature=chair, sort_order=0)
        Signatory.objects.create(template=template, name="Samuel Adeyemi", role="Director of Learning",
                                 signature=director, sort_order=1)
    for template, wordings in ((default, DEFAULT_WORDINGS), (ethics, ETHICS_WORDINGS)):
        for position, (language, title, body) in enumerate(wordings):
            TemplateWording.objects.create(template=template, language=language, title=title, body=body,
                                           sort_order=position)
    for position, offering in enumerate(EthicsModulePage.objects.order_by("title")):
        TemplateAssignment.objects.create(template=ethics, offering=offering, sort_order=position)
    for template in (default, ethics):
        template.full_clean()
        for wording in template.wordings.all():
            wording.full_clean()
    return default, ethics


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


def load_demo_certificates() -> DemoCertificates:
    """Templates first, then every demo completion's certificate (issued now if the signals did not already),
    re-rendered with the new templates; one by hand; the lapsed member's revoked."""
    summary = DemoCertificates()
    staff = Member.objects.get(email=f"staff@{demo_catalog.DEMO_EMAIL_DOMAIN}")
    with transaction.atomic():
        default, ethics = create_templates()
        summary.templates = [default.name, ethics.name]
        completed = Enrolment.objects.filter(
            completed_at__isnull=False, member__email__endswith=f"@{demo_catalog.DEMO_EMAIL_DOMAIN}"
        ).order_by("completed_at", "pk")
        for enrolment in completed:
            certificate = issuance.issue_for_completion(enrolment.pk)
            if certificate is not None:
                summary.certificates.append(give_current_template(certificate))
        workshop = WorkshopPage.objects.live().order_by("title").first()
        student = Member.objects.filter(email=f"student@{demo_catalog.DEMO_EMAIL_DOMAIN}").first()
        if workshop is not None and student is not None:
            outcome = issuance.issue_by_hand(student, Offering.objects.get(pk=workshop.pk), by=staff,
                                             note=BY_HAND_NOTE)
            summary.certificates.append(outcome.certificate)
        lapsed = next((c for c in summary.certificates
                       if c.recipient_email == f"lapsed@{demo_catalog.DEMO_EMAIL_DOMAIN}"), None)
        if lapsed is not None:
            summary.revoked = issuance.revoke(lapsed, REVOKED_REASON, by=staff, notify=False)
        for certificate in summary.certificates:
            transaction.on_commit(lambda pk=certificate.pk: render_certificate.delay(pk, True))
    return summary
