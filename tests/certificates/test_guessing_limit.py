"""The guessing limit: after too many unknown codes from one client, every look-up from it answers 429 with
Retry-After and a plain explanation until its window passes; found codes never count; clients are told apart by
address (the trusted proxy's forwarded hop when there is one, IPv6 by /64)."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client, RequestFactory

from certificates import guessing

from .factories import media_root
from .public_support import fresh_address, fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address", "media_root"]

UNKNOWN = "7K3Q-9F2M-XW4D-8HJT-2BNC"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.CERTIFICATE_LOOKUP_MISS_LIMIT = 3
    settings.CERTIFICATE_LOOKUP_WINDOW_SECONDS = 600


def test_after_the_limit_every_lookup_is_refused_with_retry_after(client):
    certificate = ready_certificate()
    assert [client.get(f"/certificates/verify/{UNKNOWN}").status_code for _ in range(3)] == [404, 404, 404]

    page = client.get(f"/certificates/verify/{certificate.code}")  # a real code, refused all the same
    assert page.status_code == 429
    assert 0 < int(page["Retry-After"]) <= 600
    assert "Try again in 10 minutes" in page.content.decode()

    api = client.get(f"/api/v1/certificates/{certificate.code}")
    assert api.status_code == 429
    assert api["Retry-After"] and json.loads(api.content)["retry_after"] == int(api["Retry-After"])
    assert client.get(f"/certificates/{certificate.code}/credential.json").status_code == 429
    assert client.get(f"/certificates/{certificate.code}/certificate.pdf").status_code == 429


def test_found_codes_do_not_count(client):
    certificate = ready_certificate()
    for _ in range(10):
        assert client.get(f"/api/v1/certificates/{certificate.code}").status_code == 200

    assert [client.get(f"/api/v1/certificates/{UNKNOWN}").status_code for _ in range(3)] == [404, 404, 404]
    assert client.get(f"/api/v1/certificates/{certificate.code}").status_code == 429


def test_misses_on_every_code_address_count_together(client):
    for address in (f"/certificates/verify/{UNKNOWN}", f"/api/v1/certificates/{UNKNOWN}",
                    f"/certificates/{UNKNOWN}/credential.json"):
        assert client.get(address).status_code == 404
    assert client.get(f"/certificates/{UNKNOWN}/certificate.pdf").status_code == 429


def test_another_client_is_not_affected(client):
    for _ in range(3):
        client.get(f"/certificates/verify/{UNKNOWN}")
    other = Client(REMOTE_ADDR=fresh_address())

    assert client.get(f"/certificates/verify/{UNKNOWN}").status_code == 429
    assert other.get(f"/certificates/verify/{UNKNOWN}").status_code == 404


def test_the_limit_lifts_when_the_window_has_passed(client, settings):
    settings.CERTIFICATE_LOOKUP_WINDOW_SECONDS = 1
    for _ in range(3):
        client.get(f"/certificates/verify/{UNKNOWN}")
    assert client.get(f"/certificates/verify/{UNKNOWN}").status_code == 429

    time.sleep(1.5)  # the cache expires the window's counts

    assert client.get(f"/certificates/verify/{UNKNOWN}").status_code == 404


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(settings):
    proxy = fresh_address()
    first_client, second_client = "203.0.113.10", "203.0.113.20"
    browser = Client(REMOTE_ADDR=proxy)

    # No trusted proxy configured: a client cannot dodge the limit by inventing X-Forwarded-For values.
    for spoofed in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        browser.get(f"/certificates/verify/{UNKNOWN}", HTTP_X_FORWARDED_FOR=spoofed)
    assert browser.get(f"/certificates/verify/{UNKNOWN}", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 429

    # Behind one trusted proxy, its right-most hop is the client, whatever the client put before it.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    behind = Client(REMOTE_ADDR=fresh_address())
    for invented in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        behind.get(f"/certificates/verify/{UNKNOWN}", HTTP_X_FORWARDED_FOR=f"{invented}, {first_client}")
    assert behind.get(f"/certificates/verify/{UNKNOWN}",
                      HTTP_X_FORWARDED_FOR=first_client).status_code == 429
    assert behind.get(f"/certificates/verify/{UNKNOWN}",
                      HTTP_X_FORWARDED_FOR=second_client).status_code == 404


def test_client_addresses_group_ipv6_by_64_and_unwrap_mapped_ipv4():
    requests = RequestFactory()

    def address(remote):
        return guessing.client_address(requests.get("/", REMOTE_ADDR=remote))

    assert address("2001:db8:1:2::1") == address("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert address("2001:db8:1:3::1") != address("2001:db8:1:2::1")
    assert address("::ffff:192.0.2.7") == "192.0.2.7"
    assert address("192.0.2.7") == "192.0.2.7"
