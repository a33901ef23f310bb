"""The OpenBadgeCredential an issued certificate becomes, and the check behind the verification API."""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import base58
import pytest
import rfc8785

from certificates.credentials.data_integrity import add_proof
from certificates.credentials.did_web import (
    did_document,
    did_for_host,
    public_key_in_did_document,
    verification_method_id,
)
from certificates.credentials.issuer_key import IssuerKey
from certificates.credentials.open_badges import (
    AchievementClaim,
    CredentialCheck,
    InvalidClaim,
    build_credential,
    check_credential,
    recipient_identity_hash,
    sign_credential,
)
from certificates.credentials.status_list import Bitstring, status_list_credential

KEY = IssuerKey.from_setting("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
STRANGER_KEY = IssuerKey.from_setting("HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA")
DID = did_for_host("lms.example.org:8443")
METHOD = verification_method_id(DID)
LIST_URL = "https://lms.example.org:8443/certificates/status/1"
ISSUED_AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
SOON_AFTER = ISSUED_AT + timedelta(days=30)


def make_claim(**changes) -> AchievementClaim:
    claim = AchievementClaim(
        credential_url="https://lms.example.org:8443/certificates/K7Q2-9XZ4/credential.json",
        issuer_id=DID,
        issuer_name="Veterinary Science Members' College",
        issuer_url="https://lms.example.org:8443/",
        recipient_name="Ada Lovelace",
        recipient_email="ada@example.org",
        identity_salt="f3b1c0de",
        achievement_id="https://lms.example.org:8443/learn/research-ethics-essentials/",
        achievement_name="Research ethics essentials",
        achievement_description="Consent, data protection and animal welfare in clinical research.",
        achievement_kind="ethics_module",
        criteria_narrative="Complete every lesson and pass the final quiz.",
        cpd_hours=Decimal("1.5"),
        cpd_credit_type="Ethics / responsible conduct of research",
        issued_at=ISSUED_AT,
        expires_at=None,
        status_list_url=LIST_URL,
        status_list_index=94_567,
        verification_url="https://lms.example.org:8443/certificates/K7Q2-9XZ4/",
        language="en",
    )
    return replace(claim, **changes)


def issue(claim: AchievementClaim, key: IssuerKey = KEY, method: str = METHOD) -> dict:
    """Sign the claim's credential and hand it over as JSON text, as the API would."""
    return json.loads(json.dumps(sign_credential(build_credential(claim), key, method, claim.issued_at)))


def issue_in_older_format(claim: AchievementClaim, key: IssuerKey = KEY) -> dict:
    """A credential as this platform signed it before issue 14 (what a holder may have saved): one proof object
    without @context, the document's @context hashed into the proof configuration. Built by hand here."""
    document = build_credential(claim)
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
    return json.loads(json.dumps({**document, "proof": {**options, "proofValue": proof_value}}))


def publish_status_list(revoked=(), *, key: IssuerKey = KEY, url: str = LIST_URL, **changes) -> dict:
    bits = Bitstring()
    for index in revoked:
        bits.set(index)
    issuer = {"id": DID, "type": ["Profile"], "name": "Veterinary Science Members' College"}
    unsigned = status_list_credential(url, issuer, bits, ISSUED_AT)
    unsigned.update(changes)
    return json.loads(json.dumps(add_proof(unsigned, key, METHOD, ISSUED_AT)))


# A verifier's view of the issuer: the DID document fetched from /.well-known/did.json.
PUBLISHED_DID_DOCUMENT = json.loads(json.dumps(did_document(DID, KEY.public_multikey)))


def resolve(method: str) -> bytes | None:
    return public_key_in_did_document(PUBLISHED_DID_DOCUMENT, method)


def check(credential, status_list=None, now=SOON_AFTER) -> CredentialCheck:
    published = {LIST_URL: publish_status_list() if status_list is None else status_list}
    return check_credential(credential, resolve, published.get, now)


# ------------------------------------------------------------------------------------------- building


def test_the_credential_is_an_open_badge_with_the_achievement_and_its_cpd_hours():
    credential = build_credential(make_claim())

    assert credential == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://lms.example.org:8443/certificates/K7Q2-9XZ4/credential.json",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Research ethics essentials",
        "issuer": {
            "id": "did:web:lms.example.org%3A8443",
            "type": ["Profile"],
            "name": "Veterinary Science Members' College",
            "url": "https://lms.example.org:8443/",
        },
        "validFrom": "2025-03-01T09:30:00Z",
        "awardedDate": "2025-03-01T09:30:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": recipient_identity_hash("ada@example.org", "f3b1c0de"),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": "f3b1c0de",
                }
            ],
            "name": "Ada Lovelace",
            "achievement": {
                "id": "https://lms.example.org:8443/learn/research-ethics-essentials/",
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": "Research ethics essentials",
                "description": "Consent, data protection and animal welfare in clinical research.",
                "criteria": {"narrative": "Complete every lesson and pass the final quiz."},
                "creditsAvailable": 1.5,
                "tag": ["Ethics / responsible conduct of research"],
                "inLanguage": "en",
            },
            "creditsEarned": 1.5,
        },
        "credentialStatus": {
            "id": "https://lms.example.org:8443/certificates/status/1#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": LIST_URL,
        },
        "evidence": [{"id": "https://lms.example.org:8443/certificates/K7Q2-9XZ4/", "type": ["Evidence"]}],
    }


