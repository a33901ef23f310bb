"""The search page and the JSON API through the real engine chosen by settings (the database engine here)."""

import json

import pytest

from lms.access import AccessLevel
from search import indexing
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(db):
    """Three offerings, one of them member-only, indexed through the real indexing rule."""
    topic = factories.TopicFactory(name="Research ethics", slug="research-ethics")
    offerings = [
        factories.build_ethics_module(title="Research Integrity in Practice", topics=[topic], modules=1,
                                      lessons_per_module=1),
        factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1),
        factories.build_offering(title="Members' Flow Clinic", access_level=AccessLevel.MEMBER_ONLY, modules=1,
                                 lessons_per_module=1),
    ]
    indexing.refresh([o.pk for o in offerings])
    return offerings


def api(client, **params):
    response = client.get("/api/v1/catalog/search", params)
    return response.status_code, json.loads(response.content)


def test_search_page_finds_a_typo_and_its_facets_are_labelled_controls(client, catalog):
    response = client.get("/search/", {"q": "ethcis"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Research Integrity in Practice" in page
    assert 'role="status"' in page and "1 result" in page
    assert '<legend>Format</legend>' in page
    assert 'type="checkbox" name="format" value="ethics_module"' in page


def test_api_answers_with_results_facets_and_total(client, catalog):
    status, body = api(client, q="flow")

    assert status == 200
    assert body["total"] == 1  # the member-only clinic is not counted for a visitor
    assert [r["title"] for r in body["results"]] == ["Flow Metrics Fundamentals"]
    assert {"value", "label", "count", "selected"} <= set(body["facets"]["format"][0])


def test_members_see_and_count_member_only_offerings(client, catalog, learner):
    client.force_login(learner)

    status, body = api(client, q="flow")

    assert status == 200 and body["total"] == 2


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"format": "podcast"}, "Unknown format"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "99999999"}, "page"),
        ({"sort": "random"}, "Sort by"),
        ({"q": "x" * 10_000}, "too long"),
        ({"cpd_min": "5", "cpd_max": "1"}, "cpd_min"),
        ({"cpd_min": "NaN"}, "cpd_min"),
        ({"cpd_min": "1_000"}, "cpd_min"),
        ({"cpd_max": "\u0661\u0662"}, "cpd_max"),  # Arabic-Indic digits: Decimal() alone reads them as 12
        ({"cpd_max": "1e999999999"}, "cpd_max"),
    ],
)
def test_bad_parameters_get_a_400_with_the_reason(client, catalog, params, reason):
    status, body = api(client, **params)
    page = client.get("/search/", params)

    assert status == 400 and reason in body["error"]
    assert page.status_code == 400 and reason in page.content.decode()


@pytest.mark.parametrize("text", ['"flow', "title:flow", "(flow", "flow*", "flow\\", "' OR 1=1 --", "\x00flow"])
def test_query_syntax_characters_are_plain_text(client, catalog, text):
    status, body = api(client, q=text)

    assert status == 200
    assert body["total"] >= 0


def test_autocomplete_suggests_visible_titles_only(client, catalog):
    suggestions = json.loads(client.get("/api/v1/catalog/autocomplete", {"q": "fl"}).content)["suggestions"]
    too_short = json.loads(client.get("/api/v1/catalog/autocomplete", {"q": "f"}).content)["suggestions"]

    assert [s["title"] for s in suggestions] == ["Flow Metrics Fundamentals"]
    assert too_short == []
    assert client.get("/api/v1/catalog/autocomplete", {"q": "x" * 101}).status_code == 400


def test_openapi_schema_describes_both_catalog_endpoints(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)

    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/catalog/search", "/api/v1/catalog/autocomplete"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/v1/catalog/search"]["get"]["parameters"]}
    assert {"q", "format", "topic", "page", "sort", "cpd_min"} <= names


def test_the_api_refuses_writes(client):
    assert client.post("/api/v1/catalog/search").status_code == 405


def test_words_in_members_only_sections_never_make_an_offering_match(client):
    secret = {"type": "members_only", "id": "5e1c2d3f-0000-4000-8000-000000000001",
              "value": {"teaser": "Worked example", "content": [factories.text_block("zebrafish protocol")]}}
    course = factories.build_offering(title="Flow Basics", access_level=AccessLevel.MEMBER_ENHANCED,
                                      overview=[factories.text_block("Open words."), secret], modules=0)
    indexing.refresh([course.pk])

    status, body = api(client, q="zebrafish")
    found, open_body = api(client, q="open words")

    assert status == 200 and body["total"] == 0
    assert [r["title"] for r in open_body["results"]] == ["Flow Basics"]
