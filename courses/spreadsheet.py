"""What goes into a CSV that people open in spreadsheet programs: cells that cannot run as formulas."""

from __future__ import annotations

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """Text written by people (titles, names, answers) as a cell that a spreadsheet shows and never runs."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_TRIGGERS else text
