"""Render times in the viewer's own time zone: a member's profile zone, or for anonymous visitors the zone
their browser reported in the `tz` cookie (set by cms/static/cms/timezone.js)."""

import zoneinfo
from functools import cache

from django.utils import timezone

TIME_ZONE_COOKIE = "tz"


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_from_cookie(value: str | None) -> str | None:
    """The cookie's zone when it names a real IANA zone; anything else is ignored, never trusted as a path."""
    if not value or len(value) > 64:
        return None
    return value if value in _known_zones() else None


def viewer_time_zone(request) -> str | None:
    if request.user.is_authenticated:
        return getattr(request.user, "time_zone", None) or None
    return zone_from_cookie(request.COOKIES.get(TIME_ZONE_COOKIE))


class MemberTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = viewer_time_zone(request)
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name)) if tz_name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
