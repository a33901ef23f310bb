"""The shell every page shares: logo, favicon, and the footer's pages (about, code of conduct with its report form,
privacy, accessibility, contact) that the demo adds, and a conduct report that is stored and reaches the team."""

import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from cms.models import REPORT_FIELD_MAX_CHARS, ConductReportPage, HomePage, StandardPage
from cms.site_pages import BODIES, CONDUCT_ADDRESS, PAGES, ensure_site_pages, page_words
from tests import factories

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


def _english(pages):
    return [page for page in pages if page.locale.language_code == "en"]


def test_site_pages_are_added_once_published_in_the_footer_with_real_text(client):
    added = ensure_site_pages()
    assert [page.slug for page in _english(added)] == list(PAGES)
    assert ensure_site_pages() == []  # a second run adds nothing
    home = HomePage.objects.get(locale__language_code="en")
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
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "Who we are"
    about.save_revision().publish()
    Page.objects.get(slug="privacy", locale__language_code="en").delete()
    added = ensure_site_pages()
    # The English page comes back; its Spanish translation of before keeps its address and is not made again.
    assert [(page.slug, page.locale.language_code) for page in added] == [("privacy", "en")]
    assert StandardPage.objects.get(slug="about", locale__language_code="en").title == "Who we are"


def test_a_conduct_report_is_stored_and_emailed_to_the_conduct_team(client):
    ensure_site_pages()
    page = ConductReportPage.objects.get(locale__language_code="en")
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
    page = ConductReportPage.objects.get(locale__language_code="en")
    for text in ("", "x" * (REPORT_FIELD_MAX_CHARS + 1)):
        response = client.post(page.url, {"what_happened": text})
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_a_production_site_gets_its_pages_with_one_command():
    """On a site with content and no locale but English yet: the pages, their translations, and every other page in
    the new locales' trees."""
    course = factories.build_offering(modules=1, lessons_per_module=1)
    first, second = io.StringIO(), io.StringIO()
    call_command("add_site_pages", stdout=first)
    call_command("add_site_pages", stdout=second)
    assert Page.objects.filter(translation_key=course.translation_key).count() == len(
        settings.WAGTAIL_CONTENT_LANGUAGES)
    assert HomePage.objects.get(locale__language_code="en").get_children().live().in_menu().count() >= len(PAGES)
    lines = first.getvalue().splitlines()
    assert [line.split(" at ")[0] for line in lines[:len(PAGES)]] == [
        f"Added {title}" for title, _kind, _description in PAGES.values()]
    assert "Added Aviso de privacidad at /es/privacy/" in lines
    assert len([line for line in lines if " at /" in line]) == len(PAGES) * len(settings.WAGTAIL_CONTENT_LANGUAGES)
    assert lines[-1].endswith("pages to the other languages' trees.")
    assert second.getvalue().strip() == (
        f"All {len(PAGES)} site pages and their translations are already there; nothing added.")


# (language, the about page's title, its first heading, the report form's first label, a footer link's title)
READ_IN = [
    ("es", "Acerca del Consorcio", "Lo que hacemos", "¿Qué ocurrió?", "Declaración de accesibilidad"),
    ("fr", "À propos du Consortium", "Ce que nous faisons", "Que s’est-il passé\u00a0?", "Nous contacter"),
    ("pt", "Sobre o Consórcio", "O que fazemos", "O que aconteceu?", "Aviso de privacidade"),
    ("ar", "عن الاتحاد", "ما نقوم به", "ماذا حدث؟", "مدونة السلوك"),
]


@pytest.mark.parametrize(("language", "about", "heading", "label", "linked"), READ_IN)
def test_each_language_reads_the_site_pages_and_their_footer_links_in_its_own_words(
        client, language, about, heading, label, linked):
    ensure_site_pages()
    home = client.get(f"/{language}/").content.decode()
    footer = home[home.index('class="footer-nav"'):]
    assert f'href="/{language}/accessibility/">' in footer and f">{linked}</a>" in footer
    assert 'href="/about/"' not in footer and "About the Consortium" not in footer
    page = client.get(f"/{language}/about/").content.decode()
    assert f"<h1>{about}</h1>" in page and f"<h2>{heading}</h2>" in page
    assert "What we do" not in page
    conduct = client.get(f"/{language}/code-of-conduct/").content.decode()
    assert f'href="/{language}/report-a-concern/"' in conduct and f'href="mailto:{CONDUCT_ADDRESS}"' in conduct
    form = client.get(f"/{language}/report-a-concern/").content.decode()
    assert label in form and "What happened?" not in form and "Optional" not in form
    # The fields keep their names, so every language's reports are stored alike.
    assert 'name="what_happened"' in form
    english = client.get("/").content.decode()
    assert ">About the Consortium</a>" in english and about not in english


def test_a_translated_report_reaches_the_conduct_team_in_the_reporters_words(client):
    ensure_site_pages()
    page = ConductReportPage.objects.get(locale__language_code="es")
    response = client.post(page.url, {"what_happened": "Comentarios ofensivos en el chat del taller."})
    assert response.status_code == 200
    assert "Gracias por ayudarnos" in response.content.decode()
    assert FormSubmission.objects.get(page=page).form_data["what_happened"].startswith("Comentarios")
    assert mail.outbox[0].to == [CONDUCT_ADDRESS]


def test_a_translation_an_editor_changed_is_left_as_they_made_it():
    ensure_site_pages()
    spanish = StandardPage.objects.get(slug="about", locale__language_code="es")
    assert spanish.alias_of_id is None and spanish.live
    spanish.title = "Quiénes somos"
    spanish.save_revision().publish()
    french = StandardPage.objects.get(slug="privacy", locale__language_code="fr")
    revisions = french.revisions.count()
    assert ensure_site_pages() == []
    assert StandardPage.objects.get(pk=spanish.pk).title == "Quiénes somos"
    assert french.revisions.count() == revisions  # nothing saved again


def test_a_page_retitled_in_english_before_it_was_translated_stays_for_an_editor_to_translate():
    ensure_site_pages()
    StandardPage.objects.filter(slug="contact").exclude(locale__language_code="en").delete()
    contact = StandardPage.objects.get(slug="contact", locale__language_code="en")
    contact.title = "Write to us"
    contact.save_revision().publish()
    assert ensure_site_pages() == []
    assert not StandardPage.objects.filter(slug="contact", locale__language_code="es", alias_of__isnull=True).exists()


def test_every_language_file_gives_every_page_and_report_field():
    for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if language == "en":
            continue
        words = page_words(language)
        assert words is not None, language
        for slug, (_title, kind, _description) in PAGES.items():
            if kind == "standard":
                # As many sections as the English page, each with a heading where it has one.
                english = [block["type"] for block in BODIES[slug] if block["type"] == "heading"]
                assert len([s for s in words[slug]["body"] if s.get("heading")]) == len(english), (language, slug)
