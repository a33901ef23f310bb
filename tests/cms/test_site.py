"""The site shell: page tree bootstrap, home page, error pages, snippets in the admin."""

import pytest
from wagtail.models import Page, Site

from cms.models import HomePage, Topic
from cms.site_setup import ensure_home_page
from courses.models import CatalogIndexPage
from tests.factories import MemberFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_migrate_leaves_one_home_page_as_the_default_site_root_with_the_catalog_under_it():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert CatalogIndexPage.objects.get().get_parent().pk == home.pk
    # Wagtail's placeholder welcome page was replaced, not kept beside the home page.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_bootstrap_is_idempotent():
    before = Page.objects.count()
    ensure_home_page()
    ensure_home_page()
    assert Page.objects.count() == before


def test_home_page_renders_with_navigation_and_skip_link(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'href="/catalog/"' in html
    assert '<html lang="en">' in html


def test_unknown_address_gets_the_site_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_signed_in_member_sees_their_links_and_a_sign_out_form(client):
    client.force_login(MemberFactory())
    html = client.get("/").content.decode()
    assert "My learning" in html
    assert 'action="/accounts/logout/"' in html


def test_staff_manage_topics_as_snippets_in_the_admin(client):
    client.force_login(StaffFactory())
    response = client.post(
        "/admin/snippets/cms/topic/add/",
        {"name": "Flow metrics", "slug": "flow-metrics", "description": "Measuring flow."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Topic.objects.filter(slug="flow-metrics").exists()


def test_learners_cannot_reach_the_admin(client):
    client.force_login(MemberFactory())
    response = client.get("/admin/snippets/cms/topic/")
    assert response.status_code in (302, 403)
    TopicFactory()  # the listing stays closed whatever it holds
    assert client.get("/admin/").status_code in (302, 403)
