"""The onboarding checklist as a panel on the home page and on "My learning" (lms/wagtail_hooks.py registers it for
both hooks at order 50, so it comes first); lms/onboarding.py decides whether it shows and what it says."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from . import onboarding
from .roles import signed_in

PANEL_TEMPLATE = "lms/_onboarding_checklist.html"


def onboarding_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """The member's checklist while they are onboarding and have not finished or hidden it; None otherwise."""
    member = request.user
    if not signed_in(member):
        return None
    shown = onboarding.shown_checklist(member, timezone.now())
    if shown is None:
        return None
    return PANEL_TEMPLATE, {"onboarding": shown, "onboarding_progress": shown.progress_text(),
                            "onboarding_back": request.get_full_path()}
