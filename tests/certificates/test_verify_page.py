"""The public verification page: facts, status in words, whether the record changed, and the states a code can be
in (valid, expired, revoked, replaced, withdrawn, PDF still being prepared), plus unknown and misspelt codes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from certificates import issuance, signing
from certificates.models import Certificate, RenderState
from tests import factories

from .factories import issued_certificate
from .public_support import fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address"]


def page(client, code: str):
    response = client.get(f"/certificates/verify/{code}")
    return response, response.content.decode()


def facts(html: str) -> dict[str, str]:
    """The definition list as {term: description}, tags stripped."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    return {term.strip(): re.sub(r"<[^>]+>|\s+", " ", value).strip() for term, value in pairs}


def test_a_valid_certificate_shows_its_facts_and_status_in_words(client):
    member = factories.MemberFactory(first_name="Ada", last_name="Quintero")
    certificate = ready_certificate(member, title="Mapping Value Streams", cpd_hours=3)

    response, html = page(client, certificate.code)

    assert response.status_code == 200
    assert html.count("<h1") == 1
    shown = facts(html)
    assert shown["Awarded to"] == "Ada Quintero"
    assert shown["Achievement"] == "Mapping Value Streams"
    assert shown["Issued by"] == certificate.issuer_name
    assert shown["Issued on"] == f"{certificate.issued_at.day} {certificate.issued_at:%B %Y}"
    assert shown["Valid until"] == "Does not expire"
    assert shown["CPD hours"].startswith("3 (")
    assert shown["Verification code"] == certificate.code
    assert shown["Record"] == "Record unchanged since issue"
    assert 'class="status-word">Valid<' in html
    assert f'href="/certificates/{certificate.code}/certificate.pdf"' in html
    assert f'href="/certificates/{certificate.code}/credential.json"' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_a_code_typed_loosely_redirects_to_its_canonical_address(client):
    certificate = ready_certificate()
    loose = certificate.code.replace("-", "").lower().replace("1", "l").replace("0", "o")

    response = client.get(f"/certificates/verify/{loose}")

    assert response.status_code == 301
    assert response["Location"] == f"/certificates/verify/{certificate.code}"


def test_the_address_in_the_signed_credential_leads_to_the_page(client):
    certificate = ready_certificate()
    evidence_path = signing.verification_path(certificate.code)

    response = client.get(evidence_path)

    assert evidence_path == f"/certificates/verify/{certificate.code}"
    assert response.status_code == 200 and certificate.recipient_name in response.content.decode()


@pytest.mark.parametrize("code", ["7K3Q-9F2M-XW4D-8HJT-2BNC", "not-a-code", "7K3Q9F2M", "U" * 20, "x" * 300])
def test_unknown_and_malformed_codes_get_a_not_found_page_saying_what_to_check(client, code):
    response, html = page(client, code)

    assert response.status_code == 404
    assert "<h1>No certificate has this code</h1>" in html
    assert "20 letters and digits" in html
    assert 'name="code"' in html  # a form to try again


def test_the_lookup_form_sends_a_typed_code_to_its_page(client):
    certificate = ready_certificate()

    assert client.get("/certificates/verify/").status_code == 200
    response = client.get("/certificates/verify/", {"code": f"  {certificate.code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.code}"
    assert client.get("/certificates/verify/", {"code": "nothing"}).status_code == 404


def test_an_expired_certificate_says_so_with_its_date(client):
    certificate = ready_certificate()
    ended = timezone.now() - timedelta(days=3)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=ended)

    response, html = page(client, certificate.code)

    assert response.status_code == 200
    assert 'class="status-word">Expired<' in html
    assert f"Valid until {date_format(ended, 'DATE_FORMAT')}" in html
    # Changing the expiry after issue is a change to the record, and the page says so.
    assert facts(html)["Record"].startswith("The record was changed after issue")


def test_a_revoked_certificate_shows_the_date_and_reason_and_no_pdf_for_visitors(client, staff):
    owner = factories.MemberFactory()
    certificate = ready_certificate(owner)
    issuance.revoke(certificate, "Completed from a shared account", by=staff, notify=False)

    response, html = page(client, certificate.code)

    assert response.status_code == 200
    assert 'class="status-word">Revoked<' in html
    assert "Completed from a shared account" in html
    assert f"Revoked on {date_format(timezone.now(), 'DATE_FORMAT')}" in html
    assert "certificate.pdf" not in html
    assert "available only to its holder" in html

    client.force_login(owner)
    assert "certificate.pdf" in page(client, certificate.code)[1]


def test_a_replaced_version_links_to_the_newer_one(client, staff):
    member = factories.MemberFactory(first_name="Old")
    first = ready_certificate(member)
    member.first_name = "New"
    member.save()
    second = issuance.reissue(first, by=staff, reason="Name change")

    response, html = page(client, first.code)

    assert response.status_code == 200
    assert 'class="status-word">Replaced by a re-issue<' in html
    assert f'href="/certificates/verify/{second.code}"' in html
    assert "certificate.pdf" not in html


def test_a_withdrawn_certificate_answers_gone_without_personal_data(client, staff):
    member = factories.MemberFactory(first_name="Private", last_name="Person")
    certificate = ready_certificate(member, title="Sensitive Course Title")
    issuance.withdraw(certificate, by=staff)

    response, html = page(client, certificate.code)

    assert response.status_code == 410
    assert "withdrawn at the holder&#x27;s request" in html or "withdrawn at the holder's request" in html
    assert "Private" not in html and "Person" not in html and "Sensitive Course Title" not in html
    assert certificate.code in html


@pytest.mark.parametrize("state", [RenderState.PENDING, RenderState.FAILED])
def test_a_certificate_whose_pdf_is_not_ready_is_valid_and_says_the_pdf_is_coming(client, state):
    certificate = issued_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(render_state=state, render_failure="Font XYZ missing")

    response, html = page(client, certificate.code)

    assert response.status_code == 200
    assert 'class="status-word">Valid<' in html
    assert "The PDF is being prepared" in html
    assert "certificate.pdf" not in html and "credential.json" not in html
    assert "Font XYZ" not in html  # the render failure is staff business


def test_a_record_edited_after_issue_is_flagged(client):
    certificate = ready_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(cpd_hours=40)

    response, html = page(client, certificate.code)

    assert facts(html)["Record"].startswith("The record was changed after issue")
    assert facts(html)["CPD hours"].startswith("40 (")
