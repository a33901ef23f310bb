"""A partner host's outcomes: reachable from their co-hosted events on the admin home, the same edition figures for
the offerings their partner co-hosts, aggregates only; any other offering refused on the server."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Registration
from tests import factories

from .outcome_support import SECRET_COMMENT, build_world, evaluate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def host_client(client, world):
    client.force_login(factories.partner_host_for(world.partner))
    return client


def test_the_admin_home_links_to_it(host_client):
    page = host_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("courses_outcomes_hosted") in page


def test_lists_and_shows_only_their_own_offerings(host_client, world):
    page = host_client.get(reverse("courses_outcomes_hosted")).content.decode()
    assert "Flow Live" in page and "Flow Metrics" not in page
    response = host_client.get(reverse("courses_outcomes_hosted_offering", args=[world.event.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Flow Live" in page and "83%" in page  # five of six confirmed seats attended
    assert SECRET_COMMENT not in page  # no comments or examples
    assert "Download" not in page


def test_any_other_offering_is_refused(host_client, world):
    assert host_client.get(reverse("courses_outcomes_hosted_offering", args=[world.course.pk])).status_code == 403
    assert host_client.get(reverse("courses_outcomes_hosted_offering", args=[2_000_000])).status_code == 403


def test_a_host_of_another_partner_sees_nothing_of_it(client, world):
    client.force_login(factories.partner_host_for(factories.PartnerFactory()))
    page = client.get(reverse("courses_outcomes_hosted")).content.decode()
    assert "Flow Live" not in page
    assert client.get(reverse("courses_outcomes_hosted_offering", args=[world.event.pk])).status_code == 403


def test_the_dashboard_itself_stays_closed_to_them(host_client):
    assert host_client.get(reverse("courses_outcomes_dashboard")).status_code in (302, 403)


def test_small_editions_hide_their_evaluation_figures(client):
    partner = factories.PartnerFactory()
    event = factories.build_event(title="Tiny Live", co_hosts=[partner])
    client.force_login(factories.partner_host_for(partner))
    session = factories.sessions_of(event)[0]
    member = factories.MemberFactory()
    registration = Registration.objects.create(member=member, session=session, status="confirmed",
                                               confirmed_at=timezone.now(), attended=True)
    evaluate(member, event, event.programme_year, 1, "no", registration=registration)
    page = client.get(reverse("courses_outcomes_hosted_offering", args=[event.pk])).content.decode()
    editions = page.split('id="editions-heading"')[1].split("</table>")[0]
    assert "—" in editions and "1.0" not in editions  # the mean rating of one answer is hidden


def test_query_count_does_not_grow_with_offerings(host_client, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert host_client.get(reverse("courses_outcomes_hosted")).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        event = factories.build_event(title=f"More Live {n}", co_hosts=[world.partner])
        Registration.objects.create(member=factories.MemberFactory(), session=factories.sessions_of(event)[0],
                                    status="confirmed", confirmed_at=timezone.now())
    assert count() == before
