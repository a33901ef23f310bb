"""Staff exports of members' cycles for the membership system: `GET /api/v1/cpd/cycles` (staff only, paged, filters
read strictly, in the OpenAPI document) and the CSV download in the admin's CPD area (staff only, no formula
cells)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.cpd import cycles, exports
from certificates.cpd.models import Cycle, ExternalActivity
from certificates.cpd.progress import add_months
from tests import factories

from .factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db
URL = "/api/v1/cpd/cycles"
EXPORT = "/admin/cpd/review/export.csv"


@pytest.fixture
def members():
    """Three members of the practitioner scheme: one met, one short, one whose cycle ended (closed short)."""
    practitioner = scheme()
    today = timezone.localdate()
    met = member_joined(today - timedelta(days=100), first_name="Carmen", last_name="Gutiérrez")
    activity(met, hours="56", category="general", day=today - timedelta(days=3),
             status=ExternalActivity.Status.APPROVED)
    activity(met, hours="6", category="ethics", day=today - timedelta(days=3), status=ExternalActivity.Status.APPROVED)
    short = member_joined(today - timedelta(days=200), first_name="=cmd|' /C calc'!A0", last_name="Short")
    lapsed = member_joined(today - timedelta(days=365 * 3 + 60), first_name="Lapsed", last_name="Member")
    anchor = cycles.anchor_of(lapsed, practitioner)
    Cycle.objects.create(member=lapsed, scheme=practitioner, starts_on=anchor, ends_on=add_months(anchor, 36))
    for member in (met, short, lapsed):
        cycles.current_cycle(member, practitioner)
    return {"met": met, "short": short, "lapsed": lapsed, "scheme": practitioner}


def test_signed_out_members_and_non_staff_are_refused(client, members):
    assert client.get(URL).status_code == 401
    client.force_login(members["met"])
    refused = client.get(URL)
    assert refused.status_code == 403
    assert refused.json() == {"error": "Only staff can export members' CPD."}


def test_staff_get_each_cycle_with_its_figures_per_category(client, members):
    client.force_login(factories.StaffFactory())

    answer = client.get(URL, {"scheme": members["scheme"].pk, "status": "open"}).json()

    assert answer["total"] == 3  # the lapsed member's next cycle is open too
    by_email = {row["email"]: row for row in answer["cycles"]}
    carmen = by_email[members["met"].email]
    assert carmen["required"] == "60.00" and carmen["counted"] == "62.00" and carmen["still_needed"] == "0.00"
    ethics = next(c for c in carmen["categories"] if c["category"] == "ethics")
    assert ethics == {"category": "ethics", "earned": "6.00", "counted": "6.00", "required": "6.00",
                      "maximum": None, "still_needed": "0.00"}
    assert carmen["credential_code"] is None  # issued when the member's page or the close sees it met


def test_filters_choose_cycles_and_pages_are_bounded(client, members):
    client.force_login(factories.StaffFactory())
    closed = client.get(URL, {"status": "short"}).json()
    assert [row["email"] for row in closed["cycles"]] == [members["lapsed"].email]
    ended = Cycle.objects.get(member=members["lapsed"], status="short")
    before = client.get(URL, {"ends_before": ended.ends_on.isoformat()}).json()
    assert [row["cycle_id"] for row in before["cycles"]] == [ended.pk]
    assert client.get(URL, {"ends_before": ended.last_day.isoformat()}).json()["total"] == 0

    first = client.get(URL, {"page_size": 1}).json()
    second = client.get(URL, {"page_size": 1, "page": 2}).json()
    assert first["total"] == second["total"] == 4
    assert len(first["cycles"]) == len(second["cycles"]) == 1
    assert first["cycles"][0]["cycle_id"] != second["cycles"][0]["cycle_id"]


@pytest.mark.parametrize("params, message", [
    ({"status": "lapsed"}, "“status” must be one of: open, met, short."),
    ({"ends_before": "2026-13-01"}, "“ends_before” must be a date written as YYYY-MM-DD."),
    ({"ends_before": "tomorrow"}, "“ends_before” must be a date written as YYYY-MM-DD."),
    ({"scheme": "x"}, "“scheme” must be a whole number from 1 to 2147483647."),
    ({"page": "0"}, "“page” must be a whole number from 1 to 10000."),
    ({"page_size": str(exports.MAX_PAGE_SIZE + 1)}, "“page_size” must be a whole number from 1 to 100."),
])
def test_bad_parameters_get_a_400_naming_them(client, members, params, message):
    client.force_login(factories.StaffFactory())
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_the_operation_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"][URL]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {
        "scheme", "status", "ends_before", "page", "page_size"}
    assert {"200", "400", "401", "403"} <= set(operation["responses"])


def test_the_admin_csv_is_for_staff_only(client, members):
    client.force_login(members["met"])
    assert client.get(EXPORT).status_code in (302, 403)


def test_staff_download_the_csv_with_no_formula_cells(client, members):
    client.force_login(factories.StaffFactory())

    response = client.get(EXPORT, {"scheme": members["scheme"].pk})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    assert rows[0][:5] == ["cycle_id", "member_id", "email", "name", "membership_tier"]
    assert "ethics_required" in rows[0]
    names = [row[3] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0 Short" in names
    assert len(rows) == 1 + 4


def test_a_bad_filter_in_the_admin_export_is_refused_with_words(client, members):
    client.force_login(factories.StaffFactory())
    response = client.get(EXPORT, {"status": "nonsense"})
    assert response.status_code == 400
    assert "must be one of" in response.content.decode()
