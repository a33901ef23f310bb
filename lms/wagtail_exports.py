"""Wagtail's own CSV exports (the admin reports: site history, aging pages, locked pages, workflows; form
submissions) write each cell as it is, so a page title or a person's name starting with "=" would run as a formula
in the spreadsheet staff open. `install` makes their text cells go through the platform's one rule
(`lms/spreadsheets.py`); Wagtail already stores formula-looking XLSX cells as text.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .spreadsheets import text_cell

_wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value


def _neutralised_preprocess(self: SpreadsheetExportMixin, field: str, value: Any, export_format: str) -> Any:
    value = _wagtail_preprocess(self, field, value, export_format)
    return text_cell(value) if export_format == self.FORMAT_CSV and isinstance(value, str) else value


def install() -> None:
    """Called from lms/wagtail_hooks.py, which Wagtail imports with its admin; calling it again changes nothing."""
    SpreadsheetExportMixin.preprocess_field_value = _neutralised_preprocess
