"""Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (W3C vc-di-eddsa): sign a JSON document, verify one.

JCS (RFC 8785) canonicalization needs no JSON-LD processing or remote contexts, so a credential can be
signed and checked offline. The signed bytes are SHA-256(JCS(proof options + document @context)) followed
by SHA-256(JCS(document without proof)); the Ed25519 signature is written as multibase base58btc.
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

REASON_NOT_AN_OBJECT = gettext_noop("the document is not a JSON object")
REASON_NO_PROOF = gettext_noop("no proof")
REASON_SEVERAL_PROOFS = gettext_noop("more than one proof is not supported")
REASON_PROOF_NOT_AN_OBJECT = gettext_noop("the proof is not a JSON object")
REASON_UNSUPPORTED_TYPE = gettext_noop("unsupported proof type (only DataIntegrityProof is accepted)")
REASON_UNSUPPORTED_CRYPTOSUITE = gettext_noop("unsupported cryptosuite (only eddsa-jcs-2022 is accepted)")
REASON_WRONG_PURPOSE = gettext_noop("the proof purpose is not assertionMethod")
REASON_NO_VERIFICATION_METHOD = gettext_noop("the proof names no verification method")
REASON_BAD_CREATED = gettext_noop("the proof's creation time is not a valid date and time")
REASON_BAD_PROOF_VALUE = gettext_noop("the proof value is not a multibase base58btc Ed25519 signature")
REASON_CONTEXT_MISMATCH = gettext_noop("the proof's @context does not match the document's @context")
REASON_UNKNOWN_METHOD = gettext_noop("unknown verification method")
REASON_NOT_CANONICALIZABLE = gettext_noop("the document cannot be canonicalized with JCS")
REASON_SIGNATURE_MISMATCH = gettext_noop("signature does not match")


class ProofError(ValueError):
    """A document cannot be signed as asked; the message says why."""


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of checking one document's proof."""

    verified: bool
    reason: str  # "" when verified; otherwise one of the REASON_* messages
    verification_method: str  # as named by the proof, "" when there is none to name


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


def add_proof(document: dict, key: IssuerKey, verification_method: str, created: datetime) -> dict:
    """A copy of the document with an eddsa-jcs-2022 proof made by the key; the document itself is not touched."""
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
    proof_options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created_stamp,
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    try:
        signed_bytes = _hash_data(document, proof_options)
    except (rfc8785.CanonicalizationError, RecursionError) as error:
        raise ProofError(f"The document cannot be canonicalized with JCS: {error}") from error
    signature = key.sign(signed_bytes)
    secured = copy.deepcopy(document)
    secured["proof"] = {**proof_options, "proofValue": MULTIBASE_BASE58BTC + base58.b58encode(signature).decode()}
    return secured


def verify_proof(document: dict, resolve_public_key: Callable[[str], bytes | None]) -> ProofCheck:
    """Check a document's eddsa-jcs-2022 proof; malformed input gives a ProofCheck with a reason, never an error.

    `resolve_public_key` turns the proof's verification method id into 32 raw Ed25519 key bytes, or None when
    the method is not one the caller trusts.
    """
    if not isinstance(document, dict):
        return ProofCheck(False, REASON_NOT_AN_OBJECT, "")
    proof = document.get("proof")
    if proof is None:
        return ProofCheck(False, REASON_NO_PROOF, "")
    if isinstance(proof, list):
        if len(proof) != 1:
            return ProofCheck(False, REASON_NO_PROOF if not proof else REASON_SEVERAL_PROOFS, "")
        proof = proof[0]
    if not isinstance(proof, dict):
        return ProofCheck(False, REASON_PROOF_NOT_AN_OBJECT, "")
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) else ""

    problem = _problem_with_proof_options(proof, method)
    if problem:
        return ProofCheck(False, problem, method)
    signature = _decode_proof_value(proof.get("proofValue"))
    if signature is None:
        return ProofCheck(False, REASON_BAD_PROOF_VALUE, method)

    unsecured = {name: value for name, value in document.items() if name != "proof"}
    proof_options = {name: value for name, value in proof.items() if name != "proofValue"}
    if "@context" in proof_options:
        if not _starts_with(_as_list(unsecured.get("@context")), _as_list(proof_options["@context"])):
            return ProofCheck(False, REASON_CONTEXT_MISMATCH, method)
        unsecured["@context"] = proof_options["@context"]

    public_key = resolve_public_key(method)
    if not isinstance(public_key, bytes) or len(public_key) != ED25519_PUBLIC_KEY_BYTES:
        return ProofCheck(False, REASON_UNKNOWN_METHOD, method)
    try:
        signed_bytes = _hash_data(unsecured, proof_options)
    except (rfc8785.CanonicalizationError, RecursionError):
        return ProofCheck(False, REASON_NOT_CANONICALIZABLE, method)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed_bytes)
    except (InvalidSignature, ValueError):
        return ProofCheck(False, REASON_SIGNATURE_MISMATCH, method)
    return ProofCheck(True, "", method)


def _hash_data(unsecured_document: dict, proof_options: dict) -> bytes:
    """The bytes eddsa-jcs-2022 signs: hash of the proof configuration, then hash of the document."""
    proof_config = dict(proof_options)
    if "@context" in unsecured_document:
        proof_config["@context"] = unsecured_document["@context"]
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
