"""A new version printed in another language (a re-issue after the member changed their name and language) takes
the achievement's words in that language from the one place its kind keeps them (certificates/achievement_words.py):
an offering's translation, a learning path's translation. A CPD credential's is in tests/cpd."""

from __future__ import annotations

import pytest

from certificates import issuance, programme
from certificates.models import IssueBasis, TemplateWording
from cms.locale_trees import sync_locale_trees
from tests import factories
from tests.translating import translate

from .factories import default_template

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def spanish_template():
    template = default_template()
    TemplateWording.objects.get_or_create(template=template, language="es", defaults={
        "title": "Certificado", "body": "ha completado {{ achievement }}."})
    return template


def now_in_spanish(member):
    """The member renames themselves and switches the site to Spanish: what a re-issue is for."""
    member.last_name = "Renamed"
    member.site_language = "es"
    member.save()


def test_a_programme_certificate_re_issued_in_spanish_takes_the_paths_spanish_words(spanish_template):
    first = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    path = factories.build_learning_path([first], title="Value stream practitioner")
    sync_locale_trees()
    translate(path, "es", title="Practicante de flujo de valor", summary="Un programa en español.")
    member = factories.MemberFactory(preferred_languages=["en"])
    certificate, _new = issuance.issue(member, programme.path_facts(path), IssueBasis.REQUIREMENT)
    assert certificate.language == "en" and certificate.achievement_title == "Value stream practitioner"
    now_in_spanish(member)

    new = issuance.reissue(certificate, factories.StaffFactory(), "Name changed")

    assert new.language == "es"
    assert new.achievement_title == "Practicante de flujo de valor"
    assert new.achievement_description == "Un programa en español."


def test_an_offering_certificate_re_issued_in_spanish_takes_the_translations_title(spanish_template):
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    sync_locale_trees()
    translate(course, "es", title="Fundamentos de métricas de flujo", summary="Un resumen.")
    member = factories.MemberFactory(preferred_languages=["en"])
    certificate, _new = issuance.issue(member, issuance.facts_from_page(course), IssueBasis.STAFF)
    now_in_spanish(member)

    new = issuance.reissue(certificate, factories.StaffFactory(), "Name changed")

    assert (new.language, new.achievement_title) == ("es", "Fundamentos de métricas de flujo")