def test_the_recipient_hash_follows_the_open_badges_example():
    # OB 3.0 IdentityHash: 'a@example.com' salted with 'Kosher' hashes to this value.
    expected = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"

    assert recipient_identity_hash("a@example.com", "Kosher") == expected
    assert recipient_identity_hash("  A@Example.COM ", "Kosher") == expected
    assert recipient_identity_hash("a@example.com", "other salt") != expected


def test_the_credential_never_carries_the_email_address():
    assert "ada@example.org" not in json.dumps(build_credential(make_claim()))


@pytest.mark.parametrize(
    ("kind", "achievement_type"),
    [
        ("course", "Course"),
        ("ethics_module", "Course"),
        ("workshop", "CertificateOfCompletion"),
        ("webinar", "CertificateOfCompletion"),
    ],
)
def test_the_achievement_type_comes_from_the_open_badges_vocabulary(kind, achievement_type):
    credential = build_credential(make_claim(achievement_kind=kind))

    assert credential["credentialSubject"]["achievement"]["achievementType"] == achievement_type


@pytest.mark.parametrize(("hours", "number"), [(Decimal("2"), 2), (Decimal("2.00"), 2), (Decimal("0.25"), 0.25)])
def test_cpd_hours_are_a_json_number(hours, number):
    credential = build_credential(make_claim(cpd_hours=hours))
    text = json.dumps(credential)

    assert json.loads(text)["credentialSubject"]["achievement"]["creditsAvailable"] == number
    assert type(credential["credentialSubject"]["achievement"]["creditsAvailable"]) is type(number)


def test_an_expiry_becomes_valid_until():
    credential = build_credential(make_claim(expires_at=ISSUED_AT + timedelta(days=365 * 3)))

    assert credential["validUntil"] == "2028-02-29T09:30:00Z"
    assert "validUntil" not in build_credential(make_claim())


