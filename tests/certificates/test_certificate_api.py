"""The JSON API: a code's facts and status (the page's twin), and the credential check that verifies a submitted
credential's signature, expiry and revocation against this issuer's key and its own status list."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from certificates import issuance, signing
from certificates.credentials.data_integrity import add_proof
from certificates.credentials.open_badges import build_credential
from certificates.models import Certificate
from tests import factories

from .public_support import fresh_address, fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address"]


def get(client, code: str):
    response = client.get(f"/api/v1/certificates/{code}")
    return response, json.loads(response.content)


def check(client, body, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    response = client.post("/api/v1/certificates/verify", data=data, content_type=content_type)
    return response, json.loads(response.content)


# ---------------------------------------------------------------------------------------------- a code's facts


def test_a_valid_certificate_as_json(client):
    member = factories.MemberFactory(first_name="Ada", last_name="Quintero")
    certificate = ready_certificate(member, title="Mapping Value Streams", cpd_hours=3)

    response, body = get(client, certificate.code.lower())

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert body["code"] == certificate.code
    assert body["status"] == "valid" and body["status_label"] == "Valid"
    assert body["recipient_name"] == "Ada Quintero"
    assert body["achievement"]["title"] == "Mapping Value Streams" and body["achievement"]["kind"] == "course"
    assert body["issuer"] == {"name": certificate.issuer_name, "id": signing.issuer_did()}
    assert body["issued_at"] == certificate.issued_at.isoformat() and body["expires_at"] is None
    assert body["cpd_hours"] == "3.00"
    assert body["record_unchanged"] is True and body["pdf_ready"] is True
    assert body["pdf_url"] == f"{signing.site_url()}/certificates/{certificate.code}/certificate.pdf"
    assert body["credential_url"] == signing.credential_url(certificate.code)
    assert body["verification_url"] == f"{signing.site_url()}/certificates/verify/{certificate.code}"
    assert body["replaced_by"] is None and body["revoked_at"] is None


def test_revoked_expired_and_replaced_have_machine_values_and_words(client, staff):
    member = factories.MemberFactory(first_name="First")
    revoked = ready_certificate()
    issuance.revoke(revoked, "Issued in error", by=staff, notify=False)
    expired = ready_certificate()
    Certificate.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    old = ready_certificate(member)
    member.first_name = "Second"
    member.save()
    new = issuance.reissue(old, by=staff, reason="Name change")

    _, body = get(client, revoked.code)
    assert body["status"] == "revoked" and body["revocation_reason"] == "Issued in error"
    assert body["revoked_at"] and body["pdf_url"] is None
    _, body = get(client, expired.code)
    assert body["status"] == "expired" and body["status_explanation"].startswith("Valid until")
    assert body["record_unchanged"] is False
    _, body = get(client, old.code)
    assert body["status"] == "replaced" and body["replaced_by"]["code"] == new.code
    assert body["replaced_by"]["api_url"].endswith(f"/api/v1/certificates/{new.code}")


@pytest.mark.parametrize("code", ["7K3Q-9F2M-XW4D-8HJT-2BNC", "nonsense"])
def test_an_unknown_code_is_a_404_with_a_reason(client, code):
    response, body = get(client, code)

    assert response.status_code == 404
    assert body["error"].startswith("No certificate has this code")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_withdrawn_certificate_is_gone_and_says_nothing_personal(client, staff):
    certificate = ready_certificate(factories.MemberFactory(first_name="Private"))
    issuance.withdraw(certificate, by=staff)

    response, body = get(client, certificate.code)

    assert response.status_code == 410
    assert body["status"] == "withdrawn"
    assert set(body) == {"code", "status", "status_label", "status_explanation", "verification_url"}
    assert "Private" not in response.content.decode()


# ---------------------------------------------------------------------------------------------- checking credentials


def test_an_issued_credential_checks_as_valid(client):
    certificate = ready_certificate()

    response, body = check(client, certificate.credential)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert body == {"signature_valid": True, "revoked": False, "expired": False, "valid": True, "problems": [],
                    "format": "current", "current_credential_url": None, "notice": ""}


def test_a_revoked_credential_is_found_revoked_through_the_status_list(client, staff):
    certificate = ready_certificate()
    issuance.revoke(certificate, "Issued in error", by=staff, notify=False)

    _, body = check(client, certificate.credential)

    assert body["signature_valid"] is True and body["revoked"] is True and body["valid"] is False
    assert "the credential has been revoked" in body["problems"]


def test_a_tampered_credential_fails_its_signature(client):
    credential = ready_certificate(cpd_hours=3).credential
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = 30

    _, body = check(client, credential)

    assert body["signature_valid"] is False and body["valid"] is False
    assert "signature does not match" in body["problems"]


def test_a_status_list_elsewhere_is_not_trusted(client):
    certificate = ready_certificate()
    claim = signing.achievement_claim(certificate)
    foreign = build_credential(replace(claim, status_list_url="https://lists.example.net/revocation.json"))
    signed = add_proof(foreign, signing.issuer_key(), signing.issuer_verification_method(), timezone.now())

    _, body = check(client, signed)

    assert body["signature_valid"] is True and body["revoked"] is None and body["valid"] is False
    assert body["problems"] == ["the status list is not this issuer's"]


def test_the_check_needs_no_csrf_token_and_answers_preflight(db):
    browser = Client(enforce_csrf_checks=True, REMOTE_ADDR=fresh_address())
    response = browser.post("/api/v1/certificates/verify", data="{}", content_type="application/json")
    assert response.status_code == 200
    assert json.loads(response.content)["valid"] is False

    preflight = browser.options("/api/v1/certificates/verify")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert browser.get("/api/v1/certificates/verify").status_code == 405


@pytest.mark.parametrize(("body", "status", "words"), [
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "Send the credential"),
    (b"[1, 2]", 400, "must be a JSON object"),
    (b'{"validFrom": NaN}', 400, "NaN is not a JSON number"),
    (b"\xff\xfe{", 400, "not valid JSON"),
    (b'{"a": ' * 200 + b"1" + b"}" * 200, 400, "nested too deeply"),
    (b"[" * 100_000 + b"]" * 100_000, 400, "nested too deeply"),
])
def test_a_body_that_is_not_a_credential_object_gets_a_400_with_the_reason(client, body, status, words):
    response, answer = check(client, body)

    assert response.status_code == status
    assert words in answer["error"]


def test_a_body_over_256_kib_is_refused_before_it_is_read(client):
    big = json.dumps({"padding": "x" * (256 * 1024)})

    response, answer = check(client, big)

    assert response.status_code == 413
    assert "256 KiB" in answer["error"]
