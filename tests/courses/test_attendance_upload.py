"""Attendance reports uploaded through the admin form: what is credited, what is reported, and what is refused
whole (nothing changes); uploading the same report twice changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Registration, RegistrationChange
from tests import factories
from tests.courses.events_admin_support import register, registrations_url, upload_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def webinar():
    """Yesterday's hour-long session (2 seats, 75% threshold) with two attendees and one on the waitlist, and a
    later session someone else registered for."""
    event = factories.build_event(
        title="Flow Clinic", attendance_threshold_percent=75,
        sessions=[factories.session_spec(-1, capacity=2), factories.session_spec(6)],
    )
    past, later = factories.sessions_of(event)
    for email in ("ana@example.org", "bob@example.org", "cat@example.org"):
        register(factories.MemberFactory(email=email), past)
    register(factories.MemberFactory(email="dan@example.org"), later)
    return event


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def upload(client, event, data: bytes, name: str = "attendance.csv", capture=None):
    session = factories.sessions_of(event)[0]
    report = SimpleUploadedFile(name, data, content_type="text/csv")
    if capture is None:
        return client.post(upload_url(event, session), {"report": report})
    with capture(execute=True):
        return client.post(upload_url(event, session), {"report": report})


def attended() -> dict[str, int | None]:
    return dict(Registration.objects.filter(attended=True).values_list("member__email", "attended_minutes"))


def notes(report, kind: str) -> list[tuple[int, str]]:
    return [(note.row, note.email) for note in getattr(report, kind)]


GOOD = (
    "Email,Name,Minutes attended\n"
    "ANA@example.org,Ana,50\n"
    "bob@example.org,Bob,20\n"
    "bob@example.org,Bob (rejoined),30\n"
    "cat@example.org,Cat,60\n"
    "dan@example.org,Dan,60\n"
    "nobody@example.org,Nobody,60\n"
    "not-an-address,Who,60\n"
).encode()


def test_a_good_report_credits_attendees_and_lists_every_other_row(staff_client, webinar, attendance_signals,
                                                                   django_capture_on_commit_callbacks):
    response = upload(staff_client, webinar, GOOD, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.rows_read == 7
    assert notes(report, "credited") == [(2, "ana@example.org"), (3, "bob@example.org")]
    assert notes(report, "combined") == [(4, "bob@example.org")]  # 20 + 30 minutes: one person, rejoined
    assert sorted(notes(report, "problems")) == [
        (5, "cat@example.org"), (6, "dan@example.org"), (7, "nobody@example.org"), (8, "not-an-address"),
    ]
    problems = {note.email: note.message for note in report.problems}
    assert "not confirmed" in problems["cat@example.org"]  # on the waitlist: not credited
    assert "another session" in problems["dan@example.org"]
    assert "No registration for this session" in problems["nobody@example.org"]
    assert "not an e-mail address" in problems["not-an-address"]
    assert attended() == {"ana@example.org": 50, "bob@example.org": 50}
    assert sorted(attendance_signals.emails()) == ["ana@example.org", "bob@example.org"]

    html = response.content.decode()
    assert "Not applied: check these rows" in html and "nobody@example.org" in html
    assert "<td>7</td><td>nobody@example.org</td>" in html  # row number, e-mail, message
    assert "2 people credited with attending" in html
    assert "1 duplicate row combined" in html
    assert "4 rows not applied" in html


def test_uploading_the_same_report_again_changes_nothing(staff_client, webinar, attendance_signals,
                                                         django_capture_on_commit_callbacks):
    upload(staff_client, webinar, GOOD, capture=django_capture_on_commit_callbacks)
    before = attended()
    credited_changes = RegistrationChange.objects.filter(kind="attendance_imported", registration__isnull=False)
    assert credited_changes.count() == 2

    again = upload(staff_client, webinar, GOOD, capture=django_capture_on_commit_callbacks)
    assert again.status_code == 200
    report = again.context["report"]
    assert report.credited == []
    assert notes(report, "updated") == [(2, "ana@example.org"), (3, "bob@example.org")]
    assert attended() == before
    assert len(attendance_signals) == 2  # no second signal for anyone
    assert credited_changes.count() == 2


def test_below_the_threshold_is_recorded_but_not_credited(staff_client, webinar, attendance_signals,
                                                          django_capture_on_commit_callbacks):
    response = upload(staff_client, webinar, b"Email,Minutes attended\nana@example.org,44\n",
                      capture=django_capture_on_commit_callbacks)
    report = response.context["report"]
    assert notes(report, "below_threshold") == [(2, "ana@example.org")]
    assert "below the 75% needed" in report.below_threshold[0].message
    ana = Registration.objects.get(member__email="ana@example.org")
    assert not ana.attended and ana.attended_minutes == 44
    assert attendance_signals.calls == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Name,Duration\nAna,60\n", "attendance.csv", "needs an e-mail column"),
        ("Name,Email,Minutes attended\nJos\u00e9,ana@example.org,60\n".encode("latin-1"), "attendance.csv",
         "not UTF-8 text"),
        (b"PK\x03\x04\x14\x00\x06\x00binary workbook bytes\x00\x00", "attendance.csv", "spreadsheet workbook"),
        (b"PK\x03\x04\x14\x00\x06\x00binary workbook bytes\x00\x00", "attendance.xlsx", "is not a CSV file"),
        (b"Email,Minutes attended\n", "attendance.csv", "no attendees"),
        (b"", "attendance.csv", "empty"),
    ],
    ids=["wrong-columns", "latin-1", "xlsx-renamed", "xlsx", "header-only", "empty-file"],
)
def test_unreadable_files_are_refused_whole_with_a_form_error(
    staff_client, webinar, attendance_signals, data, name, message
):
    response = upload(staff_client, webinar, data, name)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["report"])
    assert message in errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert response.context["report"] is None
    assert attended() == {}
    assert not Registration.objects.filter(attended_minutes__isnull=False).exists()
    assert not RegistrationChange.objects.filter(kind="attendance_imported").exists()
    assert attendance_signals.calls == []


def test_a_file_over_the_size_limit_is_refused(staff_client, webinar):
    big = b"Email,Minutes attended\n" + b"x" * (5 * 1024 * 1024)
    response = upload(staff_client, webinar, big)
    assert response.status_code == 400
    assert "larger than 5 MB" in " ".join(response.context["form"].errors["report"])


def test_a_session_that_has_not_started_has_no_report_yet(staff_client, webinar):
    later = factories.sessions_of(webinar)[1]
    report = SimpleUploadedFile("attendance.csv", b"Email,Minutes attended\ndan@example.org,60\n")
    response = staff_client.post(upload_url(webinar, later), {"report": report})
    assert response.status_code == 409
    assert "has not started yet" in " ".join(response.context["form"].errors["report"])
    assert attended() == {}


def test_the_upload_form_is_reached_from_the_registrations_page(staff_client, webinar):
    past = factories.sessions_of(webinar)[0]
    page = staff_client.get(registrations_url(webinar)).content.decode()
    assert upload_url(webinar, past) in page
    form = staff_client.get(upload_url(webinar, past))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'type="file"' in html and 'name="report"' in html and 'enctype="multipart/form-data"' in html
    assert "<label" in html
