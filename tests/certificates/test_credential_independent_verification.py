"""An issued credential verified by an independent implementation, written here from the specifications.

Nothing below uses the signing code's libraries: JSON is canonicalized with the `jcs` package (the signer uses
`rfc8785`), Ed25519 is checked with PyNaCl (the signer uses `cryptography`), base58 is decoded by the small
decoder in this file (the signer uses `base58`), and the status bit is read with the standard library. The
verifier follows the W3C Recommendation's "Verify Proof (eddsa-jcs-2022)" literally: the proof configuration is
the proof as published, minus its value (so its `@context` is whatever the proof carries, nothing added). It is
first shown to accept the W3C published eddsa-jcs-2022 vectors and to reject a proof that hashed a `@context`
it does not carry (this platform's reading before issue 14), so a pass means something.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import unquote

import jcs
import pytest
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from certificates.credentials.data_integrity import add_proof
from certificates.credentials.did_web import did_document, did_for_host, verification_method_id
from certificates.credentials.issuer_key import IssuerKey
from certificates.credentials.open_badges import AchievementClaim, build_credential, sign_credential
from certificates.credentials.status_list import Bitstring, status_list_credential

from .w3c_vectors import W3C_PUBLIC_MULTIKEY, W3C_REPO_SIGNED, W3C_SEED_SETTING, W3C_SIGNED, W3C_UNSIGNED

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58_decode(text: str) -> bytes:
    """Base58btc (Bitcoin alphabet): a big-endian base-58 number; each leading '1' is a zero byte."""
    number = 0
    for character in text:
        number = number * 58 + BASE58_ALPHABET.index(character)  # ValueError outside the alphabet
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    zero_bytes = len(text) - len(text.lstrip("1"))
    return b"\x00" * zero_bytes + body


def multikey_public_key(multikey: str) -> bytes:
    """Multikey: 'z' (multibase base58btc) + multicodec ed25519-pub (0xed 0x01) + 32 key bytes."""
    assert multikey.startswith("z")
    decoded = base58_decode(multikey[1:])
    assert decoded[:2] == b"\xed\x01" and len(decoded) == 34
    return decoded[2:]


def did_web_url(did: str) -> str:
    """did:web method: drop the prefix, ':' becomes '/', percent-decode, https, then /.well-known/did.json."""
    assert did.startswith("did:web:")
    location = unquote(did[len("did:web:") :].replace(":", "/"))
    return f"https://{location}/.well-known/did.json"


def proofs_of(secured: dict) -> list[dict]:
    """VC Data Integrity: `proof` is one proof or a set of them (a list); each is verified on its own."""
    proof = secured["proof"]
    return proof if isinstance(proof, list) else [proof]


def all_proofs_verified(secured: dict, public_key: bytes) -> bool:
    proofs = proofs_of(secured)
    return bool(proofs) and all(eddsa_jcs_2022_verified(secured, public_key, proof) for proof in proofs)


def eddsa_jcs_2022_verified(secured: dict, public_key: bytes, proof: dict | None = None) -> bool:
    """vc-di-eddsa "Verify Proof (eddsa-jcs-2022)", step by step, for one proof (the document's only one by
    default)."""
    proof = secured["proof"] if proof is None else proof
    # 1, 2: the unsecured document is the document without `proof`; the options are the proof without its value.
    unsecured = {name: value for name, value in secured.items() if name != "proof"}
    proof_options = {name: value for name, value in proof.items() if name != "proofValue"}
    proof_value = proof["proofValue"]
    assert proof_options["type"] == "DataIntegrityProof"
    assert proof_options["cryptosuite"] == "eddsa-jcs-2022"
    # 3: the signature bytes, multibase base58btc.
    assert proof_value.startswith("z")
    proof_bytes = base58_decode(proof_value[1:])
    # 4: a proof @context must begin the document's @context, and replaces it in the unsecured document.
    if "@context" in proof_options:
        document_context = secured["@context"]
        if document_context[: len(proof_options["@context"])] != proof_options["@context"]:
            return False
        unsecured["@context"] = proof_options["@context"]
    # 6 (Proof Configuration): a clone of the proof options, as they are.
    proof_config = dict(proof_options)
    # 7 (Hashing): SHA-256 of the canonical proof configuration, then SHA-256 of the canonical document.
    proof_config_hash = hashlib.sha256(jcs.canonicalize(proof_config)).digest()
    document_hash = hashlib.sha256(jcs.canonicalize(unsecured)).digest()
    hash_data = proof_config_hash + document_hash
    try:
        VerifyKey(public_key).verify(hash_data, proof_bytes)
    except BadSignatureError:
        return False
    return True


def status_bit(status_list: dict, index: int) -> int:
    """Bitstring Status List: 'u' + base64url(GZIP(bits)); index 0 is the left-most bit of the first byte."""
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    text = encoded[1:]
    bitstring = gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    assert len(bitstring) * 8 >= 131_072
    return (bitstring[index // 8] >> (7 - index % 8)) & 1


class Web:
    """What the verifier can fetch: JSON text by URL, as the site serves it."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def publish(self, url: str, document: dict) -> None:
        self.pages[url] = json.dumps(document)

    def fetch(self, url: str) -> dict:
        return json.loads(self.pages[url])


