"""lms/formatting.py: one way to write dates, times, numbers and CPD hours per language, and the template filters
that use it; an English day-month-year date, never "Dec. 3, 2026"; plurals by ngettext in every language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from lms import formatting

DAY = date(2026, 12, 3)
LATE_EVENING_UTC = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "3 December 2026"),
    ("es", "3 de diciembre de 2026"),
    ("fr", "3 décembre 2026"),
    ("pt", "3 de dezembro de 2026"),
    ("de", "3. Dezember 2026"),
])
def test_a_day_in_prose_in_each_language(language, expected):
    assert formatting.date_text(DAY, language) == expected
    with translation.override(language):
        assert formatting.date_text(DAY) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Thu 3 Dec 2026"), ("es", "jue 3 dic 2026"), ("fr", "jeu 3 déc 2026"), ("pt", "qui 3 dez 2026"),
])
def test_a_session_day_abbreviates_as_each_language_writes(language, expected):
    assert formatting.session_day_text(date(2026, 12, 3), locale=language) == expected


def test_english_is_day_month_year_everywhere_django_formats_a_date():
    from django.utils import formats

    with translation.override("en"):
        assert formats.date_format(DAY) == "3 December 2026"  # Django's own default reads the site's format
        assert formatting.short_date_text(DAY) == "3 Dec 2026"
        assert formatting.time_text(LATE_EVENING_UTC, tz="UTC") == "23:30"


def test_an_instant_is_the_readers_local_day_and_time():
    assert formatting.date_text(LATE_EVENING_UTC, "en", tz="Europe/Berlin") == "4 December 2026"
    assert formatting.date_text(LATE_EVENING_UTC, "en", tz="America/New_York") == "3 December 2026"
    assert formatting.datetime_text(LATE_EVENING_UTC, "Europe/Berlin", "en") == "4 December 2026, 00:30"
    assert formatting.datetime_text(LATE_EVENING_UTC, "Europe/Berlin", "en", short=True, zone=True) == (
        "4 Dec 2026, 00:30 CET")
    with timezone.override("Asia/Tokyo"):
        assert formatting.datetime_text(LATE_EVENING_UTC, locale="en") == "4 December 2026, 08:30"


def test_an_unknown_zone_reads_as_utc_and_nothing_reads_as_empty():
    assert formatting.datetime_text(LATE_EVENING_UTC, "Not/AZone", "en") == "3 December 2026, 23:30"
    assert formatting.date_text(None) == ""
    assert formatting.datetime_text(None) == ""
    assert formatting.hours_text(None) == ""
    assert formatting.number_text("") == ""


@pytest.mark.parametrize(("hours", "english", "french"), [
    (1, "1 CPD hour", "1 heure de DPC"),
    (Decimal("1.00"), "1 CPD hour", "1 heure de DPC"),
    (2, "2 CPD hours", "2 heures de DPC"),
    (Decimal("1.5"), "1.5 CPD hours", "1,5 heures de DPC"),
    (Decimal("0.25"), "0.25 CPD hours", "0,25 heures de DPC"),
    (Decimal("12.50"), "12.5 CPD hours", "12,5 heures de DPC"),
])
def test_cpd_hours_take_the_right_plural_in_english_and_french(hours, english, french):
    assert formatting.hours_text(hours, "en") == english
    assert formatting.hours_text(hours, "fr") == french


def test_cpd_hours_in_the_other_languages():
    assert formatting.hours_text(1, "es") == "1 hora de DPC"
    assert formatting.hours_text(3, "es") == "3 horas de DPC"
    assert formatting.hours_text(1, "de") == "1 Weiterbildungsstunde"
    assert formatting.hours_text(2, "pt") == "2 horas de DPC"


def test_numbers_lose_trailing_zeros_round_and_use_the_languages_decimal_mark():
    assert formatting.number_text(Decimal("3.50"), locale="en") == "3.5"
    assert formatting.number_text(Decimal("2.00"), locale="en") == "2"
    assert formatting.number_text(100, locale="en") == "100"
    assert formatting.number_text(Decimal("0.125"), locale="en") == "0.13"
    assert formatting.number_text(Decimal("0.1234"), 3, locale="en") == "0.123"
    assert formatting.number_text(Decimal("1.5"), locale="de") == "1,5"


def test_the_template_filters_write_what_the_module_writes():
    template = Template('{% load lms %}{{ day|date_text }} · {{ day|short_date }} · {{ at|datetime_text }} · '
                        '{{ at|datetime_text:"short zone" }} · {{ n|number }} · {{ one|cpd_hours }} · '
                        '{{ two|cpd_hours }}')
    context = Context({"day": DAY, "at": LATE_EVENING_UTC, "n": Decimal("3.50"), "one": 1, "two": Decimal("2.0")})
    with translation.override("en"), timezone.override("Europe/Berlin"):
        assert template.render(context) == (
            "3 December 2026 · 3 Dec 2026 · 4 December 2026, 00:30 · 4 Dec 2026, 00:30 CET · 3.5 · 1 CPD hour · "
            "2 CPD hours")
    with translation.override("es"), timezone.override("UTC"):
        assert template.render(context).startswith("3 de diciembre de 2026 · 03/12/2026 · 3 de diciembre de 2026")


def test_a_charts_month_is_short_and_names_the_year_only_where_asked():
    """A year of bars side by side: "December 2026" under each overlapped its neighbours."""
    assert formatting.chart_month_text(DAY, with_year=False, locale="en") == "Dec"
    assert formatting.chart_month_text(date(2027, 1, 1), with_year=True, locale="en") == "Jan 2027"
    assert formatting.chart_month_text(DAY, with_year=False, locale="es") != "Dec"
