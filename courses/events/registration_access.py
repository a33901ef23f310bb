"""Who may see and manage an event's registrations: staff all of them, a partner host only the events their
partner co-hosts, an instructor only the events they are named on. Seats and moves are for staff alone.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cms.models import Partner
from lms.roles import is_staff_member

from ..models import EventPage


def partners_hosted_by(user) -> QuerySet[Partner]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Partner.objects.none()
    return Partner.objects.filter(hosts=user)


def events_managed_by(user) -> QuerySet[EventPage]:
    """The events whose registration lists this user may open (drafts included: registrations outlive edits)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EventPage.objects.none()
    if is_staff_member(user):
        return EventPage.objects.all()
    return EventPage.objects.filter(Q(co_hosts__hosts=user) | Q(instructors=user)).distinct()


def may_manage_registrations(user, event: EventPage) -> bool:
    """See the list, export it, and record attendance."""
    if is_staff_member(user):
        return True
    return events_managed_by(user).filter(pk=event.pk).exists()


def may_change_seats(user) -> bool:
    """Lift caps, move people between sessions, cancel for someone: decisions the association keeps."""
    return is_staff_member(user)


def co_hosted_by_partners_of(user, event: EventPage) -> bool:
    """Whether one of the user's partners co-hosts the event (what lets a partner host edit its page)."""
    return EventPage.objects.filter(pk=event.pk, co_hosts__hosts=user).exists()
