"""The catalog index: what each viewer may see (counts included), filters, pagination and odd query strings."""

import re

import pytest

from courses.catalog.listing import PAGE_SIZE
from lms.access import AccessLevel
from tests import factories
from tests.courses.journeys import days_from_today

pytestmark = pytest.mark.django_db

CATALOG = "/catalog/"


def titles_on(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<li class="card">\s*<h3[^>]*><a href="[^"]*">([^<]*)</a></h3>', response.content.decode())


def result_count(response) -> int:
    return int(re.search(r'id="results-heading"[^>]*>(\d+) offerings<', response.content.decode()).group(1))


@pytest.fixture
def mixed_catalog(db):
    governance = factories.TopicFactory(name="Governance", slug="governance")
    flow = factories.TopicFactory(name="Flow", slug="flow")
    factories.build_offering(title="Public Flow Course", modules=0, topics=[flow], level="introductory")
    factories.build_offering(
        title="Members Only Masterclass", modules=0, access_level=AccessLevel.MEMBER_ONLY, topics=[governance],
        level="advanced",
    )
    factories.build_offering(
        title="Member First Workshop", modules=0, access_level=AccessLevel.MEMBER_FIRST,
        public_open_on=days_from_today(14), language="fr", level="intermediate",
    )
    factories.build_offering(
        title="Enhanced Governance", modules=0, access_level=AccessLevel.MEMBER_ENHANCED, topics=[governance, flow],
        language="es", level="advanced",
    )
    factories.build_ethics_module(title="Research Integrity", modules=0, topics=[governance])
    factories.build_offering(title="Draft Course", modules=0, publish=False)


def test_anonymous_sees_live_offerings_but_not_member_only_ones(client, mixed_catalog):
    response = client.get(CATALOG)

    titles = titles_on(response)
    assert sorted(titles) == [
        "Enhanced Governance", "Member First Workshop", "Public Flow Course", "Research Integrity",
    ]
    assert result_count(response) == 4  # the hidden offering is not counted either
    assert "Members Only Masterclass" not in response.content.decode()
    assert "Draft Course" not in response.content.decode()


@pytest.mark.parametrize("who", ["non_member", "expired_member"])
def test_non_members_do_not_see_member_only_offerings(client, mixed_catalog, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(CATALOG)
    assert "Members Only Masterclass" not in titles_on(response)
    assert result_count(response) == 4


@pytest.mark.parametrize("who", ["learner", "staff"])
def test_members_and_staff_see_member_only_offerings(client, mixed_catalog, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(CATALOG)
    titles = titles_on(response)
    assert "Members Only Masterclass" in titles
    assert "Draft Course" not in titles
    assert result_count(response) == 5


def test_cards_show_badges_topics_and_member_first_date(client, mixed_catalog):
    page = client.get(CATALOG).content.decode()
    assert "Member-first: members enrol early, everyone later" in page
    assert f"Open to everyone from {days_from_today(14).strftime('%-d %B %Y')}" in page
    assert "Topics: Flow, Governance" in page
    assert "Ethics / RCR module" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=governance", ["Enhanced Governance", "Members Only Masterclass", "Research Integrity"]),
        ("topic=flow", ["Enhanced Governance", "Public Flow Course"]),
        ("format=ethics_module", ["Research Integrity"]),
        (
            "format=course",
            ["Enhanced Governance", "Member First Workshop", "Members Only Masterclass", "Public Flow Course"],
        ),
        ("language=fr", ["Member First Workshop"]),
        ("level=advanced", ["Enhanced Governance", "Members Only Masterclass"]),
        ("topic=governance&level=advanced&language=es", ["Enhanced Governance"]),
    ],
)
def test_filters_for_a_member(member_client, mixed_catalog, query, expected):
    response = member_client.get(f"{CATALOG}?{query}")
    assert sorted(titles_on(response)) == expected
    assert result_count(response) == len(expected)


def test_filters_never_reveal_member_only_offerings(client, mixed_catalog):
    response = client.get(f"{CATALOG}?topic=governance&level=advanced")
    assert titles_on(response) == ["Enhanced Governance"]
    assert result_count(response) == 1


def test_selected_filters_stay_selected(client, mixed_catalog):
    page = client.get(f"{CATALOG}?topic=flow&format=course&language=fr&level=intermediate").content.decode()
    assert '<option value="flow" selected>' in page
    assert '<option value="course" selected>' in page
    assert '<option value="fr" selected>' in page
    assert '<option value="intermediate" selected>' in page
    # Only languages something is offered in are offered as a filter.
    assert '<option value="es"' in page and '<option value="de"' not in page


def test_catalog_paginates_and_keeps_filters_in_page_links(client, db):
    for n in range(PAGE_SIZE + 2):
        factories.build_offering(title=f"Course {n:02d}", modules=0, level="advanced")

    first = client.get(f"{CATALOG}?level=advanced")
    assert len(titles_on(first)) == PAGE_SIZE
    assert result_count(first) == PAGE_SIZE + 2
    page = first.content.decode()
    assert "Page 1 of 2" in page
    assert 'href="?level=advanced&amp;page=2">Next page' in page

    second = client.get(f"{CATALOG}?level=advanced&page=2")
    assert sorted(titles_on(second)) == [f"Course {PAGE_SIZE:02d}", f"Course {PAGE_SIZE + 1:02d}"]
    assert "Page 2 of 2" in second.content.decode()
    assert not set(titles_on(first)) & set(titles_on(second))


@pytest.mark.parametrize(
    "query",
    [
        "page=abc", "page=999", "page=-1", "page=0", "page=1.5", "page=",
        "topic=no-such-topic", "format=podcast", "language=xx", "level=expert",
        "topic=%00", "language=%00", "level=%00", "format=%00", "page=%00",
        "topic=" + "x" * 3000, "level=advanced&level=introductory", "topic[]=flow",
    ],
)
def test_bogus_page_or_filter_values_answer_200(client, mixed_catalog, query):
    response = client.get(f"{CATALOG}?{query}")
    assert response.status_code == 200
    assert "offerings" in response.content.decode()


def test_unknown_filter_values_match_nothing_and_say_so(client, mixed_catalog):
    response = client.get(f"{CATALOG}?level=expert")
    assert titles_on(response) == []
    assert "No offerings match these filters." in response.content.decode()


def test_unknown_format_is_ignored(client, mixed_catalog):
    assert result_count(client.get(f"{CATALOG}?format=podcast")) == 4


def test_the_catalogs_own_title_is_read_in_each_language_and_an_editors_as_written(client):
    """The title and introduction the site gave the catalog are its own words; once an editor writes others, those
    are content and shown as written."""
    from courses.models import CatalogIndexPage

    factories.build_offering()
    page = client.get("/fr/catalog/").content.decode()
    assert "<h1>Catalogue</h1>" in page and "Cours, ateliers, webinaires" in page
    catalog = CatalogIndexPage.objects.get()
    catalog.title, catalog.intro = "Programme", "Chosen by our editors."
    catalog.save_revision().publish()
    page = client.get("/fr/catalog/").content.decode()
    assert "<h1>Programme</h1>" in page and "Chosen by our editors." in page
