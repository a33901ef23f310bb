"""CPD's activity for the engagement report (the `member_activity_sources` hook): an external activity a member
logged, dated on the day it took place (rejected ones too: logging it was the member's activity)."""

from __future__ import annotations

from lms.extension_points import ActivitySource

from .models import ExternalActivity


def activity_sources() -> list[ActivitySource]:
    return [ActivitySource(ExternalActivity.objects.all(), "member", "date")]
