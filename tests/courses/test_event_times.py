"""Wall-clock times in named zones: instants across daylight-saving changes, and the sessions built on them."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time

import pytest
from django.utils import translation

from courses.events.times import (
    LocalTimeError,
    duration_minutes,
    instant_of,
    is_repeated_local_time,
    moment_in,
    span_in,
)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# ------------------------------------------------------------------------------------------- instants


@pytest.mark.parametrize(
    ("day", "zone_name", "expected"),
    [
        # United States: clocks go forward at 02:00 on Sunday 14 March 2027 (EST -5 -> EDT -4).
        (date(2027, 3, 13), "America/New_York", utc(2027, 3, 13, 15)),
        (date(2027, 3, 14), "America/New_York", utc(2027, 3, 14, 14)),
        # European Union / UK: clocks go forward at 01:00 UTC on Sunday 28 March 2027.
        (date(2027, 3, 27), "Europe/London", utc(2027, 3, 27, 10)),
        (date(2027, 3, 28), "Europe/London", utc(2027, 3, 28, 9)),
        (date(2027, 3, 27), "Europe/Berlin", utc(2027, 3, 27, 9)),
        (date(2027, 3, 28), "Europe/Berlin", utc(2027, 3, 28, 8)),
        # Between the two changes New York is already on summer time while London is not.
        (date(2027, 3, 21), "America/New_York", utc(2027, 3, 21, 14)),
        (date(2027, 3, 21), "Europe/London", utc(2027, 3, 21, 10)),
        # No daylight saving at all.
        (date(2027, 3, 28), "Asia/Tokyo", utc(2027, 3, 28, 1)),
    ],
)
def test_ten_oclock_local_is_the_right_instant_on_each_side_of_a_dst_change(day, zone_name, expected):
    assert instant_of(day, time(10), zone_name) == expected


def test_a_weekly_series_keeps_its_wall_time_across_the_change():
    instants = [instant_of(date(2027, 3, d), time(10), "America/New_York") for d in (7, 14, 21)]

    assert [i.hour for i in instants] == [15, 14, 14]
    assert {i.astimezone(zoneinfo.ZoneInfo("America/New_York")).hour for i in instants} == {10}


def test_a_skipped_time_is_refused_with_a_message_naming_it():
    with pytest.raises(LocalTimeError) as refused:
        instant_of(date(2027, 3, 14), time(2, 30), "America/New_York")

    message = str(refused.value)
    assert "02:30" in message and "14 March 2027" in message and "America/New_York" in message
    assert "daylight saving" in message


def test_a_repeated_time_is_read_as_its_first_occurrence_and_flagged():
    # 01:30 happens twice on 7 November 2027 in New York: first on EDT (05:30 UTC), then on EST (06:30 UTC).
    assert instant_of(date(2027, 11, 7), time(1, 30), "America/New_York") == utc(2027, 11, 7, 5, 30)
    assert is_repeated_local_time(date(2027, 11, 7), time(1, 30), "America/New_York")
    assert not is_repeated_local_time(date(2027, 11, 7), time(3, 30), "America/New_York")
    assert not is_repeated_local_time(date(2027, 11, 8), time(1, 30), "America/New_York")
    assert not is_repeated_local_time(date(2027, 3, 14), time(2, 30), "America/New_York")  # skipped, not repeated


def test_an_unknown_zone_is_refused_by_name():
    with pytest.raises(LocalTimeError, match="Mars/Olympus_Mons"):
        instant_of(date(2027, 3, 14), time(10), "Mars/Olympus_Mons")


# ------------------------------------------------------------------------------------------- display


def test_a_span_reads_in_another_zone_with_its_abbreviation():
    starts = instant_of(date(2027, 3, 14), time(10), "America/New_York")
    ends = instant_of(date(2027, 3, 14), time(11), "America/New_York")

    assert str(span_in(starts, ends, "America/New_York")) == "Sun 14 Mar 2027, 10:00–11:00 EDT"
    assert str(span_in(starts, ends, "Europe/London")) == "Sun 14 Mar 2027, 14:00–15:00 GMT"
    # In Tokyo it runs across midnight, so both days are named.
    assert str(span_in(starts, ends, "Asia/Tokyo")) == "Sun 14 Mar 2027, 23:00 – Mon 15 Mar 2027, 00:00 JST"


def test_a_span_in_an_unknown_zone_falls_back_to_utc():
    starts, ends = utc(2027, 3, 14, 14), utc(2027, 3, 14, 15)

    span = span_in(starts, ends, "Not/AZone")

    assert span.zone_name == "UTC"
    assert str(span) == "Sun 14 Mar 2027, 14:00–15:00 UTC"


def test_a_span_is_written_in_the_active_language():
    starts, ends = utc(2027, 3, 15, 3), utc(2027, 3, 15, 5)

    with translation.override("de"):
        assert str(span_in(starts, ends, "Europe/Berlin")) == "Mo 15 Mär 2027, 04:00–06:00 CET"


def test_moment_in_names_the_zone():
    assert moment_in(utc(2027, 3, 15, 3), "Asia/Kolkata") == "Mon 15 Mar 2027, 08:30 IST"


def test_duration_counts_elapsed_minutes_not_wall_clock_minutes():
    # 23:00 on 13 March to 04:00 on 14 March in New York: 5 wall-clock hours, but the clocks skip one.
    starts = instant_of(date(2027, 3, 13), time(23), "America/New_York")
    ends = instant_of(date(2027, 3, 14), time(4), "America/New_York")

    assert duration_minutes(starts, ends) == 240
