"""Weekly availability as a 168-bit mask of UTC hours, so two people's overlap is one AND and a bit count.

People give windows in their own time zone. Offsets change with daylight saving, so the windows are placed in one
reference week, the week of Monday 13 January 2025 (UTC): no time zone changes its offset during it, so every local
hour maps to exactly one UTC hour. Outside that week a pair's overlap can differ by an hour where one of the two
observes daylight saving and the other does not (or on the other hemisphere's schedule); overlap is a scoring
estimate, and one fixed week keeps it the same every time a round is scored.

Bit h (0 <= h < 168) is the hour starting h hours after Monday 00:00 UTC. Windows that cross the end of the week in
UTC wrap round to its start, as a weekly habit does. A local hour in a zone whose offset is not a whole number of
hours (India, Nepal, parts of Australia) counts as the UTC hour in which it starts: overlap is counted in whole
hours and may be up to an hour off for such pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from .profiles import AvailabilityWindow

HOURS_PER_WEEK = 168
MASK_WORDS = 3  # 168 bits in three uint64 words
REFERENCE_MONDAY = datetime(2025, 1, 13)  # local midnight of the reference week's Monday, in every zone
_REFERENCE_MONDAY_UTC = REFERENCE_MONDAY.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)
def _utc_hour_of_week(time_zone: str, weekday: int, hour: int) -> int:
    local = (REFERENCE_MONDAY + timedelta(days=weekday, hours=hour)).replace(tzinfo=ZoneInfo(time_zone))
    minutes = (local.astimezone(UTC) - _REFERENCE_MONDAY_UTC) // timedelta(minutes=1)
    return (minutes // 60) % HOURS_PER_WEEK


def week_mask(windows: Iterable[AvailabilityWindow], time_zone: str) -> int:
    """The UTC hours of the reference week the windows cover, as a 168-bit integer."""
    mask = 0
    for window in windows:
        for hour in range(window.start_hour, window.end_hour):
            mask |= 1 << _utc_hour_of_week(time_zone, window.weekday, hour)
    return mask


def mask_words(mask: int) -> np.ndarray:
    """A 168-bit mask as three uint64 words, lowest hours first."""
    return np.array([(mask >> (64 * word)) & (2**64 - 1) for word in range(MASK_WORDS)], dtype=np.uint64)


def overlap_hours(first: int, second: int) -> int:
    """Hours a week both are free: the bits the two masks share."""
    return (first & second).bit_count()
