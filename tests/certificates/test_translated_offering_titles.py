"""A certificate for a translated offering: issued once, on the original, whichever translation the member used;
its title is the translation's in the language the certificate is printed in (`issuance.printed_language`), and the
original's where that language has no translation (an alias only repeats the original's words)."""

from __future__ import annotations

import pytest

from certificates import issuance
from certificates.models import Certificate, TemplateWording
from cms.locale_trees import sync_locale_trees
from courses.learning import enrolment as enrolment_rules
from courses.learning import progress as progress_rules
from courses.models import Enrolment
from tests import factories
from tests.translating import page_in, translate

from .factories import default_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    """An English course with a Spanish translation (French stays an alias), and a template worded in Spanish
    and French."""
    template = default_template()
    TemplateWording.objects.get_or_create(template=template, language="es", defaults={
        "title": "Certificado de finalización", "body": "ha completado {{ achievement }}."})
    TemplateWording.objects.get_or_create(template=template, language="fr", defaults={
        "title": "Certificat de réussite", "body": "a terminé {{ achievement }}."})
    original = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=2)
    sync_locale_trees()
    translate(original, "es", title="Fundamentos de métricas de flujo", summary="Un resumen en español.")
    return original


def complete_in(member, course, code: str) -> Enrolment:
    """Enrol and finish every lesson on the pages of one language, through the learners' rules."""
    enrolment_rules.enrol(member, page_in(course, code))
    for lesson in factories.lessons_of(course):
        progress_rules.complete_lesson(member, page_in(lesson, code))
    return Enrolment.objects.get(member=member)


def test_completing_in_spanish_earns_one_certificate_on_the_original_with_the_spanish_title(course):
    member = factories.MemberFactory(preferred_languages=["es"])
    enrolment = complete_in(member, course, "es")
    assert enrolment.offering_id == course.pk

    certificate = issuance.issue_for_completion(enrolment.pk)

    assert certificate.language == "es"
    assert certificate.achievement_title == "Fundamentos de métricas de flujo"
    assert certificate.achievement_description == "Un resumen en español."
    assert certificate.offering_id == course.pk and certificate.achievement_key == f"offering:{course.pk}"
    assert issuance.issue_for_completion(enrolment.pk).pk == certificate.pk
    assert Certificate.objects.filter(member=member).count() == 1


def test_a_language_with_only_an_alias_prints_the_original_title(course):
    member = factories.MemberFactory(preferred_languages=["fr"])
    certificate = issuance.issue_for_completion(complete_in(member, course, "fr").pk)
    assert certificate.language == "fr"
    assert certificate.achievement_title == "Flow Metrics Fundamentals"


def test_an_english_certificate_of_a_course_taken_in_spanish_keeps_the_english_title(course):
    member = factories.MemberFactory(preferred_languages=["en"])
    certificate = issuance.issue_for_completion(complete_in(member, course, "es").pk)
    assert certificate.language == "en"
    assert certificate.achievement_title == "Flow Metrics Fundamentals"
