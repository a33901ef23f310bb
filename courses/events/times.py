"""Wall-clock times in a named zone, turned into instants (and back) without daylight-saving surprises.

Sessions are authored as the organiser thinks of them ("10:00 in New York on 12 March"); the instant is
derived per date from the zone's own rules, so a weekly series keeps its local time across a DST change.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils.translation import gettext as _

from lms import formatting


class LocalTimeError(ValueError):
    """A wall-clock time that names no instant (a DST gap) or a zone that does not exist."""


def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise LocalTimeError(_("“%(zone)s” is not a time zone.") % {"zone": name}) from error


def instant_of(day: date, wall_time: time, zone_name: str) -> datetime:
    """The UTC instant a local date and time name in the zone.

    A time skipped by a spring-forward change does not exist and is refused; a time repeated by a fall-back
    change is read as its first occurrence (still on summer time), as calendar programs do.
    """
    tz = zone(zone_name)
    local = datetime.combine(day, wall_time, tzinfo=tz)  # fold=0: the first of two repeated times
    as_utc = local.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise LocalTimeError(
            _("%(time)s on %(date)s does not exist in %(zone)s: the clocks skip it for daylight saving.")
            % {"time": formatting.time_text(wall_time), "date": formatting.date_text(day), "zone": zone_name}
        )
    return as_utc


def is_repeated_local_time(day: date, wall_time: time, zone_name: str) -> bool:
    """Whether the clocks show this time twice on the day (a fall-back change), so authors can be warned."""
    tz = zone(zone_name)
    local = datetime.combine(day, wall_time, tzinfo=tz)
    if local.replace(fold=0).utcoffset() == local.replace(fold=1).utcoffset():
        return False
    # The two readings also differ inside a spring-forward gap; only a repeated time reads back unchanged.
    return local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == local.replace(tzinfo=None)


@dataclass(frozen=True)
class TimeSpan:
    """A session's start and end as one reader sees them: in their zone, with the zone's abbreviation."""

    starts: datetime
    ends: datetime
    zone_name: str

    @property
    def zone_abbreviation(self) -> str:
        return self.starts.tzname() or self.zone_name

    @property
    def same_day(self) -> bool:
        return self.starts.date() == self.ends.date()

    def __str__(self) -> str:
        """ "Thu 3 Dec 2026, 10:00–11:30 CET", in the active language (lms.formatting writes each part)."""
        start_day = formatting.session_day_text(self.starts, tz=self.starts.tzinfo)
        start_time = formatting.time_text(self.starts, tz=self.starts.tzinfo)
        end_time = formatting.time_text(self.ends, tz=self.ends.tzinfo)
        if self.same_day:
            return f"{start_day}, {start_time}–{end_time} {self.zone_abbreviation}"
        end_day = formatting.session_day_text(self.ends, tz=self.ends.tzinfo)
        return f"{start_day}, {start_time} – {end_day}, {end_time} {self.ends.tzname() or self.zone_name}"


def span_in(starts_at: datetime, ends_at: datetime, zone_name: str) -> TimeSpan:
    """The span read in a zone; an unknown zone name falls back to UTC rather than failing a page."""
    try:
        tz = zone(zone_name)
    except LocalTimeError:
        tz, zone_name = zoneinfo.ZoneInfo("UTC"), "UTC"
    return TimeSpan(starts_at.astimezone(tz), ends_at.astimezone(tz), zone_name)


def moment_in(instant: datetime, zone_name: str) -> str:
    """One instant as a reader in the zone sees it, e.g. 'Tue 3 Mar 2026, 09:00 EST'."""
    local = span_in(instant, instant, zone_name).starts
    day, clock = formatting.session_day_text(local, tz=local.tzinfo), formatting.time_text(local, tz=local.tzinfo)
    return f"{day}, {clock} {local.tzname()}"


def duration_minutes(starts_at: datetime, ends_at: datetime) -> int:
    """Elapsed minutes (a session across a DST change is an hour shorter or longer on the wall clock)."""
    return max(0, int((ends_at - starts_at) / timedelta(minutes=1)))
