"""The render task: PDF and signed credential stored together, safe to run twice, failures left visible with the
reason, transient ones retried with backoff, and never a half-written or stale file as the certificate's PDF."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone
from pypdf import PdfReader

from certificates import issuance, signing, tasks
from certificates.credentials.data_integrity import verify_proof
from certificates.credentials.open_badges import check_credential
from certificates.models import Certificate, CertificateEvent, CertificateTemplate, IssueRequest, RenderState
from tests import factories

from .factories import add_signatory, complete_course, default_template, issued_certificate, make_image, png_bytes

pytestmark = pytest.mark.django_db
Event = CertificateEvent.Kind


class FullDiskStorage(FileSystemStorage):
    """Storage that is down for writing, as a full disk or an unreachable bucket is."""

    def _save(self, name, content):
        raise OSError(28, "No space left on device")


class FlakyStorage(FileSystemStorage):
    """Storage whose first write fails and the rest succeed (a blip), counted across instances."""

    failures_left = 1

    def _save(self, name, content):
        if FlakyStorage.failures_left:
            FlakyStorage.failures_left -= 1
            raise OSError(110, "Connection timed out")
        return super()._save(name, content)


def use_storage(settings, backend: str) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}


def pdf_files(root: Path) -> list[Path]:
    return sorted((root / "certificates").rglob("*.pdf")) if (root / "certificates").exists() else []


def render(certificate: Certificate, force: bool = False) -> str:
    return tasks.render_certificate.delay(certificate.pk, force).get()


@pytest.fixture
def designed_template(media_root):
    template = default_template(logo=make_image("Association logo", "logo.png"))
    add_signatory(template, "Dr Helena Vogt", "Chair")
    return template


# ------------------------------------------------------------------------------------------- success


def test_a_render_stores_the_pdf_and_a_credential_that_verifies(designed_template, media_root):
    certificate = issued_certificate(factories.MemberFactory(first_name="Zoë", last_name="Ångström"))

    assert render(certificate) == "ready"

    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY and certificate.render_attempts == 1
    assert certificate.pdf.name.startswith(f"certificates/{certificate.code}/")
    assert certificate.pdf.name.endswith(".pdf")
    text = PdfReader(certificate.pdf.open("rb")).pages[0].extract_text()
    assert "Zoë Ångström" in text and certificate.code in text
    credential = certificate.credential
    assert verify_proof(credential, signing.trusted_public_key).verified
    assert credential["credentialSubject"]["name"] == "Zoë Ångström"
    assert credential["credentialStatus"]["statusListIndex"] == str(certificate.status_list_index)
    assert credential["id"] == signing.credential_url(certificate.code)
    check = check_credential(credential, signing.trusted_public_key,
                             lambda url: signing.build_status_list_credential(), timezone.now())
    assert check.valid, check.problems
    assert [e.kind for e in certificate.events.all()] == [Event.ISSUED, Event.RENDERED]


def test_rendering_twice_does_nothing_and_forcing_replaces_the_file(designed_template, media_root,
                                                                    django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    render(certificate)
    first = Certificate.objects.get(pk=certificate.pk).pdf.name

    assert render(certificate) == "already"
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == first
    with django_capture_on_commit_callbacks(execute=True):
        assert render(certificate, force=True) == "ready"

    second = Certificate.objects.get(pk=certificate.pk).pdf.name
    assert second != first
    assert not default_storage.exists(first) and default_storage.exists(second)
    assert pdf_files(media_root) == [media_root / second]


def test_a_gif_logo_is_converted_for_the_renderer(media_root):
    import io

    from PIL import Image as PillowImage

    out = io.BytesIO()
    PillowImage.open(io.BytesIO(png_bytes())).convert("P").save(out, format="GIF")
    default_template(logo=make_image("Animated crest", "crest.gif", out.getvalue()))
    assert render(issued_certificate()) == "ready"


# ------------------------------------------------------------------------------------------- failures


def test_a_missing_image_fails_for_good_with_the_image_named(designed_template, media_root):
    designed_template.logo.file.storage.delete(designed_template.logo.file.name)
    certificate = issued_certificate()

    assert render(certificate) == "failed"

    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.FAILED and certificate.render_attempts == 1  # not retried
    assert "Association logo" in certificate.render_failure and "no file in storage" in certificate.render_failure
    assert not certificate.pdf and certificate.credential is None
    assert pdf_files(media_root) == []
    status = issuance.certificate_status(certificate)
    assert status.code == "failed" and "Association logo" in status.explanation
    assert certificate.events.filter(kind=Event.RENDER_FAILED).get().note == certificate.render_failure


def test_with_no_template_at_all_the_reason_says_what_to_do(media_root):
    CertificateTemplate.objects.all().delete()
    certificate = issued_certificate()
    assert render(certificate) == "failed"
    assert "site default" in Certificate.objects.get(pk=certificate.pk).render_failure


def test_storage_down_is_retried_with_backoff_then_left_failed_with_the_reason(settings, media_root):
    default_template()
    certificate = issued_certificate()
    use_storage(settings, f"{__name__}.FullDiskStorage")

    assert render(certificate) == "failed"

    certificate.refresh_from_db()
    assert certificate.render_attempts == tasks.MAX_RENDER_RETRIES + 1
    assert certificate.render_state == RenderState.FAILED
    assert "No space left on device" in certificate.render_failure
    assert not certificate.pdf and pdf_files(media_root) == []
    assert certificate.events.filter(kind=Event.RENDER_FAILED).count() == 1
    assert [tasks.retry_delay(n) for n in range(5)] == [30, 60, 120, 240, 480]
    assert tasks.retry_delay(20) == tasks.LONGEST_RETRY_SECONDS


def test_a_storage_blip_is_retried_and_then_the_render_succeeds(settings, media_root):
    default_template()
    certificate = issued_certificate()
    FlakyStorage.failures_left = 1
    use_storage(settings, f"{__name__}.FlakyStorage")

    assert render(certificate) == "ready"

    certificate.refresh_from_db()
    assert certificate.render_attempts == 2 and certificate.render_failure == ""
    assert certificate.render_state == RenderState.READY and not certificate.events.filter(kind=Event.RENDER_FAILED)


def test_staff_retry_after_fixing_the_template(designed_template, media_root, staff,
                                               django_capture_on_commit_callbacks):
    missing = designed_template.logo
    missing.file.storage.delete(missing.file.name)
    certificate = issued_certificate()
    render(certificate)
    designed_template.logo = make_image("Replacement logo", "logo2.png")
    designed_template.save()

    with django_capture_on_commit_callbacks(execute=True):
        issuance.request_render(Certificate.objects.get(pk=certificate.pk), by=staff)

    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY and certificate.render_failure == ""
    kinds = list(certificate.events.values_list("kind", flat=True))
    # Once the PDF exists the learner is told (the failed render told nobody).
    assert kinds == [Event.ISSUED, Event.RENDER_FAILED, Event.RENDER_REQUESTED, Event.RENDERED, Event.NOTIFIED]


def test_a_file_finished_after_a_withdrawal_or_a_change_is_never_used(media_root, staff,
                                                                        django_capture_on_commit_callbacks):
    default_template()
    certificate = issued_certificate()
    name = tasks.store_pdf(certificate.code, b"%PDF-1.7 rendered before the facts changed")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks._publish(certificate.pk, "0" * 64, name, {}, force=False) == "stale"
    assert not default_storage.exists(name)
    assert Certificate.objects.get(pk=certificate.pk).render_state == RenderState.READY  # the re-queued render

    with django_capture_on_commit_callbacks(execute=True):
        issuance.withdraw(certificate, by=staff)
    name = tasks.store_pdf(certificate.code, b"%PDF-1.7 rendered before the withdrawal")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks._publish(certificate.pk, certificate.fingerprint, name, {}, force=True) == "withdrawn"
    assert not default_storage.exists(name)
    assert render(certificate) == "withdrawn"
    assert pdf_files(media_root) == []


def test_withdrawal_deletes_the_stored_pdf(designed_template, media_root, staff, django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    render(certificate)
    assert len(pdf_files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        issuance.withdraw(certificate, by=staff)
    assert pdf_files(media_root) == []


# ------------------------------------------------------------------------------------------- the sweep


def test_the_sweep_finishes_what_lost_tasks_left(media_root, django_capture_on_commit_callbacks):
    default_template()
    learner = factories.MemberFactory()
    enrolment = complete_course(learner, factories.build_offering(modules=1, lessons_per_module=1))
    IssueRequest.objects.create(source="completion", source_id=enrolment.pk,
                                requested_at=timezone.now() - timedelta(hours=1))
    stuck = issued_certificate()
    Certificate.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        counts = tasks.sweep_certificates.delay().get()

    assert counts == {"issue_requests": 1, "renders": 1}
    assert Certificate.objects.get(member=learner).render_state == RenderState.READY
    assert Certificate.objects.get(pk=stuck.pk).render_state == RenderState.READY
    assert IssueRequest.objects.get(source_id=enrolment.pk).settled_at is not None
