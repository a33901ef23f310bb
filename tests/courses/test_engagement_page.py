"""The staff engagement page: charts with their tables, filters bounded with a clear error, and CSV exports that
go through the spreadsheet guard."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db

URL = "courses_outcomes_engagement"


@pytest.fixture
def staff_client(client):
    client.force_login(factories.StaffFactory())
    return client


@pytest.fixture
def active_member():
    offering = factories.build_offering()
    member = factories.MemberFactory(career_stage="early_career")
    Enrolment.objects.create(member=member, offering=offering, enrolled_at=timezone.now())
    return member


def test_page_shows_both_charts_and_tables(staff_client, active_member):
    response = staff_client.get(reverse(URL), {"segment": "career_stage", "months": "6"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('role="img"') == 2 and page.count("<desc") == 2
    assert "Members active each month" in page and "First-year retention" in page
    assert "Early career (0-5 years)" in page
    assert "style=" not in page.split('id="active-heading"')[1]  # no inline style in our part (strict CSP)


@pytest.mark.parametrize(("query", "message"), [
    ({"months": "0"}, "greater than or equal to 1"),
    ({"months": "1000000"}, "less than or equal to 36"),
    ({"months": "twelve"}, "Enter a whole number"),
    ({"segment": "shoe_size"}, "Select a valid choice"),
])
def test_bad_filters_get_a_clear_error(staff_client, query, message):
    response = staff_client.get(reverse(URL), query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_monthly_csv_export(staff_client, active_member):
    response = staff_client.get(reverse(URL), {"months": "3", "segment": "career_stage", "export": "monthly"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Month", "Active members"]
    assert len(rows) == 1 + 3 and rows[-1][1] == "1"


def test_retention_csv_export_and_unknown_table(staff_client, active_member):
    response = staff_client.get(reverse(URL), {"export": "retention"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # The cohorts reach a year behind the 12 months shown, so the oldest have had their whole first year...
    assert rows[0][0] == "Joined in" and len(rows) == 1 + 12 + 12
    # ...within the report's bound of 36 months.
    longest = staff_client.get(reverse(URL), {"export": "retention", "months": "30"})
    assert len(list(csv.reader(io.StringIO(longest.content.decode())))) == 1 + 36
    assert staff_client.get(reverse(URL), {"export": "=cmd"}).status_code == 400


def test_a_member_is_refused(client):
    client.force_login(factories.MemberFactory())
    assert client.get(reverse(URL)).status_code in (302, 403)
