"""The "Tell us how it went" panel of My learning (a `my_learning_panels` hook): each evaluation and follow-up the
member may still answer, so the e-mail is never the only way in (a member who turned those e-mails off sees them
here too). One query, whatever the number of activities."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from lms.roles import signed_in

from ..models import EvaluationRequest
from .windows import evaluation_open, evaluation_open_q, follow_up_open, follow_up_open_q

TEMPLATE = "courses/evaluations/_my_learning.html"
# The most shown at once; the oldest close first, so they lead.
MOST_SHOWN = 10


def evaluations_panel(request: HttpRequest) -> tuple[str, dict] | None:
    member = request.user
    if not signed_in(member):
        return None
    now = timezone.now()
    open_ones = list(
        EvaluationRequest.objects.filter(member=member)
        .filter((evaluation_open_q(now) & Q(evaluation__isnull=True))
                | (follow_up_open_q(now) & Q(follow_up__isnull=True)))
        .order_by("activity_at", "pk")
        .values("pk", "title", "activity_at", "evaluation", "follow_up")[:MOST_SHOWN])
    if not open_ones:
        return None
    items: list[dict[str, object]] = []
    for row in open_ones:
        # An activity 60-90 days old may owe both; the evaluation first.
        if row["evaluation"] is None and evaluation_open(row["activity_at"], now):
            items.append({"pk": row["pk"], "title": row["title"], "kind": "evaluation"})
        if row["follow_up"] is None and follow_up_open(row["activity_at"], now):
            items.append({"pk": row["pk"], "title": row["title"], "kind": "follow_up"})
    return TEMPLATE, {"items": items}
