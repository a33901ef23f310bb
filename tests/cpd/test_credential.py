"""The CPD credential: a met cycle earns one certificate of kind cpd_cycle (once, however many issue it at once), with
a PDF from the certificate templates and a signed Open Badges credential carrying the cycle's span; the member's
page offers it, and the verify page shows it like any certificate."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pypdf
import pytest
from django.utils import timezone

from certificates import issuance, signing
from certificates.cpd import credential, cycles
from certificates.cpd.models import Cycle, ExternalActivity
from certificates.models import AchievementKind, Certificate, IssueBasis, RenderState
from tests import factories
from tests.certificates.factories import CertificateTemplateFactory, default_template
from tests.concurrency import run_together

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
APPROVED = ExternalActivity.Status.APPROVED


def met_cycle(days_in: int = 100, *, name: str = "Carmen Gutiérrez Paz") -> Cycle:
    """A member whose current cycle has met the practitioner scheme: 56 general hours and 6 of ethics."""
    first, _space, last = name.partition(" ")
    member = member_joined(timezone.localdate() - timedelta(days=days_in), first_name=first, last_name=last)
    practitioner = scheme()
    day = timezone.localdate() - timedelta(days=5)
    activity(member, hours="56", category="general", day=day, status=APPROVED, title="Flow Summit")
    activity(member, hours="6", category="ethics", day=day, status=APPROVED, title="Ethics in practice")
    return cycles.current_cycle(member, practitioner)


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_a_met_cycle_earns_one_credential_naming_its_span(media_root):
    default_template()
    cycle = met_cycle()

    first = credential.award(cycle)
    again = credential.award(cycle)

    assert first is not None and again is not None and again.pk == first.pk
    assert Certificate.objects.filter(member=cycle.member).count() == 1
    assert first.achievement_kind == AchievementKind.CPD_CYCLE
    assert first.basis == IssueBasis.REQUIREMENT
    assert first.achievement_key == f"cpd_cycle:{cycle.pk}"
    assert first.offering is None
    assert first.cpd_hours == Decimal("62")
    assert (first.activity_starts_on, first.activity_last_day) == (cycle.starts_on, cycle.last_day)
    span = f"{cycle.starts_on.year}–{cycle.last_day.year}"
    assert first.achievement_title == f"CPD compliant {span}: VSMC Practitioner CPD"
    assert first.achievement_id.endswith(f"/cpd/schemes/{cycle.scheme_id}/")
    assert first.expires_at is None
    assert issuance.record_matches_fingerprint(first)


def test_a_cycle_short_of_its_requirement_earns_nothing(media_root):
    default_template()
    member = member_joined(timezone.localdate() - timedelta(days=100))
    practitioner = scheme()
    activity(member, hours="56", category="general", status=APPROVED)  # no ethics: the minimum is not met
    cycle = cycles.current_cycle(member, practitioner)

    assert credential.award(cycle) is None
    assert not Certificate.objects.filter(member=member).exists()


def test_the_credential_states_the_cycle_and_does_not_expire(media_root):
    default_template()
    cycle = met_cycle()
    certificate = credential.award(cycle)

    document = signing.unsigned_credential(certificate)

    subject = document["credentialSubject"]
    assert subject["achievement"]["achievementType"] == "CertificateOfCompletion"
    assert subject["achievement"]["id"] == certificate.achievement_id
    assert subject["creditsEarned"] == 62
    assert subject["activityStartDate"].startswith(cycle.starts_on.isoformat())
    assert subject["activityEndDate"].startswith(cycle.ends_on.isoformat())
    assert "validUntil" not in document
    assert "CPD hours the scheme requires" in subject["achievement"]["criteria"]["narrative"]


def test_the_scheme_page_the_credential_names_is_public(client, media_root):
    default_template()
    certificate = credential.award(met_cycle())

    response = client.get(urlsplit(certificate.achievement_id).path)

    assert response.status_code == 200
    assert "VSMC Practitioner CPD" in response.content.decode()


def test_the_pdf_says_what_was_met_in_the_schemes_template(media_root, django_capture_on_commit_callbacks):
    default_template()
    cpd_template = CertificateTemplateFactory(
        name="CPD credential", title="CPD compliance",
        body="has met the continuing professional development requirement: {{ achievement }}, with {{ cpd_hours }} "
             "CPD hours counted.")
    cycle = met_cycle()
    cycle.scheme.certificate_template = cpd_template
    cycle.scheme.save()

    with django_capture_on_commit_callbacks(execute=True):
        certificate = credential.award(cycle)
    certificate.refresh_from_db()

    assert certificate.render_state == RenderState.READY
    assert certificate.template == cpd_template
    text = " ".join(pdf_text(certificate).split())
    assert "CPD compliance" in text
    assert "Carmen Gutiérrez Paz" in text
    assert f"CPD compliant {cycle.starts_on.year}–{cycle.last_day.year}" in text
    assert "with 62 CPD hours counted" in text


def test_racing_awards_make_one_credential(transactional_db, media_root):
    default_template()
    cycle = met_cycle()

    found = run_together(6, lambda i: credential.award_cycle(cycle.pk))

    assert len({certificate.pk for certificate in found}) == 1
    assert Certificate.objects.filter(achievement_key=credential.cycle_key(cycle.pk)).count() == 1


def test_closing_a_cycle_as_met_issues_its_credential(media_root, django_capture_on_commit_callbacks):
    default_template()
    cycle = met_cycle(days_in=30)
    after_end = cycle.ends_on + timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert cycles.close(cycle, after_end)

    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.MET
    issued = Certificate.objects.get(achievement_key=credential.cycle_key(cycle.pk))
    assert issued.cpd_hours == cycle.counted_hours


def test_re_issuing_keeps_the_template_and_the_span(media_root):
    default_template()
    cpd_template = CertificateTemplateFactory(name="CPD credential")
    cycle = met_cycle()
    cycle.scheme.certificate_template = cpd_template
    cycle.scheme.save()
    certificate = credential.award(cycle)
    member = cycle.member
    member.last_name = "Gutiérrez"
    member.save()

    new = issuance.reissue(certificate, factories.StaffFactory(), "Name changed")

    assert new.template == cpd_template
    assert (new.activity_starts_on, new.activity_last_day) == (cycle.starts_on, cycle.last_day)
    assert new.achievement_key == certificate.achievement_key


def test_the_page_offers_the_credential_and_the_verify_page_shows_it(client, media_root,
                                                                    django_capture_on_commit_callbacks):
    default_template()
    cycle = met_cycle()
    client.force_login(cycle.member)

    with django_capture_on_commit_callbacks(execute=True):
        client.get("/cpd/")  # reading the met cycle issues the credential
    page = client.get("/cpd/").content.decode()
    certificate = Certificate.objects.get(member=cycle.member)

    assert "Download your CPD credential" in page
    assert f"/certificates/{certificate.code}/certificate.pdf" in page
    client.logout()
    verify = client.get(f"/certificates/verify/{certificate.code}").content.decode()
    assert certificate.achievement_title in verify
    assert "CPD cycle met" in verify
    assert "Period covered" in verify
    answer = client.get(f"/api/v1/certificates/{certificate.code}").json()
    assert answer["achievement"]["kind"] == "cpd_cycle"
    assert answer["achievement"]["starts_on"] == cycle.starts_on.isoformat()
    assert answer["achievement"]["last_day"] == cycle.last_day.isoformat()
