"""The issuer's did:web identity: the DID for the site's host and the DID document that publishes its key.

did:web resolves `did:web:<host>` to `https://<host>/.well-known/did.json`, so anyone can fetch the issuer's
public key from a stable URL on the site itself, with no ledger and no third party.
"""

from __future__ import annotations

import re

from .issuer_key import public_key_from_multikey

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
DEFAULT_KEY_FRAGMENT = "key-1"
# A domain name (letters, digits, dots, hyphens; punycode for international names) and an optional port.
_HOST = re.compile(r"(?P<name>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(?P<port>[0-9]{1,5}))?")


def did_for_host(host: str) -> str:
    """The did:web DID for a host; a port's colon is percent-encoded, as did:web requires.

    "example.org:8000" -> "did:web:example.org%3A8000"
    """
    if not isinstance(host, str) or not host.strip():
        raise ValueError("The host is empty.")
    host = host.strip().lower()
    if "://" in host:
        raise ValueError("Give the host alone (like 'example.org:8000'), not a URL.")
    match = _HOST.fullmatch(host)
    if match is None:
        raise ValueError("The host must be a domain name with an optional numeric port, like 'example.org:8000'.")
    name, port = match.group("name"), match.group("port")
    return "did:web:" + (f"{name}%3A{port}" if port else name)


def verification_method_id(did: str, key_fragment: str = DEFAULT_KEY_FRAGMENT) -> str:
    """The DID URL of the issuer's key, which proofs name as their `verificationMethod`."""
    if not isinstance(did, str) or not did.startswith("did:"):
        raise ValueError("A DID starts with 'did:'.")
    if not isinstance(key_fragment, str) or not key_fragment or "#" in key_fragment:
        raise ValueError("The key fragment must be a non-empty name without '#'.")
    return f"{did}#{key_fragment}"


def did_document(did: str, public_multikey: str, key_fragment: str = DEFAULT_KEY_FRAGMENT) -> dict:
    """The DID document served at /.well-known/did.json: one Multikey, usable for assertions and authentication."""
    public_key_from_multikey(public_multikey)  # refuse to publish anything that is not an Ed25519 public key
    method_id = verification_method_id(did, key_fragment)
    return {
        "@context": list(DID_CONTEXTS),
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_multikey,
            }
        ],
        "assertionMethod": [method_id],
        "authentication": [method_id],
    }


def public_key_in_did_document(document: object, verification_method: str) -> bytes | None:
    """The raw key a DID document lists as an assertion method under that id, or None.

    This is what a verifier does after fetching did.json; the Django side can resolve its own key the same way.
    """
    if not isinstance(document, dict) or not isinstance(verification_method, str):
        return None
    did = document.get("id")
    assertion_methods = document.get("assertionMethod")
    if not isinstance(did, str) or not isinstance(assertion_methods, list):
        return None
    if not verification_method.startswith(did + "#"):
        return None
    fragment = verification_method[len(did) :]
    # assertionMethod may list a method by its full id or by a relative "#fragment".
    if verification_method not in assertion_methods and fragment not in assertion_methods:
        return None
    for method in document.get("verificationMethod") or []:
        if not isinstance(method, dict) or method.get("id") not in (verification_method, fragment):
            continue
        if method.get("type") != "Multikey" or method.get("controller") != did:
            return None
        try:
            return public_key_from_multikey(method.get("publicKeyMultibase"))
        except ValueError:
            return None
    return None