def verify_independently(credential_text: str, web: Web) -> dict:
    """What an outside verifier does with a credential it was handed: issuer key, proof, status."""
    credential = json.loads(credential_text)
    issuer_did = credential["issuer"]["id"]
    (proof,) = proofs_of(credential)  # the platform issues one proof
    method_id = proof["verificationMethod"]
    assert method_id.split("#")[0] == issuer_did
    did_doc = web.fetch(did_web_url(issuer_did))
    assert method_id in did_doc["assertionMethod"]
    (method,) = [method for method in did_doc["verificationMethod"] if method["id"] == method_id]
    public_key = multikey_public_key(method["publicKeyMultibase"])

    status = credential["credentialStatus"]
    status_list = web.fetch(status["statusListCredential"])
    assert status_list["credentialSubject"]["statusPurpose"] == status["statusPurpose"] == "revocation"
    return {
        "signature": all_proofs_verified(credential, public_key),
        "status_list_signature": all_proofs_verified(status_list, public_key),
        "revoked": status_bit(status_list, int(status["statusListIndex"])) == 1,
    }


# ------------------------------------------------------------------------------------------- the verifier itself


def test_the_independent_verifier_accepts_the_published_w3c_test_vector():
    assert eddsa_jcs_2022_verified(W3C_SIGNED, multikey_public_key(W3C_PUBLIC_MULTIKEY))
    assert eddsa_jcs_2022_verified(W3C_REPO_SIGNED, multikey_public_key(W3C_PUBLIC_MULTIKEY))


def test_the_independent_verifier_rejects_a_context_hashed_but_not_published():
    # The W3C vector signed the way this platform did before issue 14: same proof options, the document's
    # @context hashed into the configuration, but the published proof without it. A spec reader rejects it.
    key = IssuerKey.from_setting(W3C_SEED_SETTING)
    options = {name: value for name, value in W3C_SIGNED["proof"].items() if name not in ("@context", "proofValue")}
    config = {**options, "@context": W3C_UNSIGNED["@context"]}
    hash_data = (
        hashlib.sha256(jcs.canonicalize(config)).digest() + hashlib.sha256(jcs.canonicalize(W3C_UNSIGNED)).digest()
    )
    old_style = {**W3C_UNSIGNED, "proof": {**options, "proofValue": "z" + _base58_encode(key.sign(hash_data))}}

    assert not eddsa_jcs_2022_verified(old_style, multikey_public_key(W3C_PUBLIC_MULTIKEY))


def _base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, remainder = divmod(number, 58)
        text = BASE58_ALPHABET[remainder] + text
    return "1" * (len(data) - len(data.lstrip(b"\x00"))) + text


