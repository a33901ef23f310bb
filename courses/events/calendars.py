"""iCalendar (RFC 5545) for sessions: one event's sessions, or everything a member registered for.

Times are written in each session's own zone with a VTIMEZONE for it, so calendar programs show the right
local time on both sides of a daylight-saving change. Words are in the active language; each event is named and
linked as the page the reader is given in it (its translation or alias), its sessions are the original's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from functools import cache

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import site_address

from ..models import EventPage, Registration, Session
from .times import zone

PRODUCT_ID = "-//VSMC Learning//Events//EN"


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _vevent(session: Session, event: EventPage, stamp: datetime, status: str = "CONFIRMED",
            note: str = "") -> icalendar.Event:
    tz = zone(session.time_zone)
    vevent = icalendar.Event()
    vevent.add("uid", f"session-{session.pk}@{site_address.host()}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", session.starts_at.astimezone(tz))
    vevent.add("dtend", session.ends_at.astimezone(tz))
    vevent.add("sequence", session.schedule_version)
    title = f"{event.title}: {session.title}" if session.title else event.title
    vevent.add("summary", f"{title} ({note})" if note else title)
    page_url = site_address.page_url(event) or site_address.base_url() + "/"
    vevent.add("url", page_url)
    where = session.venue.strip() or (_("Online") if session.is_online else "")
    if where:
        vevent.add("location", where)
    description = [event.summary, ""]
    if session.is_online:
        description.append(_("Online: the joining link appears on the event page from an hour before the start, "
                             "for confirmed attendees."))
    description.append(page_url)
    vevent.add("description", "\n".join(description))
    vevent.add("status", status)
    return vevent


@cache
def _vtimezone(tzid: str) -> bytes:
    """A zone's VTIMEZONE as icalendar writes it, built and written once per process (empty for a zone it does not
    know): working out its transitions, then writing its hundred-odd dates, cost more than the rest of a calendar."""
    try:
        return icalendar.Timezone.from_tzid(tzid).to_ical()
    except ValueError:
        return b""


def _finish(calendar: icalendar.Calendar) -> bytes:
    """Add a VTIMEZONE for every zone the events use, before the events (as RFC 5545 readers expect): the calendar
    written by icalendar, with the zones' kept text placed where icalendar would write them as its first
    components."""
    zones = b"".join(_vtimezone(tzid) for tzid in sorted(calendar.get_missing_tzids()))
    written = calendar.to_ical()
    if not zones:
        return written
    first_component = written.index(b"\r\nBEGIN:", len(b"BEGIN:VCALENDAR")) + 2
    return written[:first_component] + zones + written[first_component:]


def event_calendar(event: EventPage, sessions: Iterable[Session] | None = None) -> bytes:
    """Every session of an event (public facts only: never the joining link); `event` is the page read, which
    names and links them, `sessions` the original's when that page is a translation."""
    stamp = timezone.now().astimezone(UTC)
    calendar = _calendar(event.title)
    for session in sessions if sessions is not None else event.sessions.order_by("starts_at"):
        calendar.add_component(_vevent(session, event, stamp))
    return _finish(calendar)


def registrations_calendar(registrations: Iterable[Registration], name: str,
                           shown: Mapping[object, EventPage] | None = None) -> bytes:
    """A member's registrations: seats as confirmed events, waitlist places as tentative ones. `shown` gives, by
    translation key, the page each event is named and linked as (pages_in_language); else the original."""
    stamp = timezone.now().astimezone(UTC)
    calendar = _calendar(name)
    for registration in registrations:
        waiting = registration.status == Registration.Status.WAITLISTED
        event = registration.session.event
        event = (shown or {}).get(event.translation_key, event)
        calendar.add_component(
            _vevent(registration.session, event, stamp,
                    status="TENTATIVE" if waiting else "CONFIRMED", note=_("waitlisted") if waiting else "")
        )
    return _finish(calendar)


def member_feed_registrations(member):
    """What a member's feed lists: their live registrations for sessions that ended no more than 30 days ago."""
    since = timezone.now() - timedelta(days=30)
    return (
        Registration.objects.filter(member=member, session__ends_at__gte=since, session__event__live=True)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("session__event")
        .order_by("session__starts_at")
    )
