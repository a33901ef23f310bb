"""Session times as a viewer reads them (their own zone, the session's alongside when it differs), and each
event card's next session, fetched inside the listing's own query. Used by the catalog, partner and campaign
pages and search. A card for a translation or alias shows its original's next session (the sessions are its)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.query import PageQuerySet

from ..models import Session
from .times import TimeSpan, span_in


@dataclass(frozen=True)
class SessionTime:
    """A session's time as the viewer reads it, with the session's own zone alongside when that differs."""

    session: Session
    viewer: TimeSpan
    own: TimeSpan | None

    @property
    def starts_iso(self) -> str:
        return self.viewer.starts.isoformat()

    @property
    def own_starts_iso(self) -> str:
        return self.own.starts.isoformat() if self.own else ""


def session_time(session: Session, zone_name: str) -> SessionTime:
    viewer = span_in(session.starts_at, session.ends_at, zone_name)
    own = None
    if session.time_zone != viewer.zone_name:
        own = span_in(session.starts_at, session.ends_at, session.time_zone)
    return SessionTime(session, viewer, own)


def viewer_zone() -> str:
    """The zone the current request reads times in (set by the time-zone middleware)."""
    return timezone.get_current_timezone_name()


def with_next_session(offerings: PageQuerySet, now: datetime | None = None) -> PageQuerySet:
    """Annotate each offering with its original's next session that has not ended (courses get none), inside the
    listing's own query: cards never query per card."""
    upcoming = Session.objects.of_original_of(OuterRef("translation_key")).filter(ends_at__gt=now or timezone.now())
    upcoming = upcoming.order_by("starts_at", "pk")
    annotated: PageQuerySet = offerings.annotate(
        next_session_starts_at=Subquery(upcoming.values("starts_at")[:1]),
        next_session_ends_at=Subquery(upcoming.values("ends_at")[:1]),
        next_session_time_zone=Subquery(upcoming.values("time_zone")[:1]),
    )
    return annotated


def attach_next_sessions(offerings: Iterable[Any], zone_name: str) -> list[Any]:
    """Give event cards their `next_session` as the viewer reads it (None for courses and events that are over).

    The offerings come from `with_next_session`; its annotations are not on the model's type, hence Any.
    """
    offerings = list(offerings)
    for offering in offerings:
        starts_at = getattr(offering, "next_session_starts_at", None)
        offering.next_session = None
        if starts_at is not None:
            session = Session(starts_at=starts_at, ends_at=offering.next_session_ends_at,
                              time_zone=offering.next_session_time_zone)
            offering.next_session = session_time(session, zone_name)
    return offerings
