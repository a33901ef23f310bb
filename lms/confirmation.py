"""Destructive actions happen in two steps, with or without script: a first request (a GET, or a POST from the
button beside the thing) only shows a page saying what will happen and what cannot be undone; the action runs on the
POST that page sends, which carries `confirm=yes`. Views of every feature use this one pattern; the rule deciding
the action stays in its rule module and the view checks permissions before either step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"
MAX_CARRIED_LENGTH = 10_000  # what a carried field may hold; the action's own form bounds it more tightly


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says: the question, the consequence in words, and the two ways out."""

    title: str
    consequence: str
    confirm_label: str
    back_url: str
    permanence: str = ""
    back_label: str = ""
    details: tuple[tuple[str, str], ...] = ()
    carried: Mapping[str, str] = field(default_factory=dict)
    action_url: str = ""


def is_confirmed(request: HttpRequest) -> bool:
    """Only a POST from the confirmation page acts; a GET never does, whatever its query says."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def carried_fields(request: HttpRequest, names: Iterable[str]) -> dict[str, str]:
    """The first step's answers (a reason, a note) posted again, unchanged, by the confirmation page."""
    carried = {}
    for name in names:
        value = request.POST.get(name)
        if value is not None:
            carried[name] = value[:MAX_CARRIED_LENGTH]
    return carried


def confirmation_page(
    request: HttpRequest, confirmation: Confirmation, *, admin: bool = False, status: int = 200
) -> TemplateResponse:
    """The page asking to confirm; `admin` renders it inside the Wagtail admin instead of the site."""
    context = {
        "confirmation": confirmation,
        "back_label": confirmation.back_label or _("No, go back"),
        "action_url": confirmation.action_url or request.get_full_path(),
        "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE,
    }
    if admin:
        context.update({"page_title": confirmation.title, "header_title": confirmation.title, "header_icon": "warning"})
    template = "lms/admin/confirm.html" if admin else "lms/confirm.html"
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response
