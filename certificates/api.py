"""The certificate API and the JSON files certificates publish, as one ninja router (mounted by lms.api through
the `api_routers` hook in wagtail_hooks.py).

Every operation that takes a code goes through `guessing.look_up` like the pages do, so only misses are ever
refused (429). Answers are built by the helpers below (CORS for any origin, no cookies read, non-ASCII kept as
is); the pydantic classes say what each status carries, and the OpenAPI document is generated from them.
The credential, status list and did.json addresses are the ones `signing` writes into signed credentials.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import AnyUrl, Field

from lms.api import LOCATION_HEADER, RETRY_AFTER_HEADER, ErrorAnswer, LimitedAnswer, answers, get_and_head
from lms.request_bounds import LengthNotANumber, declared_length

from . import guessing, signing
from .credentials.issuer_key import IssuerKeyError
from .guessing import Refusal
from .issuance import STATUS_CHOICES
from .models import Certificate
from .verification import as_json, check_submitted_credential, verify
from .views import limited_message, not_found_message

logger = logging.getLogger(__name__)

MAX_CREDENTIAL_BYTES = 256 * 1024
MAX_CREDENTIAL_DEPTH = 64  # far deeper than any credential; deeper input would only exhaust the stack
STATUS_LIST_MAX_AGE = 5 * 60
DID_DOCUMENT_MAX_AGE = 60 * 60

router = Router(tags=["certificates"])


# ---------------------------------------------------------------------------------------------- answers

# What the public sees: a render still pending or failed reads as valid (see verification.public_status).
PUBLIC_STATUS_CODES = tuple(code for code, _label in STATUS_CHOICES if code not in ("pending", "failed"))
PublicStatus = Literal[PUBLIC_STATUS_CODES]  # type: ignore[valid-type]


class WithdrawnCertificate(Schema):
    """What remains of a certificate withdrawn at the holder's request: its code and standing, nothing personal."""

    code: str
    status: PublicStatus
    status_label: str = Field(description="The status in words, in the request's language.")
    status_explanation: str
    verification_url: AnyUrl


class Achievement(Schema):
    title: str
    kind: str
    kind_label: str
    language: str
    starts_on: date | None = Field(None, description="The first day of the span the achievement covers (a CPD "
                                                     "cycle's); null for a course or an event.")
    last_day: date | None = Field(None, description="The last day (included) of that span; null without one.")


class Issuer(Schema):
    name: str
    id: str = Field(description="The issuer's did:web.")


class NewerVersion(Schema):
    code: str
    verification_url: AnyUrl
    api_url: AnyUrl


class CertificateAnswer(WithdrawnCertificate):
    """A certificate's facts and standing (valid, expired, revoked, replaced), as its verification page shows them."""

    revoked_at: datetime | None
    revocation_reason: str
    recipient_name: str = Field(description="As printed on the certificate.")
    achievement: Achievement
    issuer: Issuer
    issued_at: datetime | None
    expires_at: datetime | None
    cpd_hours: str = Field(description="A decimal number of hours.")
    cpd_credit_type: str
    cpd_credit_type_label: str
    version: int = Field(ge=1)
    record_unchanged: bool = Field(description="Whether the record still matches what was fixed at issue.")
    replaced_by: NewerVersion | None
    pdf_ready: bool
    pdf_url: AnyUrl | None
    credential_url: AnyUrl | None


class CredentialCheck(Schema):
    """What was checked in a submitted credential; `valid` only when everything holds."""

    signature_valid: bool
    revoked: bool | None = Field(description="null when the status could not be checked.")
    expired: bool
    valid: bool
    problems: list[str]
    format: Literal["current", "older"] = Field(
        description="older: signed in this issuer's earlier format (a proof without @context); accepted here, "
                    "rejected by other verifiers.")
    current_credential_url: AnyUrl | None = Field(description="For an older copy: where the current one downloads.")
    notice: str = Field(description="For an older copy: what to do, in words; else empty.")


JsonObject = dict[str, Any]


