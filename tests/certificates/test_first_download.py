"""The first view after a certificate is earned offers its download at once (certificates/first_download.py): the
PDF is rendered after the response, so the holder's first download renders it there, once, with the task's own
render, even when two downloads ask at the same moment; nobody else causes a render, and a failed render is left
for staff. The CPD credential, the programme certificate and an offering's certificate behave the same."""

from __future__ import annotations

import pytest

from certificates import first_download
from certificates.models import Certificate, RenderState
from tests import factories
from tests.concurrency import run_together
from tests.cpd.test_credential import met_cycle

from .factories import default_template, issued_certificate

pytestmark = pytest.mark.usefixtures("media_root")


def pdf_address(certificate: Certificate) -> str:
    return f"/certificates/{certificate.code}/certificate.pdf"


@pytest.mark.django_db
def test_the_first_cpd_page_after_a_met_cycle_offers_the_download_and_it_renders_once(client):
    default_template()
    cycle = met_cycle()
    client.force_login(cycle.member)

    page = client.get("/cpd/").content.decode()  # issues the credential; its render task has not run

    certificate = Certificate.objects.get(member=cycle.member)
    assert certificate.render_state == RenderState.PENDING
    assert "Download your CPD credential" in page and pdf_address(certificate) in page
    assert "being prepared" not in page
    response = client.get(pdf_address(certificate))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY and certificate.render_attempts == 1
    assert client.get(pdf_address(certificate)).status_code == 200
    certificate.refresh_from_db()
    assert certificate.render_attempts == 1  # stored: served, not made again


@pytest.mark.django_db
def test_an_offerings_certificate_is_offered_on_my_learning_at_once(client):
    default_template()
    member = factories.MemberFactory()
    certificate = issued_certificate(member)
    assert certificate.render_state == RenderState.PENDING
    client.force_login(member)

    page = client.get("/my-learning/").content.decode()

    assert pdf_address(certificate) in page
    assert client.get(pdf_address(certificate)).status_code == 200


@pytest.mark.django_db
def test_the_holders_verification_page_offers_a_pdf_not_made_yet_and_anothers_does_not(client):
    default_template()
    member = factories.MemberFactory()
    certificate = issued_certificate(member)
    verify = f"/certificates/verify/{certificate.code}"

    stranger = client.get(verify).content.decode()
    assert pdf_address(certificate) not in stranger and "The PDF is being prepared." in stranger
    client.force_login(member)
    page = client.get(verify).content.decode()

    assert pdf_address(certificate) in page and "<li>The PDF is being prepared.</li>" not in page
    assert client.get(pdf_address(certificate)).status_code == 200
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY


@pytest.mark.django_db
def test_someone_else_does_not_cause_a_render(client):
    default_template()
    certificate = issued_certificate(factories.MemberFactory())

    response = client.get(pdf_address(certificate))

    assert response.status_code == 404 and "being prepared" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.PENDING and certificate.render_attempts == 0


@pytest.mark.django_db
def test_a_failed_render_is_not_offered_nor_made_again_by_a_download(client):
    default_template()
    member = factories.MemberFactory()
    certificate = issued_certificate(member)
    Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.FAILED, render_failure="broken")
    client.force_login(member)

    assert pdf_address(certificate) not in client.get("/my-learning/").content.decode()
    assert client.get(pdf_address(certificate)).status_code == 404
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.FAILED and certificate.render_attempts == 0


def test_two_downloads_at_once_render_once(transactional_db):
    default_template()
    certificate = issued_certificate(factories.MemberFactory())  # committed: its render task ran
    Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.PENDING, rendered_fingerprint="")
    before = Certificate.objects.get(pk=certificate.pk).render_attempts

    found = run_together(2, lambda i: first_download.render_for_download(
        Certificate.objects.get(pk=certificate.pk)).render_state)

    assert found == [RenderState.READY, RenderState.READY]
    assert Certificate.objects.get(pk=certificate.pk).render_attempts == before + 1
