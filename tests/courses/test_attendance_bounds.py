"""Attendance reports whose minutes are numbers no session can last: refused whole, at once, nothing recorded.

`1e10000000` once took the interpreter about fifty minutes to turn into an int, for every row; now the text is
bounded before any arithmetic. Property tests: whatever text or bytes arrive, the report's readers either answer
within their bounds or refuse with their own error.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.events import attendance
from courses.models import Registration, RegistrationChange
from lms.bounded_numbers import NumberRefused
from tests import factories
from tests.courses.events_admin_support import register, upload_url


@pytest.fixture
def webinar(db):
    """Yesterday's hour-long session with two confirmed registrants."""
    event = factories.build_event(title="Bounds Clinic", sessions=[factories.session_spec(-1, capacity=5)])
    session = factories.sessions_of(event)[0]
    for email in ("ana@example.org", "bob@example.org"):
        register(factories.MemberFactory(email=email), session)
    return event


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def upload(client, event, data: bytes):
    session = factories.sessions_of(event)[0]
    return client.post(upload_url(event, session), {"report": SimpleUploadedFile("zoom.csv", data, "text/csv")})


def test_the_forty_byte_report_that_froze_the_site_is_refused_with_a_form_error(staff_client, webinar):
    response = upload(staff_client, webinar, b"Email,Minutes\nnobody@example.test,1e10000000\n")

    assert response.status_code == 400
    errors = response.context["form"].errors["report"]
    assert errors == [
        "Row 2: “1e10000000” has an exponent beyond 999. That is not a number of minutes; is this "
        "the right report? Nothing was recorded."
    ]
    assert not RegistrationChange.objects.filter(kind=RegistrationChange.Kind.ATTENDANCE_IMPORTED).exists()


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("1e400", "“1e400” is more than 100000."),
        ("1E+1000", "“1E+1000” has an exponent beyond 999."),
        ("9" * 31, f"“{'9' * 31}” has more than 30 digits."),
        ("100001", "“100001” is more than 100000."),
        ("2000h", "“2000h” is more than 100000."),
    ],
)
def test_minutes_beyond_any_session_refuse_the_whole_file_before_anyone_is_credited(
    staff_client, webinar, cell, reason
):
    data = f"Email,Minutes\nana@example.org,60\nbob@example.org,{cell}\n".encode()

    response = upload(staff_client, webinar, data)

    assert response.status_code == 400
    assert response.context["form"].errors["report"] == [
        f"Row 3: {reason} That is not a number of minutes; is this the right report? Nothing was recorded."
    ]
    assert not Registration.objects.filter(attended=True).exists()
    assert not Registration.objects.exclude(attended_minutes=None).exists()
    assert not RegistrationChange.objects.filter(kind=RegistrationChange.Kind.ATTENDANCE_IMPORTED).exists()


def test_a_long_cell_that_is_no_number_is_a_row_problem_quoted_short(staff_client, webinar):
    data = f"Email,Minutes\nana@example.org,60\nbob@example.org,{'x' * 5000}\n".encode()

    response = upload(staff_client, webinar, data)

    assert response.status_code == 200
    report = response.context["report"]
    assert [note.email for note in report.credited] == ["ana@example.org"]
    assert report.problems[0].message == f"“{'x' * 60}…” is not a number of minutes."


# ------------------------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.from_regex(r"[+-]?[0-9]{0,40}(\.[0-9]{0,10})?([eE][+-]?[0-9]{1,12})?", fullmatch=True),
        st.from_regex(r"[0-9]{1,7}\s*h\s*[0-9]{0,7}\s*m?\s*[0-9]{0,7}\s*s?", fullmatch=True),
    )
)
def test_a_minutes_cell_reads_as_bounded_minutes_nothing_or_a_refusal(text):
    try:
        minutes = attendance._minutes(text)
    except NumberRefused as refused:
        assert refused.code in attendance.OUT_OF_RANGE
        return
    assert minutes is None or 0 <= minutes <= attendance.MAX_MINUTES


CELL = st.one_of(st.text(max_size=30), st.sampled_from(["Email", "Minutes", "ana@example.org", "1e10000000", "NaN"]))


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.lists(CELL, max_size=5), max_size=8).map(
            lambda rows: "\n".join(",".join(row) for row in rows).encode()
        ),
    )
)
def test_any_report_bytes_read_as_a_table_or_are_refused_with_a_reason(data):
    try:
        rows, header, email_column, minutes_column = attendance._table(attendance._decode(data))
    except attendance.AttendanceRefused as refused:
        assert str(refused)
        return
    assert 0 <= header < len(rows)
    for _line, row in rows[header + 1 :]:
        cell = row[minutes_column] if minutes_column < len(row) else ""
        try:
            minutes = attendance._minutes(cell)
        except NumberRefused:
            continue
        assert minutes is None or 0 <= minutes <= attendance.MAX_MINUTES
