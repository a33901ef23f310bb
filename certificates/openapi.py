"""The certificate API's part of the OpenAPI document (see lms/api_schema.py)."""

from __future__ import annotations

from lms.api_schema import ERROR_SCHEMA

from .guessing import DEFAULT_MISS_LIMIT
from .issuance import STATUS_CHOICES

# What the public sees: a render still pending or failed reads as valid (see verification.public_status).
PUBLIC_STATUS_CODES = [code for code, _label in STATUS_CHOICES if code not in ("pending", "failed")]

JSON_ERROR = {"application/json": {"schema": ERROR_SCHEMA}}
CODE_PARAMETER = {
    "name": "code",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The verification code printed on the certificate, e.g. 7K3Q-9F2M-XW4D-8HJT-2BNC (lower case, "
    "missing dashes and I/L/O for 1/1/0 are accepted).",
}
LIMITED = {
    "description": f"Too many unknown codes from this address (more than {DEFAULT_MISS_LIMIT} by "
    "default); try again after Retry-After seconds.",
    "content": JSON_ERROR,
}
MOVED = {
    "description": "The code in another spelling (lower case, without dashes...): moved for good to the "
    "address with the code as printed.",
    "headers": {"Location": {"schema": {"type": "string"}, "description": "The canonical address."}},
}
STAMP = {"type": ["string", "null"], "format": "date-time"}

CERTIFICATE = {
    "type": "object",
    "required": ["code", "status", "status_label", "status_explanation", "verification_url"],
    "properties": {
        "code": {"type": "string"},
        "status": {"type": "string", "enum": PUBLIC_STATUS_CODES},
        "status_label": {"type": "string", "description": "The status in words, in the request's language."},
        "status_explanation": {"type": "string"},
        "verification_url": {"type": "string", "format": "uri"},
        "revoked_at": STAMP,
        "revocation_reason": {"type": "string"},
        "recipient_name": {"type": "string", "description": "As printed on the certificate."},
        "achievement": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "kind": {"type": "string"},
                "kind_label": {"type": "string"},
                "language": {"type": "string"},
            },
        },
        "issuer": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "id": {"type": "string", "description": "The issuer's did:web."},
            },
        },
        "issued_at": STAMP,
        "expires_at": STAMP,
        "cpd_hours": {"type": "string", "description": "A decimal number of hours."},
        "cpd_credit_type": {"type": "string"},
        "cpd_credit_type_label": {"type": "string"},
        "version": {"type": "integer", "minimum": 1},
        "record_unchanged": {
            "type": "boolean",
            "description": "Whether the record still matches what was fixed at issue.",
        },
        "replaced_by": {"type": ["object", "null"]},
        "pdf_ready": {"type": "boolean"},
        "pdf_url": {"type": ["string", "null"], "format": "uri"},
        "credential_url": {"type": ["string", "null"], "format": "uri"},
    },
}

CREDENTIAL_CHECK = {
    "type": "object",
    "required": [
        "signature_valid",
        "revoked",
        "expired",
        "valid",
        "problems",
        "format",
        "current_credential_url",
        "notice",
    ],
    "properties": {
        "signature_valid": {"type": "boolean"},
        "revoked": {"type": ["boolean", "null"], "description": "null when the status could not be checked."},
        "expired": {"type": "boolean"},
        "valid": {"type": "boolean"},
        "problems": {"type": "array", "items": {"type": "string"}},
        "format": {
            "type": "string",
            "enum": ["current", "older"],
            "description": "older: signed in this issuer's earlier format (a proof without @context); "
            "accepted here, rejected by other verifiers.",
        },
        "current_credential_url": {
            "type": ["string", "null"],
            "format": "uri",
            "description": "For an older copy: where the current one downloads.",
        },
        "notice": {"type": "string", "description": "For an older copy: what to do, in words; else empty."},
    },
}


def certificate_paths() -> dict:
    return {
        "/api/v1/certificates/{code}": {
            "get": {
                "summary": "Verify a certificate by its code",
                "parameters": [CODE_PARAMETER],
                "responses": {
                    "200": {
                        "description": "The certificate's facts and status (valid, expired, revoked, replaced).",
                        "content": {"application/json": {"schema": CERTIFICATE}},
                    },
                    "404": {"description": "No certificate has this code.", "content": JSON_ERROR},
                    "410": {
                        "description": "Withdrawn at the holder's request: only the code and status remain.",
                        "content": {"application/json": {"schema": CERTIFICATE}},
                    },
                    "429": LIMITED,
                },
            }
        },
        "/certificates/{code}/credential.json": {
            "get": {
                "summary": "The signed Open Badges 3.0 credential",
                "description": "An OpenBadgeCredential (W3C VC 2.0) with an eddsa-jcs-2022 Data Integrity proof by the "
                "issuer's did:web key, pointing to the revocation status list.",
                "parameters": [CODE_PARAMETER],
                "responses": {
                    "200": {"description": "The credential.", "content": {"application/json": {}}},
                    "301": MOVED,
                    "404": {"description": "Unknown code, or not signed yet.", "content": JSON_ERROR},
                    "410": {
                        "description": "Withdrawn: only the code and status remain.",
                        "content": {"application/json": {"schema": CERTIFICATE}},
                    },
                    "429": LIMITED,
                },
            }
        },
        "/api/v1/certificates/verify": {
            "post": {
                "summary": "Check a credential's signature, dates and revocation status",
                "requestBody": {
                    "required": True,
                    "description": "The credential as issued (at most 256 KiB).",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {
                    "200": {
                        "description": "What was checked; `valid` only when everything holds.",
                        "content": {"application/json": {"schema": CREDENTIAL_CHECK}},
                    },
                    "400": {"description": "Not a JSON object.", "content": JSON_ERROR},
                    "413": {"description": "Larger than 256 KiB.", "content": JSON_ERROR},
                },
            }
        },
        "/certificates/status/revocation.json": {
            "get": {
                "summary": "The signed Bitstring Status List of revoked certificates",
                "responses": {
                    "200": {"description": "A BitstringStatusListCredential.", "content": {"application/json": {}}}
                },
            }
        },
        "/.well-known/did.json": {
            "get": {
                "summary": "The issuer's DID document (did:web) with its Ed25519 public key",
                "responses": {"200": {"description": "A DID document.", "content": {"application/json": {}}}},
            }
        },
    }
