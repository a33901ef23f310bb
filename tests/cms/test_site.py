"""The site shell: page tree bootstrap, home page, error pages, snippets in the admin."""

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import Campaign, HomePage, Partner, Topic
from cms.site_setup import ensure_home_page
from courses.models import CatalogIndexPage
from tests.factories import MemberFactory, PartnerHostFactory, StaffFactory, TopicFactory

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
    assert '<html lang="en" dir="ltr">' in html


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


def test_staff_add_a_campaign_and_its_dates_must_be_in_order(client):
    client.force_login(StaffFactory())
    fields = {"name": "Flow Month", "slug": "flow-month", "summary": "A month of flow.",
              "description": rich_text("<p>Flow all month.</p>"), "image": "", "image_alt_text": ""}

    backwards = client.post("/admin/snippets/cms/campaign/add/",
                            {**fields, "starts_on": "2027-03-31", "ends_on": "2027-03-01"})
    created = client.post("/admin/snippets/cms/campaign/add/",
                          {**fields, "starts_on": "2027-03-01", "ends_on": "2027-03-31"})

    assert backwards.status_code == 200 and "A campaign cannot end before it starts." in backwards.content.decode()
    assert created.status_code == 302
    assert Campaign.objects.get(slug="flow-month").ends_on.isoformat() == "2027-03-31"


def test_staff_record_a_partners_contacts_and_host_accounts(client):
    host = PartnerHostFactory()
    client.force_login(StaffFactory())
    data = nested_form_data({
        "name": "Northbridge University", "slug": "northbridge", "website": "https://northbridge.example.org",
        "logo": "", "description": "", "hosts": [str(host.pk)],
        "contacts": inline_formset([{"name": "Grace Whitfield", "role": "Events lead",
                                     "email": "grace@northbridge.example.org", "phone": ""}]),
    })
    data["hosts"] = [str(host.pk)]

    response = client.post("/admin/snippets/cms/partner/add/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    partner = Partner.objects.get(slug="northbridge")
    assert list(partner.contacts.values_list("name", "role")) == [("Grace Whitfield", "Events lead")]
    assert list(partner.hosts.all()) == [host]


def test_learners_cannot_reach_the_admin(client):
    client.force_login(MemberFactory())
    response = client.get("/admin/snippets/cms/topic/")
    assert response.status_code in (302, 403)
    TopicFactory()  # the listing stays closed whatever it holds
    assert client.get("/admin/").status_code in (302, 403)
