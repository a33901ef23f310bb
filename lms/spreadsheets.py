"""Every CSV the platform writes goes through here, so no cell a person wrote runs as a formula in a spreadsheet.

Excel, LibreOffice and Google Sheets read a cell starting with "=", "+", "-" or "@" (after any spaces) as a
formula, and a leading TAB or CR can hide the sign that follows it; such a text cell gets a leading single quote,
as OWASP's CSV injection guidance advises: spreadsheets show the text and never run it. Numbers the platform
itself writes (int, Decimal, float) are written as numbers, negative ones included.

Standard library only: the offline matching command (`mentoring/matching/`) writes its output through it too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

FORMULA_TRIGGERS = frozenset("=+-@\t\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def text_cell(value: object) -> str:
    """A cell of text (a name, title, answer, id), neutralised if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_TRIGGERS else text


def cell(value: object) -> str:
    """Numbers as numbers (Decimal in positional notation, never 1E+3); everything else as text_cell."""
    if isinstance(value, bool):
        return text_cell(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int | float):
        return str(value)
    return text_cell(value)


class SpreadsheetWriter:
    """csv.writer whose every row passes through `cell`."""

    def __init__(self, stream: _Writable, **options: Any):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
