"""Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (W3C vc-di-eddsa 1.0): sign a JSON document, verify one.

JCS (RFC 8785) canonicalization needs no JSON-LD processing or remote contexts, so a credential can be
signed and checked offline. As the Recommendation's "Create Proof (eddsa-jcs-2022)" has it, the proof carries
the document's `@context` (step 2) and the proof configuration is the proof without its value; the signed bytes
are SHA-256(JCS(proof configuration)) followed by SHA-256(JCS(document without proof)), the Ed25519 signature
written as multibase base58btc. A verifier takes the configuration from the proof itself, so a proof that hashed
a `@context` it does not carry (this platform's reading before issue 14) fails the standard check; it is
recognised only by `verify_legacy_proof`, which the credential check uses for copies holders saved back then.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import gettext_noop
from .issuer_key import ED25519_PUBLIC_KEY_BYTES, MULTIBASE_BASE58BTC, IssuerKey

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_PURPOSE = "assertionMethod"
ED25519_SIGNATURE_BYTES = 64
# A proof set larger than this is refused before any work: nothing we issue has more than one proof.
MAX_PROOFS = 4

REASON_NOT_AN_OBJECT = gettext_noop("the document is not a JSON object")
REASON_NO_PROOF = gettext_noop("no proof")
REASON_TOO_MANY_PROOFS = gettext_noop("more than 4 proofs are not accepted")
REASON_PROOF_NOT_AN_OBJECT = gettext_noop("the proof is not a JSON object")
REASON_PROOF_CHAIN = gettext_noop("proof chains (previousProof) are not supported")
REASON_UNSUPPORTED_TYPE = gettext_noop("unsupported proof type (only DataIntegrityProof is accepted)")
REASON_UNSUPPORTED_CRYPTOSUITE = gettext_noop("unsupported cryptosuite (only eddsa-jcs-2022 is accepted)")
REASON_WRONG_PURPOSE = gettext_noop("the proof purpose is not assertionMethod")
REASON_NO_VERIFICATION_METHOD = gettext_noop("the proof names no verification method")
REASON_BAD_CREATED = gettext_noop("the proof's creation time is not a valid date and time")
REASON_BAD_PROOF_VALUE = gettext_noop("the proof value is not a multibase base58btc Ed25519 signature")
REASON_CONTEXT_MISMATCH = gettext_noop("the document's @context does not start with the proof's @context")
REASON_UNKNOWN_METHOD = gettext_noop("unknown verification method")
REASON_NOT_CANONICALIZABLE = gettext_noop("the document cannot be canonicalized with JCS")
REASON_SIGNATURE_MISMATCH = gettext_noop("signature does not match")
REASON_NOT_LEGACY = gettext_noop("the proof is not in the older format (one proof object without @context)")


class ProofError(ValueError):
    """A document cannot be signed as asked; the message says why."""


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of checking a document's proofs (all of them, when it carries a set)."""

    verified: bool
    reason: str  # "" when verified; otherwise one of the REASON_* messages (for the first proof that failed)
    verification_methods: tuple[str, ...]  # as named by the proofs, in order; empty when there is none to name

    @property
    def verification_method(self) -> str:
        """The first proof's method ("" when none), for documents that carry one proof."""
        return self.verification_methods[0] if self.verification_methods else ""


def datetime_stamp(moment: datetime) -> str:
    """An aware datetime as an XML Schema dateTimeStamp in UTC to the second ("2025-03-01T09:30:00Z")."""
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("A credential date needs a time zone; pass an aware datetime.")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime_stamp(value: object) -> datetime | None:
    """The aware datetime an XML Schema dateTimeStamp names, or None when the value is not one."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def create_proof(document: dict, key: IssuerKey, verification_method: str, created: datetime) -> dict:
    """An eddsa-jcs-2022 proof of the unsecured document, carrying the document's @context as the spec asks."""
    if not isinstance(document, dict):
        raise ProofError("Only a JSON object can be signed.")
    if "proof" in document:
        raise ProofError("The document already has a proof; sign the unsigned document instead.")
    if not isinstance(verification_method, str) or not verification_method:
        raise ProofError("A proof must name its verification method.")
    try:
        created_stamp = datetime_stamp(created)
    except ValueError as error:
        raise ProofError(str(error)) from error
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created_stamp,
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    if "@context" in document:
        proof["@context"] = copy.deepcopy(document["@context"])
    try:
        signed_bytes = _hash_data(document, proof)
    except (rfc8785.CanonicalizationError, RecursionError) as error:
        raise ProofError(f"The document cannot be canonicalized with JCS: {error}") from error
    proof["proofValue"] = MULTIBASE_BASE58BTC + base58.b58encode(key.sign(signed_bytes)).decode()
    return proof


def add_proof(
    document: dict, key: IssuerKey, verification_method: str, created: datetime, *, proof_set: bool = False
) -> dict:
    """A copy of the document with an eddsa-jcs-2022 proof made by the key; the document itself is not touched.

    `proof` is one object (the form of the spec's examples), or with `proof_set` a list holding that one proof,
    which Open Badges 3.0's JSON schema requires of an AchievementCredential. Both are valid Data Integrity.
    """
    proof = create_proof(document, key, verification_method, created)
    secured = copy.deepcopy(document)
    secured["proof"] = [proof] if proof_set else proof
    return secured


