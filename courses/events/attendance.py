"""Who attended: check-in at the door, or the webinar platform's attendance report, and the credit it earns.

A confirmed registrant attended when they were present for at least the event's threshold share of the
session. Attendance is recorded once (it is never taken back by a later report), and each first recording
announces `attendance_recorded` after the transaction commits, for certificates to issue.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.bounded_numbers import MAX_TEXT_LENGTH, NumberRefused, read_decimal
from lms.refusal import Refused

from ..models import EventPage, Registration, RegistrationChange, Session
from ..signals import announce, attendance_recorded
from .times import moment_in

if TYPE_CHECKING:
    from lms.models import Member

Status = Registration.Status
MAX_REPORT_BYTES = 5 * 1024 * 1024
MAX_REPORT_ROWS = 20_000
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)
# Header names platforms use (compared lower-cased with spaces collapsed).
EMAIL_HEADERS = {"email", "e-mail", "email address", "e-mail address", "user email", "attendee email",
                 "participant email", "registrant email", "mail"}
MINUTES_HEADERS = {"minutes", "minutes attended", "attended minutes", "duration (minutes)", "duration (mins)",
                   "duration minutes", "time in session (minutes)", "attendance duration (minutes)",
                   "total duration (minutes)", "time attended (minutes)",
                   # Microsoft Teams writes durations as text ("1h 3m 20s") under these.
                   "in-meeting duration", "duration", "attendance duration", "time in session"}
SPELLED_DURATION = re.compile(r"(?:(\d{1,5})\s*h)?\s*(?:(\d{1,5})\s*m(?:in)?)?\s*(?:(\d{1,5})\s*s)?", re.IGNORECASE)
MAX_MINUTES = 100_000  # about ten weeks: far above any session, small enough for plain arithmetic
MAX_CELL_SHOWN = 60  # characters of a cell quoted back in a row's note
# A minutes cell refused this way says the column is not minutes at all: the whole file is refused.
OUT_OF_RANGE = {"too_many_digits", "exponent", "too_large"}
HEADER_SEARCH_ROWS = 30  # platforms put meeting details above the attendee table


class AttendanceRefused(Refused):
    """Attendance cannot be recorded (wrong person, wrong time, or a file that cannot be read)."""


def attended_enough(minutes: int, session: Session, event: EventPage) -> bool:
    """At least the event's threshold share of the session (rounded up to the whole minute)."""
    needed = -(-session.duration_minutes * event.attendance_threshold_percent // 100)
    return minutes >= max(1, needed)


def _credit(registration: Registration, event: EventPage, minutes: int, source: str, now: datetime) -> bool:
    """Record attendance on a locked registration; True only the first time it is recorded."""
    registration.attended_minutes = minutes
    if registration.attended:
        registration.save(update_fields=["attended_minutes"])
        return False
    registration.attended = True
    registration.attendance_source = source
    registration.attendance_recorded_at = now
    registration.credited_title = event.title
    registration.credited_cpd_hours = event.cpd_hours
    registration.credited_cpd_credit_type = event.cpd_credit_type
    registration.save(update_fields=["attended", "attended_minutes", "attendance_source", "attendance_recorded_at",
                                     "credited_title", "credited_cpd_hours", "credited_cpd_credit_type"])
    transaction.on_commit(lambda: announce_attendance(registration, event))
    return True


def announce_attendance(registration: Registration, event: EventPage) -> None:
    announce(attendance_recorded, type(event), registration=registration, member=registration.member,
             session=registration.session, event=event, cpd_hours=registration.credited_cpd_hours)


def check_in(registration: Registration, actor: Member, now: datetime | None = None) -> bool:
    """Mark a confirmed registrant present for the whole session; True if this recorded their attendance."""
    now = now or timezone.now()
    session = registration.session
    event = session.event.specific
    if now < session.starts_at - CHECK_IN_OPENS_BEFORE:
        raise AttendanceRefused(
            _("Check-in opens an hour before the session starts (%(time)s).")
            % {"time": moment_in(session.starts_at, getattr(actor, "time_zone", "") or "UTC")},
            status=409,
        )
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("member", "session").get(
            pk=registration.pk
        )
        if registration.status != Status.CONFIRMED:
            raise AttendanceRefused(
                _("%(name)s is not confirmed for this session (%(status)s); move them into it first.")
                % {"name": registration.member, "status": registration.get_status_display().lower()},
                status=409,
            )
        newly = _credit(registration, event, session.duration_minutes, Registration.AttendanceSource.CHECK_IN, now)
        if newly:
            RegistrationChange.objects.create(session=session, registration=registration, actor=actor, at=now,
                                              kind=RegistrationChange.Kind.CHECKED_IN)
    return newly


# ------------------------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class RowNote:
    row: int
    email: str
    message: str


@dataclass
class ImportReport:
    """What an import did, row by row, in words staff can act on."""

    filename: str
    rows_read: int = 0
    credited: list[RowNote] = field(default_factory=list)  # attendance newly recorded
    updated: list[RowNote] = field(default_factory=list)  # minutes recorded, attendance unchanged
    below_threshold: list[RowNote] = field(default_factory=list)
    combined: list[RowNote] = field(default_factory=list)  # the same person on several rows
    problems: list[RowNote] = field(default_factory=list)  # not applied: unknown, not confirmed, unreadable

    @property
    def applied_count(self) -> int:
        return len(self.credited) + len(self.updated) + len(self.below_threshold)


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise AttendanceRefused(
            _("This is a spreadsheet workbook, not a CSV file. Save or export it as CSV and upload that."), status=400
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise AttendanceRefused(_("The file says it is UTF-16 text but is not readable as such."),
                                    status=400) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AttendanceRefused(
            _("The file is not UTF-8 text (an unreadable byte on line %(line)s, at position %(position)s). Export "
              "the report as “CSV UTF-8” and upload it again.")
            % {"line": data.count(b"\n", 0, error.start) + 1, "position": error.start},
            status=400,
        ) from error
    if "\x00" in text:
        raise AttendanceRefused(_("The file contains binary data; upload the report as a CSV text file."), status=400)
    return text


def _header_key(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.strip().lower())


DELIMITERS = (",", ";", "\t")
Rows = list[tuple[int, list[str]]]


def _read(text: str, delimiter: str) -> Rows:
    """Every row with the file line it ends on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise AttendanceRefused(_("The file is not valid CSV: %(error)s.") % {"error": error}, status=400) from error


def _header(rows: Rows) -> tuple[int, int, int] | None:
    """(header row index, e-mail column, minutes column) of the attendee table, if these rows have one.

    The last header-like row near the top wins: platforms put a meeting summary with its own e-mail and
    duration columns (the host's) above the attendee table.
    """
    found = None
    for index, (_line, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [_header_key(cell) for cell in row]
        email = next((i for i, key in enumerate(keys) if key in EMAIL_HEADERS), None)
        minutes = next((i for i, key in enumerate(keys) if key in MINUTES_HEADERS), None)
        if email is not None and minutes is not None:
            found = (index, email, minutes)
    return found


def _table(text: str) -> tuple[Rows, int, int, int]:
    """The rows read with the delimiter under which the header appears, and where the header and its columns are.

    A delimiter is trusted only if it yields the header: a guess from the whole sample is easily misled by
    a preamble or by decimal commas in a semicolon-separated file.
    """
    try:
        likely = csv.Sniffer().sniff(text[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        likely = ","
    tried = {}
    for delimiter in (likely, *(d for d in DELIMITERS if d != likely)):
        rows = tried[delimiter] = _read(text, delimiter)
        found = _header(rows)
        if found is not None:
            return rows, *found
    first = next((row for _line, row in tried[likely] if any(cell.strip() for cell in row)), [])
    seen = ", ".join(cell.strip() for cell in first if cell.strip()) or _("nothing")
    raise AttendanceRefused(
        _("The file needs an e-mail column (such as “Email”) and a minutes column (such as “Minutes attended” or "
          "“Duration (minutes)”). Its first row has: %(found)s.") % {"found": seen},
        status=400,
    )


def _minutes(value: str) -> int | None:
    """Whole minutes from '45', '45.5', '45,5', '1:05:30' (h:mm:ss) or '1h 5m 30s'; None if unreadable.

    A number beyond MAX_MINUTES (or written with too many digits or an exponent) raises NumberRefused: it is
    bounded before any arithmetic, so a cell such as `1e10000000` costs no more than `45`.
    """
    value = value.strip()
    if len(value) > MAX_TEXT_LENGTH:
        return None
    spelled = SPELLED_DURATION.fullmatch(value)
    if value and spelled and any(spelled.groups()):
        hours, mins, secs = (int(part or 0) for part in spelled.groups())
        return _bounded(hours * 60 + mins + (1 if secs >= 30 else 0), value)
    if re.fullmatch(r"\d{1,3}:\d{2}(:\d{2})?", value):
        parts = [int(p) for p in value.split(":")]
        hours, mins, secs = (parts + [0])[:3] if len(parts) == 3 else (parts[0], parts[1], 0)
        return _bounded(hours * 60 + mins + (1 if secs >= 30 else 0), value)
    try:
        number = read_decimal(value.replace(",", "."), minimum=0, maximum=MAX_MINUTES)
    except NumberRefused as refused:
        if refused.code in OUT_OF_RANGE:
            raise
        return None
    return int(number.to_integral_value())


def _bounded(minutes: int, value: str) -> int:
    if minutes > MAX_MINUTES:
        raise NumberRefused("too_large", value, MAX_MINUTES)
    return minutes


def _shown(cell: str) -> str:
    """A cell as quoted back to staff: stripped, and cut short if long."""
    cell = cell.strip()
    return cell if len(cell) <= MAX_CELL_SHOWN else cell[:MAX_CELL_SHOWN] + "…"


def import_report(session: Session, data: bytes, filename: str, actor: Member,
                  now: datetime | None = None) -> ImportReport:
    """Apply a platform's attendance report to a session's confirmed registrations.

    The whole file is refused (nothing changes) if it cannot be read; otherwise each row either applies or is
    reported with its reason. Importing the same report again changes nothing and credits no one twice.
    """
    now = now or timezone.now()
    event = session.event.specific
    if now < session.starts_at:
        raise AttendanceRefused(_("This session has not started yet, so there is no attendance to import."),
                                status=409)
    if not data:
        raise AttendanceRefused(_("The file is empty."), status=400)
    if len(data) > MAX_REPORT_BYTES:
        raise AttendanceRefused(_("The file is larger than 5 MB; is it the right report?"), status=400)
    rows, header_index, email_column, minutes_column = _table(_decode(data))
    body = [(line, row) for line, row in rows[header_index + 1:] if any(cell.strip() for cell in row)]
    if len(body) > MAX_REPORT_ROWS:
        raise AttendanceRefused(_("The file has more than %(max)s rows.") % {"max": MAX_REPORT_ROWS}, status=400)
    if not body:
        raise AttendanceRefused(_("The file has a header row but no attendees."), status=400)
    report = ImportReport(filename=filename, rows_read=len(body))

    # Read every row first: e-mail -> (first row, total minutes); unreadable rows are reported.
    totals: dict[str, list[int]] = {}
    for line, row in body:
        email = row[email_column].strip().lower() if email_column < len(row) else ""
        raw_minutes = row[minutes_column] if minutes_column < len(row) else ""
        try:
            validate_email(email)
        except ValidationError:
            report.problems.append(RowNote(line, _shown(email), _("“%(value)s” is not an e-mail address.")
                                           % {"value": _shown(email)} if email else _("The e-mail cell is empty.")))
            continue
        try:
            minutes = _minutes(raw_minutes)
        except NumberRefused as refused:
            raise AttendanceRefused(
                _("Row %(row)s: %(reason)s That is not a number of minutes; is this the right report? Nothing was "
                  "recorded.") % {"row": line, "reason": refused.translated()},
                status=400,
            ) from refused
        if minutes is None:
            report.problems.append(RowNote(line, email, _("“%(value)s” is not a number of minutes.")
                                           % {"value": _shown(raw_minutes)}))
            continue
        if email in totals:
            first_line = totals[email][0]
            totals[email][1] += minutes
            report.combined.append(RowNote(line, email, _(
                "Also on row %(first)s: the minutes were added together (platforms list each rejoin on its own row)."
            ) % {"first": first_line}))
        else:
            totals[email] = [line, minutes]

    with transaction.atomic():
        registrations = {
            r.email_lower: r
            for r in Registration.objects.select_for_update(of=("self",))
            .filter(session=session)
            .annotate(email_lower=Lower("member__email"))
            .filter(email_lower__in=list(totals))
            .select_related("member")
        }
        elsewhere = dict(
            Registration.objects.filter(session__event_id=session.event_id)
            .exclude(session=session)
            .exclude(status=Status.CANCELLED)
            .annotate(email_lower=Lower("member__email"))
            .filter(email_lower__in=list(totals))
            .values_list("email_lower", "session__title")
        )
        for email, (line, minutes) in totals.items():
            registration = registrations.get(email)
            if registration is None:
                message = (_("Registered for another session of this event, not this one.") if email in elsewhere
                           else _("No registration for this session under this e-mail address."))
                report.problems.append(RowNote(line, email, message))
                continue
            if registration.status != Status.CONFIRMED:
                report.problems.append(RowNote(line, email, _("%(status)s, not confirmed: attendance not recorded.")
                                               % {"status": registration.get_status_display()}))
                continue
            minutes = min(minutes, session.duration_minutes)
            if not attended_enough(minutes, session, event) and not registration.attended:
                # Never fewer minutes than an earlier report recorded: nothing already saved is lost.
                registration.attended_minutes = max(minutes, registration.attended_minutes or 0)
                registration.save(update_fields=["attended_minutes"])
                report.below_threshold.append(RowNote(line, email, ngettext(
                    "%(minutes)s minute: below the %(percent)s%% needed.",
                    "%(minutes)s minutes: below the %(percent)s%% needed.", minutes,
                ) % {"minutes": minutes, "percent": event.attendance_threshold_percent}))
                continue
            kept = max(minutes, registration.attended_minutes or 0) if registration.attended else minutes
            if _credit(registration, event, kept, Registration.AttendanceSource.REPORT, now):
                report.credited.append(RowNote(line, email, _("%(minutes)s minutes: attended.") % {"minutes": kept}))
                RegistrationChange.objects.create(
                    session=session, registration=registration, actor=actor, at=now,
                    kind=RegistrationChange.Kind.ATTENDANCE_IMPORTED,
                    detail=_("%(minutes)s minutes, from %(file)s") % {"minutes": kept, "file": filename[:200]},
                )
            else:
                report.updated.append(RowNote(line, email, _("Already recorded as attended.")))
        RegistrationChange.objects.create(
            session=session, registration=None, actor=actor, at=now, kind=RegistrationChange.Kind.ATTENDANCE_IMPORTED,
            detail=_("%(file)s: %(credited)s credited, %(problems)s rows not applied")
            % {"file": filename[:150], "credited": len(report.credited), "problems": len(report.problems)},
        )
    return report