def public_json(data: dict, status: int = 200, **kwargs) -> JsonResponse:
    """JSON anyone may read from any web page (a licensing body's checking tool, say): no cookies are read."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}, **kwargs)
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    return response


def json_error(message: str, status: int, **extra) -> JsonResponse:
    return public_json({"error": message, **extra}, status=status)


def limited_json(refusal: Refusal) -> JsonResponse:
    response = json_error(limited_message(refusal), 429, retry_after=refusal.retry_after)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def withdrawn_json(certificate: Certificate) -> JsonResponse:
    return public_json(as_json(verify(certificate)), status=410)


def json_look_up(request, code: str, route: str | None) -> Certificate | HttpResponse:
    """The certificate a JSON address names, or the answer instead: over the guessing limit (429), not found
    (404), a non-canonical spelling (301 to the same `route`; with no route any spelling answers in place), or
    withdrawn (410)."""
    found = guessing.look_up(request, code)
    if isinstance(found, Refusal):
        return limited_json(found)
    if found is None:
        return json_error(not_found_message(), 404)
    if route is not None and code != found.code:
        return HttpResponseRedirect(reverse(route, args=[found.code]), status=301)
    if found.withdrawn_at is not None:
        return withdrawn_json(found)
    return found


LIMITED = f"Too many unknown codes from this network (more than {guessing.DEFAULT_MISS_LIMIT} by default); try " \
          "again after Retry-After seconds."
WITHDRAWN = "Withdrawn at the holder's request: only the code and status remain."


# ---------------------------------------------------------------------------------------------- credentials


def _depth_within(document: object, limit: int) -> bool:
    """Whether nested lists and objects go no deeper than `limit` (checked without recursion)."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return False
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return True


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a JSON number") % {"name": name})


