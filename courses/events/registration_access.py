"""Who may see and manage an event's registrations: staff all of them, a partner host only the events their
partner co-hosts, an instructor only the events they are named on. Seats and moves are for staff alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from cms.models import Partner
from lms.original_rows import originals
from lms.roles import is_staff_member, signed_in

from ..models import EventPage

if TYPE_CHECKING:
    from lms.access import Viewer


def partners_hosted_by(user: Viewer) -> QuerySet[Partner]:
    hosted: QuerySet[Partner] = Partner.objects.filter(hosts=user) if signed_in(user) else Partner.objects.none()
    return hosted


def events_managed_by(user: Viewer) -> QuerySet[EventPage]:
    """The events whose registration lists this user may open (drafts included: registrations outlive edits); only
    originals, which own the sessions and registrations of all their translations."""
    events: QuerySet[EventPage]
    if not signed_in(user):
        events = EventPage.objects.none()
    elif is_staff_member(user):
        events = EventPage.objects.all()
    else:
        events = EventPage.objects.filter(Q(co_hosts__hosts=user) | Q(instructors=user)).distinct()
    return originals(events)


def may_manage_registrations(user: Viewer, event: EventPage) -> bool:
    """See the list, export it, and record attendance."""
    if is_staff_member(user):
        return True
    return events_managed_by(user).filter(pk=event.pk).exists()


def may_change_seats(user: Viewer) -> bool:
    """Lift caps, move people between sessions, cancel for someone: decisions the association keeps."""
    return is_staff_member(user)


def co_hosted_by_partners_of(user: Viewer, event: EventPage) -> bool:
    """Whether one of the user's partners co-hosts the event (what lets a partner host edit its page)."""
    return bool(EventPage.objects.filter(pk=event.pk, co_hosts__hosts=user).exists())