def test_the_independent_verifier_rejects_the_w3c_vector_once_changed():
    tampered = copy.deepcopy(W3C_SIGNED)
    tampered["validFrom"] = "2024-01-01T00:00:00Z"

    assert not eddsa_jcs_2022_verified(tampered, multikey_public_key(W3C_PUBLIC_MULTIKEY))


def test_the_independent_base58_decoder_agrees_with_known_values():
    assert base58_decode("") == b""
    assert base58_decode("1") == b"\x00"
    assert base58_decode("11z") == b"\x00\x00\x39"
    assert base58_decode("2NEpo7TZRRrLZSi2U") == b"Hello World!"
    with pytest.raises(ValueError):
        base58_decode("0OIl")


# ------------------------------------------------------------------------------------------- our credentials

KEY = IssuerKey.from_setting(IssuerKey.generate_setting_value())
HOST = "lms.example.org:8443"
DID = did_for_host(HOST)
METHOD = verification_method_id(DID)
LIST_URL = f"https://{HOST}/certificates/status/1"
ISSUED_AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def issued_certificate(index: int = 4_321) -> dict:
    claim = AchievementClaim(
        credential_url=f"https://{HOST}/certificates/K7Q2-9XZ4/credential.json",
        issuer_id=DID,
        issuer_name="Veterinary Science Members' College",
        issuer_url=f"https://{HOST}/",
        recipient_name="José Núñez",
        recipient_email="jose@example.org",
        identity_salt="9a7c",
        achievement_id=f"https://{HOST}/events/suturing-workshop/",
        achievement_name="Taller de suturas",
        achievement_description="Técnicas de sutura en pequeños animales — práctica guiada.",
        achievement_kind="workshop",
        criteria_narrative="Asistencia completa a la sesión presencial.",
        cpd_hours=Decimal("3.5"),
        cpd_credit_type="Clinical skills",
        issued_at=ISSUED_AT,
        expires_at=None,
        status_list_url=LIST_URL,
        status_list_index=index,
        verification_url=f"https://{HOST}/certificates/K7Q2-9XZ4/",
        language="es",
    )
    return sign_credential(build_credential(claim), KEY, METHOD, ISSUED_AT)


def site(revoked: set[int] = frozenset()) -> Web:
    """The issuer's site as a verifier sees it: the DID document and the signed status list."""
    web = Web()
    web.publish(f"https://{HOST}/.well-known/did.json", did_document(DID, KEY.public_multikey))
    bits = Bitstring()
    for index in revoked:
        bits.set(index)
    issuer = {"id": DID, "type": ["Profile"], "name": "Veterinary Science Members' College"}
    web.publish(LIST_URL, add_proof(status_list_credential(LIST_URL, issuer, bits, ISSUED_AT), KEY, METHOD, ISSUED_AT))
    return web


def test_an_issued_credential_verifies_with_an_independent_implementation():
    credential_text = json.dumps(issued_certificate(), ensure_ascii=False)

    result = verify_independently(credential_text, site())

    assert result == {"signature": True, "status_list_signature": True, "revoked": False}


def test_the_independent_implementation_sees_a_revocation():
    credential_text = json.dumps(issued_certificate(index=4_321))

    result = verify_independently(credential_text, site(revoked={4_321}))

    assert result == {"signature": True, "status_list_signature": True, "revoked": True}


@pytest.mark.parametrize(
    "path",
    [
        ("name",),
        ("validFrom",),
        ("credentialSubject", "achievement", "creditsAvailable"),
        ("credentialSubject", "identifier", 0, "identityHash"),
        ("credentialStatus", "statusListIndex"),
    ],
)
def test_the_independent_implementation_rejects_a_changed_credential(path):
    credential = issued_certificate()
    target = credential
    for step in path[:-1]:
        target = target[step]
    original = target[path[-1]]
    target[path[-1]] = original + 1 if isinstance(original, (int, float)) else original + "0"

    result = verify_independently(json.dumps(credential), site())

    assert result["signature"] is False
    assert result["status_list_signature"] is True
