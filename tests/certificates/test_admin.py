"""The staff admin for certificates: who may open it, the list with its filter and search, one certificate's
page and its actions (revoke, re-issue, retry, withdraw with confirmation), issuing by hand and in bulk."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from certificates import issuance
from certificates.models import Certificate, CertificateEvent, RenderState
from certificates.tasks import render_certificate
from tests import factories

from .factories import default_template, issued_certificate

pytestmark = pytest.mark.django_db
Event = CertificateEvent.Kind


@pytest.fixture(autouse=True)
def template(db):
    return default_template()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def certificate(media_root):
    member = factories.MemberFactory(first_name="Amara", last_name="Okafor", email="amara@example.org")
    certificate = issued_certificate(
        member, factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    )
    render_certificate.delay(certificate.pk).get()
    return Certificate.objects.get(pk=certificate.pk)


def url(name: str, *args) -> str:
    return reverse(f"certificates_admin:{name}", args=args)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# ------------------------------------------------------------------------------------------- who


def every_address(certificate: Certificate) -> list[tuple[str, str]]:
    return [
        ("get", url("index")),
        ("get", url("issue")),
        ("get", url("bulk")),
        ("get", url("detail", certificate.pk)),
        ("get", url("pdf", certificate.pk)),
        ("get", url("withdraw", certificate.pk)),
        ("post", url("revoke", certificate.pk)),
        ("post", url("reissue", certificate.pk)),
        ("post", url("render", certificate.pk)),
        ("post", url("withdraw", certificate.pk)),
        ("post", url("issue")),
        ("post", url("bulk")),
        ("get", url("template_preview", default_template().pk)),
    ]


def test_instructors_and_partner_hosts_get_403_everywhere(client, certificate):
    partner = factories.PartnerFactory()
    for user in (factories.InstructorFactory(), factories.partner_host_for(partner)):
        client.force_login(user)
        for method, address in every_address(certificate):
            response = getattr(client, method)(address, {"revoke-reason": "x", "reissue-reason": "x", "confirm": "yes"})
            assert response.status_code == 403, (user, address)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.withdrawn_at is None


def test_people_without_admin_access_are_sent_to_sign_in(client, learner, certificate):
    assert client.get(url("index")).status_code == 302
    client.force_login(learner)
    assert client.get(url("detail", certificate.pk)).status_code == 302
    assert client.post(url("revoke", certificate.pk), {"revoke-reason": "x"}).status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None


def menu_urls(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.url for item in admin_menu.menu_items_for_request(request)]


def test_staff_see_the_menu_item_and_the_pages(staff_client, staff, instructor, certificate):
    assert url("index") in menu_urls(staff)
    assert url("index") not in menu_urls(instructor)
    for _method, address in every_address(certificate)[:6]:
        assert staff_client.get(address).status_code == 200, address


def test_forms_need_the_csrf_token(staff, certificate):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.post(url("revoke", certificate.pk), {"revoke-reason": "Forged"}).status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None


# ------------------------------------------------------------------------------------------- list


def test_the_list_filters_by_status_and_finds_by_code_or_name(staff_client, certificate, staff):
    other = issued_certificate(factories.MemberFactory(first_name="Bruno", last_name="Costa"))
    issuance.revoke(other, "Fraud", by=staff, notify=False)

    page = staff_client.get(url("index")).content.decode()
    assert certificate.code in page and other.code in page

    revoked = staff_client.get(url("index"), {"status": "revoked"}).content.decode()
    assert other.code in revoked and certificate.code not in revoked
    valid = staff_client.get(url("index"), {"status": "valid"}).content.decode()
    assert certificate.code in valid and other.code not in valid

    typed = certificate.code.lower().replace("-", " ")
    found = staff_client.get(url("index"), {"q": typed}).content.decode()
    assert certificate.code in found and other.code not in found
    by_name = staff_client.get(url("index"), {"q": "bruno"}).content.decode()
    assert other.code in by_name and certificate.code not in by_name


def test_bad_list_input_is_a_clear_answer_not_an_error(staff_client, certificate):
    response = staff_client.get(url("index"), {"status": "bogus", "p": "x", "q": "z" * 5000})
    assert response.status_code == 400
    assert "is not a status" in response.content.decode()
    assert staff_client.get(url("detail", 999_999)).status_code == 404
    assert staff_client.get(url("index"), {"p": "99"}).status_code == 200


# ------------------------------------------------------------------------------------------- one certificate


def test_the_page_shows_facts_history_and_the_pdf(staff_client, certificate):
    page = staff_client.get(url("detail", certificate.pk)).content.decode()
    for text in (
        certificate.code,
        "Amara Okafor",
        "amara@example.org",
        "Flow Metrics Fundamentals",
        "PDF rendered",
        "Revoke certificate",
        "Re-issue",
        "Retry render",
        url("pdf", certificate.pk),
    ):
        assert text in page, text
    pdf = staff_client.get(url("pdf", certificate.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline")
    assert b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_revoking_needs_a_reason_then_shows_everywhere(staff_client, certificate, django_capture_on_commit_callbacks):
    refused = staff_client.post(url("revoke", certificate.pk), {"revoke-reason": "  "})
    assert refused.status_code == 400 and "Give a reason for revoking." in refused.content.decode()
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url("revoke", certificate.pk),
            {"revoke-reason": "Completed from a shared account", "revoke-notify": "on", "confirm": "yes"},
            follow=True,
        )

    assert "is revoked" in " ".join(messages_of(response))
    page = response.content.decode()
    assert "Revoked" in page and "Completed from a shared account" in page and "Revoke certificate" not in page
    assert [m.to for m in mail.outbox] == [["amara@example.org"]]
    listed = staff_client.get(url("index"), {"status": "revoked"}).content.decode()
    assert certificate.code in listed


def test_reissue_with_the_current_name(staff_client, certificate):
    member = certificate.member
    member.last_name = "Okafor-Bello"
    member.save()

    response = staff_client.post(url("reissue", certificate.pk), {"reissue-reason": "Name changed"}, follow=True)

    new = Certificate.objects.get(member=member, superseded_at__isnull=True)
    assert new.pk != certificate.pk and new.recipient_name == "Amara Okafor-Bello"
    assert response.redirect_chain[-1][0] == url("detail", new.pk)
    assert "Re-issued as" in " ".join(messages_of(response))
    old_page = staff_client.get(url("detail", certificate.pk)).content.decode()
    assert "Replaced by a re-issue" in old_page and new.code in old_page

    again = staff_client.post(url("reissue", certificate.pk), {"reissue-reason": "again"}, follow=True)
    assert "already replaced" in " ".join(messages_of(again))
    assert staff_client.post(url("reissue", new.pk), {"reissue-reason": ""}).status_code == 400


def test_retry_render_after_a_failure(staff_client, certificate, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=certificate.pk).update(
        render_state=RenderState.FAILED, render_failure="No font covers the Thai script"
    )
    page = staff_client.get(url("detail", certificate.pk)).content.decode()
    assert "No font covers the Thai script" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url("render", certificate.pk), follow=True)

    assert "being rendered again" in " ".join(messages_of(response))
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY and certificate.render_failure == ""
    assert certificate.events.filter(kind=Event.RENDER_REQUESTED).get().by is not None


def test_withdrawal_asks_for_confirmation_first(staff_client, certificate, django_capture_on_commit_callbacks):
    confirm_page = staff_client.get(url("withdraw", certificate.pk)).content.decode()
    assert "deleted for good" in confirm_page and "Amara Okafor" in confirm_page

    unconfirmed = staff_client.post(url("withdraw", certificate.pk), {"confirm": "on"})
    assert unconfirmed.status_code == 200 and "Withdraw for good" in unconfirmed.content.decode()
    assert Certificate.objects.get(pk=certificate.pk).withdrawn_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url("withdraw", certificate.pk), {"confirm": "yes"}, follow=True)

    certificate.refresh_from_db()
    assert certificate.withdrawn_at is not None and certificate.recipient_name == ""
    page = response.content.decode()
    assert "Withdrawn" in page and "Amara" not in page and "amara@example.org" not in page
    assert staff_client.get(url("pdf", certificate.pk)).status_code == 404


# ------------------------------------------------------------------------------------------- issuing


def test_issue_by_hand(staff_client, staff):
    member = factories.MemberFactory(email="paper@example.org")
    workshop = factories.build_workshop(title="Kanban Flow Workshop")
    form = {"email": "Paper@Example.org", "offering": workshop.pk, "note": "Paper register, Lisbon"}

    response = staff_client.post(url("issue"), form, follow=True)

    certificate = Certificate.objects.get(member=member)
    assert response.redirect_chain[-1][0] == url("detail", certificate.pk)
    assert "issued to" in " ".join(messages_of(response))
    assert certificate.events.get().note == "Paper register, Lisbon"

    again = staff_client.post(url("issue"), form, follow=True)
    assert "already has" in " ".join(messages_of(again))
    assert Certificate.objects.filter(member=member).count() == 1


def test_issue_by_hand_explains_bad_input(staff_client):
    workshop = factories.build_workshop()
    for data, expected in (
        ({"email": "nobody@example.org", "offering": workshop.pk, "note": "n"}, "No account has"),
        ({"email": "not an address", "offering": workshop.pk, "note": "n"}, "valid email"),
        ({"email": "x@example.org", "offering": "abc", "note": "n"}, "Choose an offering"),
        ({"email": "x@example.org", "offering": workshop.pk, "note": ""}, "Say why"),
    ):
        response = staff_client.post(url("issue"), data)
        assert response.status_code == 400 and expected in response.content.decode(), data
    assert not Certificate.objects.exists()


def test_bulk_issue_names_every_bad_line_and_issues_nothing(staff_client):
    course = factories.build_offering(title="Value Stream Mapping")
    factories.MemberFactory(email="ana@example.org")
    emails = "ana@example.org\nnot-an-address\nghost@example.org\n"

    response = staff_client.post(url("bulk"), {"offering": course.pk, "emails": emails, "note": "Cohort 3"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was issued" in page
    assert "not-an-address" in page and "not an e-mail address" in page
    assert "ghost@example.org" in page and "no account has this e-mail address" in page
    assert not Certificate.objects.exists()


def test_bulk_issue_counts_what_it_did(staff_client, staff):
    course = factories.build_offering(title="Value Stream Mapping")
    ana = factories.MemberFactory(email="ana@example.org")
    factories.MemberFactory(email="ben@example.org")
    issuance.issue_by_hand(ana, course, by=staff, note="earlier")

    response = staff_client.post(
        url("bulk"), {"offering": course.pk, "emails": "ana@example.org\nBEN@example.org", "note": "Cohort 3"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 certificate issued" in page and "1 member already had one" in page
    assert Certificate.objects.count() == 2
