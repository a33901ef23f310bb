"""The demo certificates `make run` loads after the demo catalog: designed templates, the demo learners'
certificates rendered through the real rules, one issued by hand, one revoked, and a second run that changes
nothing."""

from __future__ import annotations

import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import issuance, renewal
from certificates.demo.content import demo_content
from certificates.models import AchievementKind, Certificate, CertificateTemplate, IssueBasis, RenderState
from courses.demo.content import demo_content as catalog_content
from courses.demo.outcomes import read_outcomes
from courses.models import EthicsModulePage, LearningPathPage
from lms.original_rows import originals


def _generated(email: str) -> bool:
    """One of the members the demo makes in bulk (the year of engagement, the outcomes editions' learners), who
    complete courses and earn certificates like anyone: the named people's certificates are the ones told apart."""
    local = email.split("@")[0]
    year_prefix = catalog_content().people.year.local_prefix
    outcomes = {learner.local for learner in read_outcomes().learners}
    return local in outcomes or (local.startswith(year_prefix) and local[len(year_prefix):].isdigit())


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

    everyone = list(Certificate.objects.order_by("pk"))
    certificates = [c for c in everyone if not _generated(c.recipient_email)]
    assert all(c.render_state == RenderState.READY and c.pdf and c.credential for c in certificates), [
        (c.code, c.render_state, c.render_failure) for c in certificates]
    assert len(certificates) == 10  # Hannah's path: two courses, an ethics module, a webinar and the programme
    by_email = {c.recipient_email: c for c in certificates if c.basis != IssueBasis.STAFF}
    assert sorted(by_email) == ["hannah.lindqvist@demo.vsmc.org", "lapsed@demo.vsmc.org", "learner@demo.vsmc.org"]
    revoked = Certificate.objects.get(revoked_at__isnull=False)
    assert revoked.recipient_email == "lapsed@demo.vsmc.org" and revoked.revoked_reason == content.revoked_reason
    assert issuance.certificate_status(revoked).code == "revoked"
    ethics_certificate = Certificate.objects.get(achievement_kind=AchievementKind.ETHICS_MODULE,
                                                 recipient_email="learner@demo.vsmc.org")
    assert ethics_certificate.template == ethics and ethics_certificate.expires_at is not None
    assert issuance.record_matches_fingerprint(ethics_certificate)
    assert sorted(Certificate.objects.filter(basis=IssueBasis.STAFF).values_list("recipient_email", flat=True)) == [
        "rafael.costa@demo.vsmc.org", "student@demo.vsmc.org"]
    assert revoked.code in loaded and "Demo certificates loaded" in loaded


def test_a_second_run_changes_nothing(loaded):
    before = Certificate.objects.count()
    out = StringIO()
    call_command("load_demo", "certificates", "--outside-debug", stdout=out)
    assert "already loaded" in out.getvalue()
    assert Certificate.objects.count() == before


def test_demo_certificates_are_printed_in_each_members_language(loaded):
    """Lucía reads Spanish first: her certificates are all in Spanish; Daniel reads German, which the templates
    lack, then English: his is in English; Rafael reads Portuguese. Each PDF's /Lang is the language of its
    words."""
    for template in CertificateTemplate.objects.filter(name__in=[t.name for t in demo_content().templates]):
        assert template.languages() == ["en", "ar", "es", "fr", "pt"]
    named = [c for c in Certificate.objects.filter(withdrawn_at__isnull=True) if not _generated(c.recipient_email)]
    for certificate in named:
        expected = {"learner@demo.vsmc.org": "es", "rafael.costa@demo.vsmc.org": "pt"}.get(
            certificate.recipient_email, "en")
        assert certificate.language == expected, certificate.recipient_email
        with certificate.pdf.open("rb") as stored:
            reader = PdfReader(io.BytesIO(stored.read()))
        text = " ".join(reader.pages[0].extract_text().split())
        assert reader.trailer["/Root"]["/Lang"] == expected
        assert ("Se certifica que" in text) == (expected == "es") and ("This certifies that" in text) == (
            expected == "en")
        if expected == "pt":
            assert "Se certifica que" not in text and "This certifies that" not in text
        assert certificate.credential["credentialSubject"]["achievement"]["inLanguage"] == expected


def test_the_demo_has_a_certificate_expiring_within_30_days_with_its_refresher_to_renew_by(loaded):
    """Rafael's ethics / RCR certificate expires in three weeks; its template (36 months) names the refresher and
    the met-cycle route, so "My learning" offers him the renew link."""
    spec = demo_content().expiring
    certificate = Certificate.objects.get(recipient_email=f"{spec.member}@demo.vsmc.org")
    now = timezone.now()
    assert now < certificate.expires_at <= now + timedelta(days=30)
    assert renewal.expiring_soon(certificate, now) and issuance.record_matches_fingerprint(certificate)
    template = certificate.template
    assert template.valid_for_months == 36 and template.renewed_by_cpd_cycle
    route = renewal.route_of(template)
    assert route.refresher is not None and route.refresher.slug == "rcr-core-principles" and route.refresher.live


def test_a_member_who_took_every_step_of_the_demo_path_holds_its_programme_certificate(loaded, client):
    """Hannah finished both courses, signed the ethics module and attended the webinar: the path's completion
    issued its programme certificate, in the programme template, with no CPD hours of its own; the path page
    offers her the download."""
    path = originals(LearningPathPage.objects.live()).get(title="Value stream practitioner")
    certificate = Certificate.objects.get(achievement_kind=AchievementKind.PROGRAMME)
    assert certificate.recipient_email == "hannah.lindqvist@demo.vsmc.org"
    assert certificate.achievement_key == f"path:{path.pk}" and certificate.cpd_hours == 0
    assert certificate.template.name == "VSMC programme certificate" and certificate.render_state == RenderState.READY
    with certificate.pdf.open("rb") as stored:
        text = " ".join(PdfReader(io.BytesIO(stored.read())).pages[0].extract_text().split())
    assert "Programme certificate" in text and "learning path Value stream practitioner" in text
    client.force_login(certificate.member)
    assert "Download your programme certificate" in client.get(path.url).content.decode()


def test_the_generated_members_certificates_are_left_for_their_first_download(loaded, client):
    """The hundreds of generated members' certificates are issued but not rendered while loading (minutes of
    PDFs nobody opens): each reads as valid to anyone, and its holder's first download makes a real PDF."""
    generated = [c for c in Certificate.objects.order_by("pk") if _generated(c.recipient_email)]
    assert len(generated) > 100
    assert all(c.render_state == RenderState.PENDING and not c.pdf for c in generated)
    certificate = generated[0]
    assert certificate.template is not None and issuance.record_matches_fingerprint(certificate)
    verify = reverse("certificates:verify", args=[certificate.code])
    public = client.get(verify).content.decode()
    assert 'class="status-word">Valid<' in public and certificate.recipient_name in public

    client.force_login(certificate.member)
    pdf = reverse("certificates:pdf", args=[certificate.code])
    assert pdf in client.get(verify).content.decode()  # the holder is offered the download at once
    response = client.get(pdf)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text().split())
    assert certificate.recipient_name in text and certificate.achievement_title in text
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY and certificate.credential
    assert f"{len(generated)} certificates of the generated members" in loaded
