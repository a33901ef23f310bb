"""The outcomes demo (courses/demo/outcomes.py, content/outcomes.yaml) on the package's one load of the catalog: two
editions of a few courses with real figures, and exactly the one weak course flagged to retire or redesign."""

from __future__ import annotations

import pytest

from courses.demo.outcomes import read_outcomes
from courses.outcomes.abandonment import RATE, RATING, flagged
from courses.outcomes.measures import edition_measures

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_catalog):
    return demo_catalog


def test_the_demo_has_two_editions_of_its_courses_with_evaluations(demo):
    assert "Outcomes:" in demo
    keys = {spec.offering for spec in read_outcomes().editions}
    measures = [m for m in edition_measures() if m.evaluations]
    years = {}
    for m in measures:
        years.setdefault(m.title, set()).add(m.programme_year)
    assert len([title for title, found in years.items() if {2025, 2026} <= found]) == len(keys)
    shown = [m for m in measures if not m.suppressed]
    assert shown and all(m.mean_rating is not None and m.applied_rate is not None for m in shown)
    assert all(m.cpd_hours > 0 and m.completion_rate for m in measures)


def test_the_weak_course_alone_is_flagged_for_two_weak_editions(demo):
    offerings = [flag for flag in flagged() if flag.kind == "offering"]
    assert [flag.title for flag in offerings] == ["Cost of Delay and Prioritisation"]
    [flag] = offerings
    assert (flag.earlier.measure.programme_year, flag.latest.measure.programme_year) == (2025, 2026)
    assert flag.earlier.missed == (RATE,) and flag.latest.missed == (RATING,)
    assert flag.earlier.measure.suppressed and flag.latest.measure.mean_rating < 3
