"""Sign-in limits slow password guessing without locking the owner out: failures count per address and account,
per address across accounts and per account across addresses; a paused attempt answers 429 with Retry-After and
offers a sign-in code by e-mail, which works at once. Driven through the real views with the real Redis cache."""

from __future__ import annotations

import random
import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from lms.settings import base
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # what MemberFactory sets
WRONG = "not the password 1"


@pytest.fixture(autouse=True)
def small_limits(settings):
    """Small numbers so a test needs few requests; tests/settings turn allauth's limits off for everything else."""
    settings.ACCOUNT_RATE_LIMITS = {
        **base.ACCOUNT_RATE_LIMITS,
        "login_failed_from_address": "3/15m/key",
        "login_failed": "6/15m/ip,8/1h/key",
        "request_login_code": "10/15m/ip",
    }


def fresh_address() -> str:
    """An address no earlier run used (the counts live in the shared Redis and outlive a test)."""
    return f"2001:db8:{random.getrandbits(16):x}:{random.getrandbits(16):x}::1"  # noqa: S311 - not security


def from_address(address: str | None = None) -> Client:
    return Client(REMOTE_ADDR=address or fresh_address())


def new_member(name: str = "alice"):
    """A verified member with an address no earlier run used, so the per-account counts start empty."""
    member = MemberFactory(email=f"{name}-{uuid.uuid4().hex[:12]}@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def sign_in(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"login": email, "password": password})


def signed_in(client: Client, member) -> bool:
    return str(client.session.get(SESSION_KEY)) == str(member.pk)


def assert_paused(response, *, offers_code: bool = True) -> str:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    text = response.content.decode()
    assert "Password sign-in is paused" in text
    assert ('action="/accounts/login/code/"' in text) is offers_code
    return text


def sign_in_with_emailed_code(client: Client, member) -> None:
    mail.outbox.clear()
    requested = client.post("/accounts/login/code/", {"email": member.email})
    assert requested.status_code == 302 and requested["Location"].startswith("/accounts/login/code/confirm/")
    (message,) = mail.outbox
    assert message.to == [member.email]
    code = re.search(r"browser window\.\s+(\S+)\s", message.body).group(1)
    confirmed = client.post("/accounts/login/code/confirm/", {"code": code})
    assert confirmed.status_code == 302
    assert signed_in(client, member)


def test_a_guessing_address_cannot_lock_the_owner_out(settings):
    alice = new_member()
    address_a = fresh_address()
    attacker = from_address(address_a)
    for _ in range(3):
        assert sign_in(attacker, alice.email, WRONG).status_code == 200  # the form again, with its error
    for _ in range(10):  # hammering on: refused without checking the password, and not counted for the account
        assert_paused(sign_in(attacker, alice.email, WRONG))

    # Alice, elsewhere, signs in with her password, however long the attacker goes on.
    at_home = from_address()
    assert sign_in(at_home, alice.email, PASSWORD).status_code == 302
    assert signed_in(at_home, alice)

    # Alice behind the attacker's address: even her right password is paused, and the page says so plainly...
    alice_at_a = from_address(address_a)
    text = assert_paused(sign_in(alice_at_a, alice.email, PASSWORD))
    assert "Too many wrong passwords were tried for this account from your network" in text
    assert f'value="{alice.email}"' in text
    assert not signed_in(alice_at_a, alice)
    # ...and offers the e-mailed code, which signs her in at once.
    sign_in_with_emailed_code(alice_at_a, alice)
    assert alice_at_a.get("/my-learning/").status_code == 200


def test_right_passwords_do_not_count(settings):
    member = new_member()
    client = from_address()
    for _ in range(5):
        assert sign_in(client, member.email, PASSWORD).status_code == 302
        client.logout()
    for _ in range(3):
        assert sign_in(client, member.email, WRONG).status_code == 200
    assert_paused(sign_in(client, member.email, WRONG))


def test_a_password_reset_lifts_the_pause_where_it_was_made():
    alice = new_member()
    client = from_address()
    for _ in range(3):
        sign_in(client, alice.email, WRONG)
    assert_paused(sign_in(client, alice.email, PASSWORD))

    mail.outbox.clear()
    assert client.post("/accounts/password/reset/", {"email": alice.email}).status_code == 302
    reset_path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    key_page = client.get(reset_path)
    new_password = "a fresh pass phrase 7"
    assert client.post(key_page["Location"], {"password1": new_password, "password2": new_password}).status_code == 302
    client.logout()

    assert sign_in(client, alice.email, new_password).status_code == 302
    assert signed_in(client, alice)


def test_spraying_many_accounts_from_one_address_is_paused():
    members = [new_member(f"sprayed{n}") for n in range(7)]
    sprayer = from_address()
    for member in members[:6]:
        assert sign_in(sprayer, member.email, WRONG).status_code == 200
    text = assert_paused(sign_in(sprayer, members[6].email, WRONG))
    assert "for several accounts" in text
    # Unknown addresses count the same and get the same answer: the pause tells nothing about who has an account.
    assert_paused(sign_in(sprayer, f"nobody-{uuid.uuid4().hex}@example.org", WRONG))
    # The sprayed accounts' owners elsewhere are not affected.
    owner = from_address()
    assert sign_in(owner, members[0].email, PASSWORD).status_code == 302


def test_many_addresses_guessing_one_account_pause_it_and_the_code_still_lets_the_owner_in():
    alice = new_member()
    for _ in range(4):  # a botnet: each address stays under the per-address-and-account limit
        bot = from_address()
        for _ in range(2):
            assert sign_in(bot, alice.email, WRONG).status_code == 200

    fresh = from_address()
    text = assert_paused(sign_in(fresh, alice.email, PASSWORD))
    assert "Too many wrong passwords were tried for this account recently" in text
    sign_in_with_emailed_code(fresh, alice)
    # Another account from the same fresh address is unaffected.
    bob = new_member("bob")
    assert sign_in(from_address(), bob.email, PASSWORD).status_code == 302


def test_sign_in_codes_are_limited_per_address_with_429(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "request_login_code": "2/15m/ip"}
    alice = new_member()
    address = fresh_address()
    for _ in range(2):  # each from a new browser: one with a code pending is sent on to enter it
        assert from_address(address).post("/accounts/login/code/", {"email": alice.email}).status_code == 302
    refused = from_address(address).post("/accounts/login/code/", {"email": alice.email})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 900
    assert "Too many sign-in codes were requested from your network" in refused.content.decode()
    # Someone else asking for alice's codes cannot use up hers: her own address still gets one.
    sign_in_with_emailed_code(from_address(), alice)


def test_the_login_page_flood_limit_answers_429_with_a_clear_page(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    member = new_member()
    client = from_address()
    for _ in range(2):
        sign_in(client, member.email, WRONG)
    refused = sign_in(client, member.email, PASSWORD)
    assert refused.status_code == 429
    assert "Too many requests came from your network" in refused.content.decode()


def test_the_login_page_offers_a_sign_in_code():
    page = Client().get("/accounts/login/")
    assert page.status_code == 200
    assert 'href="/accounts/login/code/"' in page.content.decode()


def test_default_limits_are_the_documented_ones():
    assert base.ACCOUNT_RATE_LIMITS["login_failed_from_address"] == "5/15m/key"
    assert base.ACCOUNT_RATE_LIMITS["login_failed"] == "30/15m/ip,50/1h/key"
    assert base.ACCOUNT_RATE_LIMITS["request_login_code"] == "10/15m/ip"
    assert (base.CERTIFICATE_LOOKUP_MISS_LIMIT, base.CERTIFICATE_LOOKUP_WINDOW_SECONDS) == (20, 600)


def test_limits_from_the_environment_are_bounded(monkeypatch):
    monkeypatch.setenv("SIGN_IN_LIMIT_ACCOUNT", "100/2h")
    assert base._bounded_rate("SIGN_IN_LIMIT_ACCOUNT", "50/1h") == "100/2h"
    for wrong in ("0/1h", "1001/1h", "5/30s", "5/2d", "five/1h", "5/1h/ip", ""):
        monkeypatch.setenv("SIGN_IN_LIMIT_ACCOUNT", wrong)
        with pytest.raises(ImproperlyConfigured, match="SIGN_IN_LIMIT_ACCOUNT"):
            base._bounded_rate("SIGN_IN_LIMIT_ACCOUNT", "50/1h")
    for wrong in ("0", "1001", "many"):
        monkeypatch.setenv("CERTIFICATE_LOOKUP_MISS_LIMIT", wrong)
        with pytest.raises(ImproperlyConfigured, match="CERTIFICATE_LOOKUP_MISS_LIMIT"):
            base._bounded_int("CERTIFICATE_LOOKUP_MISS_LIMIT", 20, 1, 1000)
