"""Staff see, on the Wagtail admin's home, the certificates whose PDF failed after every retry, grouped by what
they certify and linking to the filtered list; nobody else sees the panel, and it is two queries."""

from __future__ import annotations

import pytest

from certificates.admin_home import MOST_ROWS, failed_list_url, failed_renders
from certificates.models import Certificate, RenderState
from tests import factories

from .factories import default_template, issued_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def template(db):
    return default_template()


def failed(title: str) -> Certificate:
    certificate = issued_certificate(
        factories.MemberFactory(), factories.build_offering(title=title, modules=1, lessons_per_module=1))
    Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.FAILED,
                                                         render_failure="The logo file is missing.")
    return certificate


def test_staff_see_failed_renders_grouped_with_links_to_the_filtered_list(client, staff, media_root):
    failed("Flow Metrics Fundamentals")
    issued_certificate(factories.MemberFactory(), factories.build_offering(title="Kanban Basics", modules=1,
                                                                          lessons_per_module=1))
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "Certificates whose PDF could not be made" in page
    assert "Flow Metrics Fundamentals" in page and "Kanban Basics" not in page
    assert failed_list_url("Flow Metrics Fundamentals").replace("&", "&amp;") in page
    listing = client.get(failed_list_url("Flow Metrics Fundamentals"))
    assert listing.status_code == 200 and "Flow Metrics Fundamentals" in listing.content.decode()


def test_others_never_see_the_panel_and_staff_see_none_when_nothing_failed(client, staff, media_root):
    failed("Flow Metrics Fundamentals")
    for person in (factories.InstructorFactory(), factories.PartnerHostFactory()):
        client.force_login(person)
        assert "Certificates whose PDF could not be made" not in client.get("/admin/").content.decode()
    Certificate.objects.update(render_state=RenderState.PENDING)  # rendered again: being prepared
    client.force_login(staff)
    assert "Certificates whose PDF could not be made" not in client.get("/admin/").content.decode()


def test_a_revoked_failure_no_longer_waits(media_root):
    certificate = failed("Flow Metrics Fundamentals")
    assert failed_renders()[1] == 1
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at,
                                                         revoked_reason="Issued in error")
    assert failed_renders() == ([], 0)


def test_failures_are_two_queries_however_many(media_root, django_assert_max_num_queries):
    for n in range(MOST_ROWS + 2):
        failed(f"Course {n}")
    with django_assert_max_num_queries(2):
        groups, total = failed_renders()
    assert len(groups) == MOST_ROWS and total == MOST_ROWS + 2 and all(g.failed == 1 for g in groups)
