"""Background work for certificates; tasks take ids, reload fresh state and are safe to run twice.

A render writes the PDF under a new unique name first and only then, in one UPDATE under the row lock, points
the certificate at it (with the signed credential): a half-written or failed file is never the certificate's PDF.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import cast

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import outbox

from . import expiry_reminders, issuance, notices, programme, renewal, signing
from .batch_rendering import MAX_MEMBERS, render_batch
from .credentials.issuer_key import IssuerKeyError
from .freshness import rendering_fingerprint
from .models import Certificate, CertificateEvent, IssueRequest, RenderState
from .pdf_design import design_from_template, facts_for_certificate, template_for_certificate
from .rendering import CertificateRenderError, render_certificate_pdf

logger = logging.getLogger(__name__)

Event = CertificateEvent.Kind
MAX_RENDER_RETRIES = 5
FIRST_RETRY_SECONDS = 30
LONGEST_RETRY_SECONDS = 30 * 60
STALE_AFTER = timedelta(minutes=10)
STALE_RENDER_AFTER = timedelta(hours=1)  # past every backoff, so the sweep never races a pending retry
SWEEP_BATCH = 200
RENDER_BATCH = MAX_MEMBERS  # pending certificates of one design a render task claims and lays out together


def retry_delay(retries_so_far: int) -> int:
    """Exponential backoff: 30 s, 1, 2, 4, 8 minutes (capped at 30)."""
    return min(FIRST_RETRY_SECONDS * 2 ** retries_so_far, LONGEST_RETRY_SECONDS)


@shared_task(bind=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=FIRST_RETRY_SECONDS,
             retry_backoff_max=LONGEST_RETRY_SECONDS, max_retries=MAX_RENDER_RETRIES)
def issue_certificate(self, source: str, source_id: int) -> int | None:
    """Issue what a completion, an attendance or a finished learning path earns, and renew what it refreshes;
    running twice finds the certificate already there and the renewal already made."""
    if source == IssueRequest.Source.COMPLETION:
        certificate = issuance.issue_for_completion(source_id)
        renewal.renew_for_completion(source_id)  # a refresher renews the certificates that name it
    elif source == IssueRequest.Source.ATTENDANCE:
        certificate = issuance.issue_for_attendance(source_id)
        renewal.renew_for_attendance(source_id)
    elif source == IssueRequest.Source.PATH:
        certificate = programme.issue_for_path_completion(source_id)
    else:
        raise ValueError(f"Unknown certificate source {source!r}")
    outcome = f"certificate {certificate.code}" if certificate else "earns no certificate"
    IssueRequest.objects.filter(source=source, source_id=source_id, settled_at__isnull=True).update(
        settled_at=timezone.now(), outcome=outcome
    )
    return certificate.pk if certificate else None


def pdf_name_for(code: str) -> str:
    return f"certificates/{code}/{uuid.uuid4().hex}.pdf"


def store_pdf(code: str, content: bytes) -> str:
    """Write the PDF under a name nobody points at yet; a write that fails part-way is removed if possible."""
    wanted = pdf_name_for(code)
    try:
        return default_storage.save(wanted, ContentFile(content))
    except Exception:
        try:
            default_storage.delete(wanted)
        except Exception:  # noqa: BLE001 - the storage is failing; the orphan is harmless, nothing points to it
            logger.warning("Could not remove a partly written certificate file %s", wanted)
        raise


def discard_quietly(name: str) -> None:
    transaction.on_commit(lambda: discard_stored_file.delay(name), robust=True)


def _record_failure(certificate_id: int, reason: str, final: bool) -> None:
    with transaction.atomic():
        state = RenderState.FAILED if final else RenderState.PENDING
        Certificate.objects.filter(pk=certificate_id, withdrawn_at__isnull=True).update(
            render_state=state, render_failure=reason[:2000]
        )
        if final:
            CertificateEvent.objects.create(certificate_id=certificate_id, kind=Event.RENDER_FAILED, note=reason)


def _publish(certificate_id: int, built_fingerprint: str, pdf_name: str, credential: dict, force: bool) -> str:
    """Point the certificate at the new PDF in one UPDATE, unless it changed, was withdrawn, or another run
    finished first; the file that loses is removed, as is the one it replaces."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if locked is None or locked.withdrawn_at is not None:
            discard_quietly(pdf_name)
            return "withdrawn"
        if rendering_fingerprint(locked) != built_fingerprint:
            discard_quietly(pdf_name)
            transaction.on_commit(lambda: render_certificate.delay(certificate_id, force), robust=True)
            return "stale"
        if (not force and locked.render_state == RenderState.READY
                and locked.rendered_fingerprint == built_fingerprint):
            discard_quietly(pdf_name)
            return "already"
        previous = locked.pdf.name
        now = timezone.now()
        Certificate.objects.filter(pk=certificate_id).update(
            pdf=pdf_name, credential=credential, render_state=RenderState.READY, render_failure="",
            rendered_at=now, rendered_fingerprint=built_fingerprint,
        )
        CertificateEvent.objects.create(certificate_id=certificate_id, kind=Event.RENDERED, at=now)
        # Tell the learner once the PDF they will be sent to exists (the outbox sends it at most once).
        outbox.announce(notices.ISSUED, certificate_id)
        if previous and previous != pdf_name:
            discard_quietly(previous)
    return "ready"


