"""Refusing a request: the one exception rule modules and views raise, and the one place it becomes a page.

A rule module says *why* (`raise Refused(message, status)`); it knows nothing of pages. The area handling the
request says where "back" leads (`set_way_back`), and `RefusalMiddleware` turns any refusal that leaves a view into a
page with its real status: the admin's page for requests inside the Wagtail admin (Wagtail would turn a
PermissionDenied into a redirect), the site's page everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _


class Refused(Exception):
    """Not allowed or not possible: the message says why, in the reader's words; `status` is the HTTP answer.

    Subclasses exist only where a caller must tell one refusal from another, or to give an area's usual status.
    """

    default_status = 403

    def __init__(self, message: str, status: int | None = None, *, back_url: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = self.default_status if status is None else status
        self.back_url = back_url
        self.headers = headers or {}


def require_post(request: HttpRequest, back_url: str | None = None) -> None:
    """Actions change things, so they answer only form submissions; anything else is a 405 naming the rule."""
    if request.method != "POST":
        raise Refused(_("This address only accepts form submissions."), 405, back_url=back_url,
                      headers={"Allow": "POST"})


@dataclass(frozen=True)
class WayBack:
    """Where the refusal page's link leads when the refusal itself names no place; `also` is one more link."""

    url: str
    label: str = ""
    also: tuple[str, str] | None = None


def set_way_back(request: HttpRequest, url: str, label: str = "", also: tuple[str, str] | None = None) -> None:
    """Called by an area (a decorator or base view) before its view runs: the way back from its refusals."""
    request.refusal_way_back = WayBack(url, label, also)  # type: ignore[attr-defined]  # read back by refusal_page


def is_admin_request(request: HttpRequest) -> bool:
    return request.path.startswith(str(reverse("wagtailadmin_home")))


def refusal_page(request: HttpRequest, refused: Refused, *, in_admin: bool | None = None) -> TemplateResponse:
    """The page naming the problem, with the refusal's status and a way back. `in_admin` is for the admin's
    previews, whose stand-in request has a site address."""
    way_back = getattr(request, "refusal_way_back", None) or WayBack("/")
    back_url = refused.back_url or way_back.url
    if is_admin_request(request) if in_admin is None else in_admin:
        title = _("Not allowed") if refused.status == 403 else _("Not possible")
        context = {"page_title": title, "header_title": title, "header_icon": "warning", "message": str(refused),
                   "back_url": back_url, "back_label": way_back.label}
        response = TemplateResponse(request, "lms/admin/refused.html", context, status=refused.status)
    else:
        context = {"message": str(refused), "back_url": back_url, "also": way_back.also}
        response = TemplateResponse(request, "lms/refused.html", context, status=refused.status)
    for name, value in refused.headers.items():
        response[name] = value
    return response


class RefusalMiddleware:
    """Turns a `Refused` leaving any view into its page, so views and decorators never catch refusals to render."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Refused):
            return refusal_page(request, exception)
        return None
