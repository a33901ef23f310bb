"""GET /api/v1/reports/outcomes: in the OpenAPI document, for holders of the outcome reports' permission only, the
dashboard's filters as parameters (bad ones a 400 naming them), the same figures as the page."""

from __future__ import annotations

import pytest

from tests import factories

from .outcome_support import SECRET_COMMENT, build_world

pytestmark = pytest.mark.django_db

PATH = "/api/v1/reports/outcomes"


@pytest.fixture
def world():
    return build_world()


def test_the_operation_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"][PATH]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names == {"topic", "format", "partner", "path", "year_from", "year_to", "career_stage", "region", "tier",
                     "segment"}
    assert set(operation["responses"]) >= {"200", "400", "401", "403"}
    year = next(p for p in operation["parameters"] if p["name"] == "year_from")["schema"]
    assert (year["minimum"], year["maximum"]) == (2000, 2100)
    assert "OutcomesAnswer" in document["components"]["schemas"]


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("member", 403), ("instructor", 403),
                                             ("partner_host", 403), ("staff", 200)])
def test_staff_only(client, who, status):
    if who:
        client.force_login({"member": factories.MemberFactory, "instructor": factories.InstructorFactory,
                            "partner_host": factories.PartnerHostFactory, "staff": factories.StaffFactory}[who]())
    response = client.get(PATH)
    assert response.status_code == status
    assert response["Cache-Control"] == "private, no-store"
    if status != 200:
        assert response.json()["error"]


def test_a_partner_host_of_the_event_is_refused_too(client, world):
    client.force_login(factories.partner_host_for(world.partner))
    assert client.get(PATH, {"partner": world.partner.pk}).status_code == 403


def test_figures_and_breakdown(client, world):
    client.force_login(factories.StaffFactory())
    answer = client.get(PATH, {"segment": "career_stage"}).json()
    editions = {(e["offering"], e["programme_year"]): e for e in answer["editions"]}
    first = editions[("Flow Metrics", 2025)]
    assert (first["reach"], first["completions"], first["cpd_hours"], first["evaluations"]) == (6, 5, "15.00", 5)
    assert first["completion_rate"] == pytest.approx(5 / 6, abs=1e-4)
    assert first["mean_rating"] == pytest.approx(2.8) and first["applied_rate"] == pytest.approx(0.6)
    assert editions[("Flow Metrics", 2026)]["mean_rating"] is None
    assert editions[("Flow Live", 2026)]["partner_ids"] == [world.partner.pk]
    stages = {row["value"]: row for row in answer["breakdown"]}
    assert stages["early_career"]["reach"] == 11 and stages["mid_career"]["reach"] == 3
    assert answer["smallest_group"] == 5 and answer["truncated"] is False
    assert SECRET_COMMENT not in str(answer)


def test_filters_narrow_the_answer(client, world):
    client.force_login(factories.StaffFactory())
    answer = client.get(PATH, {"topic": world.topic.pk, "career_stage": "early_career", "year_to": "2025"}).json()
    assert [(e["offering"], e["programme_year"], e["reach"]) for e in answer["editions"]] == [
        ("Flow Metrics", 2025, 6)]
    assert [e["offering"] for e in client.get(PATH, {"format": "event"}).json()["editions"]] == ["Flow Live"]


@pytest.mark.parametrize(("query", "field"), [
    ({"year_from": "2030", "year_to": "2020"}, "year_to"),
    ({"year_from": "abc"}, "year_from"),
    ({"topic": "99999999999999999999999"}, "topic"),
    ({"segment": "all"}, "segment"),
    ({"tier": "<img src=x>"}, "tier"),
])
def test_bad_parameters_are_a_400_naming_them(client, query, field):
    client.force_login(factories.StaffFactory())
    response = client.get(PATH, query)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{field}:")
