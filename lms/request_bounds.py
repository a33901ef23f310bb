"""How much a single request may send, and the clear answer when it sends more.

Django bounds the form fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) and the non-file part of a body
(DATA_UPLOAD_MAX_MEMORY_SIZE), but answers a breach with a bare "Bad Request"; and nothing bounds a whole upload,
which Django streams to a temporary file before any form can look at its size. This middleware refuses a form or
upload body larger than MAX_REQUEST_BODY_SIZE before reading it, reads form bodies first (as the CSRF check would)
so that a breach of either Django bound gets the same explained page, and answers the API in JSON.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The 400 or 413 answer: a page in the site's shell, or JSON for the API."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"error": message}, status=status)
    template = "413.html" if status == 413 else "400.html"
    response = render(request, template, {"message": message}, status=status)
    if status == 413:
        response["Connection"] = "close"  # the rest of the body is never read
    return response


def too_large(request: HttpRequest) -> HttpResponse:
    return refusal(
        request,
        413,
        _("What you sent is larger than this site accepts (at most %(size)s in one request). Send a smaller file.")
        % {"size": filesizeformat(settings.MAX_REQUEST_BODY_SIZE)},
    )


BODY_BOUNDS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def answer_for(request: HttpRequest, error: RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent) -> HttpResponse:
    """The refusal for a bound Django enforces while reading the body."""
    if isinstance(error, RequestDataTooBig):
        return refusal(
            request,
            413,
            _("This form sent more text than this site accepts (at most %(size)s besides files).")
            % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
        )
    if isinstance(error, TooManyFieldsSent):
        return refusal(
            request,
            400,
            _(
                "This form sent more fields than any form on this site has (at most %(count)s). Reload the page and "
                "send it again."
            )
            % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
        )
    return refusal(
        request,
        400,
        _("This form sent more files than this site accepts at once (at most %(count)s).")
        % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FILES},
    )


class LengthNotANumber(ValueError):
    """The Content-Length header is not a plain decimal number."""

    @property
    def message(self) -> str:
        """Said in the language of the request that sent the header."""
        return _("The Content-Length header is not a number.")


def declared_length(request: HttpRequest, limit: int) -> int | None:
    """The body size the Content-Length header announces, None without one. A number too long to be any body's
    size reads as limit + 1 (over the limit) rather than being converted; anything but ASCII digits raises
    LengthNotANumber (Django would read it with int(): a 500 for "12abc", other scripts' digits taken as a size)."""
    text = request.META.get("CONTENT_LENGTH") or ""
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise LengthNotANumber(text)
    if len(text.lstrip("0")) > len(str(limit)):
        return limit + 1
    return min(int(text), limit + 1)


class RequestBoundsMiddleware:
    """Refuses oversized bodies unread and explains every body bound Django enforces."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.META.get("CONTENT_TYPE", "").startswith(FORM_TYPES):
            # Other bodies are read only by the views that want them, which bound them (the verify API checks the
            # declared length itself); Django's memory bound still applies, answered by process_exception below.
            return self.get_response(request)
        try:
            declared = declared_length(request, settings.MAX_REQUEST_BODY_SIZE)
        except LengthNotANumber as error:
            return refusal(request, 400, error.message)
        if declared is not None and declared > settings.MAX_REQUEST_BODY_SIZE:
            return too_large(request)
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parsed here so a breach of Django's bounds is explained, not bare
            except BODY_BOUNDS as error:
                return answer_for(request, error)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view that reads the raw body (the JSON API) meets the same bounds."""
        return answer_for(request, exception) if isinstance(exception, BODY_BOUNDS) else None
