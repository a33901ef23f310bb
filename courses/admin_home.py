"""What the Wagtail admin's home shows instructors and partner hosts of their own work: an instructor the offerings
they are named on (drafts and pages in review, learners, completions), a partner host the events their partner
co-hosts (next session, confirmed and waitlisted registrations).

Scoping is on the server and by the person, never by anything the request names: the rows are the offerings
naming this user, and the events co-hosted by this user's partners (`registration_access.partners_hosted_by`).
Each panel is one query however many rows it shows (counts are subqueries, never a query per row), plus one to
count the rest when there are more than it shows. Each offering is one row, its original: a translation or alias
in another locale is the same offering, and its sessions and registrations are the original's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from lms.original_rows import originals
from lms.roles import is_restricted_instructor, is_restricted_partner_host, signed_in

from .events.registration_access import partners_hosted_by
from .models import Enrolment, EventPage, Offering, Registration

# A home page is a summary, not a listing: past this many rows the panel says how many more there are.
MOST_ROWS = 20

Status = Registration.Status


class SubqueryCount(Subquery):
    """The number of rows a (correlated) queryset has, as one column of the outer query."""

    template = "(SELECT count(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


# ------------------------------------------------------------------------------------------------ teaching


@dataclass
class TeachingRow:
    offering: Offering
    drafts: int
    in_review: int
    learners: int
    completed: int

    @property
    def completion_percent(self) -> int | None:
        return round(100 * self.completed / self.learners) if self.learners else None

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.offering.pk])

    @property
    def pages_url(self) -> str:
        return reverse("wagtailadmin_explore", args=[self.offering.pk])


def teaching_rows(user: Any) -> tuple[list[TeachingRow], int]:
    """The offerings `user` is named on as an instructor (at most MOST_ROWS, latest programme year first), and how
    many there are in all. Learners are enrolments (self-paced) or confirmed registrations (events); completed
    are completions or attendances."""
    if not signed_in(user):
        return [], 0
    page_type = ContentType.objects.get_for_model(Page)
    # The offering's own page and every module and lesson below it; Wagtail keeps page ids as text in workflows.
    tree_ids = (Page.objects.filter(path__startswith=OuterRef(OuterRef("path")))
                .annotate(text_id=Cast("pk", CharField())).values("text_id"))
    enrolments = Enrolment.objects.filter(offering_id=OuterRef("pk"))
    registrations = Registration.objects.filter(session__event_id=OuterRef("pk"))
    taught = originals(Offering.objects.filter(instructors=user))
    rows = (
        taught.annotate(
            draft_count=SubqueryCount(Page.objects.filter(path__startswith=OuterRef("path"),
                                                          has_unpublished_changes=True).values("pk")),
            review_count=SubqueryCount(WorkflowState.objects.filter(
                base_content_type_id=page_type.pk, status=WorkflowState.STATUS_IN_PROGRESS,
                object_id__in=tree_ids).values("pk")),
            enrolled_count=SubqueryCount(enrolments.filter(Q(is_active=True) | Q(completed_at__isnull=False))
                                         .values("pk")),
            completed_count=SubqueryCount(enrolments.filter(completed_at__isnull=False).values("pk")),
            confirmed_count=SubqueryCount(registrations.filter(status=Status.CONFIRMED).values("pk")),
            attended_count=SubqueryCount(registrations.filter(attended=True).values("pk")),
        )
        .order_by("-programme_year", "title", "pk")
    )
    shown = [
        TeachingRow(offering=o, drafts=o.draft_count, in_review=o.review_count,
                    learners=o.enrolled_count + o.confirmed_count, completed=o.completed_count + o.attended_count)
        for o in rows[:MOST_ROWS]
    ]
    total = len(shown) if len(shown) < MOST_ROWS else taught.count()
    return shown, total


class TeachingPanel(Component):
    """"What you teach", for anyone named on an offering, and for every instructor (saying so when it is none)."""

    name = "teaching"
    template_name = "courses/admin_home/teaching.html"
    order = 150  # above Wagtail's own review and recent-edit panels

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = parent_context["request"].user
        rows, total = teaching_rows(user)
        return {"rows": rows, "more": total - len(rows),
                "shown": bool(rows) or is_restricted_instructor(user)}


# ------------------------------------------------------------------------------------------------- hosting


@dataclass
class HostedEventRow:
    event: EventPage
    next_session_at: datetime | None
    confirmed: int
    waitlisted: int

    @property
    def registrations_url(self) -> str:
        return reverse("courses_events:registrations", args=[self.event.pk])


def hosted_event_rows(user: Any) -> tuple[list[HostedEventRow], int]:
    """The events co-hosted by `user`'s partners (at most MOST_ROWS: those with a session still to come first,
    soonest first), and how many there are in all."""
    if not signed_in(user):
        return [], 0
    hosted = originals(EventPage.objects.filter(
        pk__in=EventPage.objects.filter(co_hosts__in=partners_hosted_by(user)).values("pk")))
    registrations = Registration.objects.filter(session__event_id=OuterRef("pk"))
    rows = (
        hosted.annotate(
            next_session_at=Min("sessions__starts_at", filter=Q(sessions__ends_at__gte=timezone.now())),
            confirmed_count=SubqueryCount(registrations.filter(status=Status.CONFIRMED).values("pk")),
            waitlisted_count=SubqueryCount(registrations.filter(status=Status.WAITLISTED).values("pk")),
        )
        .order_by("next_session_at", "title", "pk")  # PostgreSQL puts the NULLs (nothing to come) last
    )
    shown = [HostedEventRow(event=e, next_session_at=e.next_session_at, confirmed=e.confirmed_count,
                            waitlisted=e.waitlisted_count) for e in rows[:MOST_ROWS]]
    total = len(shown) if len(shown) < MOST_ROWS else hosted.count()
    return shown, total


class HostedEventsPanel(Component):
    """"Events your partner co-hosts", for every partner host and anyone whose partner co-hosts an event."""

    name = "hosted_events"
    template_name = "courses/admin_home/hosted_events.html"
    order = 160

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        user = parent_context["request"].user
        rows, total = hosted_event_rows(user)
        return {"rows": rows, "more": total - len(rows),
                "shown": bool(rows) or is_restricted_partner_host(user)}

