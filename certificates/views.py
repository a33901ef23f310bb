"""Public certificate pages: the verification page and the PDF download. Their JSON twins, the signed credential,
the revocation status list, the did:web document and the credential check are the API (certificates/api.py).

Every view that takes a code goes through `guessing.look_up`: a code that names a certificate always answers,
and unknown codes count against the client's guessing limit whichever address they are tried on, so only misses
are ever refused (429). No view here needs a login.
"""

from __future__ import annotations

import logging
from typing import TypeVar, cast

from django.http import FileResponse, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from . import first_download, guessing, signing
from .guessing import Refusal
from .models import Certificate
from .verification import Verification, may_download_pdf, verify

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------- responses


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


def not_found_message() -> str:
    return _("No certificate has this code. Check that it was copied completely: a code has 20 letters and "
             "digits in groups of four, like 7K3Q-9F2M-XW4D-8HJT-2BNC.")


def not_found_page(request, code_text: str) -> TemplateResponse:
    return TemplateResponse(request, "certificates/verify_not_found.html", {"code_text": code_text[:64]},
                            status=404)


def withdrawn_page(request, certificate: Certificate) -> TemplateResponse:
    return TemplateResponse(request, "certificates/verify_withdrawn.html", {"code": certificate.code}, status=410)


def message_page(request, title: str, message: str, status: int, certificate: Certificate | None = None):
    return TemplateResponse(request, "certificates/public_message.html",
                            {"title": title, "message": message, "certificate": certificate}, status=status)


ResponseType = TypeVar("ResponseType", bound=HttpResponseBase)


def noindex(response: ResponseType) -> ResponseType:
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
        # The holder and staff are offered a PDF not made yet: their download makes it (first_download.py).
        "pdf_url": reverse("certificates:pdf", args=[certificate.code])
        if may_download_pdf(verification, request.user) or first_download.may_render(certificate, request.user)
        else "",
        "credential_url": reverse("api:credential", args=[certificate.code])
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
def certificate_pdf(request, code: str) -> HttpResponseBase:
    found = page_look_up(request, code, "certificates:pdf")
    if isinstance(found, HttpResponse):
        return found
    if first_download.may_render(found, request.user):
        found = first_download.render_for_download(found)
    verification = verify(found)
    if not verification.pdf_ready:
        return noindex(message_page(
            request, _("The PDF is being prepared"),
            _("This certificate is issued, but its PDF is not ready yet. Try again in a few minutes."), 404, found))
    if not may_download_pdf(verification, request.user):
        # Someone else's revoked or replaced certificate: show its standing, not a document that looks current.
        return redirect("certificates:verify", code=found.code)
    try:
        stream = found.pdf.storage.open(cast(str, found.pdf.name), "rb")  # pdf_ready: a file is named
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
