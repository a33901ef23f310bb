"""The home page's "just earned" panel: the certificates a member was issued lately, with the links "My learning"
gives them (certificates/dashboard.py). `cms` never imports certificates; certificates/wagtail_hooks.py registers
`just_earned_panel` for the HOME_PANELS hook (lms/extension_points.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from .dashboard import entry_for
from .models import Certificate

PANEL_TEMPLATE = "certificates/home/_just_earned.html"

# "Just earned": issued within this many days; older ones stay on "My learning".
JUST_EARNED_DAYS = 60
SHOWN = 3


def just_earned_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """Members with a certificate issued lately (still in force) see it; everyone else sees nothing. One query."""
    member = request.user
    if not member.is_authenticated:
        return None
    since = timezone.now() - timedelta(days=JUST_EARNED_DAYS)
    recent = list(
        Certificate.objects.filter(member=member, superseded_at__isnull=True, withdrawn_at__isnull=True,
                                   issued_at__gte=since)
        .order_by("-issued_at", "-pk")[:SHOWN]
    )
    if not recent:
        return None
    return PANEL_TEMPLATE, {"certificate_entries": [entry_for(certificate) for certificate in recent]}
