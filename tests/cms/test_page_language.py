"""Pages declare the language they are written in, whatever the browser asks for."""

import pytest

pytestmark = pytest.mark.django_db


def test_interface_language_is_declared_as_english_even_when_the_browser_prefers_spanish(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert '<html lang="en">' in html
