"""Every attendance report in tests/hostile/csv/ uploaded through the event admin's form as staff: never a server
error, within the hang guard; a refused report says what is wrong (the line, or the problem with the file) and
records nothing; a used one lists each row it could not use by its line."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Registration, RegistrationChange
from tests import factories
from tests.courses.events_admin_support import register, upload_url
from tests.hostile import corpus
from tests.hostile.replay import within_bound

pytestmark = pytest.mark.django_db

REPORTS = corpus.files("csv")
# A few hostile names for the uploaded file itself (the form quotes the name back when it refuses the extension).
NAMES = [
    "report.exe",
    "..%2F..%2Fetc%2Fpasswd.csv",
    "a\u202ecsv.exe",
    "<script>alert(1)</script>.csv",
    "report\x00.csv",
    "x" * 5000 + ".csv",
    "=1+1.csv",
]


@pytest.fixture
def webinar():
    """Yesterday's session with ana@ and bob@example.org registered."""
    event = factories.build_event(sessions=[factories.session_spec(-1, capacity=5)], attendance_threshold_percent=50)
    session = factories.sessions_of(event)[0]
    for email in ("ana@example.org", "bob@example.org"):
        register(factories.MemberFactory(email=email), session)
    return event, session


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def recorded() -> tuple:
    """What an upload may change: attendance on registrations and the change history."""
    return (
        sorted(Registration.objects.values_list("pk", "attended", "attended_minutes", "status")),
        RegistrationChange.objects.count(),
    )


def upload(client, event, session, name: str, data: bytes):
    report = SimpleUploadedFile(name, data, content_type="text/csv")
    response = within_bound(
        lambda: client.post(upload_url(event, session), {"report": report}), f"uploading {name[:80]!r}"
    )
    assert response.status_code < 500, f"{name[:80]!r}: {response.status_code}"
    return response


def refusal(response) -> str:
    form = response.context["form"] if response.context else None
    return " ".join(str(error) for error in form.errors.get("report", [])) if form is not None else ""


@pytest.mark.parametrize(("name", "data"), REPORTS, ids=[name for name, _ in REPORTS])
def test_each_hostile_report_is_refused_whole_or_used_with_every_row_accounted_for(staff_client, webinar, name, data):
    event, session = webinar
    before = recorded()
    response = upload(staff_client, event, session, name, data)
    if response.status_code >= 400:
        message = refusal(response)
        assert message, f"{name}: refused ({response.status_code}) without saying why"
        assert recorded() == before, f"{name}: refused, yet attendance changed"
        return
    assert response.status_code == 200, f"{name}: {response.status_code}"
    report = response.context["report"]
    assert report is not None, f"{name}: answered 200 without a report or an error"
    assert all(note.row >= 1 and note.message for note in report.problems), f"{name}: a problem without its line"


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_hostile_file_names_are_refused_or_used_and_never_break_the_page(staff_client, webinar, name):
    event, session = webinar
    before = recorded()
    response = upload(staff_client, event, session, name, b"Email,Minutes\nana@example.org,50\n")
    if response.status_code >= 400:
        assert refusal(response), f"{name[:80]!r}: refused without saying why"
        assert recorded() == before
    else:
        assert response.status_code == 200
        assert response.context["report"] is not None
