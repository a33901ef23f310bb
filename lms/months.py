"""Month arithmetic, once for every package: certificates' expiry, CPD cycles' bounds and the reports' months."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import TypeVar

Day = TypeVar("Day", date, datetime)


def add_months(moment: Day, months: int) -> Day:
    """The same day (and time) `months` later, the month's last day when it is shorter (31 January + 1 month is
    28/29 February): for certificates' expiry and CPD cycles' bounds alike."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def first_of_month(day: date) -> date:
    return day.replace(day=1)
