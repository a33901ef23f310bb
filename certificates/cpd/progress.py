"""The CPD credit rule: how far a cycle is towards its scheme's requirement.

`progress` is a pure function of the requirement, the credit entries and the day; `cycle_progress` is the one
loader that gathers a cycle's entries (every package's credit through the `cpd_credit_sources` hook, plus the
member's approved external activities) and calls it.

How hours count:
- Entries count in date order (then by source, for a stable order); a category's cap is reached by its earliest
  hours, and the hours past it are "not counted". The same hours therefore count in the same year however the
  cycle is read, which is what yearly minimums need.
- Categories without a rule count in full towards the total.
- Still needed in total is the larger of the hours missing from the required total and the hours missing from
  the categories' minimums (hours in a category with a minimum count towards both).
- Yearly minimums apply to each whole year of the cycle counted from its start; a last part-year shorter than
  twelve months has none.
- The projection carries the rate so far (hours counted per day elapsed, today included) to the cycle's end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from certificates.issuance import add_months as add_months  # one month arithmetic for expiries and cycles
from courses.models import CpdCreditType
from lms.extension_points import CpdCredit, cpd_credit
from lms.models import Member

from .models import CpdScheme, Cycle, ExternalActivity

ZERO = Decimal(0)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    category: str
    minimum: Decimal | None
    maximum: Decimal | None


@dataclass(frozen=True)
class Requirement:
    """A scheme as applied to one cycle: [starts_on, ends_on)."""

    starts_on: date
    ends_on: date
    required: Decimal
    yearly_minimum: Decimal | None = None
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class CategoryProgress:
    category: str
    earned: Decimal
    counted: Decimal
    minimum: Decimal | None
    maximum: Decimal | None

    @property
    def label(self) -> str:
        return str(CpdCreditType(self.category).label) if self.category in CpdCreditType.values else self.category

    @property
    def not_counted(self) -> Decimal:
        return self.earned - self.counted

    @property
    def still_needed(self) -> Decimal:
        return max(self.minimum - self.counted, ZERO) if self.minimum is not None else ZERO

    @property
    def target(self) -> Decimal | None:
        """What the bar measures against: the minimum, else the cap."""
        return self.minimum if self.minimum is not None else self.maximum

    @property
    def percent(self) -> int:
        """Of the target, 0..100 (a category with no target shows no bar)."""
        if not self.target:
            return 0
        return min(100, int(self.counted * 100 / self.target))


@dataclass(frozen=True)
class YearProgress:
    starts_on: date
    ends_on: date
    counted: Decimal
    minimum: Decimal

    @property
    def last_day(self) -> date:
        return self.ends_on - timedelta(days=1)

    @property
    def still_needed(self) -> Decimal:
        return max(self.minimum - self.counted, ZERO)


@dataclass(frozen=True)
class CountedEntry:
    """One credit entry of the cycle and the part of its hours that counted (the rest was past its category's cap)."""

    entry: CpdCredit
    counted: Decimal

    @property
    def not_counted(self) -> Decimal:
        return self.entry.hours - self.counted


@dataclass(frozen=True)
class Progress:
    requirement: Requirement
    today: date
    categories: tuple[CategoryProgress, ...]
    years: tuple[YearProgress, ...]
    counted: Decimal
    earned: Decimal
    projected: Decimal | None
    entries: tuple[CountedEntry, ...] = ()  # in counting order (date, then source)

    @property
    def required(self) -> Decimal:
        return self.requirement.required

    @property
    def last_day(self) -> date:
        return self.requirement.ends_on - timedelta(days=1)

    @property
    def not_counted(self) -> Decimal:
        return self.earned - self.counted

    @property
    def still_needed(self) -> Decimal:
        return max(self.required - self.counted, sum((c.still_needed for c in self.categories), ZERO))

    @property
    def percent(self) -> int:
        return min(100, int(self.counted * 100 / self.required)) if self.required else 100

    @property
    def projected_shortfall(self) -> Decimal:
        if self.projected is None:
            return ZERO
        return max(self.required - self.projected, ZERO)

    @property
    def ended(self) -> bool:
        return self.today >= self.requirement.ends_on

    @property
    def is_met(self) -> bool:
        return (self.counted >= self.required and all(c.still_needed == 0 for c in self.categories)
                and all(y.still_needed == 0 for y in self.years))


def _years(requirement: Requirement) -> list[tuple[date, date]]:
    if requirement.yearly_minimum is None:
        return []
    years = []
    start = requirement.starts_on
    while (end := add_months(start, 12)) <= requirement.ends_on:
        years.append((start, end))
        start = end
    return years


def progress(requirement: Requirement, entries: Iterable[CpdCredit], today: date) -> Progress:
    """The cycle's progress on `today` from the credit entries (those outside the cycle are ignored)."""
    rules = {rule.category: rule for rule in requirement.rules}
    earned: dict[str, Decimal] = {category: ZERO for category in rules}
    counted: dict[str, Decimal] = {category: ZERO for category in rules}
    year_bounds = _years(requirement)
    year_counted = [ZERO] * len(year_bounds)
    inside = [e for e in entries if requirement.starts_on <= e.date < requirement.ends_on and e.hours > 0]
    counted_entries: list[CountedEntry] = []
    for entry in sorted(inside, key=lambda e: (e.date, e.source_kind, e.source_id)):
        earned[entry.category] = earned.get(entry.category, ZERO) + entry.hours
        so_far = counted.get(entry.category, ZERO)
        rule = rules.get(entry.category)
        room = entry.hours
        if rule is not None and rule.maximum is not None:
            room = max(min(entry.hours, rule.maximum - so_far), ZERO)
        counted[entry.category] = so_far + room
        counted_entries.append(CountedEntry(entry, room))
        for index, (start, end) in enumerate(year_bounds):
            if start <= entry.date < end:
                year_counted[index] += room
    order = {value: index for index, value in enumerate(CpdCreditType.values)}
    categories = tuple(
        CategoryProgress(category, earned[category], counted[category],
                         rules[category].minimum if category in rules else None,
                         rules[category].maximum if category in rules else None)
        for category in sorted(earned, key=lambda c: (order.get(c, len(order)), c))
    )
    total = sum(counted.values(), ZERO)
    years = tuple(YearProgress(start, end, year_counted[index], requirement.yearly_minimum or ZERO)
                  for index, (start, end) in enumerate(year_bounds))
    return Progress(requirement, today, categories, years, total, sum(earned.values(), ZERO),
                    _projection(requirement, total, today), tuple(counted_entries))


def _projection(requirement: Requirement, counted: Decimal, today: date) -> Decimal | None:
    """Hours at the end at the rate so far; None before the cycle starts; the hours counted once it has ended."""
    if today < requirement.starts_on:
        return None
    if today >= requirement.ends_on:
        return counted
    elapsed = (today - requirement.starts_on).days + 1
    length = (requirement.ends_on - requirement.starts_on).days
    return (counted * length / elapsed).quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------- the loader


def requirement_of(cycle: Cycle, rules: Sequence[Rule] | None = None) -> Requirement:
    scheme = cycle.scheme
    if rules is None:
        rules = [Rule(r.category, r.minimum_hours, r.maximum_hours) for r in scheme.rules.all()]
    return Requirement(cycle.starts_on, cycle.ends_on, scheme.required_hours, scheme.yearly_minimum_hours,
                       tuple(rules))


def external_credit(member: Member, start: date, end: date) -> list[CpdCredit]:
    """The member's approved external activities dated in [start, end)."""
    approved = ExternalActivity.objects.filter(
        member=member, status=ExternalActivity.Status.APPROVED, date__gte=start, date__lt=end
    ).order_by("date", "pk")
    return [CpdCredit(a.date, a.hours, a.category, a.title, "external", f"cpd.externalactivity:{a.pk}")
            for a in approved]


# Credit that counts only where a scheme says so: the switch a source names (`CpdCredit.scheme_switch`) and the
# scheme field that turns it on.
SCHEME_SWITCHES = {"mentoring": "counts_mentoring"}


def counts_under(scheme: CpdScheme, entry: CpdCredit) -> bool:
    """Whether the scheme lets this credit count: always, unless its source names a switch the scheme has off (or
    a switch nobody knows)."""
    if not entry.scheme_switch:
        return True
    field = SCHEME_SWITCHES.get(entry.scheme_switch)
    return field is not None and bool(getattr(scheme, field))


def cycle_progress(cycle: Cycle, today: date) -> Progress:
    """A cycle's progress from every source: the hook's credit and approved external activities."""
    return cycles_progress(cycle.member, [cycle], today)[0]


def cycles_progress(member: Member, cycles: Sequence[Cycle], today: date) -> list[Progress]:
    """Several of a member's cycles, their credit loaded once over the span they cover (so a member's whole history
    costs the same queries as one cycle)."""
    if not cycles:
        return []
    start, end = min(c.starts_on for c in cycles), max(c.ends_on for c in cycles)
    entries = cpd_credit(member, start, end) + external_credit(member, start, end)
    return [progress(requirement_of(cycle), [e for e in entries if counts_under(cycle.scheme, e)], today)
            for cycle in cycles]
