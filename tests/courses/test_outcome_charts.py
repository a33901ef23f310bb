"""The dashboard's trend charts: each bar's figure above its bar, never over a neighbour's (a figure without room is
left to the table beside), hours written short, and programme years still to come kept out of the charts but not
out of the table."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from courses.outcomes import charts
from courses.outcomes.dashboard_tables import years_table
from courses.outcomes.measures import EditionMeasure
from courses.outcomes.tables import HOURS, SHARE, trend_chart

ESTIMATED = charts.VALUE_CHARACTER  # the width a figure's character is given


def _spans(chart) -> list[tuple[float, float]]:
    return sorted((x - len(text) * ESTIMATED / 2, x + len(text) * ESTIMATED / 2) for x, _y, text in chart.values)


def test_small_bars_figures_sit_above_them_and_never_overlap():
    values = [0.0, 0.5, 0.0, 98.5, 1.0]
    chart = trend_chart("hours", "CPD hours", [2022, 2023, 2024, 2025, 2026], values, HOURS)
    assert [text for _x, _y, text in chart.values] == ["0", "0.5", "0", "98.5", "1"]  # short: the title has the unit
    for (_x, y, _text), bar in zip(chart.values, chart.bars, strict=True):
        assert y <= bar.y - charts.VALUE_GAP or y == charts.VALUE_FONT  # outside (above) the bar
        assert y - charts.VALUE_FONT >= 0  # and inside the picture
    spans = _spans(chart)
    assert all(left[1] + charts.VALUE_GAP <= right[0] for left, right in zip(spans, spans[1:], strict=False))
    assert all(0 <= start and end <= charts.WIDTH for start, end in spans)
    assert "2022: 0 CPD hours" in chart.description and "2025: 98.5 CPD hours" in chart.description


def test_a_figure_too_wide_for_its_slot_is_left_out_but_stays_in_the_description():
    years = list(range(2000, 2020))  # twenty narrow slots
    chart = trend_chart("hours", "CPD hours", years, [12345.5] * 19 + [1.0], HOURS)
    assert [text for _x, _y, text in chart.values] == ["1"]
    assert chart.description.count("12345.5 CPD hours") == 19
    assert len(chart.bars) == 20


def test_shares_keep_their_percent_sign():
    chart = trend_chart("rate", "Completion", [2025, 2026], [0.72, None], SHARE)
    assert [text for _x, _y, text in chart.values] == ["72%", "—"]


def _edition(year: int, reach: int) -> EditionMeasure:
    return EditionMeasure(offering_id=1, programme_year=year, title="Flow", format="course", format_label="Course",
                          topic_ids=(), partner_ids=(), reach=reach, completions=0, completion_rate=0.0,
                          confirmed=0, attendances=0, attendance_rate=None, cpd_hours=Decimal("0.00"))


def test_years_still_to_come_are_in_the_table_not_the_charts():
    this_year = timezone.localdate().year
    table = years_table([_edition(this_year - 1, 40), _edition(this_year, 30), _edition(this_year + 1, 3)])
    assert [row[0] for row in table.rows] == [str(this_year - 1), str(this_year), str(this_year + 1)]
    for chart in table.charts:
        assert [label for _x, label in chart.labels] == [str(this_year - 1), str(this_year)]
        assert str(this_year + 1) not in chart.description
    assert str(this_year) in str(table.note)
    assert years_table([_edition(this_year, 30)]).note == ""
