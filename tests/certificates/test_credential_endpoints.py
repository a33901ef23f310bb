"""What the site publishes for machines and holders: the signed credential, the PDF, the revocation status list
and the issuer's did:web document, each at the address written into signed credentials."""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from certificates import issuance, signing
from certificates.credentials.data_integrity import verify_proof
from certificates.credentials.did_web import public_key_in_did_document
from certificates.credentials.open_badges import check_credential
from certificates.credentials.status_list import Bitstring
from certificates.models import Certificate, RenderState
from tests import factories

from .factories import issued_certificate
from .public_support import fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address"]


def path_of(url: str) -> str:
    return urlsplit(url).path


# ---------------------------------------------------------------------------------------------- credential.json


def test_the_signed_credential_downloads_from_the_address_it_names(client):
    certificate = ready_certificate()

    response = client.get(path_of(signing.credential_url(certificate.code)))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{certificate.code}.json"'
    assert response["Access-Control-Allow-Origin"] == "*"
    credential = json.loads(response.content)
    assert credential == certificate.credential
    assert credential["id"] == signing.credential_url(certificate.code)
    assert verify_proof(credential, signing.trusted_public_key).verified


def test_no_credential_yet_unknown_and_withdrawn_codes(client, staff):
    pending = issued_certificate()
    response = client.get(f"/certificates/{pending.code}/credential.json")
    assert response.status_code == 404 and "not ready yet" in json.loads(response.content)["error"]

    response = client.get("/certificates/7K3Q-9F2M-XW4D-8HJT-2BNC/credential.json")
    assert response.status_code == 404 and "No certificate has this code" in json.loads(response.content)["error"]

    withdrawn = ready_certificate()
    issuance.withdraw(withdrawn, by=staff)
    response = client.get(f"/certificates/{withdrawn.code}/credential.json")
    assert response.status_code == 410 and json.loads(response.content)["status"] == "withdrawn"


# ---------------------------------------------------------------------------------------------- the PDF


def test_a_ready_certificate_pdf_downloads_whole(client):
    certificate = ready_certificate()

    response = client.get(f"/certificates/{certificate.code}/certificate.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="certificate-{certificate.code}.pdf"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    with default_storage.open(certificate.pdf.name, "rb") as stored:
        assert body == stored.read()
    assert body.startswith(b"%PDF-")


def test_a_pdf_not_rendered_yet_is_not_served(client):
    certificate = issued_certificate()

    response = client.get(f"/certificates/{certificate.code}/certificate.pdf")

    assert response.status_code == 404
    assert "being prepared" in response.content.decode()


def test_a_revoked_certificate_pdf_goes_to_its_holder_and_staff_only(client, staff):
    owner = factories.MemberFactory()
    certificate = ready_certificate(owner)
    issuance.revoke(certificate, "Issued in error", by=staff, notify=False)
    address = f"/certificates/{certificate.code}/certificate.pdf"

    response = client.get(address)
    assert response.status_code == 302 and response["Location"] == f"/certificates/verify/{certificate.code}"

    client.force_login(factories.MemberFactory())
    assert client.get(address).status_code == 302
    client.force_login(owner)
    assert client.get(address).status_code == 200
    client.force_login(staff)
    assert client.get(address).status_code == 200


def test_a_withdrawn_certificate_has_no_pdf(client, staff):
    certificate = ready_certificate()
    issuance.withdraw(certificate, by=staff)

    assert client.get(f"/certificates/{certificate.code}/certificate.pdf").status_code == 410


def test_a_ready_row_whose_file_is_gone_answers_with_a_clear_page_not_an_error(client):
    certificate = ready_certificate()
    default_storage.delete(certificate.pdf.name)

    response = client.get(f"/certificates/{certificate.code}/certificate.pdf")

    assert response.status_code == 404
    assert "could not be found" in response.content.decode()


def test_only_the_path_on_a_ready_row_is_served(client):
    """A render in progress writes its file before the row points at it: until then the row says pending."""
    certificate = ready_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.PENDING)

    assert client.get(f"/certificates/{certificate.code}/certificate.pdf").status_code == 404


# ---------------------------------------------------------------------------------------------- status list


def read_bits(document: dict) -> Bitstring:
    return Bitstring.decode(document["credentialSubject"]["encodedList"])


def test_the_status_list_is_signed_cached_for_five_minutes_and_shows_revocations(client, staff):
    certificate = ready_certificate()
    list_path = path_of(certificate.credential["credentialStatus"]["statusListCredential"])

    response = client.get(list_path)
    assert response.status_code == 200
    assert "max-age=300" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    before = json.loads(response.content)
    assert verify_proof(before, signing.trusted_public_key).verified
    assert read_bits(before).get(certificate.status_list_index) is False

    issuance.revoke(certificate, "Issued in error", by=staff, notify=False)
    after = json.loads(client.get(list_path).content)

    assert read_bits(after).get(certificate.status_list_index) is True
    check = check_credential(certificate.credential, signing.trusted_public_key, lambda url: after, timezone.now())
    assert check.revoked is True


def test_a_withdrawn_certificate_is_set_in_the_status_list(client, staff):
    certificate = ready_certificate()
    issuance.withdraw(certificate, by=staff)

    document = json.loads(client.get(path_of(signing.status_list_url())).content)

    assert read_bits(document).get(certificate.status_list_index) is True


# ---------------------------------------------------------------------------------------------- did:web


def did_web_document_url(did: str) -> str:
    """did:web resolution as its specification describes it: host (with %3A for a port), then
    /.well-known/did.json when the DID has no path."""
    parts = did.removeprefix("did:web:").split(":")
    host = unquote(parts[0])
    path = "/" + "/".join(parts[1:]) + "/did.json" if len(parts) > 1 else "/.well-known/did.json"
    return f"https://{host}{path}"


def test_the_did_document_is_where_the_issuer_did_says_and_verifies_credentials(client):
    certificate = ready_certificate()
    did = certificate.credential["issuer"]["id"]
    resolved = did_web_document_url(did)
    assert urlsplit(resolved).netloc == urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc

    response = client.get(urlsplit(resolved).path)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["id"] == did
    (proof,) = certificate.credential["proof"]  # OB 3.0: a list of one proof
    method = proof["verificationMethod"]
    assert verify_proof(certificate.credential, lambda vm: public_key_in_did_document(document, vm)).verified
    assert method.startswith(did + "#")
