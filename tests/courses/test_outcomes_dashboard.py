"""The staff page Reports -> Outcomes: every section against hand-built rows, the segment breakdown, trend charts
with their tables, CSV of every table, who may open it, hostile input, and a query count that does not grow."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

from .outcome_support import SECRET_COMMENT, build_world, enrol
from .query_budgets import OUTCOMES_DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db

URL = "courses_outcomes_dashboard"
TABLES = ("years", "editions", "topics", "formats", "partners", "breakdown")


@pytest.fixture
def staff_client(client):
    client.force_login(factories.StaffFactory())
    return client


@pytest.fixture
def world():
    return build_world()


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def by_first(rows):
    return {row[0]: row for row in rows[1:]}


def test_page_shows_every_section_with_charts_and_tables(staff_client, world):
    response = staff_client.get(reverse(URL))
    page = response.content.decode()
    assert response.status_code == 200
    for key in TABLES:
        assert f'id="{key}-heading"' in page and f"export={key}" in page
    assert page.count('role="img"') == 6  # one trend chart per measure
    assert page.count("<title id=") == page.count("<desc id=") == 6
    assert "Flow Metrics" in page and "Flow Live" in page and "Partner P" in page
    assert reverse("courses_outcomes_engagement") in page
    assert SECRET_COMMENT not in page  # aggregates only
    assert "style=" not in page.split('class="outcomes-links"')[1]  # strict CSP: no inline style in our part
    assert "<script" not in page.split('class="outcomes-links"')[1]


def test_retire_or_redesign_is_linked_with_the_same_filters(staff_client, world):
    page = staff_client.get(reverse(URL), {"topic": world.topic.pk, "tier": "student"}).content.decode()
    link = f'{reverse("courses_outcomes_abandonment")}?topic_id={world.topic.pk}&amp;membership_tier=student'
    assert link in page
    assert staff_client.get(link.replace("&amp;", "&")).status_code == 200


def test_editions_table_against_the_hand_built_rows(staff_client, world):
    rows = rows_of(staff_client.get(reverse(URL), {"export": "editions"}))
    assert rows[0][:4] == ["Offering", "Format", "Programme year", "Reach"]
    by_key = {(row[0], row[2]): row for row in rows[1:]}
    first = by_key[("Flow Metrics", "2025")]
    # reach, completion %, attendance %, hours, evaluations, mean rating, recommend %, follow-ups, applied %
    assert first[3:] == ["6", "83.3", "", "15.00", "5", "2.8", "40.0", "5", "60.0"]
    assert by_key[("Flow Metrics", "2026")][3:6] == ["2", "0.0", ""]
    assert by_key[("Flow Metrics", "2026")][8] == ""  # no evaluations: hidden, never a mean of nobody
    live = by_key[("Flow Live", "2026")]
    assert live[1] == "Event" and live[3:] == ["6", "", "83.3", "7.50", "5", "5.0", "100.0", "5", "100.0"]


def test_years_topics_formats_partners(staff_client, world):
    years = by_first(rows_of(staff_client.get(reverse(URL), {"export": "years"})))
    assert years["2025"][1:3] == ["1", "6"]
    assert years["2026"][1:3] == ["2", "8"] and years["2026"][3] == "0.0"  # two course places, none completed
    # 2026's mean rating combines only the shown edition (the course's has no answers): 5.0
    assert years["2026"][7] == "5.0"
    topics = rows_of(staff_client.get(reverse(URL), {"export": "topics"}))
    assert [row[:4] for row in topics[1:]] == [["Flow", "2025", "1", "6"], ["Flow", "2026", "1", "2"]]
    formats = by_first(rows_of(staff_client.get(reverse(URL), {"export": "formats"})))
    assert formats["Course"][1:3] == ["2", "8"] and formats["Event"][1:3] == ["1", "6"]
    partners = by_first(rows_of(staff_client.get(reverse(URL), {"export": "partners"})))
    assert partners["Partner P"][1:3] == ["1", "6"]
    assert partners["The association alone"][1:3] == ["2", "8"]


def test_narrowing_to_a_topic_and_a_career_stage(staff_client, world):
    query = {"topic": world.topic.pk, "career_stage": "early_career", "export": "editions"}
    rows = rows_of(staff_client.get(reverse(URL), query))
    assert [(row[0], row[2], row[3]) for row in rows[1:]] == [("Flow Metrics", "2025", "6")]
    partner_only = rows_of(staff_client.get(reverse(URL), {"partner": world.partner.pk, "export": "editions"}))
    assert [row[0] for row in partner_only[1:]] == ["Flow Live"]
    years = rows_of(staff_client.get(reverse(URL), {"year_from": "2026", "year_to": "2026", "export": "years"}))
    assert [row[0] for row in years[1:]] == ["2026"]


def test_breakdown_by_segment(staff_client, world):
    rows = by_first(rows_of(staff_client.get(reverse(URL), {"segment": "career_stage", "export": "breakdown"})))
    assert rows["Early career (0-5 years)"][1:3] == ["11", "5"]
    assert rows["Mid career (5-15 years)"][1] == "3"


def test_demographics_breakdown_hides_small_groups(staff_client, world):
    response = staff_client.get(reverse(URL), {"segment": "gender"})
    assert response.status_code == 200
    rows = rows_of(staff_client.get(reverse(URL), {"segment": "gender", "export": "breakdown"}))
    counts = [row[1] for row in rows[1:]]
    assert all(count == "" or int(count) == 0 or int(count) >= 5 for count in counts)


@pytest.mark.parametrize(("query", "message"), [
    ({"year_from": "2026", "year_to": "2020"}, "cannot come before"),
    ({"year_from": "1"}, "greater than or equal to 2000"),
    ({"topic": "1 OR 1=1"}, "valid choice"),
    ({"segment": "salary"}, "valid choice"),
    ({"region": "x" * 5000}, "valid choice"),
])
def test_bad_filters_are_a_400_with_the_field_error(staff_client, query, message):
    response = staff_client.get(reverse(URL), query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("table", ["=cmd", "../etc/passwd", "editions\r\nX-Header: 1", "retention"])
def test_unknown_table_is_refused(staff_client, table):
    assert staff_client.get(reverse(URL), {"export": table}).status_code == 400


def test_a_title_that_looks_like_a_formula_is_neutralised(staff_client):
    course = factories.build_offering(title="=HYPERLINK(\"http://x\")", modules=1, lessons_per_module=1)
    enrol(factories.MemberFactory(), course, 2025, completed=True)
    rows = rows_of(staff_client.get(reverse(URL), {"export": "editions"}))
    assert rows[1][0].startswith("'=")


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("instructor", 403), ("partner_host", 403),
                                             ("staff", 200)])
def test_permission_matrix(client, who, status):
    user = {"member": factories.MemberFactory, "instructor": factories.InstructorFactory,
            "partner_host": factories.PartnerHostFactory, "staff": factories.StaffFactory}[who]()
    client.force_login(user)
    response = client.get(reverse(URL))
    assert response.status_code == status if status == 200 else response.status_code in (302, 403)


def test_signed_out_is_sent_to_sign_in(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302


def test_query_count_does_not_grow_with_rows(staff_client, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(reverse(URL), {"segment": "region"}).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        course = factories.build_offering(title=f"More {n}", modules=1, lessons_per_module=1,
                                          topics=[world.topic], co_hosts=[factories.PartnerFactory()])
        for _m in range(3):
            enrol(factories.MemberFactory(), course, 2025 + n % 2, completed=True)
    assert count() == before <= OUTCOMES_DASHBOARD_MAX_QUERIES, before
