"""eddsa-jcs-2022 Data Integrity proofs: the W3C test vector, round trips, tampering and malformed input."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import base58
import pytest
import rfc8785

from certificates.credentials.data_integrity import (
    ProofCheck,
    ProofError,
    add_proof,
    datetime_stamp,
    verify_legacy_proof,
    verify_proof,
)
from certificates.credentials.issuer_key import IssuerKey, public_key_from_multikey

from .w3c_vectors import (
    W3C_CANONICAL_DOCUMENT,
    W3C_CANONICAL_PROOF_CONFIG,
    W3C_CREATED,
    W3C_DOCUMENT_HASH,
    W3C_PROOF_CONFIG_HASH,
    W3C_PROOF_VALUE,
    W3C_PUBLIC_MULTIKEY,
    W3C_REPO_PROOF_VALUE,
    W3C_REPO_SIGNED,
    W3C_REPO_VERIFICATION_METHOD,
    W3C_SEED_SETTING,
    W3C_SIGNATURE_HEX,
    W3C_SIGNED,
    W3C_SIGNED_TEXT,
    W3C_UNSIGNED,
    W3C_VERIFICATION_METHOD,
)

KEY = IssuerKey.from_setting("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
OTHER_KEY = IssuerKey.from_setting("HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA")
METHOD = "did:web:lms.example.org#key-1"
SIGNED_AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def w3c_key(method: str) -> bytes | None:
    known = (W3C_VERIFICATION_METHOD, W3C_REPO_VERIFICATION_METHOD)
    return public_key_from_multikey(W3C_PUBLIC_MULTIKEY) if method in known else None


def our_key(method: str) -> bytes | None:
    return KEY.public_key_bytes if method == METHOD else None


def certificate_document() -> dict:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://lms.example.org/certificates/K7Q2-9XZ4/credential.json",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Research ethics essentials",
        "issuer": {"id": "did:web:lms.example.org", "type": ["Profile"], "name": "VSMC"},
        "validFrom": "2025-03-01T09:30:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {"type": ["Achievement"], "name": "Research ethics essentials", "creditsAvailable": 1.5},
        },
    }


def transported(document: dict) -> dict:
    """What a verifier receives: the document serialized to JSON text and parsed again."""
    return json.loads(json.dumps(document))


# ------------------------------------------------------------------------------------------- W3C vector


def test_add_proof_reproduces_the_published_w3c_signed_credential_byte_for_byte():
    key = IssuerKey.from_setting(W3C_SEED_SETTING)

    signed = add_proof(W3C_UNSIGNED, key, W3C_VERIFICATION_METHOD, W3C_CREATED)

    assert key.public_multikey == W3C_PUBLIC_MULTIKEY
    assert json.dumps(signed, indent=2) == W3C_SIGNED_TEXT
    assert signed == W3C_SIGNED
    assert signed["proof"]["proofValue"] == W3C_PROOF_VALUE


def test_every_intermediate_value_of_the_published_example_reproduces():
    key = IssuerKey.from_setting(W3C_SEED_SETTING)
    proof_config = {name: value for name, value in W3C_SIGNED["proof"].items() if name != "proofValue"}

    assert rfc8785.dumps(W3C_UNSIGNED).decode() == W3C_CANONICAL_DOCUMENT
    assert hashlib.sha256(W3C_CANONICAL_DOCUMENT.encode()).hexdigest() == W3C_DOCUMENT_HASH
    assert rfc8785.dumps(proof_config).decode() == W3C_CANONICAL_PROOF_CONFIG
    assert hashlib.sha256(W3C_CANONICAL_PROOF_CONFIG.encode()).hexdigest() == W3C_PROOF_CONFIG_HASH
    hash_data = bytes.fromhex(W3C_PROOF_CONFIG_HASH + W3C_DOCUMENT_HASH)
    assert key.sign(hash_data).hex() == W3C_SIGNATURE_HEX
    assert "z" + base58.b58encode(bytes.fromhex(W3C_SIGNATURE_HEX)).decode() == W3C_PROOF_VALUE


def test_the_earlier_repository_vector_reproduces_too():
    key = IssuerKey.from_setting(W3C_SEED_SETTING)

    signed = add_proof(W3C_UNSIGNED, key, W3C_REPO_VERIFICATION_METHOD, W3C_CREATED)

    assert signed == W3C_REPO_SIGNED
    assert signed["proof"]["proofValue"] == W3C_REPO_PROOF_VALUE
    assert verify_proof(W3C_REPO_SIGNED, w3c_key).verified


def test_the_published_w3c_signed_credential_verifies():
    assert verify_proof(W3C_SIGNED, w3c_key) == ProofCheck(True, "", (W3C_VERIFICATION_METHOD,))


def test_the_published_w3c_credential_fails_once_its_subject_is_changed():
    tampered = copy.deepcopy(W3C_SIGNED)
    tampered["credentialSubject"]["alumniOf"] = "Another School"

    assert verify_proof(tampered, w3c_key).reason == "signature does not match"


def test_a_proof_context_the_document_does_not_start_with_is_refused():
    tampered = copy.deepcopy(W3C_SIGNED)
    tampered["proof"]["@context"] = ["https://www.w3.org/ns/credentials/v2", "https://example.org/other"]

    check = verify_proof(tampered, w3c_key)

    assert not check.verified
    assert check.reason == "the document's @context does not start with the proof's @context"


def test_the_proofs_context_replaces_the_documents_in_what_is_hashed():
    # vc-di-eddsa "Verify Proof" step 4: a document whose @context starts with the proof's verifies as if it
    # had only the proof's, so a context appended after signing does not break the signature.
    extended = copy.deepcopy(W3C_SIGNED)
    extended["@context"] = [*extended["@context"], "https://example.org/added-later"]

    assert verify_proof(extended, w3c_key).verified


# ------------------------------------------------------------------------------------------- round trip


def test_a_signed_document_verifies_after_travelling_as_json():
    signed = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)

    assert verify_proof(transported(signed), our_key) == ProofCheck(True, "", (METHOD,))


def test_the_proof_says_how_it_was_made():
    signed = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)

    proof = dict(signed["proof"])
    proof_value = proof.pop("proofValue")
    assert proof == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2025-03-01T09:30:00Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
        "@context": certificate_document()["@context"],
    }
    assert proof_value.startswith("z")
    assert len(base58.b58decode(proof_value[1:])) == 64


def test_add_proof_leaves_the_input_untouched():
    document = certificate_document()
    before = copy.deepcopy(document)

    signed = add_proof(document, KEY, METHOD, SIGNED_AT)

    assert document == before
    signed["credentialSubject"]["achievement"]["name"] = "changed"
    assert document == before


def test_signing_is_deterministic():
    assert add_proof(certificate_document(), KEY, METHOD, SIGNED_AT) == add_proof(
        certificate_document(), KEY, METHOD, SIGNED_AT
    )


def test_the_creation_time_is_written_in_utc_to_the_second():
    in_lima = datetime(2025, 3, 1, 4, 30, 15, 987654, tzinfo=timezone(timedelta(hours=-5)))

    assert datetime_stamp(in_lima) == "2025-03-01T09:30:15Z"
    assert add_proof(certificate_document(), KEY, METHOD, in_lima)["proof"]["created"] == "2025-03-01T09:30:15Z"


# ------------------------------------------------------------------------------------------- tampering


def _set_name(document):
    document["name"] = "Advanced research ethics"


def _set_cpd_hours(document):
    document["credentialSubject"]["achievement"]["creditsAvailable"] = 15


def _set_valid_from(document):
    document["validFrom"] = "2024-03-01T09:30:00Z"


def _set_issuer(document):
    document["issuer"]["id"] = "did:web:attacker.example"


def _add_field(document):
    document["validUntil"] = "2030-01-01T00:00:00Z"


def _drop_field(document):
    del document["credentialSubject"]["achievement"]["creditsAvailable"]


def _reorder_context(document):
    document["@context"].reverse()


def _set_proof_created(document):
    document["proof"]["created"] = "2025-03-02T09:30:00Z"


@pytest.mark.parametrize(
    "tamper",
    [
        _set_name,
        _set_cpd_hours,
        _set_valid_from,
        _set_issuer,
        _add_field,
        _drop_field,
        _set_proof_created,
    ],
)
def test_any_change_after_signing_breaks_the_signature(tamper):
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    tamper(signed)

    check = verify_proof(signed, our_key)

    assert check == ProofCheck(False, "signature does not match", (METHOD,))


def test_a_reordered_context_no_longer_starts_with_the_proofs():
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    _reorder_context(signed)

    assert verify_proof(signed, our_key).reason == "the document's @context does not start with the proof's @context"


def test_changing_the_proofs_own_context_breaks_the_signature():
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    signed["proof"]["@context"] = signed["proof"]["@context"][:1]

    assert verify_proof(signed, our_key).reason == "signature does not match"


def test_cpd_hours_written_as_a_string_are_a_change_too():
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    signed["credentialSubject"]["achievement"]["creditsAvailable"] = "1.5"

    assert verify_proof(signed, our_key).reason == "signature does not match"


def test_a_document_signed_with_another_key_does_not_verify():
    signed = add_proof(certificate_document(), OTHER_KEY, METHOD, SIGNED_AT)

    assert verify_proof(signed, our_key) == ProofCheck(False, "signature does not match", (METHOD,))


def test_a_verification_method_the_resolver_does_not_know_is_named_in_the_check():
    signed = add_proof(certificate_document(), KEY, "did:web:elsewhere.example#key-1", SIGNED_AT)

    check = verify_proof(signed, our_key)

    assert check == ProofCheck(False, "unknown verification method", ("did:web:elsewhere.example#key-1",))


def test_a_resolver_answer_that_is_not_an_ed25519_key_counts_as_unknown():
    signed = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)

    assert verify_proof(signed, lambda method: b"short").reason == "unknown verification method"


# ------------------------------------------------------------------------------------------- malformed input


BAD_PROOF_VALUE = "the proof value is not a multibase base58btc Ed25519 signature"


def _signed_with(**proof_changes) -> dict:
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    for name, value in proof_changes.items():
        if value is None:
            del signed["proof"][name]
        else:
            signed["proof"][name] = value
    return signed


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (certificate_document(), "no proof"),
        ({**certificate_document(), "proof": []}, "no proof"),
        (["not", "an", "object"], "the document is not a JSON object"),
        ("a string", "the document is not a JSON object"),
        (None, "the document is not a JSON object"),
        ({**certificate_document(), "proof": "zabc"}, "the proof is not a JSON object"),
        (_signed_with(cryptosuite="ecdsa-rdfc-2019"), "unsupported cryptosuite (only eddsa-jcs-2022 is accepted)"),
        (_signed_with(cryptosuite=None), "unsupported cryptosuite (only eddsa-jcs-2022 is accepted)"),
        (_signed_with(type="Ed25519Signature2020"), "unsupported proof type (only DataIntegrityProof is accepted)"),
        (_signed_with(proofPurpose="authentication"), "the proof purpose is not assertionMethod"),
        (_signed_with(verificationMethod=None), "the proof names no verification method"),
        (_signed_with(verificationMethod={"id": METHOD}), "the proof names no verification method"),
        (_signed_with(created="yesterday"), "the proof's creation time is not a valid date and time"),
        (_signed_with(proofValue="z0OIl"), BAD_PROOF_VALUE),
        (_signed_with(proofValue="u" + "A" * 86), BAD_PROOF_VALUE),
        (_signed_with(proofValue="z3vQB7B6MrGQZaxCuFg4oh"), BAD_PROOF_VALUE),
        (_signed_with(proofValue=12345), BAD_PROOF_VALUE),
        (_signed_with(proofValue=None), BAD_PROOF_VALUE),
    ],
)
def test_malformed_input_gives_a_reason_instead_of_an_error(document, reason):
    check = verify_proof(document, our_key)

    assert not check.verified
    assert check.reason == reason


# ------------------------------------------------------------------------------------------- proof sets


def test_a_proof_set_of_one_is_a_list_holding_the_same_proof():
    single = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)
    as_set = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT, proof_set=True)

    assert as_set["proof"] == [single["proof"]]
    assert verify_proof(transported(as_set), our_key) == ProofCheck(True, "", (METHOD,))


def test_every_proof_of_a_set_is_checked_and_all_must_verify():
    first = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)["proof"]
    second = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT + timedelta(days=1))["proof"]
    both = transported({**certificate_document(), "proof": [first, second]})

    assert verify_proof(both, our_key) == ProofCheck(True, "", (METHOD, METHOD))

    both["proof"][1]["created"] = "2025-03-05T00:00:00Z"
    assert verify_proof(both, our_key) == ProofCheck(False, "signature does not match", (METHOD, METHOD))


def test_a_set_with_a_proof_by_an_unknown_method_fails_even_if_another_verifies():
    ours = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)["proof"]
    theirs = add_proof(certificate_document(), OTHER_KEY, "did:web:elsewhere.example#key-1", SIGNED_AT)["proof"]

    check = verify_proof({**certificate_document(), "proof": [ours, theirs]}, our_key)

    assert check.reason == "unknown verification method"


def test_more_proofs_than_the_limit_are_refused_before_any_work():
    proof = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)["proof"]

    check = verify_proof({**certificate_document(), "proof": [proof] * 5}, our_key)

    assert check == ProofCheck(False, "more than 4 proofs are not accepted", ())


def test_a_proof_chain_is_refused_plainly():
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT, proof_set=True))
    signed["proof"][0]["previousProof"] = "urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544"

    assert verify_proof(signed, our_key).reason == "proof chains (previousProof) are not supported"


# ------------------------------------------------------------------------------------------- older format


def legacy_signed(document: dict, key: IssuerKey = KEY) -> dict:
    """Signed as this platform did before issue 14: the document's @context hashed into the proof configuration,
    yet not written into the proof. Built here by hand, from the description, not with the module's code."""
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2025-03-01T09:30:00Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
    }
    config = {**options, "@context": document["@context"]}
    hash_data = hashlib.sha256(rfc8785.dumps(config)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()
    proof_value = "z" + base58.b58encode(key.sign(hash_data)).decode()
    return transported({**document, "proof": {**options, "proofValue": proof_value}})


def test_an_older_format_proof_fails_the_standard_check_as_other_verifiers_find():
    assert verify_proof(legacy_signed(certificate_document()), our_key).reason == "signature does not match"


def test_an_older_format_proof_verifies_under_the_older_reading():
    assert verify_legacy_proof(legacy_signed(certificate_document()), our_key) == ProofCheck(True, "", (METHOD,))


def test_the_older_reading_still_detects_tampering_and_other_keys():
    tampered = legacy_signed(certificate_document())
    tampered["name"] = "Advanced research ethics"
    foreign = legacy_signed(certificate_document(), OTHER_KEY)

    assert verify_legacy_proof(tampered, our_key).reason == "signature does not match"
    assert verify_legacy_proof(foreign, our_key).reason == "signature does not match"


@pytest.mark.parametrize("shape", ["current", "set", "no document context"])
def test_the_older_reading_applies_only_to_the_older_shape(shape):
    if shape == "current":
        document = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    elif shape == "set":
        document = legacy_signed(certificate_document())
        document["proof"] = [document["proof"]]
    else:
        document = legacy_signed(certificate_document())
        del document["@context"]

    check = verify_legacy_proof(document, our_key)

    assert check.reason == "the proof is not in the older format (one proof object without @context)"


def test_a_standard_proof_without_context_still_verifies():
    # Implementations that skip "Create Proof" step 2 hash no @context; the spec verifies them as they are.
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2025-03-01T09:30:00Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
    }
    document = certificate_document()
    hash_data = hashlib.sha256(rfc8785.dumps(options)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()
    signed = {**document, "proof": {**options, "proofValue": "z" + base58.b58encode(KEY.sign(hash_data)).decode()}}

    assert verify_proof(signed, our_key).verified


def test_a_document_json_cannot_express_exactly_is_refused_not_raised():
    signed = transported(add_proof(certificate_document(), KEY, METHOD, SIGNED_AT))
    signed["credentialSubject"]["achievement"]["creditsAvailable"] = 2**60

    assert verify_proof(signed, our_key).reason == "the document cannot be canonicalized with JCS"


# ------------------------------------------------------------------------------------------- refusals to sign


def test_a_document_that_already_has_a_proof_is_not_signed_again():
    signed = add_proof(certificate_document(), KEY, METHOD, SIGNED_AT)

    with pytest.raises(ProofError, match="already has a proof"):
        add_proof(signed, KEY, METHOD, SIGNED_AT)


@pytest.mark.parametrize("created", [datetime(2025, 3, 1, 9, 30), "2025-03-01T09:30:00Z", None])
def test_a_creation_time_that_is_not_an_aware_datetime_is_refused(created):
    with pytest.raises(ProofError, match="time zone"):
        add_proof(certificate_document(), KEY, METHOD, created)


@pytest.mark.parametrize(
    ("document", "method", "message"),
    [
        (["a", "list"], METHOD, "JSON object"),
        (certificate_document(), "", "verification method"),
        ({"value": 2**60}, METHOD, "canonicalized"),
    ],
)
def test_other_unsignable_requests_are_refused_with_a_reason(document, method, message):
    with pytest.raises(ProofError, match=message):
        add_proof(document, KEY, method, SIGNED_AT)
