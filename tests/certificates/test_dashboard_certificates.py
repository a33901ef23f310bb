"""Certificates on "My learning": the member's current certificates with their status, the PDF, a share link, the
LinkedIn "add to profile" link and the signed credential, shown through the "My learning" panels hook."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from wagtail import hooks

from certificates import issuance, sharing, signing
from certificates.models import Certificate, RenderState
from lms.extension_points import MY_LEARNING_PANELS
from tests import factories

from .factories import issued_certificate
from .public_support import certificates_panel_registered, fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "certificates_panel_registered")]
__all__ = ["certificates_panel_registered", "fresh_client_address"]


def certificates_section(client) -> str:
    response = client.get("/my-learning/")
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section aria-labelledby="certificates-heading".*?</section>', html, re.S)
    assert match, "the certificates panel is missing from My learning"
    return match.group(0)


def cards(section: str) -> list[str]:
    return re.findall(r'<li class="card certificate-card">.*?</ul>\s*</li>', section, re.S)


def test_a_ready_certificate_has_its_facts_and_every_link(client, learner):
    certificate = ready_certificate(learner, title="Mapping Value Streams", cpd_hours=3)
    client.force_login(learner)

    [card] = cards(certificates_section(client))

    assert "Mapping Value Streams" in card
    assert f"{certificate.issued_at.day} {certificate.issued_at:%B %Y}" in card
    assert "<dd>3</dd>" in card and ">Valid<" in card
    assert f'href="/certificates/{certificate.code}/certificate.pdf" download' in card
    share = f"{signing.site_url()}/certificates/verify/{certificate.code}"
    assert f'href="{share}"' in card and f'data-copy-link="{share}"' in card
    assert 'href="https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME' in card
    assert f'href="/certificates/{certificate.code}/credential.json"' in card


def test_the_share_link_works_without_script(client, learner):
    certificate = ready_certificate(learner)
    client.force_login(learner)
    [card] = cards(certificates_section(client))

    # The copy button starts hidden (the script reveals it); the share link itself is a plain link.
    assert re.search(r"<button [^>]*hidden[^>]*data-copy-link", card)
    share = re.search(r'<a href="([^"]+)">Share', card).group(1)
    assert client.get(urlsplit(share).path).status_code == 200
    assert share == sharing.share_url(certificate)


def test_only_current_certificates_of_the_member_are_listed(client, learner, staff):
    replaced = ready_certificate(learner, title="Renamed Course")
    learner.first_name = "Renamed"
    learner.save()
    current = issuance.reissue(replaced, by=staff, reason="Name change")
    withdrawn = ready_certificate(learner, title="Withdrawn Course")
    issuance.withdraw(withdrawn, by=staff)
    ready_certificate(factories.MemberFactory(), title="Someone Else's Course")
    client.force_login(learner)

    section = certificates_section(client)

    assert len(cards(section)) == 1
    assert current.code in section and replaced.code not in section
    assert "Withdrawn Course" not in section and "Someone Else" not in section


def test_a_pending_certificate_offers_its_download_at_once(client, learner):
    """Its first download renders it (certificates/first_download.py); the credential comes with the PDF."""
    certificate = issued_certificate(learner)
    client.force_login(learner)

    [card] = cards(certificates_section(client))

    assert f"/certificates/{certificate.code}/certificate.pdf" in card and "being prepared" not in card
    assert "credential.json" not in card
    assert certificate.code in card  # the share link works already


def test_a_certificate_whose_render_failed_says_its_pdf_is_coming_and_offers_no_download(client, learner):
    certificate = issued_certificate(learner)
    Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.FAILED, render_failure="broken")
    client.force_login(learner)

    [card] = cards(certificates_section(client))

    assert "The PDF is being prepared." in card
    assert "certificate.pdf" not in card and "credential.json" not in card


def test_a_revoked_certificate_shows_why_and_is_not_offered_for_linkedin(client, learner, staff):
    certificate = ready_certificate(learner)
    issuance.revoke(certificate, "Issued in error", by=staff, notify=False)
    client.force_login(learner)

    [card] = cards(certificates_section(client))

    assert "Revoked: Issued in error" in card
    assert "linkedin.com" not in card
    assert "certificate.pdf" in card  # the holder keeps their copy


def test_a_member_without_certificates_is_told_how_to_earn_one(client, learner):
    client.force_login(learner)

    section = certificates_section(client)

    assert "appear here when you complete a course" in section


def test_courses_shows_no_panel_that_is_not_registered(client, learner, monkeypatch):
    registered = hooks.get_hooks
    monkeypatch.setattr(hooks, "get_hooks", lambda name: [] if name == MY_LEARNING_PANELS else registered(name))
    client.force_login(learner)
    assert "certificates-heading" not in client.get("/my-learning/").content.decode()


# ---------------------------------------------------------------------------------------------- LinkedIn


def test_the_linkedin_link_fills_in_the_certification_form(learner, settings):
    certificate = ready_certificate(learner, title="Mapping Value Streams")
    expires = timezone.now() + timedelta(days=400)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=expires)
    certificate.refresh_from_db()

    url = urlsplit(sharing.linkedin_add_to_profile_url(certificate))
    params = {key: values[0] for key, values in parse_qs(url.query).items()}

    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://www.linkedin.com/profile/add"
    assert params == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Mapping Value Streams",
        "organizationName": certificate.issuer_name,
        "issueYear": str(certificate.issued_at.year),
        "issueMonth": str(certificate.issued_at.month),
        "expirationYear": str(expires.year),
        "expirationMonth": str(expires.month),
        "certUrl": sharing.share_url(certificate),
        "certId": certificate.code,
    }

    settings.CERTIFICATE_LINKEDIN_ORGANIZATION_ID = "1337"
    assert "organizationId=1337" in sharing.linkedin_add_to_profile_url(certificate)