def verify_proof(document: dict, resolve_public_key: Callable[[str], bytes | None]) -> ProofCheck:
    """Check a document's eddsa-jcs-2022 proofs as the Recommendation's "Verify Proof" does; malformed input gives
    a ProofCheck with a reason, never an error.

    What we require: `proof` is one object or a list of 1 to MAX_PROOFS objects (a proof set), and EVERY proof
    verifies: a DataIntegrityProof, eddsa-jcs-2022, assertionMethod, a verification method the caller trusts,
    no `previousProof` (proof chains are not supported); when a proof has `@context`, the document's `@context`
    starts with it, and the proof's replaces the document's in the hashed document. `resolve_public_key` turns
    a verification method id into 32 raw Ed25519 key bytes, or None when the caller does not trust the method.
    """
    proofs, problem = _proofs_of(document)
    if problem:
        return ProofCheck(False, problem, ())
    methods = tuple(_method_of(proof) for proof in proofs)
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    for proof in proofs:
        reason = _check_one(unsecured, proof, resolve_public_key, legacy=False)
        if reason:
            return ProofCheck(False, reason, methods)
    return ProofCheck(True, "", methods)


def is_legacy_shaped(document: object) -> bool:
    """One proof object without @context on a document with one: how this platform signed before issue 14."""
    if not isinstance(document, dict) or "@context" not in document:
        return False
    proof = document.get("proof")
    return isinstance(proof, dict) and "@context" not in proof


def verify_legacy_proof(document: dict, resolve_public_key: Callable[[str], bytes | None]) -> ProofCheck:
    """Check a proof made under this platform's reading before issue 14: the proof object carries no @context,
    yet the document's @context was hashed into the proof configuration. Only that shape is looked at; every
    other check (type, suite, purpose, trusted key, signature) is the same as `verify_proof`'s."""
    if not is_legacy_shaped(document):
        return ProofCheck(False, REASON_NOT_LEGACY, ())
    proof = document["proof"]
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    reason = _check_one(unsecured, proof, resolve_public_key, legacy=True)
    return ProofCheck(not reason, reason, (_method_of(proof),))


def _proofs_of(document: object) -> tuple[list, str]:
    if not isinstance(document, dict):
        return [], REASON_NOT_AN_OBJECT
    proof = document.get("proof")
    proofs = proof if isinstance(proof, list) else [] if proof is None else [proof]
    if not proofs:
        return [], REASON_NO_PROOF
    if len(proofs) > MAX_PROOFS:
        return [], REASON_TOO_MANY_PROOFS
    return proofs, ""


def _method_of(proof: object) -> str:
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    return method if isinstance(method, str) else ""


def _check_one(unsecured: dict, proof: object, resolve_public_key: Callable[[str], bytes | None], legacy: bool) -> str:
    """The reason one proof fails, or "" when it verifies."""
    if not isinstance(proof, dict):
        return REASON_PROOF_NOT_AN_OBJECT
    method = _method_of(proof)
    problem = _problem_with_proof_options(proof, method)
    if problem:
        return problem
    signature = _decode_proof_value(proof.get("proofValue"))
    if signature is None:
        return REASON_BAD_PROOF_VALUE
    proof_options = {name: value for name, value in proof.items() if name != "proofValue"}
    hashed_document = unsecured
    if "@context" in proof_options:
        if not _starts_with(_as_list(unsecured.get("@context")), _as_list(proof_options["@context"])):
            return REASON_CONTEXT_MISMATCH
        hashed_document = {**unsecured, "@context": proof_options["@context"]}
    elif legacy:
        proof_options["@context"] = unsecured["@context"]

    public_key = resolve_public_key(method)
    if not isinstance(public_key, bytes) or len(public_key) != ED25519_PUBLIC_KEY_BYTES:
        return REASON_UNKNOWN_METHOD
    try:
        signed_bytes = _hash_data(hashed_document, proof_options)
    except (rfc8785.CanonicalizationError, RecursionError):
        return REASON_NOT_CANONICALIZABLE
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed_bytes)
    except (InvalidSignature, ValueError):
        return REASON_SIGNATURE_MISMATCH
    return ""


def _hash_data(unsecured_document: dict, proof_config: dict) -> bytes:
    """The bytes eddsa-jcs-2022 signs: hash of the proof configuration, then hash of the document."""
    proof_config_hash = hashlib.sha256(rfc8785.dumps(proof_config)).digest()
    document_hash = hashlib.sha256(rfc8785.dumps(unsecured_document)).digest()
    return proof_config_hash + document_hash


def _problem_with_proof_options(proof: dict, method: str) -> str:
    if proof.get("type") != PROOF_TYPE:
        return REASON_UNSUPPORTED_TYPE
    if proof.get("cryptosuite") != CRYPTOSUITE:
        return REASON_UNSUPPORTED_CRYPTOSUITE
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return REASON_WRONG_PURPOSE
    if not method:
        return REASON_NO_VERIFICATION_METHOD
    if "previousProof" in proof:
        return REASON_PROOF_CHAIN
    if "created" in proof and parse_datetime_stamp(proof["created"]) is None:
        return REASON_BAD_CREATED
    return ""


def _decode_proof_value(proof_value: object) -> bytes | None:
    if not isinstance(proof_value, str) or not proof_value.startswith(MULTIBASE_BASE58BTC):
        return None
    try:
        signature = base58.b58decode(proof_value[1:])
    except ValueError:
        return None
    return signature if len(signature) == ED25519_SIGNATURE_BYTES else None


def _as_list(context: object) -> list:
    if context is None:
        return []
    return context if isinstance(context, list) else [context]


def _starts_with(values: list, prefix: list) -> bool:
    return len(prefix) <= len(values) and values[: len(prefix)] == prefix