def _claim_batch(certificate_id: int) -> list[Certificate]:
    """Lock pending certificates sharing this one's design (template and language), this one first if nobody
    else holds it; rows another worker holds are skipped, so two workers never lay out the same certificate."""
    own = Certificate.objects.filter(pk=certificate_id).values("template_id", "language", "render_state").first()
    if own is None or own["template_id"] is None or own["render_state"] != RenderState.PENDING:
        return []  # gone, done, failed for staff to see, or templated by the offering: the single path decides
    claimable = (
        Certificate.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("template")
        .filter(render_state=RenderState.PENDING, withdrawn_at__isnull=True, template_id=own["template_id"],
                language=own["language"])
    )
    claimed = list(claimable.filter(pk=certificate_id))
    claimed += claimable.exclude(pk=certificate_id).order_by("created_at", "pk")[: RENDER_BATCH - len(claimed)]
    return claimed


def _render_claimed(members: list[Certificate]) -> dict[int, str]:
    """Lay the claimed certificates out together and publish each; returns what happened to each one published.
    A member the batch could not produce stays pending for the single render (its own task), which renders it
    or records why not, exactly as for a certificate rendered alone."""
    try:
        design = design_from_template(template_for_certificate(members[0]))
    except (CertificateRenderError, OSError):
        return {}
    Certificate.objects.filter(pk__in=[member.pk for member in members]).update(
        render_attempts=F("render_attempts") + 1
    )
    fingerprints = [rendering_fingerprint(member) for member in members]  # what the PDFs are built from
    pdfs = render_batch(design, [facts_for_certificate(member) for member in members])
    outcomes = {}
    for member, fingerprint, pdf in zip(members, fingerprints, pdfs, strict=True):
        if pdf is None:
            continue
        try:
            credential = signing.signed_credential(member)
            pdf_name = store_pdf(member.code, pdf)
        except (IssuerKeyError, OSError):
            continue  # the single render retries storage and reports a key problem
        outcomes[member.pk] = _publish(member.pk, fingerprint, pdf_name, credential, force=False)
    return outcomes


def _render_with_others(certificate_id: int) -> str | None:
    """Render this certificate in a batch with others pending in the same design. None when the single render
    must run: nothing to batch with, or the batch left this one out. A row locked by another worker's batch is
    waited for, so the single render then finds it done instead of rendering it twice."""
    with transaction.atomic():
        members = _claim_batch(certificate_id)
        if len(members) < 2:
            members = []  # alone: the single render is as fast, and keeps its retries
        outcomes = _render_claimed(members) if members else {}
    if certificate_id in outcomes:
        return outcomes[certificate_id]
    if not any(member.pk == certificate_id for member in members):
        with transaction.atomic():  # held by another batch? wait until it commits
            Certificate.objects.select_for_update().filter(pk=certificate_id).exists()
    return None


