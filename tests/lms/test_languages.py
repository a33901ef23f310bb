"""Which language a reader gets (lms/languages.py): the address's prefix, the switcher's choice, a member's remembered
choice, the browser's Accept-Language; and the switcher itself. Through the real middleware, URLs and templates."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

SPANISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}


def html_language(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', response.content.decode())
    assert match, "the page has no <html lang dir>"
    return match.group(1), match.group(2)


@pytest.fixture
def site(db):
    """The site's page tree with its search page, as a fresh install has it."""
    return factories.build_offering()


@pytest.mark.parametrize("code", ["es", "fr", "pt"])
def test_a_prefixed_address_is_served_in_its_language(client, site, code):
    response = client.get(f"/{code}/search/")
    assert response.status_code == 200
    assert html_language(response) == (code, "ltr")
    assert response.headers["Content-Language"] == code


def test_an_unprefixed_address_is_english_for_someone_who_asks_for_nothing(client, site):
    response = client.get("/search/")
    assert response.status_code == 200
    assert html_language(response) == ("en", "ltr")
    assert "Accept-Language" in response.headers["Vary"]


def test_a_visitor_whose_browser_asks_for_spanish_is_sent_to_the_spanish_page(client, site):
    response = client.get("/search/?q=flujo", **SPANISH_BROWSER)
    assert response.status_code == 302
    assert response.headers["Location"] == "/es/search/?q=flujo"
    assert {"Accept-Language", "Cookie"} <= {h.strip() for h in response.headers["Vary"].split(",")}


def test_a_browser_asking_for_a_language_the_site_lacks_gets_english(client, site):
    response = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ja,ko;q=0.8")
    assert response.status_code == 200
    assert html_language(response)[0] == "en"


def test_a_prefixed_address_is_never_redirected_whatever_the_browser_says(client, site):
    response = client.get("/fr/search/", **SPANISH_BROWSER)
    assert response.status_code == 200
    assert html_language(response)[0] == "fr"


def test_the_choice_made_in_the_switcher_beats_the_browser(client, site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/search/", **SPANISH_BROWSER)
    assert response.status_code == 200
    assert html_language(response)[0] == "en"


def test_addresses_without_a_language_are_not_redirected(client, site, staff):
    assert client.get("/api/v1/openapi.json", **SPANISH_BROWSER).status_code == 200
    client.force_login(staff)
    response = client.get("/admin/", **SPANISH_BROWSER)
    assert response.status_code == 200


def test_a_form_post_is_never_redirected(client, site):
    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "wrong"}, **SPANISH_BROWSER)
    assert response.status_code != 302 or not response.headers["Location"].startswith("/es/")


def test_the_switcher_remembers_the_choice_and_returns_to_the_same_page_in_it(client, site):
    response = client.post(reverse("choose_language"), {"language": "pt", "next": "/search/?q=lean"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/pt/search/?q=lean"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "pt"
    assert cookie["samesite"] == "Lax"
    # Back to English from a Portuguese page: its English address, and the cookie keeps the browser from moving on.
    response = client.post(reverse("choose_language"), {"language": "en", "next": "/pt/search/?q=lean"})
    assert response.headers["Location"] == "/search/?q=lean"
    assert client.get("/search/", **SPANISH_BROWSER).status_code == 200


def test_a_member_s_choice_follows_them_to_another_browser_and_into_their_e_mails(client, site):
    member = factories.MemberFactory(preferred_languages=["en"])
    client.force_login(member)
    client.post(reverse("choose_language"), {"language": "fr", "next": "/"})
    member.refresh_from_db()
    assert member.site_language == "fr"
    assert member.interface_language() == "fr"

    other_browser = type(client)()
    other_browser.force_login(member)
    response = other_browser.get("/search/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/search/"


def test_a_wagtail_page_is_switched_to_the_same_page(client, site):
    catalog_path = site.get_parent().url  # the catalog index page
    response = client.post(reverse("choose_language"), {"language": "es", "next": catalog_path})
    assert response.headers["Location"] == f"/es{catalog_path}"
    assert html_language(client.get(f"/es{catalog_path}"))[0] == "es"


@pytest.mark.parametrize("language", ["de", "xx", "", "es" * 100])
def test_a_language_the_site_is_not_written_in_is_refused_and_nothing_is_remembered(client, site, language):
    member = factories.MemberFactory()
    client.force_login(member)
    response = client.post(reverse("choose_language"), {"language": language, "next": "/"})
    assert response.status_code == 400
    assert "Choose one of the languages the site is written in." in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    member.refresh_from_db()
    assert member.site_language == ""


@pytest.mark.parametrize("next_address", ["https://evil.example/", "//evil.example/x", "/x" * 2000])
def test_the_switcher_never_sends_anyone_off_the_site(client, site, next_address):
    response = client.post(reverse("choose_language"), {"language": "es", "next": next_address})
    assert response.status_code == 302
    assert response.headers["Location"] == "/es/"


def test_the_switcher_needs_its_csrf_token(site):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("choose_language"), {"language": "es", "next": "/"})
    assert response.status_code == 403


def test_every_page_carries_the_switcher_with_each_language_named_in_itself(client, site):
    page = client.get("/fr/search/").content.decode()
    for code, name in settings.LANGUAGES:
        assert re.search(rf'<button[^>]*value="{code}" lang="{code}"[^>]*>{name}</button>', page), code
    assert re.search(r'value="fr" lang="fr"[^>]*aria-pressed="true"', page)
    assert re.search(r'value="en" lang="en"[^>]*aria-pressed="false"', page)


def test_the_profile_saves_the_site_language_and_answers_in_it(client, site):
    member = factories.MemberFactory(preferred_languages=["en", "pt"])
    client.force_login(member)
    data = {
        "profile-first_name": "Ada", "profile-last_name": "Lovelace", "profile-career_stage": "",
        "profile-country": "ES", "profile-time_zone": "Europe/Madrid", "profile-preferred_languages": ["en", "pt"],
        "profile-site_language": "es",
        "demo-gender": "prefer_not_to_say", "demo-identifies_as_under_represented": "prefer_not_to_say",
        "demo-has_disability": "prefer_not_to_say", "demo-age_band": "prefer_not_to_say",
    }
    response = client.post(reverse("lms:profile"), data)
    assert response.status_code == 302
    with translation.override("es"):
        assert response.headers["Location"] == reverse("lms:profile")
    assert response.headers["Location"].startswith("/es/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    member.refresh_from_db()
    assert member.interface_language() == "es"


def test_portuguese_readers_get_the_libraries_own_words_in_european_portuguese(client, site, staff):
    """Wagtail and allauth ship `pt_PT`, not `pt`: gettext widens "pt" to "pt_PT" before "pt", so their words reach a
    Portuguese reader too (the sign-in form's error, the admin's dashboard), in the European variant our catalogues
    are written in."""
    response = client.post("/pt/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "palavra-passe que especificou não estão corretos" in response.content.decode()

    staff.site_language = "pt"
    staff.save(update_fields=["site_language"])
    client.force_login(staff)
    dashboard = client.get("/admin/").content.decode()
    assert 'lang="pt"' in dashboard and "Painel de controlo" in dashboard
