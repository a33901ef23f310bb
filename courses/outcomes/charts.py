"""The geometry of the outcome reports' bar charts (engagement, and the dashboard's trends), so the template only
draws rectangles and text (hand-written SVG: no script, no inline style, so the strict CSP holds). The numbers are
also in a table beside each chart, so a figure a chart has no room to write is never lost."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 240
TOP = 16
BOTTOM = 200  # the baseline; month labels go beneath it
VALUE_FONT = 24  # the trend charts' figures, in the chart's own units (courses/static/courses/outcomes.css)
VALUE_CHARACTER = 0.62 * VALUE_FONT  # a generous mean width of a digit, sign or letter at that size
VALUE_GAP = 6  # between a bar's top and its figure, and between two neighbouring figures


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int | None  # None: hidden (suppressed or not yet)
    series: int  # 0 or 1: which of at most two series, for its colour class


def bars(groups: list[list[int | None]], largest: int | None = None) -> list[Bar]:
    """Bars for `groups` (each a list of one or two series' values), side by side across the chart's width."""
    top = largest if largest is not None else max((v for g in groups for v in g if v is not None), default=0)
    top = max(top, 1)
    slot = WIDTH / max(len(groups), 1)
    found = []
    for index, values in enumerate(groups):
        width = slot * 0.8 / max(len(values), 1)
        for series, value in enumerate(values):
            height = (BOTTOM - TOP) * (value or 0) / top
            found.append(Bar(round(index * slot + slot * 0.1 + series * width, 1), round(BOTTOM - height, 1),
                             round(width, 1), round(height, 1), value, series))
    return found


def label_x(count: int) -> list[float]:
    """The centre of each group's slot, for its label."""
    slot = WIDTH / max(count, 1)
    return [round(index * slot + slot / 2, 1) for index in range(count)]


def value_labels(bars_drawn: list[Bar], texts: list[str]) -> list[tuple[float, float, str]]:
    """Where each bar's figure is written: centred just above its bar, outside it, so a short (or empty) bar's
    figure never sits on it or on the axis; a figure wider than its bar's slot is left out rather than run into its
    neighbour's (the table beside has it). Bars are one per slot."""
    slot = WIDTH / max(len(bars_drawn), 1)
    found = []
    for x, bar, text in zip(label_x(len(bars_drawn)), bars_drawn, texts, strict=True):
        if text and len(text) * VALUE_CHARACTER <= slot - VALUE_GAP:
            found.append((x, round(max(bar.y - VALUE_GAP, VALUE_FONT), 1), text))
    return found