def test_a_recipient_without_a_name_is_identified_by_the_hash_alone():
    subject = build_credential(make_claim(recipient_name="  "))["credentialSubject"]

    assert "name" not in subject
    assert subject["identifier"][0]["identityHash"].startswith("sha256$")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"credential_url": ""}, "credential_url"),
        ({"achievement_name": "   "}, "achievement_name"),
        ({"recipient_email": None}, "recipient_email"),
        ({"issuer_id": "https://lms.example.org"}, "DID"),
        ({"achievement_kind": "podcast"},
         "achievement_kind must be one of course, cpd_cycle, ethics_module, programme, webinar, workshop"),
        ({"cpd_hours": 1.5}, "finite Decimal"),
        ({"cpd_hours": Decimal("NaN")}, "finite Decimal"),
        ({"cpd_hours": Decimal("-1")}, "between 0 and"),
        ({"cpd_hours": Decimal("1e30")}, "between 0 and"),
        ({"issued_at": datetime(2025, 3, 1, 9, 30)}, "issued_at must be an aware datetime"),
        ({"expires_at": ISSUED_AT - timedelta(days=1)}, "expires_at"),
        ({"expires_at": datetime(2030, 1, 1)}, "expires_at"),
        ({"status_list_index": -1}, "negative"),
        ({"status_list_index": True}, "whole number"),
        ({"status_list_index": "7"}, "whole number"),
        ({"language": "english please"}, "BCP 47"),
        ({"recipient_name": None}, "recipient_name"),
    ],
)
def test_a_claim_that_cannot_become_a_credential_is_refused_with_a_reason(changes, message):
    with pytest.raises(InvalidClaim, match=message):
        make_claim(**changes)


# ------------------------------------------------------------------------------------------- checking


def test_an_issued_credential_checks_out():
    result = check(issue(make_claim()))

    assert result == CredentialCheck(signature_valid=True, revoked=False, expired=False, problems=())
    assert result.valid
    assert not result.legacy_format


def test_an_issued_credential_carries_a_list_of_one_proof_with_the_documents_context():
    credential = issue(make_claim())

    (proof,) = credential["proof"]
    assert isinstance(credential["proof"], list)
    assert proof["@context"] == credential["@context"]
    assert proof["verificationMethod"] == METHOD
    assert proof["cryptosuite"] == "eddsa-jcs-2022"


def test_a_credential_whose_proof_is_one_object_checks_out_too():
    credential = issue(make_claim())
    credential["proof"] = credential["proof"][0]

    assert check(credential).valid


def test_every_proof_of_a_set_must_be_the_issuers():
    credential = issue(make_claim())
    foreign = issue(make_claim(), key=STRANGER_KEY, method="did:web:stranger.example#key-1")["proof"][0]
    credential["proof"].append(foreign)

    def trust_both(method: str) -> bytes | None:
        return STRANGER_KEY.public_key_bytes if method.startswith("did:web:stranger") else resolve(method)

    result = check_credential(credential, trust_both, {LIST_URL: publish_status_list()}.get, SOON_AFTER)

    assert not result.signature_valid
    assert result.problems == ("the credential is signed with a key that does not belong to its issuer",)


# ------------------------------------------------------------------------------------------- older format


def test_a_credential_saved_in_the_older_format_is_still_accepted_and_says_so():
    result = check(issue_in_older_format(make_claim()))

    assert result.valid
    assert result.legacy_format
    assert result.problems == ()


def test_an_older_format_credential_that_was_changed_is_refused():
    credential = issue_in_older_format(make_claim())
    credential["credentialSubject"]["name"] = "Someone Else"

    result = check(credential)

    assert not result.signature_valid
    assert not result.legacy_format
    assert result.problems == ("signature does not match",)


def test_an_older_format_credential_by_another_key_is_refused():
    result = check(issue_in_older_format(make_claim(), key=STRANGER_KEY))

    assert not result.signature_valid
    assert not result.legacy_format


def test_the_older_reading_is_not_tried_on_a_proof_set():
    credential = issue_in_older_format(make_claim())
    credential["proof"] = [credential["proof"]]

    result = check(credential)

    assert not result.signature_valid
    assert not result.legacy_format


def test_an_older_format_credential_is_still_checked_for_revocation_and_expiry():
    credential = issue_in_older_format(make_claim(expires_at=ISSUED_AT + timedelta(days=10)))

    revoked = check(credential, status_list=publish_status_list(revoked={94_567}), now=ISSUED_AT)
    expired = check(credential, now=ISSUED_AT + timedelta(days=11))

    assert revoked.revoked is True and not revoked.valid and revoked.legacy_format
    assert expired.expired and not expired.valid


