"""Public certificate views: the verification page and its JSON twin, the PDF and signed credential downloads,
the revocation status list, the issuer's did:web document and the credential check.

Every view that takes a code goes through `guessing.look_up`: a code that names a certificate always answers,
and unknown codes count against the client's guessing limit whichever address they are tried on, so only misses
are ever refused (429). No view here needs a login.
"""

from __future__ import annotations

import json
import logging

from django.http import FileResponse, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from lms.bounded_numbers import NumberRefused, read_whole

from . import guessing, signing
from .credentials.issuer_key import IssuerKeyError
from .guessing import Refusal
from .models import Certificate
from .verification import Verification, as_json, check_submitted_credential, may_download_pdf, verify

logger = logging.getLogger(__name__)

MAX_CREDENTIAL_BYTES = 256 * 1024
MAX_CREDENTIAL_DEPTH = 64  # far deeper than any credential; deeper input would only exhaust the stack
STATUS_LIST_MAX_AGE = 5 * 60
DID_DOCUMENT_MAX_AGE = 60 * 60


# ---------------------------------------------------------------------------------------------- responses


def public_json(data: dict, status: int = 200, **kwargs) -> JsonResponse:
    """JSON anyone may read from any web page (a licensing body's checking tool, say): no cookies are read."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}, **kwargs)
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    return response


def json_error(message: str, status: int, **extra) -> JsonResponse:
    return public_json({"error": message, **extra}, status=status)


def limited_message(refusal: Refusal) -> str:
    minutes = max(1, -(-refusal.retry_after // 60))
    return ngettext(
        "No certificate has this code, and too many codes that name no certificate were tried from your network, "
        "so unknown codes are not checked for the next %(minutes)d minute. A code printed on a real certificate "
        "still opens at any time: check this one character by character.",
        "No certificate has this code, and too many codes that name no certificate were tried from your network, "
        "so unknown codes are not checked for the next %(minutes)d minutes. A code printed on a real certificate "
        "still opens at any time: check this one character by character.",
        minutes,
    ) % {"minutes": minutes}


def limited_page(request, refusal: Refusal) -> TemplateResponse:
    response = TemplateResponse(request, "certificates/verify_limited.html",
                                {"message": limited_message(refusal)}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def limited_json(refusal: Refusal) -> JsonResponse:
    response = json_error(limited_message(refusal), 429, retry_after=refusal.retry_after)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def not_found_message() -> str:
    return _("No certificate has this code. Check that it was copied completely: a code has 20 letters and "
             "digits in groups of four, like 7K3Q-9F2M-XW4D-8HJT-2BNC.")


def not_found_page(request, code_text: str) -> TemplateResponse:
    return TemplateResponse(request, "certificates/verify_not_found.html", {"code_text": code_text[:64]},
                            status=404)


def withdrawn_page(request, certificate: Certificate) -> TemplateResponse:
    return TemplateResponse(request, "certificates/verify_withdrawn.html", {"code": certificate.code}, status=410)


def withdrawn_json(certificate: Certificate) -> JsonResponse:
    return public_json(as_json(verify(certificate)), status=410)


def message_page(request, title: str, message: str, status: int, certificate: Certificate | None = None):
    return TemplateResponse(request, "certificates/public_message.html",
                            {"title": title, "message": message, "certificate": certificate}, status=status)


def noindex(response: HttpResponse) -> HttpResponse:
    """A verification page names a person: it is for whoever holds the code, not for search engines."""
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, no_cache=True)
    return response


# ---------------------------------------------------------------------------------------------- the page


@require_safe
def verify_form(request) -> HttpResponse:
    """"Check a certificate": a typed code goes to its page (in its canonical spelling)."""
    code_text = request.GET.get("code", "").strip()
    if not code_text:
        return noindex(TemplateResponse(request, "certificates/verify_form.html", {}))
    found = guessing.look_up(request, code_text)
    if isinstance(found, Refusal):
        return limited_page(request, found)
    if found is None:
        return noindex(not_found_page(request, code_text))
    return redirect("certificates:verify", code=found.code)


def page_look_up(request, code: str, route: str) -> Certificate | HttpResponse:
    """The certificate an HTML address names, or the page that answers instead: over the guessing limit, not
    found, a non-canonical spelling (301 to the same `route` with the canonical code), or withdrawn (410)."""
    found = guessing.look_up(request, code)
    if isinstance(found, Refusal):
        return limited_page(request, found)
    if found is None:
        return noindex(not_found_page(request, code))
    if code != found.code:
        return HttpResponseRedirect(reverse(route, args=[found.code]), status=301)
    if found.withdrawn_at is not None:
        return noindex(withdrawn_page(request, found))
    return found


def json_look_up(request, code: str, route: str | None) -> Certificate | HttpResponse:
    """`page_look_up` for JSON addresses; with no `route`, any spelling of the code answers in place."""
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


@require_safe
def verify_page(request, code: str) -> HttpResponse:
    found = page_look_up(request, code, "certificates:verify")
    if isinstance(found, HttpResponse):
        return found
    verification = verify(found)
    return noindex(TemplateResponse(request, "certificates/verify.html", page_context(request, verification)))


def page_context(request, verification: Verification) -> dict:
    certificate = verification.certificate
    newer = verification.newer_version
    return {
        "verification": verification,
        "certificate": certificate,
        "status": verification.status,
        "pdf_url": reverse("certificates:pdf", args=[certificate.code])
        if may_download_pdf(verification, request.user) else "",
        "credential_url": reverse("certificates:credential", args=[certificate.code])
        if verification.has_credential else "",
        "newer_url": reverse("certificates:verify", args=[newer.code]) if newer else "",
        "issuer_did": signing.issuer_did(),
    }


@require_safe
def legacy_verify(request, code: str) -> HttpResponse:
    """/certificates/<code>/ (the address printed on early certificates and their credentials) -> the page."""
    found = guessing.look_up(request, code)
    if isinstance(found, Refusal):
        return limited_page(request, found)
    if found is None:
        return noindex(not_found_page(request, code))
    return HttpResponseRedirect(reverse("certificates:verify", args=[found.code]), status=301)


# ---------------------------------------------------------------------------------------------- downloads


@require_safe
def certificate_pdf(request, code: str) -> HttpResponse:
    found = page_look_up(request, code, "certificates:pdf")
    if isinstance(found, HttpResponse):
        return found
    verification = verify(found)
    if not verification.pdf_ready:
        return noindex(message_page(
            request, _("The PDF is being prepared"),
            _("This certificate is issued, but its PDF is not ready yet. Try again in a few minutes."), 404, found))
    if not may_download_pdf(verification, request.user):
        # Someone else's revoked or replaced certificate: show its standing, not a document that looks current.
        return redirect("certificates:verify", code=found.code)
    try:
        stream = found.pdf.storage.open(found.pdf.name, "rb")
    except FileNotFoundError:
        logger.error("Certificate %s is ready but its PDF %s is missing from storage", found.code, found.pdf.name)
        return noindex(message_page(
            request, _("The PDF is missing"),
            _("The certificate's PDF file could not be found. The certificate itself is unaffected; please tell "
              "us so we can make the PDF again."), 404, found))
    except OSError:
        logger.exception("Could not open the PDF of certificate %s", found.code)
        response = message_page(request, _("The PDF is not available right now"),
                                _("The file storage did not answer. Try again in a few minutes."), 503, found)
        response["Retry-After"] = "120"
        return noindex(response)
    response = FileResponse(stream, as_attachment=True, filename=f"certificate-{found.code}.pdf",
                            content_type="application/pdf")
    return noindex(response)


@require_safe
def credential_json(request, code: str) -> HttpResponse:
    """The signed OpenBadgeCredential as stored at issue. Served as application/json: the address ends in
    .json and every browser, badge wallet and command-line tool reads that type; verifiers read the content."""
    found = json_look_up(request, code, "certificates:credential")
    if isinstance(found, HttpResponse):
        return found
    if not found.credential:
        return json_error(_("The signed credential is not ready yet: it is made together with the PDF. Try again "
                            "in a few minutes."), 404)
    response = public_json(found.credential)
    response["Content-Disposition"] = f'attachment; filename="certificate-{found.code}.json"'
    return response


# ---------------------------------------------------------------------------------------------- the API


@require_safe
def api_certificate(request, code: str) -> JsonResponse:
    found = json_look_up(request, code, None)
    if isinstance(found, HttpResponse):
        return found
    return public_json(as_json(verify(found)))


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


def read_credential_body(request) -> dict | JsonResponse:
    """The JSON object in the request body, or the error response saying what is wrong with the body."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared:
        try:
            size = read_whole(declared, minimum=0, maximum=MAX_CREDENTIAL_BYTES)
        except NumberRefused as refused:
            if refused.code not in ("too_large", "too_many_digits"):
                return json_error(_("The Content-Length header is not a number."), 400)
            size = MAX_CREDENTIAL_BYTES + 1
        if size > MAX_CREDENTIAL_BYTES:
            return json_error(_("The credential is larger than %(kib)d KiB; no certificate credential is that "
                                "large.") % {"kib": MAX_CREDENTIAL_BYTES // 1024}, 413)
    body = request.read(MAX_CREDENTIAL_BYTES + 1)
    if len(body) > MAX_CREDENTIAL_BYTES:
        return json_error(_("The credential is larger than %(kib)d KiB; no certificate credential is that large.")
                          % {"kib": MAX_CREDENTIAL_BYTES // 1024}, 413)
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


# Exempt from CSRF on purpose: this endpoint reads no cookie or session and changes nothing, so a forged
# cross-site request can gain nothing; tools on other sites must be able to call it without a token.
@csrf_exempt
def api_verify_credential(request) -> HttpResponse:
    """Check a credential's signature, validity period and revocation against this issuer's key and status list."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        return response
    if request.method != "POST":
        response = json_error(_("Send the credential with POST."), 405)
        response["Allow"] = "POST, OPTIONS"
        return response
    document = read_credential_body(request)
    if isinstance(document, JsonResponse):
        return document
    try:
        return public_json(check_submitted_credential(document))
    except IssuerKeyError:
        logger.exception("The certificate signing key setting is unusable")
        return json_error(_("Credentials cannot be checked right now: the issuer's key is not configured."), 503)


# ---------------------------------------------------------------------------------------------- published keys


@require_safe
def status_list(request) -> JsonResponse:
    """The signed BitstringStatusListCredential every credential points to (revoked and withdrawn bits set)."""
    try:
        document = signing.signed_status_list_credential()
    except IssuerKeyError:
        logger.exception("The certificate signing key setting is unusable")
        return json_error(_("The status list is not available: the issuer's key is not configured."), 503)
    response = public_json(document)
    patch_cache_control(response, public=True, max_age=STATUS_LIST_MAX_AGE)
    return response


@require_safe
def did_document(request) -> JsonResponse:
    """did:web resolution: the issuer's public key, at the address its DID names."""
    try:
        document = signing.issuer_did_document()
    except IssuerKeyError:
        logger.exception("The certificate signing key setting is unusable")
        return json_error(_("The issuer's key is not configured."), 503)
    response = public_json(document)
    patch_cache_control(response, public=True, max_age=DID_DOCUMENT_MAX_AGE)
    return response
