"""Revocation reaches the published status list: an issued credential checks as valid against the list the site
serves, and as revoked once staff revoke it (or withdraw it), with no stale list served from the cache."""

from __future__ import annotations

import pytest
from django.utils import timezone

from certificates import issuance, signing
from certificates.credentials.data_integrity import verify_proof
from certificates.credentials.open_badges import PROBLEM_REVOKED, check_credential
from certificates.credentials.status_list import MIN_STATUS_LIST_BITS, Bitstring
from certificates.models import Certificate, RenderState
from certificates.tasks import render_certificate

from .factories import default_template, issued_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(media_root):
    """Two rendered certificates (so one bit set is told apart from its neighbour)."""
    default_template()
    certificates = [issued_certificate(), issued_certificate()]
    for certificate in certificates:
        # The first task lays out both (one design, one batch); the second finds its certificate done.
        render_certificate.delay(certificate.pk).get()
    rendered = [Certificate.objects.get(pk=c.pk) for c in certificates]
    assert [c.render_state for c in rendered] == [RenderState.READY, RenderState.READY]
    return rendered


def served_list(url: str) -> dict | None:
    """What a verifier fetching the status list URL gets (the public view serves this function's answer)."""
    return signing.signed_status_list_credential() if url == signing.status_list_url() else None


def check(certificate: Certificate):
    return check_credential(certificate.credential, signing.trusted_public_key, served_list, timezone.now())


def test_revoking_sets_the_bit_the_credential_points_to(rendered, staff):
    certificate, neighbour = rendered
    assert check(certificate).valid and check(neighbour).valid

    issuance.revoke(certificate, "Issued to the wrong member", by=staff, notify=False)

    result = check(certificate)
    assert result.signature_valid and result.revoked is True and not result.valid
    assert PROBLEM_REVOKED in result.problems
    assert check(neighbour).valid  # only its own bit


def test_withdrawing_sets_the_bit_too_though_the_credential_is_gone(rendered, staff):
    certificate, _neighbour = rendered
    credential = certificate.credential  # a copy someone downloaded before the privacy request
    issuance.withdraw(certificate, by=staff)
    result = check_credential(credential, signing.trusted_public_key, served_list, timezone.now())
    assert result.revoked is True


def test_the_served_list_is_signed_by_the_site_and_never_stale(rendered, staff):
    certificate, _neighbour = rendered
    before = signing.signed_status_list_credential()
    assert signing.signed_status_list_credential() == before  # cached while nothing changes
    assert verify_proof(before, signing.trusted_public_key).verified
    assert before["issuer"]["id"] == signing.issuer_did() == certificate.credential["issuer"]["id"]
    bits = Bitstring.decode(before["credentialSubject"]["encodedList"])
    assert bits.size == MIN_STATUS_LIST_BITS and not bits.get(certificate.status_list_index)

    issuance.revoke(certificate, "Fraud", by=staff, notify=False)

    after = signing.signed_status_list_credential()
    assert after != before
    assert Bitstring.decode(after["credentialSubject"]["encodedList"]).get(certificate.status_list_index)


def test_the_list_grows_in_whole_blocks_beyond_the_minimum(rendered, staff):
    certificate, _neighbour = rendered
    Certificate.objects.filter(pk=certificate.pk).update(status_list_index=MIN_STATUS_LIST_BITS + 5)
    issuance.revoke(Certificate.objects.get(pk=certificate.pk), "Fraud", by=staff, notify=False)
    bits = signing.status_list_bits()
    assert bits.size == 2 * MIN_STATUS_LIST_BITS and bits.get(MIN_STATUS_LIST_BITS + 5)


def test_only_the_sites_own_key_is_trusted_and_its_did_document_publishes_it():
    method = signing.issuer_verification_method()
    assert method == "did:web:127.0.0.1%3A8000#key-1"
    assert signing.trusted_public_key(method) == signing.issuer_key().public_key_bytes
    assert signing.trusted_public_key("did:web:elsewhere.example#key-1") is None
    document = signing.issuer_did_document()
    assert document["id"] == signing.issuer_did()
    assert document["verificationMethod"][0]["publicKeyMultibase"] == signing.issuer_key().public_multikey
