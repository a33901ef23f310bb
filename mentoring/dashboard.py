"""The mentoring panel on "My learning": what waits for the member (requests, proposals) and how many relationships
they have under way, in one query, so the dashboard stays cheap.

`courses` never imports mentoring; mentoring/wagtail_hooks.py registers `mentoring_panel` for the MY_LEARNING_PANELS
hook (lms/extension_points.py).
"""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from lms.models import Member

from .models import MatchProposal, Mentorship, MentorshipRequest
from .privacy import may_use_mentoring

PANEL_TEMPLATE = "mentoring/_dashboard_mentoring.html"


def _count(rows: QuerySet) -> Coalesce:
    """COUNT(*) of `rows` as a scalar subquery (rows filter on OuterRef("pk"), the member)."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Coalesce(Subquery(counted), Value(0))


def mentoring_panel(request: HttpRequest) -> tuple[str, dict] | None:
    """Shown to members (mentoring is for them), with an empty state pointing to the directory."""
    member = request.user
    if not member.is_authenticated or not may_use_mentoring(member):
        return None
    me = OuterRef("pk")
    counts = Member.objects.filter(pk=member.pk).values(
        requests_waiting=_count(MentorshipRequest.objects.filter(mentor=me, status=MentorshipRequest.Status.PENDING)),
        proposals_waiting=_count(MatchProposal.objects.filter(status=MatchProposal.Status.PUBLISHED).filter(
            Q(mentee=me, mentee_answer="") | Q(mentor=me, mentor_answer=""))),
        relationships=_count(Mentorship.objects.filter(closed_at__isnull=True).filter(Q(mentee=me) | Q(mentor=me))),
    ).get()
    return PANEL_TEMPLATE, {"mentoring_counts": counts}
