"""Account e-mails (lms/account_adapter.py `render_mail`): allauth's confirmation, password reset, "already have an
account" and "no such account" e-mails are written by lms.letter_writing.compose like every other e-mail: text and
HTML from one source, each escaped for its format, in the member's language, with links on the site's address
that work when followed; transactional, so without unsubscribe headers. Driven with the test client like a browser."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from lms.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SITE = "https://learning.example.org"
NAME = "Zoë & D'Arcy"
PASSWORD = "a long pass phrase 9"


@pytest.fixture(autouse=True)
def served_elsewhere(settings):
    """The site is served on an address other than the test client's host, so a link built from the request
    would show."""
    settings.WAGTAILADMIN_BASE_URL = SITE


def html_of(message: EmailMultiAlternatives) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def path_of_link(message: EmailMultiAlternatives, prefix: str) -> str:
    """The link to `prefix` in the text, which must be on the site's address; the HTML links the same address."""
    match = re.search(re.escape(SITE) + r"(" + re.escape(prefix) + r"\S*)", message.body)
    assert match, message.body
    assert f'href="{SITE}{match.group(1)}"' in html_of(message)
    return match.group(1)


def assert_transactional_letter(message: EmailMultiAlternatives, to: str) -> None:
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == [to]
    assert message.subject.startswith("[VSMC Learning] ")
    assert "List-Unsubscribe" not in message.extra_headers
    assert "testserver" not in message.body and "testserver" not in html_of(message)
    assert html_of(message).startswith("<!DOCTYPE html>")  # the letter frame every e-mail of the site uses


def sign_up(client, email: str = "zoe@example.org"):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD,
                                             "first_name": NAME, "last_name": "Okafor"})


def test_the_sign_up_confirmation_is_text_and_html_and_its_link_confirms(client):
    assert sign_up(client).status_code == 302

    [message] = mail.outbox
    assert_transactional_letter(message, "zoe@example.org")
    assert message.subject == "[VSMC Learning] Confirm your e-mail address"
    # The name as written in the text, escaped once in the HTML.
    assert f"Hello {NAME}," in message.body and "&amp;" not in message.body and "&#x27;" not in message.body
    assert "Hello Zoë &amp; D&#x27;Arcy," in html_of(message) and NAME not in html_of(message)

    confirm_path = path_of_link(message, "/accounts/confirm-email/")
    assert client.get(confirm_path).status_code == 200
    assert client.post(confirm_path).status_code == 302
    assert EmailAddress.objects.get(email="zoe@example.org").verified


def test_the_password_reset_is_text_and_html_and_its_link_sets_a_new_password(client):
    member = MemberFactory(email="reset@example.org", first_name=NAME)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)

    assert client.post("/accounts/password/reset/", {"email": "reset@example.org"}).status_code == 302

    [message] = mail.outbox
    assert_transactional_letter(message, "reset@example.org")
    assert message.subject == "[VSMC Learning] Reset your password"
    assert f"Hello {NAME}," in message.body and "Hello Zoë &amp; D&#x27;Arcy," in html_of(message)
    key_page = client.get(path_of_link(message, "/accounts/password/reset/key/"))
    assert key_page.status_code == 302
    new_password = "another long phrase 4"
    assert client.post(key_page["Location"], {"password1": new_password, "password2": new_password}).status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)


def test_signing_up_with_a_taken_address_tells_its_owner_how_to_reset(client):
    owner = MemberFactory(email="taken@example.org", first_name=NAME)
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)

    assert sign_up(client, email="taken@example.org").status_code == 302

    [message] = mail.outbox
    assert_transactional_letter(message, "taken@example.org")
    assert message.subject == "[VSMC Learning] You already have an account"
    assert f"Hello {NAME}," in message.body
    assert client.get(path_of_link(message, "/accounts/password/reset/")).status_code == 200
    assert Member.objects.filter(email__iexact="taken@example.org").count() == 1


def test_a_reset_for_an_unknown_address_offers_sign_up_and_no_reset_link(client):
    assert client.post("/accounts/password/reset/", {"email": "nobody@example.org"}).status_code == 302

    [message] = mail.outbox
    assert_transactional_letter(message, "nobody@example.org")
    assert "/accounts/password/reset/key/" not in message.body
    assert client.get(path_of_link(message, "/accounts/signup/")).status_code == 200
    assert not Member.objects.filter(email="nobody@example.org").exists()  # the stand-in is never saved


def test_account_emails_are_written_in_the_members_language(client, settings):
    settings.INTERFACE_LANGUAGES = ["en", "de"]
    member = MemberFactory(email="de@example.org", preferred_languages=["de", "en"])
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)

    client.post("/accounts/password/reset/", {"email": "de@example.org"})

    [message] = mail.outbox
    assert '<html lang="de" dir="ltr">' in html_of(message)


def test_an_arabic_reader_s_letter_runs_right_to_left(client):
    """Mail programs ignore the page's CSS logical sides, so the letter states its direction and start side."""
    member = MemberFactory(email="ar@example.org", preferred_languages=["ar", "en"])
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)

    client.post("/accounts/password/reset/", {"email": "ar@example.org"})

    [message] = mail.outbox
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html and '<body dir="rtl">' in html
    assert "ul { padding-right: 22px; }" in html and "padding-left" not in html
