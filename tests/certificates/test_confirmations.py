"""Revoking and withdrawing a certificate in the admin ask first: the button's POST (or a GET) shows a page saying
what will happen, and only the POST that page sends (confirm=yes, with the CSRF token) acts. Staff only, both steps."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from tests import factories

from .factories import default_template, issued_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(media_root):
    default_template()
    member = factories.MemberFactory(first_name="Amara", last_name="Okafor", email="amara@example.org")
    return issued_certificate(
        member, factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    )


@pytest.fixture
def staff_client(client):
    client.force_login(factories.StaffFactory())
    return client


def url(name: str, *args) -> str:
    return reverse(f"certificates_admin:{name}", args=args)


def test_the_revoke_button_only_shows_what_will_happen(staff_client, certificate):
    response = staff_client.post(
        url("revoke", certificate.pk), {"revoke-reason": "Completed from a shared account", "revoke-notify": "on"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Revoke certificate" in page and certificate.code in page
    assert "cannot be undone" in page and "Completed from a shared account" in page
    assert 'name="confirm" value="yes"' in page and "csrfmiddlewaretoken" in page
    assert 'name="revoke-reason" value="Completed from a shared account"' in page
    assert f'href="{url("detail", certificate.pk)}"' in page
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None
    assert mail.outbox == []


def test_the_confirmed_revoke_acts(staff_client, certificate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url("revoke", certificate.pk),
            {"revoke-reason": "Completed from a shared account", "revoke-notify": "on", "confirm": "yes"},
        )

    assert response.status_code == 303
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revoked_reason == "Completed from a shared account"
    assert [m.to for m in mail.outbox] == [["amara@example.org"]]


def test_a_revoke_without_a_reason_is_refused_before_asking(staff_client, certificate):
    response = staff_client.post(url("revoke", certificate.pk), {"revoke-reason": " ", "confirm": "yes"})
    assert response.status_code == 400 and "Give a reason for revoking." in response.content.decode()
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None


def test_withdrawal_asks_on_get_and_on_an_unconfirmed_post(staff_client, certificate):
    for response in (
        staff_client.get(url("withdraw", certificate.pk)),
        staff_client.post(url("withdraw", certificate.pk), {}),
    ):
        assert response.status_code == 200
        page = response.content.decode()
        assert "deleted for good" in page and "Amara Okafor" in page and "cannot be undone" in page
        assert 'name="confirm" value="yes"' in page
    assert Certificate.objects.get(pk=certificate.pk).withdrawn_at is None


def test_the_confirmed_withdrawal_acts(staff_client, certificate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url("withdraw", certificate.pk), {"confirm": "yes"})
    assert response.status_code == 303
    certificate.refresh_from_db()
    assert certificate.withdrawn_at is not None and certificate.recipient_name == ""


def test_both_steps_are_for_staff_only(client, certificate):
    client.force_login(factories.InstructorFactory())
    for data in ({"revoke-reason": "x"}, {"revoke-reason": "x", "confirm": "yes"}):
        assert client.post(url("revoke", certificate.pk), data).status_code == 403
    for data in ({}, {"confirm": "yes"}):
        assert client.post(url("withdraw", certificate.pk), data).status_code == 403
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.withdrawn_at is None


def test_the_confirmed_step_needs_the_csrf_token(certificate):
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.StaffFactory())
    response = client.post(url("revoke", certificate.pk), {"revoke-reason": "Forged", "confirm": "yes"})
    assert response.status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None
