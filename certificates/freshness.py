"""Whether what a certificate has stored (its signed credential, its PDF) is what would be produced now, and
bringing a stale one up to date; `manage.py refresh_certificates` runs this over every certificate.

A stored credential is current when its unsigned body equals what would be signed now (so a changed site
address, DID, issuer name, achievement address or claim shows) and its proof has today's shape (a list of one
eddsa-jcs-2022 proof carrying the document's @context) and verifies with today's key. The proof's `created` is
not compared: re-signing changes only the proof. A PDF is current when it was rendered from the facts it would
be rendered from now, including the verification address printed on it and in its QR code, which follows the
site address. Nothing here changes an issue date, code, status list index or validFrom: they come from the
certificate's record, which refreshing never writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import rfc8785
from django.db import transaction

from . import signing
from .credentials.data_integrity import CRYPTOSUITE, PROOF_PURPOSE, PROOF_TYPE, verify_proof
from .models import Certificate, RenderState


def rendering_fingerprint(certificate: Certificate) -> str:
    """What a rendered PDF depends on besides its template: the printed facts and the verification address
    (printed, and in the QR code). Stored as `rendered_fingerprint` when a render is published."""
    inputs: dict[str, Any] = {
        "facts": certificate.printed_facts(), "verification_url": signing.verification_url(certificate.code)
    }
    return hashlib.sha256(rfc8785.dumps(inputs)).hexdigest()


def credential_is_current(certificate: Certificate) -> bool:
    """True when the stored credential is exactly what would be signed now (apart from the proof's time), or
    when nothing is stored (not rendered yet, or withdrawn: the render path or nobody signs it)."""
    stored = certificate.credential
    if stored is None or certificate.withdrawn_at is not None:
        return True
    if not isinstance(stored, dict):
        return False
    body = {name: value for name, value in stored.items() if name != "proof"}
    if body != signing.unsigned_credential(certificate):
        return False
    proofs = stored.get("proof")
    if not isinstance(proofs, list) or len(proofs) != 1 or not isinstance(proofs[0], dict):
        return False
    proof = proofs[0]
    if (proof.get("type"), proof.get("cryptosuite"), proof.get("proofPurpose")) != (
        PROOF_TYPE,
        CRYPTOSUITE,
        PROOF_PURPOSE,
    ):
        return False
    if proof.get("@context") != stored.get("@context"):
        return False
    if proof.get("verificationMethod") != signing.issuer_verification_method():
        return False
    return verify_proof(stored, signing.trusted_public_key).verified  # the same method id under a new key fails


def pdf_is_current(certificate: Certificate) -> bool:
    """True unless a ready PDF was rendered from other facts or another verification address than now.
    Pending and failed renders are the render task's and the sweep's business, not refreshing's."""
    if certificate.render_state != RenderState.READY or certificate.withdrawn_at is not None:
        return True
    return certificate.rendered_fingerprint == rendering_fingerprint(certificate)


def adopt_earlier_rendering_fingerprint(certificate: Certificate) -> bool:
    """Renders published before the verification address was part of `rendered_fingerprint` stored the facts'
    fingerprint alone. Such a PDF is still current if the credential signed in the same step names the address
    that is current now (its evidence is the verification page the PDF prints): then only the stored
    fingerprint is brought to today's form, without re-rendering. True when it was adopted."""
    if certificate.render_state != RenderState.READY or certificate.rendered_fingerprint != (
        certificate.compute_fingerprint()
    ):
        return False
    if _printed_verification_url(certificate.credential) != signing.verification_url(certificate.code):
        return False
    adopted = rendering_fingerprint(certificate)
    updated = Certificate.objects.filter(
        pk=certificate.pk, render_state=RenderState.READY, rendered_fingerprint=certificate.rendered_fingerprint
    ).update(rendered_fingerprint=adopted)
    if updated:
        certificate.rendered_fingerprint = adopted
    return bool(updated)


def _printed_verification_url(credential: object) -> str | None:
    evidence = credential.get("evidence") if isinstance(credential, dict) else None
    first = evidence[0] if isinstance(evidence, list) and evidence else None
    url = first.get("id") if isinstance(first, dict) else None
    return url if isinstance(url, str) else None


@dataclass(frozen=True)
class Refreshed:
    """What refreshing one certificate changed."""

    credential_resigned: bool = False
    needs_render: bool = False  # the PDF is stale: the caller re-renders it through the render task

    @property
    def changed(self) -> bool:
        return self.credential_resigned or self.needs_render


def refresh_credential(certificate_id: int) -> Refreshed:
    """Re-sign the stored credential if it is not current (under the row lock, so a render publishing at the
    same moment is not overwritten with an older reading), and say whether the PDF needs a new render.

    A stale PDF whose fingerprint cannot be adopted has its stored fingerprint cleared first, so that once the
    credential names the new address, a failed re-render can never be mistaken for an adoptable one later."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None or certificate.withdrawn_at is not None:
            return Refreshed()
        needs_render = not pdf_is_current(certificate) and not adopt_earlier_rendering_fingerprint(certificate)
        if needs_render and certificate.rendered_fingerprint:
            Certificate.objects.filter(pk=certificate_id).update(rendered_fingerprint="")
        if credential_is_current(certificate):
            return Refreshed(needs_render=needs_render)
        Certificate.objects.filter(pk=certificate_id).update(credential=signing.signed_credential(certificate))
    return Refreshed(credential_resigned=True, needs_render=needs_render)


def keep_earlier_pdf(certificate_id: int, pdf_name: str) -> bool:
    """After a re-render that refreshing asked for failed, serve the PDF the certificate had again: it is still
    the genuine certificate (only its printed address is older), and hiding it would leave the holder with less
    than before. The failure reason stays on the certificate for staff, and the stored fingerprint stays
    cleared, so the next run tries again. True when the earlier PDF was kept."""
    if not pdf_name:
        return False
    return bool(
        Certificate.objects.filter(
            pk=certificate_id, render_state=RenderState.FAILED, pdf=pdf_name, withdrawn_at__isnull=True
        ).update(render_state=RenderState.READY)
    )
