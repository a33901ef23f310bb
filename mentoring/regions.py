"""Which broad region a member is in, for the directory, a mentee's region preference and the health report.

The region comes from the member's time zone, not their country: every member has a time zone (the site sets it
from the browser at sign-up and the profile keeps it), while the country is optional; availability is already kept
in that zone, so region and overlap never disagree; and the catalog groups sessions by zone the same way. The
IANA area (America/..., Europe/...) names the continent; the few areas that span continents (Atlantic, Indian)
are placed by their zone's city.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("The Americas")
    ASIA = "asia", _("Asia and the Middle East")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")
    UNSPECIFIED = "unspecified", _("Not specified (UTC)")


_AREA_REGION = {
    "Africa": Region.AFRICA,
    "America": Region.AMERICAS,
    "Asia": Region.ASIA,
    "Europe": Region.EUROPE,
    "Australia": Region.OCEANIA,
    "Pacific": Region.OCEANIA,
}
# Zones of the ocean areas, by the continent their islands belong to; unknown ones count as unspecified.
_OCEAN_ZONE_REGION = {
    "Atlantic/Azores": Region.EUROPE,
    "Atlantic/Canary": Region.EUROPE,
    "Atlantic/Faroe": Region.EUROPE,
    "Atlantic/Madeira": Region.EUROPE,
    "Atlantic/Reykjavik": Region.EUROPE,
    "Atlantic/Bermuda": Region.AMERICAS,
    "Atlantic/Stanley": Region.AMERICAS,
    "Atlantic/South_Georgia": Region.AMERICAS,
    "Atlantic/Cape_Verde": Region.AFRICA,
    "Atlantic/St_Helena": Region.AFRICA,
    "Indian/Antananarivo": Region.AFRICA,
    "Indian/Comoro": Region.AFRICA,
    "Indian/Mahe": Region.AFRICA,
    "Indian/Mauritius": Region.AFRICA,
    "Indian/Mayotte": Region.AFRICA,
    "Indian/Reunion": Region.AFRICA,
    "Indian/Chagos": Region.ASIA,
    "Indian/Christmas": Region.ASIA,
    "Indian/Cocos": Region.ASIA,
    "Indian/Maldives": Region.ASIA,
}


def region_of_time_zone(zone_name: str) -> str:
    """The broad region of an IANA time zone name; UTC, Etc/* and unknown names are 'unspecified'."""
    if zone_name in _OCEAN_ZONE_REGION:
        return _OCEAN_ZONE_REGION[zone_name]
    area = zone_name.split("/", 1)[0] if "/" in zone_name else ""
    return _AREA_REGION.get(area, Region.UNSPECIFIED)


def region_of(member) -> str:
    return region_of_time_zone(getattr(member, "time_zone", "") or "UTC")


def region_label(code: str) -> str:
    return str(dict(Region.choices).get(code, code))
