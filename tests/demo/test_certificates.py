"""The demo certificates `make run` loads after the demo catalog: designed templates, the demo learners'
certificates rendered through the real rules, one issued by hand, one revoked, and a second run that changes
nothing."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from certificates import issuance
from certificates.demo.content import demo_content
from certificates.models import AchievementKind, Certificate, CertificateTemplate, IssueBasis, RenderState
from courses.models import EthicsModulePage
from lms.original_rows import originals


@pytest.fixture
def loaded(demo_catalog, db, media_root, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "certificates", "--outside-debug", stdout=out)
    return out.getvalue()


def test_demo_certificates_are_issued_rendered_and_one_is_revoked(loaded):
    content = demo_content()
    default = CertificateTemplate.objects.get(is_site_default=True)
    assert default.name == content.site_default.name and default.logo and default.signatories.count() == 2
    ethics = CertificateTemplate.objects.get(name=next(t.name for t in content.templates if t.for_ethics_modules))
    # Certificates belong to the originals (their aliases and translations in other languages' trees issue none).
    assert set(ethics.assignments.values_list("offering_id", flat=True)) == set(
        originals(EthicsModulePage.objects.all()).values_list("pk", flat=True))

    certificates = list(Certificate.objects.order_by("pk"))
    assert len(certificates) == 4
    assert all(c.render_state == RenderState.READY and c.pdf and c.credential for c in certificates), [
        (c.code, c.render_state, c.render_failure) for c in certificates]
    by_email = {c.recipient_email: c for c in certificates if c.basis != IssueBasis.STAFF}
    assert sorted(by_email) == ["lapsed@demo.vsmc.org", "learner@demo.vsmc.org"]
    revoked = Certificate.objects.get(revoked_at__isnull=False)
    assert revoked.recipient_email == "lapsed@demo.vsmc.org" and revoked.revoked_reason == content.revoked_reason
    assert issuance.certificate_status(revoked).code == "revoked"
    ethics_certificate = Certificate.objects.get(achievement_kind=AchievementKind.ETHICS_MODULE)
    assert ethics_certificate.template == ethics and ethics_certificate.expires_at is not None
    assert issuance.record_matches_fingerprint(ethics_certificate)
    assert Certificate.objects.get(basis=IssueBasis.STAFF).recipient_email == "student@demo.vsmc.org"
    assert revoked.code in loaded and "Demo certificates loaded" in loaded


def test_a_second_run_changes_nothing(loaded):
    out = StringIO()
    call_command("load_demo", "certificates", "--outside-debug", stdout=out)
    assert "already loaded" in out.getvalue()
    assert Certificate.objects.count() == 4


def test_demo_certificates_are_printed_in_each_members_language(loaded):
    """Lucía reads Spanish first: her certificates are all in Spanish; Daniel reads German, which the templates
    lack, then English: his is in English. Each PDF's /Lang is the language of its words."""
    for template in CertificateTemplate.objects.filter(name__in=[t.name for t in demo_content().templates]):
        assert template.languages() == ["en", "ar", "es", "fr", "pt"]
    for certificate in Certificate.objects.filter(withdrawn_at__isnull=True):
        expected = "es" if certificate.recipient_email == "learner@demo.vsmc.org" else "en"
        assert certificate.language == expected, certificate.recipient_email
        with certificate.pdf.open("rb") as stored:
            reader = PdfReader(io.BytesIO(stored.read()))
        text = " ".join(reader.pages[0].extract_text().split())
        assert reader.trailer["/Root"]["/Lang"] == expected
        assert ("Se certifica que" in text) == (expected == "es") and ("This certifies that" in text) == (
            expected == "en")
        assert certificate.credential["credentialSubject"]["achievement"]["inLanguage"] == expected
