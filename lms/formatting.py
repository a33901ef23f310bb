"""How dates, times, numbers and counts are written for people: the one place, per locale.

Every page, e-mail and message formats through these functions (templates through the `lms` template library,
lms/templatetags/lms.py), so a date reads the same wherever it appears. They use Django's own localisation:
the active language's format module (English from lms/formats/en, the rest Django's CLDR-derived ones), its
month names from the gettext catalogs (so certificates' own catalog corrections apply), and `ngettext` for
plurals. Babel was not needed: Django already ships formats for every language the site offers, and a second
source of month names would disagree with those catalogs.

Each function writes in the active language and time zone unless given `locale` or `tz`; a datetime is shown
as the reader's local date or time, never in UTC by accident.
"""

from __future__ import annotations

import zoneinfo
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime, time, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

# A session's day, short and with the weekday ("Thu 3 Dec 2026"), where several sit side by side. English capitalises
# the month's abbreviation (Django's "M"); Spanish, French and Portuguese write it in lower case ("jue 3 dic 2026",
# Django's "b"), and Arabic has no case.
SESSION_DAY_FORMAT = "D j M Y"
SESSION_DAY_FORMAT_LOWER_CASE = "D j b Y"
CAPITALISED_MONTHS = frozenset({"en"})


def _language(locale: str | None) -> AbstractContextManager[None]:
    return translation.override(locale) if locale else nullcontext()


def zone_of(name: str | None) -> tzinfo:
    """A member's zone by name; an unknown or empty name reads as UTC rather than failing a page or an e-mail."""
    try:
        return zoneinfo.ZoneInfo(name) if name else zoneinfo.ZoneInfo("UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _zone(tz: str | tzinfo | None) -> tzinfo:
    if tz is None:
        return timezone.get_current_timezone()
    return zone_of(tz) if isinstance(tz, str) else tz


def local(value: datetime, tz: str | tzinfo | None = None) -> datetime:
    """An instant on the reader's clock (a naive datetime is taken as already local)."""
    return value.astimezone(_zone(tz)) if timezone.is_aware(value) else value


def _day(value: date | datetime, tz: str | tzinfo | None) -> date:
    return local(value, tz).date() if isinstance(value, datetime) else value


def date_text(value: date | datetime | None, locale: str | None = None, tz: str | tzinfo | None = None) -> str:
    """A day in prose: "3 December 2026", "3 de diciembre de 2026". A datetime gives the reader's local day."""
    if value is None:
        return ""
    with _language(locale):
        return formats.date_format(_day(value, tz), "DATE_FORMAT")


def short_date_text(value: date | datetime | None, locale: str | None = None, tz: str | tzinfo | None = None) -> str:
    """A day in a table or list where space is short: "3 Dec 2026"."""
    if value is None:
        return ""
    with _language(locale):
        return formats.date_format(_day(value, tz), "SHORT_DATE_FORMAT")


def session_day_text(value: date | datetime, locale: str | None = None, tz: str | tzinfo | None = None) -> str:
    """A session's day with its weekday: "Thu 3 Dec 2026"."""
    with _language(locale):
        language = (translation.get_language() or "en").split("-")[0]
        pattern = SESSION_DAY_FORMAT if language in CAPITALISED_MONTHS else SESSION_DAY_FORMAT_LOWER_CASE
        return formats.date_format(_day(value, tz), pattern)


def time_text(value: datetime | time, locale: str | None = None, tz: str | tzinfo | None = None) -> str:
    """A time of day on the reader's clock: "09:30" (a wall-clock `time` as it is)."""
    with _language(locale):
        return formats.time_format(local(value, tz) if isinstance(value, datetime) else value, "TIME_FORMAT")


def datetime_text(value: datetime | None, tz: str | tzinfo | None = None, locale: str | None = None,
                  *, short: bool = False, zone: bool = False) -> str:
    """An instant on the reader's clock: "3 December 2026, 09:30" (`short`: "3 Dec 2026, 09:30"), with the
    zone's abbreviation when `zone` (for a reader who may not be in the zone it is shown in)."""
    if value is None:
        return ""
    moment = local(value, tz)
    with _language(locale):
        text = formats.date_format(moment, "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
    if zone and moment.tzname():
        text = f"{text} {moment.tzname()}"
    return text


def number_text(value: int | float | Decimal | str | None, places: int = 2, locale: str | None = None) -> str:
    """A number rounded to at most `places` decimals, without trailing zeros ("1.5", "2", "1,5" in French)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return ""
    whole = amount == amount.to_integral_value()
    amount = amount.quantize(Decimal(1)) if whole else amount.normalize()
    with _language(locale):
        return formats.number_format(amount)


def _plural_count(value: Decimal) -> int:
    """What ngettext chooses the form by: the number when whole; otherwise a count every language the site
    speaks writes in its plural ("1.5 hours"), as gettext's plural rules read whole numbers only."""
    return int(value) if value == value.to_integral_value() else 2


def hours_text(hours: int | float | Decimal | str | None, locale: str | None = None) -> str:
    """CPD hours as a phrase: "1 CPD hour", "1.5 CPD hours", "2 CPD hours"."""
    if hours is None or hours == "":
        return ""
    try:
        amount = Decimal(str(hours))
    except InvalidOperation:
        return ""
    with _language(locale):
        return ngettext("%(hours)s CPD hour", "%(hours)s CPD hours", _plural_count(amount)) % {
            "hours": number_text(amount)}


def chart_month_text(value: date, with_year: bool, locale: str | None = None) -> str:
    """A month under a chart's bar, short so a year of them fit side by side: "Jan", or "Jan 2026" where the year
    begins or changes (the language's abbreviated month name)."""
    with _language(locale):
        short = formats.date_format(value, "M")
        return f"{short} {value.year}" if with_year else short


def month_text(value: date | None, locale: str | None = None) -> str:
    """A month of a report: "December 2026", "diciembre de 2026" (the language's YEAR_MONTH_FORMAT)."""
    if value is None:
        return ""
    with _language(locale):
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
