"""What the Wagtail admin's home shows staff of certificates: the PDFs that failed finally (every retry spent,
`tasks.render_certificate`), grouped by what they certify, each group linking to the certificate list filtered to
them, where each can be rendered again. Two queries, however many failures there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max
from django.urls import reverse
from wagtail.admin.ui.components import Component

from lms.roles import is_staff_member

from . import issuance
from .models import Certificate

MOST_ROWS = 10


@dataclass
class FailureGroup:
    title: str
    failed: int
    latest_issued_at: datetime | None

    @property
    def list_url(self) -> str:
        return failed_list_url(self.title)


def failed_list_url(title: str = "") -> str:
    query = {"status": "failed", **({"q": title} if title else {})}
    return f"{reverse('certificates_admin:index')}?{urlencode(query)}"


def failed_renders() -> tuple[list[FailureGroup], int]:
    """Failed certificates grouped by the achievement's title (most recently failed first, at most MOST_ROWS
    groups), and how many failed in all. Failed means what the list's "Render failed" filter means."""
    failed = Certificate.objects.filter(issuance.status_condition("failed")).order_by()
    total = failed.count()
    if not total:
        return [], 0
    groups = (failed.values("achievement_title")
              .annotate(n=Count("pk"), latest=Max("created_at"))
              .order_by("-latest", "achievement_title")[:MOST_ROWS])
    rows = [FailureGroup(title=g["achievement_title"], failed=g["n"], latest_issued_at=g["latest"]) for g in groups]
    return rows, total


class FailedCertificatesPanel(Component):
    """Shown to staff only, and only when something failed."""

    name = "failed_certificates"
    template_name = "certificates/admin_home/failed_certificates.html"
    order = 170

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = parent_context["request"].user
        if not is_staff_member(user):
            return {"rows": [], "total": 0}
        rows, total = failed_renders()
        return {"rows": rows, "total": total, "all_url": failed_list_url()}
