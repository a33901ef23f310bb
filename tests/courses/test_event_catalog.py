"""Events in listings: catalog formats and the partner filter, next sessions in the viewer's zone, partner
pages and campaign landing pages, and what non-members never see there."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.models import Campaign
from lms.access import AccessLevel
from tests import factories
from tests.courses.query_budgets import CATALOG_MAX_QUERIES
from tests.factories import build_event, session_spec

pytestmark = pytest.mark.django_db

def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def flow_institute(db):
    return factories.PartnerFactory(name="Flow Institute", slug="flow-institute", website="https://flow.example.org",
                                    description="Research on flow in organisations.")


@pytest.fixture
def london_client(client, learner):
    learner.time_zone = "Europe/London"
    learner.save(update_fields=["time_zone"])
    client.force_login(learner)
    return client


# ------------------------------------------------------------------------------------------- catalog


def test_the_catalog_filters_by_workshop_and_webinar(client, db):
    factories.build_offering(title="Self-paced Course", modules=0)
    factories.build_workshop(title="Mapping Workshop")
    build_event(title="Metrics Webinar")

    workshops = text(client.get("/catalog/?format=workshop"))
    webinars = text(client.get("/catalog/?format=webinar"))
    everything = text(client.get("/catalog/"))

    assert '<option value="workshop">Workshop</option>' in everything
    assert '<option value="webinar">Webinar</option>' in everything
    assert "Mapping Workshop" in workshops and "Metrics Webinar" not in workshops
    assert "Self-paced Course" not in workshops
    assert "Metrics Webinar" in webinars and "Mapping Workshop" not in webinars
    assert all(title in everything for title in ("Self-paced Course", "Mapping Workshop", "Metrics Webinar"))


def test_the_catalog_filters_by_partner(client, flow_institute):
    other = factories.PartnerFactory(name="Other Partner", slug="other-partner")
    build_event(title="Co-hosted Webinar", co_hosts=[flow_institute, other])
    build_event(title="Someone Else's Webinar", co_hosts=[other])
    factories.build_offering(title="Plain Course", modules=0)

    filtered = text(client.get("/catalog/?partner=flow-institute"))
    unknown = text(client.get("/catalog/?partner=nobody"))
    everything = text(client.get("/catalog/"))

    assert "Co-hosted Webinar" in filtered
    assert "Someone Else" not in filtered and "Plain Course" not in filtered
    assert "1 offerings" in filtered
    assert "0 offerings" in unknown
    assert '<option value="flow-institute">Flow Institute</option>' in everything
    assert 'value="flow-institute" selected' in filtered
    assert 'href="/partners/flow-institute/">Flow Institute</a>' in everything


def test_event_cards_show_the_next_session_in_the_viewers_zone(london_client):
    build_event(title="Series", sessions=[
        {**session_spec(time_zone="America/New_York"), "date": date(2027, 3, 18)},
        {**session_spec(time_zone="America/New_York"), "date": date(2027, 3, 11)},
    ])
    build_event(title="Over", sessions=[session_spec(-2)])

    page = text(london_client.get("/catalog/"))

    assert "Times are shown in Europe/London." in page
    assert ('Next session: <bdi><time datetime="2027-03-11T15:00:00+00:00">Thu 11 Mar 2027, 15:00–16:00 GMT</time>'
            '</bdi>') in page
    assert "Thu 18 Mar 2027" not in page
    assert "No upcoming sessions." in page


def test_member_only_events_are_hidden_from_non_members_in_the_catalog(client, non_member, learner):
    build_event(title="Members Webinar", access_level=AccessLevel.MEMBER_ONLY)
    client.force_login(non_member)
    assert "Members Webinar" not in text(client.get("/catalog/"))
    assert "Members Webinar" not in text(client.get("/catalog/?format=webinar"))
    client.force_login(learner)
    assert "Members Webinar" in text(client.get("/catalog/?format=webinar"))


def test_catalog_queries_do_not_grow_with_events(member_client, flow_institute):
    def add_events(count, start):
        for n in range(start, start + count):
            build_event(title=f"Event {n}", co_hosts=[flow_institute], topics=[factories.TopicFactory()],
                        sessions=[session_spec(3 + n), session_spec(10 + n)])

    def count_queries():
        assert member_client.get("/catalog/").status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get("/catalog/").status_code == 200
        return len(captured)

    add_events(1, 0)
    small = count_queries()
    add_events(12, 1)
    large = count_queries()

    assert small == large
    assert large <= CATALOG_MAX_QUERIES


# ------------------------------------------------------------------------------------------- partners


def test_partner_pages_list_upcoming_events_first_then_the_rest(london_client, flow_institute):
    build_event(title="Later Webinar", co_hosts=[flow_institute], sessions=[session_spec(20)])
    build_event(title="Sooner Webinar", co_hosts=[flow_institute], sessions=[session_spec(5)])
    build_event(title="Past Webinar", co_hosts=[flow_institute], sessions=[session_spec(-5)])
    course = factories.build_offering(title="Partner Course", modules=0)
    course.co_hosts.set([flow_institute])
    course.save_revision().publish()
    build_event(title="Not Theirs")

    listing = text(london_client.get("/partners/"))
    page = text(london_client.get("/partners/flow-institute/"))

    assert 'href="/partners/flow-institute/">Flow Institute</a>' in listing
    assert "Research on flow in organisations." in page
    assert 'href="https://flow.example.org"' in page
    upcoming, rest = page.split("Courses and past events")
    assert upcoming.index("Sooner Webinar") < upcoming.index("Later Webinar")
    assert "Next session:" in upcoming and "Times are shown in Europe/London." in upcoming
    assert "Past Webinar" in rest and "Partner Course" in rest
    assert "Not Theirs" not in page


def test_partner_pages_hide_member_only_events_from_non_members(client, flow_institute, non_member, learner):
    build_event(title="Members Webinar", co_hosts=[flow_institute], access_level=AccessLevel.MEMBER_ONLY)
    build_event(title="Draft Webinar", co_hosts=[flow_institute], publish=False)
    assert "Members Webinar" not in text(client.get("/partners/flow-institute/"))
    client.force_login(non_member)
    assert "Members Webinar" not in text(client.get("/partners/flow-institute/"))
    client.force_login(learner)
    page = text(client.get("/partners/flow-institute/"))
    assert "Members Webinar" in page and "Draft Webinar" not in page


def test_an_unknown_partner_is_not_found(client, db):
    assert client.get("/partners/nobody/").status_code == 404


# ------------------------------------------------------------------------------------------- campaigns


@pytest.fixture
def flow_month(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Flow month banner", file=get_test_image_file())
    return Campaign.objects.create(
        name="Flow Month", slug="flow-month", summary="A month of flow-themed events.",
        description="<p>Four weeks of <b>flow</b>.</p>", starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 31),
        image=image, image_alt_text="People mapping a value stream on a whiteboard",
    )


def test_a_campaign_page_gathers_its_events_and_courses(london_client, flow_month):
    series = build_event(title="Flow Series", sessions=[
        {**session_spec(time_zone="America/New_York"), "date": date(2027, 3, 11)},
        {**session_spec(time_zone="America/New_York"), "date": date(2027, 3, 18)},
    ])
    course = factories.build_offering(title="Flow Course", modules=0)
    for offering in (series, course):
        offering.campaigns.set([flow_month])
        offering.save_revision().publish()
    build_event(title="Unrelated Webinar")

    page = text(london_client.get("/campaigns/flow-month/"))

    assert "<h1>Flow Month</h1>" in page
    assert "1 March 2027" in page and "31 March 2027" in page
    assert "A month of flow-themed events." in page and "Four weeks of <b>flow</b>." in page
    assert 'alt="People mapping a value stream on a whiteboard"' in page
    assert "Thu 11 Mar 2027, 15:00–16:00 GMT" in page and "Thu 18 Mar 2027, 14:00–15:00 GMT" in page
    assert "Times are shown in Europe/London." in page
    assert "Flow Course" in page
    assert "Unrelated Webinar" not in page


def test_a_campaign_page_hides_member_only_events_from_non_members(client, flow_month, non_member, learner):
    event = build_event(title="Members Flow Webinar", access_level=AccessLevel.MEMBER_ONLY)
    event.campaigns.set([flow_month])
    event.save_revision().publish()

    assert "Members Flow Webinar" not in text(client.get("/campaigns/flow-month/"))
    client.force_login(non_member)
    assert "Members Flow Webinar" not in text(client.get("/campaigns/flow-month/"))
    client.force_login(learner)
    assert "Members Flow Webinar" in text(client.get("/campaigns/flow-month/"))


def test_an_unknown_campaign_is_not_found(client, db):
    assert client.get("/campaigns/nothing/").status_code == 404
