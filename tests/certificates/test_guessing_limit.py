"""The guessing limit: a code that names a certificate always answers, whoever asks; only misses count, and over
the limit only misses are refused (429 with Retry-After and a plain explanation) until the window passes; input
that cannot be a code costs no database or cache work; clients are told apart by address (the trusted proxy's
forwarded hop when there is one, IPv6 by /64)."""

from __future__ import annotations

import json
import time

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from certificates import guessing

from .public_support import fresh_address, fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address"]

UNKNOWN = "7K3Q-9F2M-XW4D-8HJT-2BNC"
OTHER_UNKNOWN = "8K3Q-9F2M-XW4D-8HJT-2BNC"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.CERTIFICATE_LOOKUP_MISS_LIMIT = 3
    settings.CERTIFICATE_LOOKUP_WINDOW_SECONDS = 600


def every_address(code: str) -> list[str]:
    return [
        f"/certificates/verify/{code}",
        f"/api/v1/certificates/{code}",
        f"/certificates/{code}/certificate.pdf",
        f"/certificates/{code}/credential.json",
    ]


def test_an_attacker_behind_the_same_address_cannot_deny_a_real_verifier(client, settings, fresh_client_address):
    certificate = ready_certificate()
    settings.CERTIFICATE_LOOKUP_WINDOW_SECONDS = 2
    attacker = client
    assert [attacker.get(f"/certificates/verify/{UNKNOWN}").status_code for _ in range(3)] == [404, 404, 404]
    assert attacker.get(f"/api/v1/certificates/{OTHER_UNKNOWN}").status_code == 429

    verifier = Client(REMOTE_ADDR=fresh_client_address)  # another person behind the same address
    page, api, pdf, credential = (verifier.get(address) for address in every_address(certificate.code))
    assert [page.status_code, api.status_code, pdf.status_code, credential.status_code] == [200, 200, 200, 200]
    assert certificate.code in page.content.decode()
    assert json.loads(api.content)["code"] == certificate.code
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert json.loads(credential.content)["id"]
    # The attacker itself opens a real code too, and other spellings of it still lead to its page.
    assert attacker.get(f"/certificates/verify/{certificate.code}").status_code == 200
    assert attacker.get(f"/certificates/verify/{certificate.code.lower()}").status_code == 301
    assert attacker.get("/certificates/verify/", {"code": certificate.code}).status_code == 302
    assert attacker.get(f"/certificates/{certificate.code}/").status_code == 301

    refused = attacker.get(f"/certificates/verify/{UNKNOWN}")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 2
    text = refused.content.decode()
    assert "too many codes that name no certificate were tried from your network" in text
    assert 'name="code"' in text  # the page offers to check another code at once

    time.sleep(2.5)  # the cache expires the window's counts

    assert attacker.get(f"/certificates/verify/{UNKNOWN}").status_code == 404


def test_every_miss_address_answers_429_over_the_limit(client):
    for _ in range(3):
        assert client.get(f"/certificates/verify/{UNKNOWN}").status_code == 404
    for address in every_address(UNKNOWN):
        response = client.get(address)
        assert response.status_code == 429, address
        assert 0 < int(response["Retry-After"]) <= 600

    api = client.get(f"/api/v1/certificates/{UNKNOWN}")
    body = json.loads(api.content)
    assert api["Content-Type"] == "application/json"
    assert body["retry_after"] == int(api["Retry-After"])
    assert "Try again" not in body["error"] and "A code printed on a real certificate still opens" in body["error"]
    assert client.get("/certificates/verify/", {"code": UNKNOWN}).status_code == 429
    assert client.get(f"/certificates/{UNKNOWN}/").status_code == 429


def test_found_codes_do_not_count(client):
    certificate = ready_certificate()
    for _ in range(10):
        assert client.get(f"/api/v1/certificates/{certificate.code}").status_code == 200

    assert [client.get(f"/api/v1/certificates/{UNKNOWN}").status_code for _ in range(4)] == [404, 404, 404, 429]


def test_misses_on_every_code_address_count_together(client):
    for address in (
        f"/certificates/verify/{UNKNOWN}",
        f"/api/v1/certificates/{UNKNOWN}",
        f"/certificates/{UNKNOWN}/credential.json",
    ):
        assert client.get(address).status_code == 404
    assert client.get(f"/certificates/{UNKNOWN}/certificate.pdf").status_code == 429


def test_malformed_input_is_refused_before_any_database_or_cache_work(client, django_assert_num_queries):
    request = RequestFactory().get("/", REMOTE_ADDR=fresh_address())
    count_key, _opened = guessing._keys(request)
    with django_assert_num_queries(0):
        for text in ("not-a-code", "7K3Q-9F2M", "U" * 20, "7" * 65, ""):
            assert guessing.look_up(request, text) is None
    assert cache.get(count_key) is None

    # Through the views: a clear 404 however often, and it never uses up the client's misses.
    for _ in range(5):
        assert client.get("/certificates/verify/not-a-code").status_code == 404
        assert client.get("/api/v1/certificates/not-a-code").status_code == 404
    assert client.get(f"/certificates/verify/{UNKNOWN}").status_code == 404


def test_another_client_is_not_affected(client):
    for _ in range(3):
        client.get(f"/certificates/verify/{UNKNOWN}")
    other = Client(REMOTE_ADDR=fresh_address())

    assert client.get(f"/certificates/verify/{UNKNOWN}").status_code == 429
    assert other.get(f"/certificates/verify/{UNKNOWN}").status_code == 404


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
    assert behind.get(f"/certificates/verify/{UNKNOWN}", HTTP_X_FORWARDED_FOR=first_client).status_code == 429
    assert behind.get(f"/certificates/verify/{UNKNOWN}", HTTP_X_FORWARDED_FOR=second_client).status_code == 404


def test_client_addresses_group_ipv6_by_64_and_unwrap_mapped_ipv4():
    requests = RequestFactory()

    def address(remote):
        return guessing.client_address(requests.get("/", REMOTE_ADDR=remote))

    assert address("2001:db8:1:2::1") == address("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert address("2001:db8:1:3::1") != address("2001:db8:1:2::1")
    assert address("::ffff:192.0.2.7") == "192.0.2.7"
    assert address("192.0.2.7") == "192.0.2.7"
