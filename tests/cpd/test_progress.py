"""The CPD credit rule (certificates/cpd/progress.py) as a pure function: caps, minimums, totals, rounding, the
projection and yearly minimums, over plain entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from certificates.cpd.progress import Requirement, Rule, add_months, progress
from lms.extension_points import CpdCredit

START, END = date(2025, 3, 1), date(2028, 3, 1)  # three years, the last day 29 February 2028
PRACTITIONER = Requirement(START, END, Decimal(60), rules=(
    Rule("ethics", Decimal(6), None), Rule("giving_back", None, Decimal(25)),
))


def entry(day: date, hours: str, category: str = "general", n: int = 0) -> CpdCredit:
    return CpdCredit(day, Decimal(hours), category, f"Activity {n}", "test", f"test:{n}:{day}:{category}")


def test_an_empty_cycle_needs_everything_and_projects_nothing_short_of_all():
    result = progress(PRACTITIONER, [], date(2025, 6, 1))
    assert result.counted == 0 and result.earned == 0
    assert result.still_needed == 60
    assert result.projected == 0 and result.projected_shortfall == 60
    assert not result.is_met
    assert [(c.category, c.counted, c.still_needed) for c in result.categories] == [
        ("ethics", 0, 6), ("giving_back", 0, 0)]
    assert result.last_day == date(2028, 2, 29)


def test_hours_past_a_cap_are_shown_but_not_counted_earliest_first():
    entries = [entry(date(2025, 4, 1), "20", "giving_back", 1), entry(date(2025, 5, 1), "10", "giving_back", 2)]
    result = progress(PRACTITIONER, entries, date(2025, 6, 1))
    giving_back = next(c for c in result.categories if c.category == "giving_back")
    assert (giving_back.earned, giving_back.counted, giving_back.not_counted) == (30, 25, 5)
    assert result.counted == 25 and result.earned == 30 and result.not_counted == 5


def test_a_category_minimum_keeps_the_cycle_open_even_when_the_total_is_reached():
    entries = [entry(date(2025, 4, 1), "70", "technical")]
    result = progress(PRACTITIONER, entries, date(2026, 1, 1))
    assert result.counted == 70
    assert not result.is_met
    assert result.still_needed == 6  # the ethics minimum, though the total is met
    assert next(c for c in result.categories if c.category == "ethics").still_needed == 6


def test_still_needed_is_the_larger_of_the_total_and_the_minimums():
    entries = [entry(date(2025, 4, 1), "50", "technical"), entry(date(2025, 4, 2), "2", "ethics")]
    result = progress(PRACTITIONER, entries, date(2026, 1, 1))
    assert result.still_needed == 8  # 60 - 52 = 8 > ethics' 4


def test_a_cycle_met():
    entries = [entry(date(2025, 4, 1), "40", "technical"), entry(date(2026, 4, 1), "6.5", "ethics"),
               entry(date(2027, 4, 1), "30", "giving_back")]
    result = progress(PRACTITIONER, entries, date(2027, 5, 1))
    assert result.counted == Decimal("71.5")
    assert result.is_met and result.still_needed == 0 and result.percent == 100


def test_categories_without_a_rule_count_in_full_and_are_listed_in_the_types_order():
    entries = [entry(date(2025, 4, 1), "3", "leadership"), entry(date(2025, 4, 1), "2", "general", 2)]
    result = progress(PRACTITIONER, entries, date(2025, 6, 1))
    assert [c.category for c in result.categories] == ["general", "leadership", "ethics", "giving_back"]
    assert result.counted == 5


def test_entries_outside_the_cycle_are_ignored_the_end_day_excluded():
    entries = [entry(date(2025, 2, 28), "5"), entry(date(2028, 3, 1), "5", n=2), entry(date(2028, 2, 29), "1", n=3)]
    assert progress(PRACTITIONER, entries, date(2028, 2, 29)).counted == 1


def test_hours_add_exactly_and_the_projection_rounds_to_the_hundredth():
    entries = [entry(date(2025, 3, 1), "0.25", n=i) for i in range(3)]  # 0.75 on the first day
    result = progress(PRACTITIONER, entries, date(2025, 3, 3))  # three days in, of 1096
    assert result.counted == Decimal("0.75")
    assert result.projected == Decimal("274.00")  # 0.75 x 1096 / 3
    short = progress(PRACTITIONER, [entry(date(2025, 3, 1), "1")], date(2025, 3, 7))  # 1 x 1096 / 7 = 156.571...
    assert short.projected == Decimal("156.57")


def test_the_projection_carries_the_rate_so_far_to_the_end():
    halfway = date(2026, 8, 30)  # 548 days of 1096 elapsed, today included
    result = progress(PRACTITIONER, [entry(date(2025, 6, 1), "20")], halfway)
    assert result.projected == Decimal("40.00")
    assert result.projected_shortfall == 20
    ended = progress(PRACTITIONER, [entry(date(2025, 6, 1), "20")], date(2028, 3, 5))
    assert ended.ended and ended.projected == 20
    assert progress(PRACTITIONER, [], date(2025, 2, 1)).projected is None


def test_yearly_minimums_apply_to_each_whole_year_with_capped_hours():
    requirement = Requirement(START, END, Decimal(60), Decimal(15), (Rule("giving_back", None, Decimal(25)),))
    entries = [entry(date(2025, 4, 1), "25", "giving_back"), entry(date(2026, 4, 1), "10", "giving_back", 2),
               entry(date(2026, 5, 1), "20", "technical"), entry(date(2027, 3, 1), "15", "technical", 3)]
    result = progress(requirement, entries, date(2028, 3, 1))
    assert [(y.starts_on, y.counted, y.still_needed) for y in result.years] == [
        (date(2025, 3, 1), 25, 0),
        (date(2026, 3, 1), 20, 0),  # the 10 giving-back hours of this year were past the cap
        (date(2027, 3, 1), 15, 0),
    ]
    assert result.counted == 60 and result.is_met
    lean = progress(requirement, entries[:3], date(2028, 3, 1))
    assert lean.years[2].still_needed == 15 and not lean.is_met


def test_a_part_year_at_the_end_has_no_yearly_minimum():
    requirement = Requirement(date(2025, 1, 1), date(2026, 7, 1), Decimal(10), Decimal(5))
    assert [y.starts_on for y in progress(requirement, [], date(2025, 2, 1)).years] == [date(2025, 1, 1)]


def test_months_are_added_to_the_day_the_month_allows():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 1, 31), 36) == date(2028, 1, 31)
