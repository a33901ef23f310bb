"""Both CSVs courses writes (the registrations export, the member's transcript) neutralise formula cells through
lms/spreadsheets.py and keep their numbers numeric; read back with the csv module, as a spreadsheet would."""

import csv
import io
from decimal import Decimal

import pytest

from courses.events import attendance
from courses.models import Enrolment
from tests import factories
from tests.courses.events_admin_support import csv_url, register
from tests.courses.journeys import enrol, finish
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def read_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_the_registrations_export_neutralises_every_formula_cell(client, staff):
    question = factories.registration_question("@Team")
    event = factories.build_event(questions=[question], sessions=[factories.session_spec(-1)])
    session = factories.sessions_of(event)[0]
    member = factories.MemberFactory(first_name="  =1+1", last_name="-2+3", email="inj@example.org")
    registration = register(member, session, [{"id": question["id"], "question": "@Team", "answer": "+SUM(A1)"}])
    attendance.check_in(registration, actor=staff)
    client.force_login(staff)

    header, row = read_rows(client.get(csv_url(event)))
    record = dict(zip(header, row, strict=True))
    assert record["Name"] == "'=1+1 -2+3"
    assert record["'@Team"] == "'+SUM(A1)"
    assert record["Minutes attended"] == "60"  # the platform's own number, unquoted


def test_the_transcript_neutralises_titles_and_keeps_hours_numeric(client):
    member = factories.MemberFactory()
    client.force_login(member)
    for title in ("=1+1", "@SUM(A1:A2)", "+Plus", "-Minus"):
        offering = factories.build_offering(title=title, modules=1, lessons_per_module=1, cpd_hours=Decimal("1.5"))
        enrol(member, offering)
        finish(member, lessons_of(offering))
    assert Enrolment.objects.filter(member=member, completed_at__isnull=False).count() == 4

    header, *rows = read_rows(client.get("/my-learning/transcript.csv"))
    titles = sorted(row[0] for row in rows)
    assert titles == ["'+Plus", "'-Minus", "'=1+1", "'@SUM(A1:A2)"]
    assert {row[header.index("CPD hours")] for row in rows} == {"1.50"}
