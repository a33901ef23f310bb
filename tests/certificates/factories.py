"""Test data for certificates: images with real files, templates, and certificates issued through the rules.

The `media_root` fixture lives in tests/conftest.py (tests beyond this package store files too).
"""

from __future__ import annotations

import io

import factory
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image

from certificates import issuance
from certificates.models import CertificateTemplate, Signatory
from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import LessonCompletion
from tests import factories


def png_bytes(width: int = 240, height: int = 80, colour: str = "#1f4e79", text: str = "") -> bytes:
    """A small real PNG (a coloured band with a mark), so Pillow and WeasyPrint can read it."""
    picture = PillowImage.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((4, 4, width - 4, height - 4), radius=12, outline=colour, width=4)
    draw.line((16, height - 20, width - 16, 20), fill=colour, width=5)
    if text:
        draw.text((20, 20), text, fill=colour)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def make_image(title: str = "Logo", filename: str = "logo.png", content: bytes | None = None) -> Image:
    return Image.objects.create(title=title, file=ContentFile(content or png_bytes(), name=filename))


class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateTemplate

    name = factory.Sequence(lambda n: f"Template {n}")
    title = "Certificate of completion"
    body = "has successfully completed {{ achievement }}, earning {{ cpd_hours }} CPD hours."
    accent_colour = "#1F4E79"
    is_site_default = False


def default_template(**fields) -> CertificateTemplate:
    """The site default, whatever an earlier test (or the data migration) left; created if there is none."""
    template = CertificateTemplate.objects.filter(is_site_default=True).first()
    if template is None:
        template = CertificateTemplateFactory(is_site_default=True, name="Default for tests", **fields)
    elif fields:
        for name, value in fields.items():
            setattr(template, name, value)
        template.save()
    return template


def add_signatory(template: CertificateTemplate, name: str = "Ada Lovelace", role: str = "Chair") -> Signatory:
    signatory = Signatory(template=template, name=name, role=role,
                          signature=make_image(f"Signature of {name}", "signature.png", png_bytes(300, 90, "#222222")))
    signatory.save()
    return signatory


def complete_course(member, offering):
    """Enrol and finish every lesson through the real rules; returns the completed Enrolment."""
    enrolment_rules.enrol(member, offering)
    for lesson in factories.lessons_of(offering):
        if lesson.has_quiz:
            progress_rules.submit_quiz(member, lesson,
                                       factories.quiz_post_data(lesson, factories.QUIZ_CORRECT_ANSWERS))
        else:
            progress_rules.complete_lesson(member, lesson, LessonCompletion.Method.MARKED)
    from courses.models import Enrolment

    enrolment = Enrolment.objects.get(member=member, offering=offering)
    assert enrolment.completed_at is not None
    return enrolment


def issued_certificate(member=None, offering=None, **course_fields):
    """A certificate issued for a completed course (rendered eagerly if on_commit callbacks run)."""
    member = member or factories.MemberFactory()
    offering = offering or factories.build_offering(modules=1, lessons_per_module=1, **course_fields)
    enrolment = complete_course(member, offering)
    return issuance.issue_for_completion(enrolment.pk)
