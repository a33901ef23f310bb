"""A member's CPD transcript of one cycle: every credit entry (date, title, source, category, hours counted and not
counted) and the totals per category against the requirement, as a tagged PDF in the member's language and as CSV.

The figures are progress.py's (the same counting as the CPD page); this module only lays them out. Bounded: one
cycle's entries, at most MOST_ENTRIES of them (the totals still count every entry, and the transcript says when
entries were left out).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from courses.models import CpdCreditType

from .models import Cycle
from .progress import CENT, CountedEntry, Progress, cycle_progress

MOST_ENTRIES = 1000
STYLESHEET = Path(__file__).with_name("transcript.css")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); tab and carriage return too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Transcript:
    cycle: Cycle
    progress: Progress
    entries: tuple[CountedEntry, ...]
    left_out: int  # entries beyond MOST_ENTRIES, not listed (still in the totals)


def transcript_of(cycle: Cycle, today: date | None = None) -> Transcript:
    result = cycle_progress(cycle, today or timezone.localdate())
    entries = result.entries[:MOST_ENTRIES]
    return Transcript(cycle, result, entries, len(result.entries) - len(entries))


def source_label(source_kind: str) -> str:
    """Where an entry's hours come from, in words."""
    labels = {
        "completion": _("Course completed here"),
        "attendance": _("Event attended here"),
        "external": _("Activity logged, approved by staff"),
    }
    return labels.get(source_kind, source_kind.replace("_", " "))


def category_label(category: str) -> str:
    return str(CpdCreditType(category).label) if category in CpdCreditType.values else category


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula is prefixed with an apostrophe."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _hours(value: Decimal | None) -> str:
    return "" if value is None else format(Decimal(value).quantize(CENT), "f")


def transcript_csv(transcript: Transcript) -> bytes:
    """UTF-8 (with a byte-order mark, so spreadsheets read it as UTF-8) and a header row; then one row per entry,
    one per category's totals and one for the cycle's total. Dates are ISO 8601 and hours plain decimals, so a
    program can read them whatever the member's language."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Date"), _("Title"), _("Source"), _("Category"), _("Hours"), _("Counted"), _("Not counted"),
                     _("Required")])
    for item in transcript.entries:
        entry = item.entry
        writer.writerow([safe_cell(cell) for cell in (
            entry.date.isoformat(), entry.title, source_label(entry.source_kind), category_label(entry.category),
            _hours(entry.hours), _hours(item.counted), _hours(item.not_counted), "")])
    for category in transcript.progress.categories:
        writer.writerow([safe_cell(cell) for cell in (
            "", _("Total in %(category)s") % {"category": category.label}, "", category.label,
            _hours(category.earned), _hours(category.counted), _hours(category.not_counted),
            _hours(category.minimum))])
    result = transcript.progress
    writer.writerow([safe_cell(cell) for cell in (
        "", _("Total"), "", "", _hours(result.earned), _hours(result.counted), _hours(result.not_counted),
        _hours(result.required))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def transcript_pdf(transcript: Transcript, member_name: str) -> bytes:
    """The transcript as an accessible, tagged PDF in the active language."""
    rows = [{"entry": item.entry, "counted": item.counted, "not_counted": item.not_counted,
             "source": source_label(item.entry.source_kind), "category": category_label(item.entry.category)}
            for item in transcript.entries]
    html = render_to_string("cpd/transcript.html", {
        "transcript": transcript, "rows": rows, "cycle": transcript.cycle, "p": transcript.progress,
        "member_name": member_name,
        "language": get_language(), "direction": "rtl" if get_language_bidi() else "ltr",
        "made_on": timezone.localdate(),
    })
    document = HTML(string=html, url_fetcher=_nothing_fetched)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_tags=True,
                                    pdf_variant="pdf/ua-1")
    return pdf


def _nothing_fetched(url: str, *args, **kwargs):
    """The transcript needs nothing from outside; refuse any address a title might carry."""
    raise ValueError(f"The transcript fetches nothing ({url[:60]})")


def filename(cycle: Cycle, suffix: str) -> str:
    return f"cpd-transcript-{cycle.starts_on.isoformat()}-{cycle.last_day.isoformat()}.{suffix}"
