"""Pages declare the language they are written in: the address's, never simply what the browser asks for."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_browser_preferring_spanish_is_sent_to_the_spanish_page_which_says_so(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert response.status_code == 302 and response.headers["Location"] == "/es/"
    html = client.get("/es/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert '<html lang="es" dir="ltr">' in html


def test_a_browser_preferring_a_language_the_site_lacks_reads_english_declared_as_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja-JP,ja;q=0.9").content.decode()
    assert '<html lang="en" dir="ltr">' in html