def test_a_status_list_in_the_older_format_is_not_accepted():
    # The status list is always fetched fresh from the issuer, never kept by a holder: no exception for it.
    bits = Bitstring()
    issuer = {"id": DID, "type": ["Profile"], "name": "Veterinary Science Members' College"}
    unsigned = status_list_credential(LIST_URL, issuer, bits, ISSUED_AT)
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2025-03-01T09:30:00Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
    }
    config = {**options, "@context": unsigned["@context"]}
    hash_data = hashlib.sha256(rfc8785.dumps(config)).digest() + hashlib.sha256(rfc8785.dumps(unsigned)).digest()
    old_list = {**unsigned, "proof": {**options, "proofValue": "z" + base58.b58encode(KEY.sign(hash_data)).decode()}}

    result = check(issue(make_claim()), status_list=old_list)

    assert result.revoked is None
    assert result.problems == ("the status list's signature could not be verified",)


def test_a_revoked_credential_is_reported_revoked():
    result = check(issue(make_claim()), status_list=publish_status_list(revoked={94_567}))

    assert result.signature_valid
    assert result.revoked is True
    assert not result.valid
    assert result.problems == ("the credential has been revoked",)


def test_revoking_another_credential_leaves_this_one_valid():
    result = check(issue(make_claim()), status_list=publish_status_list(revoked={94_566, 94_568}))

    assert result.valid


def test_an_expired_credential_is_reported_expired():
    credential = issue(make_claim(expires_at=ISSUED_AT + timedelta(days=365)))

    before = check(credential, now=ISSUED_AT + timedelta(days=364))
    after = check(credential, now=ISSUED_AT + timedelta(days=365))

    assert before.valid and not before.expired
    assert after.expired and not after.valid
    assert after.problems == ("the credential has expired",)


def test_a_credential_checked_before_it_was_issued_is_not_valid_yet():
    result = check(issue(make_claim()), now=ISSUED_AT - timedelta(minutes=1))

    assert not result.valid
    assert result.problems == ("the credential is not valid yet",)


def test_a_tampered_credential_fails_its_signature_but_its_status_is_still_read():
    credential = issue(make_claim())
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = 15

    result = check(credential)

    assert not result.signature_valid
    assert not result.legacy_format
    assert result.revoked is False
    assert result.problems == ("signature does not match",)
    assert not result.valid


def test_a_credential_signed_by_a_stranger_names_the_unknown_method():
    result = check(issue(make_claim(), key=STRANGER_KEY, method="did:web:stranger.example#key-1"))

    assert not result.signature_valid
    assert result.problems == ("unknown verification method",)


def test_a_trusted_key_cannot_vouch_for_another_issuer():
    credential = issue(make_claim(issuer_id="did:web:another-college.example"))

    result = check(credential)

    assert not result.signature_valid
    assert "the credential is signed with a key that does not belong to its issuer" in result.problems


def test_an_unreachable_status_list_leaves_revocation_unknown():
    result = check_credential(issue(make_claim()), resolve, lambda url: None, SOON_AFTER)

    assert result.signature_valid
    assert result.revoked is None
    assert not result.valid
    assert result.problems == ("the status list could not be fetched",)


def test_a_status_list_edited_after_signing_is_refused():
    status_list = publish_status_list(revoked={94_567})
    status_list["credentialSubject"]["encodedList"] = Bitstring().encode()  # someone "un-revokes" it

    result = check(issue(make_claim()), status_list=status_list)

    assert result.revoked is None
    assert result.problems == ("the status list's signature could not be verified",)


def test_a_status_list_signed_by_an_unknown_key_is_refused():
    result = check(issue(make_claim()), status_list=publish_status_list(key=STRANGER_KEY))

    assert result.revoked is None
    assert result.problems == ("the status list's signature could not be verified",)


