"""Who attended: the threshold, check-in at the door, and the platform's attendance report with all its quirks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from courses.events import attendance
from courses.events import registration as registration_rules
from courses.events.attendance import AttendanceRefused, attended_enough, check_in, import_report
from courses.models import Registration, RegistrationChange
from tests.factories import MemberFactory, build_event, session_spec, sessions_of

pytestmark = pytest.mark.django_db

Source = Registration.AttendanceSource


@pytest.fixture
def event():
    """A 60-minute webinar session (3 seats, 75% threshold) and a second session of the same event."""
    return build_event(sessions=[session_spec(7, capacity=3), session_spec(8, capacity=3)], cpd_hours=Decimal("1.5"))


@pytest.fixture
def session(event):
    return sessions_of(event)[0]


@pytest.fixture
def people(event, session):
    """ana, ben and eve hold seats; cara waits; dan is registered for the other session."""
    named = {name: MemberFactory(email=f"{name}@example.org", first_name=name.title())
             for name in ("ana", "ben", "eve", "cara", "dan")}
    for name in ("ana", "ben", "eve", "cara"):
        registration_rules.register(named[name], session)
    registration_rules.register(named["dan"], sessions_of(event)[1])
    return named


def after(session, minutes: int = 60):
    return session.ends_at + timedelta(minutes=minutes)


def reg(member, session) -> Registration:
    return Registration.objects.get(member=member, session=session)


def report_file(rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8", preamble: str = "") -> bytes:
    return (preamble + "\n".join(sep.join(row) for row in rows) + "\n").encode(encoding)


def emails(notes) -> list[str]:
    return [note.email for note in notes]


# ------------------------------------------------------------------------------------------- the threshold


def test_the_threshold_is_a_share_of_the_session_rounded_up(event, session):
    assert session.duration_minutes == 60
    assert attended_enough(45, session, event)  # 75% of 60 minutes
    assert not attended_enough(44, session, event)

    event.attendance_threshold_percent = 50
    session.end_time = session.end_time.replace(hour=10, minute=45)  # a 45-minute session
    session.save()
    assert session.duration_minutes == 45
    assert attended_enough(23, session, event)  # 22.5 rounds up to 23
    assert not attended_enough(22, session, event)

    event.attendance_threshold_percent = 100
    assert attended_enough(45, session, event) and not attended_enough(44, session, event)


# ------------------------------------------------------------------------------------------- check-in


def test_check_in_credits_a_confirmed_registrant_once_after_commit(session, people, staff, attendance_signals,
                                                                   django_capture_on_commit_callbacks):
    registration = reg(people["ana"], session)

    with django_capture_on_commit_callbacks(execute=False) as pending:
        assert check_in(registration, staff, now=session.starts_at)
    assert attendance_signals.calls == []  # nothing is announced before the transaction commits
    for callback in pending:
        callback()

    registration.refresh_from_db()
    assert registration.attended and registration.attended_minutes == 60
    assert registration.attendance_source == Source.CHECK_IN
    assert (registration.credited_title, registration.credited_cpd_hours) == ("Flow Metrics Live", Decimal("1.50"))
    assert attendance_signals.members() == [people["ana"].pk]
    assert attendance_signals.calls[0]["cpd_hours"] == Decimal("1.50")
    assert attendance_signals.calls[0]["session"].pk == session.pk
    change = RegistrationChange.objects.get(kind=RegistrationChange.Kind.CHECKED_IN)
    assert (change.registration_id, change.actor_id) == (registration.pk, staff.pk)

    with django_capture_on_commit_callbacks(execute=True):
        assert not check_in(registration, staff, now=session.starts_at + timedelta(minutes=5))
    assert len(attendance_signals.calls) == 1
    assert RegistrationChange.objects.filter(kind=RegistrationChange.Kind.CHECKED_IN).count() == 1


def test_check_in_opens_an_hour_before_the_start(session, people, staff):
    registration = reg(people["ana"], session)

    with pytest.raises(AttendanceRefused, match="opens an hour before") as refused:
        check_in(registration, staff, now=session.starts_at - timedelta(minutes=61))
    assert refused.value.status == 409
    registration.refresh_from_db()
    assert not registration.attended

    assert check_in(registration, staff, now=session.starts_at - timedelta(hours=1))


def test_only_confirmed_registrants_are_checked_in(session, people, staff, attendance_signals,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(AttendanceRefused, match="not confirmed for this session") as not_seated:
            check_in(reg(people["cara"], session), staff, now=session.starts_at)
        cancelled = reg(people["eve"], session)
        registration_rules.cancel(cancelled, people["eve"])
        with pytest.raises(AttendanceRefused, match="cancelled") as gone:
            check_in(cancelled, staff, now=session.starts_at)

    assert not_seated.value.status == gone.value.status == 409
    assert "Cara" in str(not_seated.value) and "waitlist" in str(not_seated.value)
    assert not Registration.objects.filter(attended=True).exists()
    assert attendance_signals.calls == []


# ------------------------------------------------------------------------------------------- reports: good files


def test_a_zoom_style_report_with_a_preamble_is_applied(session, people, staff, attendance_signals,
                                                        django_capture_on_commit_callbacks):
    data = report_file(
        [["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"],
         ["Ana Silva", "ana@example.org", "10:00", "10:50", "50", "No"],
         ["Ben Okafor", "BEN@example.org", "10:02", "10:30", "28", "No"],
         ["Ben Okafor", "ben@example.org", "10:35", "11:00", "25", "No"],
         ["Eve Adams", "eve@example.org", "10:40", "11:00", "20", "No"]],
        preamble="Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
                 "812 3456 7890,Flow Metrics Live,10:00,11:02,host@example.org,62,3\n\n",
    )

    with django_capture_on_commit_callbacks(execute=True):
        report = import_report(session, data, "participants_81234567890.csv", staff, now=after(session))

    assert report.rows_read == 4
    assert emails(report.credited) == ["ana@example.org", "ben@example.org"]
    assert emails(report.below_threshold) == ["eve@example.org"]
    assert [(n.row, n.email) for n in report.combined] == [(7, "ben@example.org")]
    assert "Also on row 6" in report.combined[0].message
    assert report.problems == []
    assert [(r.member.email, r.attended, r.attended_minutes) for r in
            Registration.objects.filter(session=session, status="confirmed").order_by("member__email")] == [
        ("ana@example.org", True, 50), ("ben@example.org", True, 53), ("eve@example.org", False, 20)]
    assert reg(people["ana"], session).attendance_source == Source.REPORT
    assert sorted(attendance_signals.members()) == sorted([people["ana"].pk, people["ben"].pk])
    summary = RegistrationChange.objects.filter(kind="attendance_imported", registration=None).get()
    assert summary.actor_id == staff.pk and "participants_81234567890.csv" in summary.detail


def test_a_key_value_preamble_above_the_header_is_skipped(session, people, staff):
    data = report_file([["Email", "Minutes attended"], ["ana@example.org", "58"]],
                       preamble="Attendee Report\nWebinar,Flow Metrics Live\nDate,2027-03-05\n\n")

    report = import_report(session, data, "report.csv", staff, now=after(session))

    assert emails(report.credited) == ["ana@example.org"]
    assert report.credited[0].row == 6


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_reports_are_read(session, people, staff, sep):
    data = report_file([["E-mail", "Duration (minutes)", "Name"], ["ana@example.org", "47,5", "Silva, Ana"],
                        ["ben@example.org", "1:05:00", "Ben"]], sep=sep)

    report = import_report(session, data, "report.csv", staff, now=after(session))

    assert emails(report.credited) == ["ana@example.org", "ben@example.org"]
    assert reg(people["ana"], session).attended_minutes == 48
    assert reg(people["ben"], session).attended_minutes == 60  # 65 minutes, capped at the session's 60


def test_a_utf8_bom_is_ignored(session, people, staff):
    data = b"\xef\xbb\xbf" + report_file([["Email", "Minutes"], ["ana@example.org", "60"]])

    report = import_report(session, data, "report.csv", staff, now=after(session))

    assert emails(report.credited) == ["ana@example.org"]


def test_a_utf16_teams_style_export_is_read(session, people, staff):
    data = report_file(
        [["Name", "Email", "Minutes attended", "Role"], ["Ana Silva", "ana@example.org", "55", "Attendee"],
         ["Zoë Brontë", "ben@example.org", "50", "Attendee"]],
        sep="\t", encoding="utf-16", preamble="Meeting Summary\nTitle\tFlow Metrics Live\n\n",
    )
    assert data.startswith(b"\xff\xfe")

    report = import_report(session, data, "meetingAttendanceList.csv", staff, now=after(session))

    assert emails(report.credited) == ["ana@example.org", "ben@example.org"]


def test_teams_spelled_out_durations_are_read_as_minutes(session, people, staff):
    """Teams writes "In-Meeting Duration" as text; 44m 30s rounds to 45 minutes, exactly the 75% needed."""
    data = report_file(
        [["Name", "Email", "In-Meeting Duration", "Role"], ["Ana Silva", "ana@example.org", "1h 0m 0s", "Attendee"],
         ["Ben Okoro", "ben@example.org", "44m 30s", "Attendee"]],
        sep="\t", encoding="utf-16",
    )

    report = import_report(session, data, "meetingAttendanceList.csv", staff, now=after(session))

    assert emails(report.credited) == ["ana@example.org", "ben@example.org"]
    assert Registration.objects.get(session=session, member__email="ben@example.org").attended_minutes == 45


# ------------------------------------------------------------------------------------------- reports: refused files


def refusal(session, data: bytes, staff) -> AttendanceRefused:
    with pytest.raises(AttendanceRefused) as refused:
        import_report(session, data, "report.csv", staff, now=after(session))
    return refused.value


def test_a_latin1_file_is_refused_naming_where_it_cannot_be_read(session, people, staff):
    data = report_file([["Email", "Minutes"], ["ana@example.org", "50"], ["josé@example.org", "50"]],
                       encoding="latin-1")

    refused = refusal(session, data, staff)

    assert refused.status == 400
    assert "not UTF-8" in str(refused)
    assert f"position {data.index('é'.encode('latin-1'))}" in str(refused)
    assert "line 3" in str(refused)
    assert not Registration.objects.filter(attended_minutes__isnull=False).exists()


def test_wrong_columns_are_refused_listing_the_columns_found(session, people, staff):
    refused = refusal(session, report_file([["Name", "Join time", "Leave time"], ["Ana", "10:00", "11:00"]]), staff)

    assert refused.status == 400
    assert "Its first row has: Name, Join time, Leave time" in str(refused)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (b"Email,Minutes\n", "a header row but no attendees"),
        (b"Email,Minutes\n,\n\n", "a header row but no attendees"),
        (b"PK\x03\x04rest-of-a-workbook", "spreadsheet workbook"),
        (b"Email,Minutes\nana@example.org,5\x000\n", "binary data"),
    ],
)
def test_empty_files_and_workbooks_are_refused(session, people, staff, data, expected):
    refused = refusal(session, data, staff)

    assert refused.status == 400
    assert expected in str(refused)
    assert not RegistrationChange.objects.filter(kind="attendance_imported").exists()


def test_an_import_before_the_session_starts_is_refused(session, people, staff):
    with pytest.raises(AttendanceRefused, match="not started yet") as refused:
        import_report(session, report_file([["Email", "Minutes"], ["ana@example.org", "60"]]), "r.csv", staff,
                      now=session.starts_at - timedelta(minutes=1))

    assert refused.value.status == 409
    assert not reg(people["ana"], session).attended


# ------------------------------------------------------------------------------------------- reports: rows


def test_rows_that_cannot_be_applied_are_reported_by_row_and_the_rest_applied(session, people, staff):
    data = report_file([
        ["Email", "Minutes"],
        ["ana@example.org", "50"],  # row 2: applied
        ["not-an-email", "50"],  # row 3
        ["", "50"],  # row 4
        ["ben@example.org", "fifty"],  # row 5
        ["eve@example.org", "-5"],  # row 6
        ["stranger@example.org", "50"],  # row 7
        ["cara@example.org", "50"],  # row 8: waitlisted
        ["dan@example.org", "50"],  # row 9: the other session
    ])

    report = import_report(session, data, "report.csv", staff, now=after(session))

    assert emails(report.credited) == ["ana@example.org"]
    problems = {note.row: note for note in report.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8, 9]
    assert "“not-an-email” is not an e-mail address" in problems[3].message
    assert "e-mail cell is empty" in problems[4].message
    assert "“fifty” is not a number of minutes" in problems[5].message
    assert "“-5” is not a number of minutes" in problems[6].message
    assert "No registration for this session" in problems[7].message
    assert "On the waitlist, not confirmed" in problems[8].message
    assert "another session of this event" in problems[9].message
    assert Registration.objects.filter(attended=True).count() == 1
    assert reg(people["ben"], session).attended_minutes is None
    assert not reg(people["cara"], session).attended


def test_a_registrant_of_another_session_is_recognised_whatever_the_case_of_their_address(event, session, staff):
    mixed = MemberFactory(email="Dana.Ruiz@Example.org")
    registration_rules.register(mixed, sessions_of(event)[1])

    report = import_report(session, report_file([["Email", "Minutes"], ["dana.ruiz@example.org", "60"]]),
                           "report.csv", staff, now=after(session))

    assert "another session of this event" in report.problems[0].message


def test_a_registrant_whose_address_has_capitals_is_matched(session, staff):
    mixed = MemberFactory(email="Fay.Lim@Example.org")
    registration_rules.register(mixed, session)

    report = import_report(session, report_file([["Email", "Minutes"], ["FAY.LIM@example.ORG", "60"]]),
                           "report.csv", staff, now=after(session))

    assert emails(report.credited) == ["fay.lim@example.org"]


def test_duplicate_rows_are_added_together_and_capped_at_the_session_length(session, people, staff):
    data = report_file([["Email", "Minutes"], ["ana@example.org", "40"], ["ana@example.org", "40"],
                        ["ana@example.org", "15"]])

    report = import_report(session, data, "report.csv", staff, now=after(session))

    assert [n.row for n in report.combined] == [3, 4]
    assert reg(people["ana"], session).attended_minutes == 60


def test_importing_the_same_report_twice_changes_nothing_and_announces_nothing_again(
        session, people, staff, attendance_signals, django_capture_on_commit_callbacks):
    data = report_file([["Email", "Minutes"], ["ana@example.org", "50"], ["eve@example.org", "30"]])
    with django_capture_on_commit_callbacks(execute=True):
        import_report(session, data, "report.csv", staff, now=after(session))
    before = list(Registration.objects.filter(session=session).order_by("pk").values())

    with django_capture_on_commit_callbacks(execute=True):
        again = import_report(session, data, "report.csv", staff, now=after(session, 90))

    assert list(Registration.objects.filter(session=session).order_by("pk").values()) == before
    assert again.credited == []
    assert emails(again.updated) == ["ana@example.org"]
    assert "Already recorded" in again.updated[0].message
    assert attendance_signals.members() == [people["ana"].pk]
    assert RegistrationChange.objects.filter(kind="attendance_imported", registration__isnull=False).count() == 1


def test_a_report_never_undoes_a_check_in(
    session, people, staff, attendance_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check_in(reg(people["ana"], session), staff, now=session.starts_at)
        report = import_report(session, report_file([["Email", "Minutes"], ["ana@example.org", "10"]]),
                               "report.csv", staff, now=after(session))

    registration = reg(people["ana"], session)
    assert (registration.attended, registration.attended_minutes, registration.attendance_source) == (
        True, 60, Source.CHECK_IN)
    assert emails(report.updated) == ["ana@example.org"]
    assert len(attendance_signals.calls) == 1


def test_a_second_report_with_fewer_minutes_keeps_the_minutes_already_recorded(session, people, staff):
    first = report_file([["Email", "Minutes"], ["eve@example.org", "30"], ["ana@example.org", "55"]])
    second = report_file([["Email", "Minutes"], ["eve@example.org", "12"], ["ana@example.org", "46"]])
    import_report(session, first, "first.csv", staff, now=after(session))

    import_report(session, second, "second.csv", staff, now=after(session, 90))

    assert reg(people["eve"], session).attended_minutes == 30
    assert reg(people["ana"], session).attended_minutes == 55


def test_a_later_report_with_enough_minutes_credits_someone_below_the_threshold(
    session, people, staff, attendance_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = import_report(session, report_file([["Email", "Minutes"], ["eve@example.org", "30"]]), "a.csv",
                              staff, now=after(session))
        second = import_report(session, report_file([["Email", "Minutes"], ["eve@example.org", "50"]]), "b.csv",
                               staff, now=after(session, 90))

    assert emails(first.below_threshold) == emails(second.credited) == ["eve@example.org"]
    assert "below the 75% needed" in first.below_threshold[0].message
    assert reg(people["eve"], session).attended
    assert attendance_signals.members() == [people["eve"].pk]


def test_the_header_search_is_limited(session, people, staff):
    preamble = "".join(f"Line {n},value\n" for n in range(attendance.HEADER_SEARCH_ROWS + 1))

    refused = refusal(session, report_file([["Email", "Minutes"], ["ana@example.org", "50"]], preamble=preamble),
                      staff)

    assert "Its first row has: Line 0, value" in str(refused)
