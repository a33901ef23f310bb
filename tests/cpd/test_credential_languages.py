"""A CPD credential re-issued in another language: schemes have one name, so the credential's title is the fixed
phrase translated ("Cumplimiento de DPC 2025–2027") around the scheme's name, and its description likewise."""

from __future__ import annotations

import pytest

from certificates import issuance
from certificates.cpd import credential
from certificates.models import TemplateWording
from tests import factories
from tests.certificates.factories import default_template

from .test_credential import met_cycle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_a_credential_re_issued_in_spanish_is_worded_in_spanish():
    template = default_template()
    TemplateWording.objects.get_or_create(template=template, language="es", defaults={
        "title": "Certificado", "body": "ha cumplido {{ achievement }}."})
    cycle = met_cycle()
    certificate = credential.award(cycle)
    assert certificate.language == "en" and certificate.achievement_title.startswith("CPD compliant ")
    member = cycle.member
    member.last_name = "Renamed"
    member.site_language = "es"
    member.save()

    new = issuance.reissue(certificate, factories.StaffFactory(), "Name changed")

    span = credential.span_text(cycle)
    assert new.language == "es"
    assert new.achievement_title == f"Cumplimiento de DPC {span}: {cycle.scheme.name}"
    assert "CPD compliant" not in new.achievement_title
    assert new.achievement_description.startswith("Cumplió")