def render_once(certificate: Certificate, force: bool = False) -> tuple[str | None, str, bool]:
    """One attempt at rendering, signing, storing and publishing one certificate: (outcome, "", False) when it
    got as far as publishing, else (None, why not, whether trying again may help). The task retries and records
    failures; a holder's first download (certificates/first_download.py) makes the same one attempt."""
    fingerprint = rendering_fingerprint(certificate)
    if not force and certificate.render_state == RenderState.READY and certificate.rendered_fingerprint == fingerprint:
        return "already", "", False
    Certificate.objects.filter(pk=certificate.pk).update(render_attempts=F("render_attempts") + 1)
    transient = False
    try:
        design = design_from_template(template_for_certificate(certificate))
        pdf = render_certificate_pdf(design, facts_for_certificate(certificate))
        credential = signing.signed_credential(certificate)
        pdf_name = store_pdf(certificate.code, pdf)
    except CertificateRenderError as error:
        reason, transient = error.reason, error.transient
    except IssuerKeyError as error:
        reason = _("The certificate signing key setting is wrong: %(error)s") % {"error": error}
    except OSError as error:
        reason = _("The file storage failed while saving the PDF: %(error)s") % {"error": error}
        transient = True
    except Exception as error:  # noqa: BLE001 - whatever it is, staff must see it on the certificate
        logger.exception("Rendering certificate %s failed", certificate.pk)
        reason = _("Unexpected error while rendering: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
    else:
        return _publish(certificate.pk, fingerprint, pdf_name, credential, force), "", False
    return None, reason, transient


@shared_task(bind=True, max_retries=MAX_RENDER_RETRIES)
def render_certificate(self, certificate_id: int, force: bool = False) -> str:
    """Render, sign and store one certificate, with other pending ones of its design when there are some.
    Transient failures (storage down) are retried with backoff; anything else, or the last retry, leaves it
    'failed' with the reason for staff. Returns what happened."""
    if not force and self.request.retries == 0:
        outcome = _render_with_others(certificate_id)
        if outcome is not None:
            return outcome
    certificate = Certificate.objects.select_related("template").filter(pk=certificate_id).first()
    if certificate is None or certificate.withdrawn_at is not None:
        return "withdrawn"
    outcome, reason, transient = render_once(certificate, force)
    if outcome is not None:
        return outcome

    retries = self.request.retries
    if transient and retries < MAX_RENDER_RETRIES:
        delay = retry_delay(retries)
        _record_failure(certificate_id, _("%(reason)s (attempt %(n)d of %(max)d; trying again in %(s)d seconds)")
                        % {"reason": reason, "n": retries + 1, "max": MAX_RENDER_RETRIES + 1, "s": delay},
                        final=False)
        if self.request.is_eager:
            # Run in-process (make run, tests): Celery would raise Retry out of the caller instead of retrying,
            # and there is nothing to wait for, so try again at once.
            return cast(str, render_certificate.apply(args=(certificate_id, force), retries=retries + 1).result)
        raise self.retry(countdown=delay)
    _record_failure(certificate_id, reason, final=True)
    return "failed"


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=FIRST_RETRY_SECONDS,
             retry_backoff_max=LONGEST_RETRY_SECONDS, max_retries=8)
def discard_stored_file(self, name: str) -> bool:
    """Remove a file nothing points at any more (a replaced render, a withdrawn certificate's PDF)."""
    if Certificate.objects.filter(pdf=name).exists():
        return False  # pointed at again (cannot happen with unique names, but never delete a live PDF)
    default_storage.delete(name)
    return True


@shared_task
def sweep_certificates() -> dict[str, int]:
    """Beat job: re-enqueue what a lost task left undone (issue requests, renders; the outbox sweeps the e-mails).
    Every task is safe to run twice, so a duplicate costs only time."""
    now = timezone.now()
    requests = list(IssueRequest.objects.filter(settled_at__isnull=True, requested_at__lt=now - STALE_AFTER)
                    .values_list("source", "source_id")[:SWEEP_BATCH])
    for source, source_id in requests:
        issue_certificate.delay(source, source_id)
    renders = list(Certificate.objects.filter(render_state=RenderState.PENDING, withdrawn_at__isnull=True,
                                              created_at__lt=now - STALE_RENDER_AFTER)
                   .values_list("pk", flat=True)[:SWEEP_BATCH])
    for certificate_id in renders:
        render_certificate.delay(certificate_id)
    return {"issue_requests": len(requests), "renders": len(renders)}


@shared_task
def send_expiry_reminders() -> int:
    """Beat job: owe the expiry reminders now due (certificates/expiry_reminders.py decides which), then send every
    one still owed. Each row is unique per certificate and threshold and the outbox claims it, so each goes once
    however often this runs."""
    owed = expiry_reminders.owe_due()
    outbox.sweep([expiry_reminders.LETTER])
    return owed