def _too_large() -> JsonResponse:
    return json_error(_("The credential is larger than %(kib)d KiB; no certificate credential is that large.")
                      % {"kib": MAX_CREDENTIAL_BYTES // 1024}, 413)


def read_credential_body(request) -> dict | JsonResponse:
    """The JSON object in the request body, or the error response saying what is wrong with the body. Read here
    rather than by ninja, so each refusal names its cause and nothing larger than the bound is ever read."""
    try:
        declared = declared_length(request, MAX_CREDENTIAL_BYTES)
    except LengthNotANumber as error:
        return json_error(error.message, 400)
    if declared is not None and declared > MAX_CREDENTIAL_BYTES:
        return _too_large()
    body = request.read(MAX_CREDENTIAL_BYTES + 1)
    if len(body) > MAX_CREDENTIAL_BYTES:
        return _too_large()
    if not body.strip():
        return json_error(_("Send the credential (the contents of its .json file) as the request body."), 400)
    try:
        document = json.loads(body, parse_constant=_refuse_constant)
    except RecursionError:
        return json_error(_("The JSON is nested too deeply to be a credential."), 400)
    except (ValueError, UnicodeDecodeError) as error:
        return json_error(_("The body is not valid JSON: %(error)s") % {"error": error}, 400)
    if not isinstance(document, dict):
        return json_error(_("The body must be a JSON object: the credential itself."), 400)
    if not _depth_within(document, MAX_CREDENTIAL_DEPTH):
        return json_error(_("The JSON is nested too deeply to be a credential."), 400)
    return document


# The body is described here, not declared as a ninja Body: ninja would parse it itself and answer 422.
CREDENTIAL_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The credential as issued (its .json file), at most {MAX_CREDENTIAL_BYTES // 1024} KiB.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
    "parameters": [{
        "name": "Content-Length", "in": "header", "required": False,
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_CREDENTIAL_BYTES},
        "description": "Read through lms.bounded_numbers: not digits is a 400, above the bound a 413, both before "
                       "the body is read.",
    }],
}


# Exempt from CSRF (as every ninja operation is) on purpose: this endpoint reads no cookie or session and changes
# nothing, so a forged cross-site request can gain nothing; tools on other sites must call it without a token.
@router.post(
    "/api/v1/certificates/verify", url_name="verify_credential",
    summary="Check a credential's signature, dates and revocation status",
    response={200: CredentialCheck, 400: ErrorAnswer, 413: ErrorAnswer, 503: ErrorAnswer},
    openapi_extra={**answers({
        200: "What was checked; `valid` only when everything holds.",
        400: "Not a JSON object, or a Content-Length that is not a number.",
        413: f"Larger than {MAX_CREDENTIAL_BYTES // 1024} KiB.",
        503: "The issuer's key is not configured, so nothing can be checked.",
    }), **CREDENTIAL_BODY},
)
def verify_credential(request) -> HttpResponse:
    """Check a credential's signature, validity period and revocation against this issuer's key and status list."""
    document = read_credential_body(request)
    if isinstance(document, JsonResponse):
        return document
    try:
        return public_json(check_submitted_credential(document))
    except IssuerKeyError:
        logger.exception("The certificate signing key setting is unusable")
        return json_error(_("Credentials cannot be checked right now: the issuer's key is not configured."), 503)


@router.api_operation(["OPTIONS"], "/api/v1/certificates/verify", url_name="verify_credential",
                      include_in_schema=False)
def verify_credential_preflight(request) -> HttpResponse:
    """CORS preflight: any site may POST a credential here."""
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Content-Type"
    response["Access-Control-Max-Age"] = "86400"
    return response


@router.api_operation(["GET", "HEAD", "PUT", "PATCH", "DELETE"], "/api/v1/certificates/verify",
                      url_name="verify_credential", include_in_schema=False)
def verify_credential_wrong_method(request) -> HttpResponse:
    """Only POST checks a credential. (This path is registered before {code}, so "verify" is never a code.)"""
    response = json_error(_("Send the credential with POST."), 405)
    response["Allow"] = "POST, OPTIONS"
    return response


# ---------------------------------------------------------------------------------------------- by code


@get_and_head(
    router, "/api/v1/certificates/{code}", url_name="certificate",
    summary="Verify a certificate by its code",
    response={200: CertificateAnswer, 404: ErrorAnswer, 410: WithdrawnCertificate, 429: LimitedAnswer},
    openapi_extra=answers({
        200: "The certificate's facts and status (valid, expired, revoked, replaced).",
        404: "No certificate has this code.",
        410: WITHDRAWN,
        429: LIMITED,
    }, headers={429: RETRY_AFTER_HEADER}),
)
def certificate(request, code: str) -> HttpResponse:
    """`code` is the verification code printed on the certificate, e.g. 7K3Q-9F2M-XW4D-8HJT-2BNC (lower case,
    missing dashes and I/L/O for 1/1/0 are accepted)."""
    found = json_look_up(request, code, None)
    if isinstance(found, HttpResponse):
        return found
    return public_json(as_json(verify(found)))


@get_and_head(
    router, "/certificates/{code}/credential.json", url_name="credential",
    summary="The signed Open Badges 3.0 credential",
    description="An OpenBadgeCredential (W3C VC 2.0) with an eddsa-jcs-2022 Data Integrity proof by the issuer's "
                "did:web key, pointing to the revocation status list.",
    response={200: JsonObject, 301: None, 404: ErrorAnswer, 410: WithdrawnCertificate, 429: LimitedAnswer},
    openapi_extra=answers({
        200: "The credential.",
        301: "The code in another spelling (lower case, without dashes...): moved for good to the address with "
             "the code as printed.",
        404: "Unknown code, or not signed yet.",
        410: WITHDRAWN,
        429: LIMITED,
    }, headers={301: LOCATION_HEADER, 429: RETRY_AFTER_HEADER}),
)
def credential(request, code: str) -> HttpResponse:
    """The signed OpenBadgeCredential as stored at issue. Served as application/json: the address ends in
    .json and every browser, badge wallet and command-line tool reads that type; verifiers read the content."""
    found = json_look_up(request, code, "api:credential")
    if isinstance(found, HttpResponse):
        return found
    if not found.credential:
        return json_error(_("The signed credential is not ready yet: it is made together with the PDF. Try again "
                            "in a few minutes."), 404)
    response = public_json(found.credential)
    response["Content-Disposition"] = f'attachment; filename="certificate-{found.code}.json"'
    return response


# ---------------------------------------------------------------------------------------------- published keys


def _published(make: Callable[[], dict[str, Any]], max_age: int, unconfigured: str) -> HttpResponse:
    """A document made with the issuer's key, cacheable by anyone for `max_age` seconds; 503 while the key
    setting is unusable (logged, since only the operator can fix it)."""
    try:
        document = make()
    except IssuerKeyError:
        logger.exception("The certificate signing key setting is unusable")
        return json_error(unconfigured, 503)
    response = public_json(document)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@get_and_head(
    router, "/certificates/status/revocation.json", url_name="status_list",
    summary="The signed Bitstring Status List of revoked certificates",
    response={200: JsonObject, 503: ErrorAnswer},
    openapi_extra=answers({200: "A BitstringStatusListCredential.",
                           503: "The issuer's key is not configured."}),
)
def status_list(request) -> HttpResponse:
    """The signed BitstringStatusListCredential every credential points to (revoked and withdrawn bits set)."""
    return _published(signing.signed_status_list_credential, STATUS_LIST_MAX_AGE,
                      _("The status list is not available: the issuer's key is not configured."))


@get_and_head(
    router, "/.well-known/did.json", url_name="did_document",
    summary="The issuer's DID document (did:web) with its Ed25519 public key",
    response={200: JsonObject, 503: ErrorAnswer},
    openapi_extra=answers({200: "A DID document.", 503: "The issuer's key is not configured."}),
)
def did_document(request) -> HttpResponse:
    """did:web resolution: the issuer's public key, at the address its DID names."""
    return _published(signing.issuer_did_document, DID_DOCUMENT_MAX_AGE, _("The issuer's key is not configured."))