def test_a_genuine_status_list_published_for_another_url_is_refused():
    other = publish_status_list(url="https://lms.example.org:8443/certificates/status/2")

    result = check(issue(make_claim()), status_list=other)

    assert result.revoked is None
    assert result.problems == ("the status list is not the one the credential points to",)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"type": ["VerifiableCredential"]}, "the status list is not a BitstringStatusListCredential"),
        ({"validUntil": "2025-03-15T00:00:00Z"}, "the status list is out of date"),
        ({"validUntil": "soon"}, "the status list is out of date"),
        (
            {"credentialSubject": {"type": "BitstringStatusList", "statusPurpose": "suspension", "encodedList": "u"}},
            "the status list is not a revocation list",
        ),
        (
            {"credentialSubject": {"type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": "u!"}},
            "the status list cannot be decoded",
        ),
    ],
)
def test_a_signed_status_list_that_cannot_answer_is_refused_with_a_reason(changes, problem):
    result = check(issue(make_claim()), status_list=publish_status_list(**changes))

    assert result.revoked is None
    assert result.problems == (problem,)


def test_a_status_list_index_beyond_the_list_is_reported():
    result = check(issue(make_claim(status_list_index=200_000)))

    assert result.revoked is None
    assert result.problems == ("the credential's status list index is outside the status list",)


def test_the_revocation_entry_is_found_among_several():
    credential = build_credential(make_claim())
    credential["credentialStatus"] = [
        {**credential["credentialStatus"], "statusPurpose": "suspension", "statusListIndex": "1"},
        credential["credentialStatus"],
    ]
    signed = add_proof(credential, KEY, METHOD, ISSUED_AT)

    assert check(signed, status_list=publish_status_list(revoked={94_567})).revoked is True
    assert check(signed, status_list=publish_status_list(revoked={1})).valid


def _with(**changes) -> dict:
    credential = build_credential(make_claim())
    for name, value in changes.items():
        credential[name] = value
    return add_proof(credential, KEY, METHOD, ISSUED_AT)


def _with_status(**changes) -> dict:
    credential = build_credential(make_claim())
    credential["credentialStatus"].update(changes)
    return add_proof(credential, KEY, METHOD, ISSUED_AT)


@pytest.mark.parametrize(
    ("credential", "problem"),
    [
        ("not a credential", "the credential is not a JSON object"),
        ([1, 2, 3], "the credential is not a JSON object"),
        ({}, "no proof"),
        (_with(type=["VerifiableCredential"]), "the credential is not an OpenBadgeCredential"),
        (_with(validFrom="last Tuesday"), "the credential has no valid validFrom date"),
        (_with(validFrom="2025-03-01T09:30:00"), "the credential has no valid validFrom date"),
        (_with(validUntil=20300101), "the credential's validUntil is not a valid date and time"),
        (_with(credentialStatus="revoked"), "the credential has no revocation status entry"),
        (_with(credentialStatus=[None, 3]), "the credential has no revocation status entry"),
        (_with_status(statusListIndex=94_567), "the credential's status list index is not a whole number"),
        (_with_status(statusListIndex="-1"), "the credential's status list index is not a whole number"),
        (_with_status(statusListIndex="1e3"), "the credential's status list index is not a whole number"),
        (_with_status(statusListIndex="٣"), "the credential's status list index is not a whole number"),
        (_with_status(statusListCredential=None), "the credential's status entry names no status list"),
    ],
)
def test_malformed_credentials_give_problems_not_errors(credential, problem):
    result = check(credential)

    assert not result.valid
    assert problem in result.problems


def test_a_status_list_fetch_that_returns_something_odd_is_treated_as_unavailable():
    result = check_credential(issue(make_claim()), resolve, lambda url: ["not", "a", "list"], SOON_AFTER)

    assert result.problems == ("the status list could not be fetched",)


def test_checking_does_not_change_the_credential():
    credential = issue(make_claim())
    before = copy.deepcopy(credential)

    check(credential)

    assert credential == before


def test_the_check_needs_an_aware_now():
    with pytest.raises(ValueError, match="aware"):
        check(issue(make_claim()), now=datetime(2025, 4, 1))
