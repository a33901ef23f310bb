"""The dashboard's tables, in one shape for the page, its charts and its CSV: columns that know what their numbers
are (a count, a share, a mean out of 5, hours), so a share is "42%" on the page and 42.0 in a spreadsheet, and a
figure hidden for a small group is "fewer than 5" on the page and empty in a spreadsheet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from lms.demographics_report import Row
from lms.formatting import hours_text, number_text

from . import charts

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT, COUNT, SHARE, MEAN, HOURS = "text", "count", "share", "mean", "hours"


@dataclass(frozen=True)
class Column:
    label: StrOrPromise
    kind: str = COUNT


@dataclass
class Table:
    key: str  # ?export=<key>
    title: StrOrPromise
    columns: Sequence[Column]
    rows: list[list[object]]
    note: StrOrPromise = ""
    charts: list[Chart] = field(default_factory=list)

    def shown_rows(self) -> list[list[str]]:
        return [[shown(value, column.kind) for value, column in zip(row, self.columns, strict=True)]
                for row in self.rows]

    def spreadsheet(self) -> list[list[object]]:
        head: list[object] = [str(column.label) for column in self.columns]
        return [head, *([spreadsheet_cell(value, column.kind) for value, column in zip(row, self.columns, strict=True)]
                        for row in self.rows)]


@dataclass
class Chart:
    """One measure across editions: a bar per programme year, shares and means scaled to a fixed top."""

    slug: str
    title: StrOrPromise
    labels: list[tuple[float, str]]
    bars: list[charts.Bar]
    description: str
    values: list[tuple[float, float, str]]  # x, y and text of each figure written above its bar (those that fit)


def hidden() -> str:
    return Row("", None).shown


NOT_SHOWN = "—"


def shown(value: object, kind: str) -> str:
    """A count hidden for its small group reads "fewer than 5"; a rate or mean that is missing (not applicable, or
    resting on too few answers) a dash, which the page explains."""
    if value is None:
        return hidden() if kind == COUNT else "" if kind == TEXT else NOT_SHOWN
    if kind == SHARE:
        return number_text(float(value) * 100, 0) + "%"  # type: ignore[arg-type]
    if kind == MEAN:
        return number_text(value, 1)  # type: ignore[arg-type]
    if kind == HOURS:
        return hours_text(value)  # type: ignore[arg-type]
    if kind == COUNT:
        return number_text(value, 0)  # type: ignore[arg-type]
    return str(value)


def spreadsheet_cell(value: object, kind: str) -> object:
    if value is None:
        return ""
    if kind == SHARE:
        return round(float(value) * 100, 1)  # type: ignore[arg-type]
    if kind == MEAN:
        return round(float(value), 2)  # type: ignore[arg-type]
    if kind == HOURS:
        return Decimal(str(value))
    return value


def trend_chart(slug: str, title: StrOrPromise, years: list[int], values: list[float | None], kind: str) -> Chart:
    """Bars over programme years; shares drawn out of 100%, means out of 5, counts and hours out of the largest."""
    scaled = [None if v is None else round(v * 100) if kind == SHARE else round(v * 20) if kind == MEAN
              else round(float(v)) for v in values]
    # Headroom above the tallest bar for its figure: shares and means out of 115, counts and hours 15% above the top.
    top = max((v for v in scaled if v is not None), default=0)
    largest = 115 if kind in (SHARE, MEAN) else max(round(top * 1.15), 1)
    description = "; ".join(f"{year}: {shown(value, kind)}" for year, value in zip(years, values, strict=True))
    bars = charts.bars([[v] for v in scaled], largest=largest)
    centres = charts.label_x(len(years))
    return Chart(slug, title, list(zip(centres, [str(y) for y in years], strict=True)), bars, description,
                 charts.value_labels(bars, [bar_text(value, kind) for value in values]))


def bar_text(value: object, kind: str) -> str:
    """A figure written over its bar: as on the page, but hours as a bare number (the chart's title says they are
    CPD hours), so it fits a narrow bar."""
    if kind == HOURS and value is not None:
        return number_text(value, 1)  # type: ignore[arg-type]
    return shown(value, kind)
