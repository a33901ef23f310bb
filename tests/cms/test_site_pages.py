"""The shell every page shares: logo, favicon, and the footer's pages (about, code of conduct with its report form,
privacy, accessibility, contact) that the demo adds, and a conduct report that is stored and reaches the team."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from cms.models import REPORT_FIELD_MAX_CHARS, ConductReportPage, HomePage, StandardPage
from cms.site_pages import CONDUCT_ADDRESS, PAGES, ensure_site_pages

pytestmark = pytest.mark.django_db


def test_every_page_links_the_favicon_and_shows_the_logo_with_a_name(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'type="image/svg+xml"' in html and "cms/brand/mark" in html
    assert 'class="brand-logo"' in html and 'alt="Value Stream Management Consortium"' in html


def test_favicon_ico_answers_at_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO signature


def test_site_pages_are_added_once_published_in_the_footer_with_real_text(client):
    added = ensure_site_pages()
    assert [page.slug for page in added] == list(PAGES)
    assert ensure_site_pages() == []  # a second run adds nothing
    home = HomePage.objects.get()
    children = home.get_children().live().in_menu()
    assert list(children.values_list("slug", flat=True))[-len(PAGES):] == list(PAGES)
    html = client.get("/").content.decode()
    for slug, (title, _kind, _description) in PAGES.items():
        assert f'href="/{slug}/"' in html, slug
        response = client.get(f"/{slug}/")
        assert response.status_code == 200, slug
        assert f"<h1>{title}</h1>" in response.content.decode()
    conduct = client.get("/code-of-conduct/").content.decode()
    assert "<h2>How to report harassment or another concern</h2>" in conduct
    assert f'href="mailto:{CONDUCT_ADDRESS}"' in conduct and 'href="/report-a-concern/"' in conduct
    assert "lorem" not in conduct.lower()


def test_an_edited_or_removed_site_page_is_left_alone():
    ensure_site_pages()
    about = StandardPage.objects.get(slug="about")
    about.title = "Who we are"
    about.save_revision().publish()
    Page.objects.get(slug="privacy").delete()
    added = ensure_site_pages()
    assert [page.slug for page in added] == ["privacy"]
    assert StandardPage.objects.get(slug="about").title == "Who we are"


def test_a_conduct_report_is_stored_and_emailed_to_the_conduct_team(client):
    ensure_site_pages()
    page = ConductReportPage.objects.get()
    form = client.get(page.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'maxlength="{REPORT_FIELD_MAX_CHARS}"' in form
    assert 'aria-describedby="id_what_happened-help"' in form and 'id="id_what_happened-help"' in form
    response = client.post(page.url, {
        "what_happened": "Repeated comments about a speaker's accent in the webinar chat.",
        "where_and_when": "Flow metrics webinar, 12 March",
        "your_name": "",
        "your_email_address": "",
    })
    assert response.status_code == 200
    assert "your report reached the conduct team" in response.content.decode()
    submission = FormSubmission.objects.get(page=page)
    assert "accent" in submission.form_data["what_happened"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [CONDUCT_ADDRESS]
    assert "accent" in mail.outbox[0].body


def test_a_report_without_an_account_of_what_happened_or_too_long_is_refused(client):
    ensure_site_pages()
    page = ConductReportPage.objects.get()
    for text in ("", "x" * (REPORT_FIELD_MAX_CHARS + 1)):
        response = client.post(page.url, {"what_happened": text})
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_a_production_site_gets_its_pages_with_one_command():
    first, second = io.StringIO(), io.StringIO()
    call_command("add_site_pages", stdout=first)
    call_command("add_site_pages", stdout=second)
    assert HomePage.objects.get().get_children().live().in_menu().count() >= len(PAGES)
    assert [line.split(" at ")[0] for line in first.getvalue().splitlines()] == [
        f"Added {title}" for title, _kind, _description in PAGES.values()]
    assert second.getvalue().strip() == f"All {len(PAGES)} site pages are already there; nothing added."
