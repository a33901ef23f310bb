"""Members' CPD cycles for the association's membership system, for staff: which cycles (filters read and bounded
here), and each one's figures per category, as progress.py counts them. The JSON API (`api.py`) pages through
them; the admin's CSV export (`admin_views.py`) writes at most MOST_CSV_ROWS of them.

A cycle's figures need its member's credit, which every package gives per member (the `cpd_credit_sources`
hook), so a page costs a few queries per member on it: pages are kept small (MAX_PAGE_SIZE).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.refusal import Refused

from .credential import credentials_of
from .models import Cycle
from .progress import CENT, Progress, cycles_progress
from .transcript import safe_cell

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MOST_CSV_ROWS = 2000
STATUSES = tuple(Cycle.Status.values)


@dataclass(frozen=True)
class CycleFilter:
    scheme_id: int | None = None
    status: str | None = None
    ends_before: date | None = None


def _whole(text: str, name: str, low: int, high: int) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise Refused(_("“%(name)s” must be a whole number from %(low)d to %(high)d.")
                      % {"name": name, "low": low, "high": high}, status=400)
    return int(text)


def read_filter(params) -> CycleFilter:
    """The filters from query parameters; `Refused` (400) naming the one that cannot be read."""
    scheme = (params.get("scheme") or "").strip()
    status = (params.get("status") or "").strip()
    ends_before = (params.get("ends_before") or "").strip()
    if status and status not in STATUSES:
        raise Refused(_("“status” must be one of: %(values)s.") % {"values": ", ".join(STATUSES)}, status=400)
    day = None
    if ends_before:
        try:
            day = date.fromisoformat(ends_before[:10]) if len(ends_before) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise Refused(_("“ends_before” must be a date written as YYYY-MM-DD."), status=400)
    return CycleFilter(_whole(scheme, "scheme", 1, 2**31 - 1) if scheme else None, status or None, day)


def read_page(params) -> tuple[int, int]:
    page = (params.get("page") or "1").strip()
    size = (params.get("page_size") or str(PAGE_SIZE)).strip()
    return _whole(page, "page", 1, MAX_PAGE), _whole(size, "page_size", 1, MAX_PAGE_SIZE)


def matching(chosen: CycleFilter) -> QuerySet[Cycle]:
    """The cycles the filter chooses, in a stable order: by last day, then member and id. `ends_before` keeps the
    cycles whose last day is before that date."""
    cycles = Cycle.objects.select_related("member", "scheme")
    if chosen.scheme_id is not None:
        cycles = cycles.filter(scheme_id=chosen.scheme_id)
    if chosen.status is not None:
        cycles = cycles.filter(status=chosen.status)
    if chosen.ends_before is not None:
        cycles = cycles.filter(ends_on__lte=chosen.ends_before)
    return cycles.order_by("ends_on", "member_id", "pk")


def figures(cycles: list[Cycle], today: date | None = None) -> list[tuple[Cycle, Progress]]:
    """Each cycle with its progress, every member's credit loaded once."""
    today = today or timezone.localdate()
    by_member: dict[int, list[Cycle]] = defaultdict(list)
    for cycle in cycles:
        by_member[cycle.member_id].append(cycle)
    found: dict[int, Progress] = {}
    for of_member in by_member.values():
        for cycle, result in zip(of_member, cycles_progress(of_member[0].member, of_member, today), strict=True):
            found[cycle.pk] = result
    return [(cycle, found[cycle.pk]) for cycle in cycles]


def hours(value: Decimal | int | None) -> str | None:
    return None if value is None else format(Decimal(value).quantize(CENT), "f")


def cycle_record(cycle: Cycle, result: Progress, credential_code: str | None) -> dict:
    member = cycle.member
    return {
        "cycle_id": cycle.pk, "member_id": member.pk, "email": member.email, "name": member.get_full_name(),
        "membership_tier": member.membership_tier, "scheme_id": cycle.scheme_id, "scheme": cycle.scheme.name,
        "starts_on": cycle.starts_on.isoformat(), "last_day": cycle.last_day.isoformat(), "status": cycle.status,
        "required": hours(result.required), "earned": hours(result.earned), "counted": hours(result.counted),
        "counted_at_close": hours(cycle.counted_hours), "still_needed": hours(result.still_needed),
        "credential_code": credential_code,
        "categories": [{
            "category": c.category, "earned": hours(c.earned), "counted": hours(c.counted),
            "required": hours(c.minimum or 0), "maximum": hours(c.maximum), "still_needed": hours(c.still_needed),
        } for c in result.categories],
    }


def records(cycles: list[Cycle]) -> list[dict]:
    credentials = credentials_of(cycles)
    return [cycle_record(cycle, result, credentials[cycle.pk].code if cycle.pk in credentials else None)
            for cycle, result in figures(cycles)]


CSV_COLUMNS = ("cycle_id", "member_id", "email", "name", "membership_tier", "scheme", "starts_on", "last_day",
               "status", "required", "earned", "counted", "still_needed", "credential_code")


def cycles_csv(chosen: CycleFilter) -> tuple[bytes, bool]:
    """The chosen cycles as CSV (UTF-8, a header row; one column pair per category, earned and required), and
    whether it stopped at MOST_CSV_ROWS."""
    cycles = list(matching(chosen)[: MOST_CSV_ROWS + 1])
    truncated = len(cycles) > MOST_CSV_ROWS
    rows = records(cycles[:MOST_CSV_ROWS])
    categories = sorted({c["category"] for row in rows for c in row["categories"]})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*CSV_COLUMNS, *(f"{category}_{part}" for category in categories
                                     for part in ("earned", "counted", "required"))])
    for row in rows:
        by_category = {c["category"]: c for c in row["categories"]}
        cells = [row[column] for column in CSV_COLUMNS]
        for category in categories:
            found = by_category.get(category, {})
            cells += [found.get("earned", ""), found.get("counted", ""), found.get("required", "")]
        writer.writerow([safe_cell("" if cell is None else cell) for cell in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8"), truncated
