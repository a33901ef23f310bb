"""Demographics appear only as aggregate counts, to staff, with small groups suppressed."""

import pytest

from lms.demographics_report import aggregate_report
from lms.models import Demographics
from tests.factories import InstructorFactory, MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _answer(gender: str, count: int):
    for _ in range(count):
        Demographics.objects.create(member=MemberFactory(), gender=gender)


def test_counts_are_aggregated_and_small_groups_suppressed():
    _answer("woman", 6)
    _answer("non_binary", 2)
    MemberFactory()  # never answered: counted as prefer not to say
    rows = {row.label: row for row in aggregate_report()["gender"]}
    assert rows["Woman"].shown == "6"
    assert rows["Non-binary"].count is None and rows["Non-binary"].shown == "fewer than 5"
    assert rows["Man"].shown == "0"


def test_staff_read_the_report_and_others_cannot(client):
    _answer("woman", 5)
    _answer("man", 9)
    client.force_login(StaffFactory())
    response = client.get("/admin/reports/demographics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>Man</td><td>9</td>" in html
    assert "Member demographics (aggregate)" in html
    assert "<td>Woman</td><td>fewer than 5</td>" in html  # hidden with the small "prefer not to say" group
    client.force_login(InstructorFactory())
    refused = client.get("/admin/reports/demographics/")
    # Wagtail turns a permission refusal into a redirect to the dashboard with a message.
    assert refused.status_code == 302 and refused.url == "/admin/"


def test_a_lone_hidden_group_cannot_be_recovered_by_subtraction():
    _answer("woman", 7)
    _answer("man", 9)
    _answer("non_binary", 1)
    rows = {row.label: row for row in aggregate_report()["gender"]}
    assert rows["Non-binary"].count is None
    assert rows["Woman"].count is None  # the next smallest is hidden with it
    assert rows["Man"].shown == "9"
