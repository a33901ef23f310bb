"""The dashboard's filters: one bound form for the page and the API, every number bounded, every bad value a
field error (400), never a 500."""

from __future__ import annotations

import pytest

from courses.outcomes.dashboard_filters import MAX_YEARS, DashboardFilters
from tests import factories

pytestmark = pytest.mark.django_db


def test_nothing_chosen_is_everything_broken_down_by_career_stage():
    form = DashboardFilters({})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["segment"] == "career_stage"
    assert form.cleaned_data["topic"] is None and form.cleaned_data["year_from"] is None


def test_one_end_of_the_years_sets_the_other_within_the_bound():
    form = DashboardFilters({"year_from": "2024"})
    assert form.is_valid()
    assert (form.cleaned_data["year_from"], form.cleaned_data["year_to"]) == (2024, 2024 + MAX_YEARS - 1)
    form = DashboardFilters({"year_to": "2024"})
    assert form.is_valid()
    assert form.cleaned_data["year_from"] == 2024 - MAX_YEARS + 1


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"year_from": "2026", "year_to": "2024"}, "year_to", "cannot come before"),
    ({"year_from": "2001", "year_to": "2030"}, "year_to", f"at most {MAX_YEARS}"),
    ({"year_from": "1999"}, "year_from", "greater than or equal to 2000"),
    ({"year_to": "99999999999999999999"}, "year_to", "less than or equal to 2100"),
    ({"year_from": "twenty"}, "year_from", "whole number"),
    ({"topic": "abc"}, "topic", "valid choice"),
    ({"topic": "999999999"}, "topic", "valid choice"),
    ({"partner": "-1"}, "partner", "valid choice"),
    ({"format": "podcast"}, "format", "valid choice"),
    ({"career_stage": "<script>"}, "career_stage", "valid choice"),
    ({"region": "atlantis"}, "region", "valid choice"),
    ({"tier": "'; DROP TABLE"}, "tier", "valid choice"),
    ({"segment": "all"}, "segment", "valid choice"),
    ({"segment": "shoe_size"}, "segment", "valid choice"),
])
def test_bad_values_are_field_errors(data, field, message):
    form = DashboardFilters(data)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_topic_and_partner_are_originals():
    topic = factories.TopicFactory()
    form = DashboardFilters({"topic": str(topic.pk), "segment": "region", "format": "course"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["topic"] == topic
