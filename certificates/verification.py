"""What anyone holding a certificate code is told about it, on the page and in the API, and who may have its PDF.

The public sees the certificate's standing from `issuance.certificate_status`, except that how far its PDF has
got is staff business: a pending or failed render is still a valid certificate whose PDF "is being prepared".
A revoked or replaced certificate's PDF goes only to its holder and staff, so it cannot be passed off as current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.formatting import date_text
from lms.roles import is_staff_member, signed_in
from lms.site_address import absolute_url

from . import signing
from .credentials.open_badges import PROBLEM_STATUS_UNAVAILABLE, check_credential
from .issuance import Status, certificate_status, record_matches_fingerprint
from .models import CODE_MAX_LENGTH, Certificate, RenderState

if TYPE_CHECKING:
    from lms.access import Viewer

PUBLIC_PDF_STATES = ("valid", "expired")
MAX_VERSION_HOPS = 50


@dataclass(frozen=True)
class Verification:
    """A certificate as its verification page and API present it."""

    certificate: Certificate
    status: Status
    pdf_ready: bool
    record_unchanged: bool
    newer_version: Certificate | None

    @property
    def withdrawn(self) -> bool:
        return self.status.code == "withdrawn"

    @property
    def pdf_is_public(self) -> bool:
        return self.pdf_ready and self.status.code in PUBLIC_PDF_STATES

    @property
    def has_credential(self) -> bool:
        return bool(self.certificate.credential) and not self.withdrawn


def public_status(certificate: Certificate, now: datetime | None = None) -> Status:
    """The standing shown to anyone: render trouble reads as valid with the PDF still being prepared."""
    status = certificate_status(certificate, now)
    if status.code in ("pending", "failed"):
        issued = date_text(certificate.issued_at)
        return Status("valid", _("Valid"), _("Issued on %(date)s. The PDF is being prepared; the facts below are "
                                             "the certificate's record.") % {"date": issued})
    return status


def pdf_ready(certificate: Certificate) -> bool:
    """A PDF is served only from a ready row, whose path is set after the file was completely written."""
    return certificate.withdrawn_at is None and certificate.render_state == RenderState.READY and bool(
        certificate.pdf.name)


def newest_version(certificate: Certificate) -> Certificate | None:
    """The version that replaced this one, followed to the newest; None when it was not replaced or the newer
    version is gone (withdrawn)."""
    current = certificate
    for _hop in range(MAX_VERSION_HOPS):
        if current.replaced_by_id is None:
            break
        newer = Certificate.objects.filter(pk=current.replaced_by_id).first()
        if newer is None:
            return None
        current = newer
    if current is certificate or current.withdrawn_at is not None:
        return None
    return current


def verify(certificate: Certificate, now: datetime | None = None) -> Verification:
    return Verification(
        certificate=certificate,
        status=public_status(certificate, now),
        pdf_ready=pdf_ready(certificate),
        record_unchanged=record_matches_fingerprint(certificate),
        newer_version=newest_version(certificate) if certificate.superseded_at else None,
    )


def may_download_pdf(verification: Verification, user: Viewer) -> bool:
    """Anyone for a valid or expired certificate; only the holder and staff for a revoked or replaced one."""
    if not verification.pdf_ready:
        return False
    if verification.pdf_is_public:
        return True
    owner_id = verification.certificate.member_id
    is_owner = signed_in(user) and owner_id is not None and user.pk == owner_id
    return is_owner or is_staff_member(user)


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _absolute(path: str) -> str:
    return absolute_url(path)


def as_json(verification: Verification) -> dict[str, Any]:
    """The API's answer for a code: the same facts as the page, the status as a machine value and in words."""
    certificate, status = verification.certificate, verification.status
    answer: dict[str, Any] = {
        "code": certificate.code,
        "status": status.code,
        "status_label": str(status.label),
        "status_explanation": str(status.explanation),
        "verification_url": _absolute(reverse("certificates:verify", args=[certificate.code])),
    }
    if verification.withdrawn:
        return answer  # a tombstone: nothing about the person or the achievement
    newer = verification.newer_version
    answer.update({
        "revoked_at": _stamp(certificate.revoked_at),
        "revocation_reason": certificate.revoked_reason if certificate.revoked_at else "",
        "recipient_name": certificate.recipient_name,
        "achievement": {
            "title": certificate.achievement_title,
            "kind": certificate.achievement_kind,
            "kind_label": str(certificate.get_achievement_kind_display()),
            "language": certificate.language,
            "starts_on": certificate.activity_starts_on.isoformat() if certificate.activity_starts_on else None,
            "last_day": certificate.activity_last_day.isoformat() if certificate.activity_last_day else None,
        },
        "issuer": {"name": certificate.issuer_name, "id": signing.issuer_did()},
        "issued_at": _stamp(certificate.issued_at),
        "expires_at": _stamp(certificate.expires_at),
        "cpd_hours": str(certificate.cpd_hours),
        "cpd_credit_type": certificate.cpd_credit_type,
        "cpd_credit_type_label": str(certificate.get_cpd_credit_type_display()),
        "version": certificate.version,
        "record_unchanged": verification.record_unchanged,
        "replaced_by": {
            "code": newer.code,
            "verification_url": _absolute(reverse("certificates:verify", args=[newer.code])),
            "api_url": _absolute(reverse("api:certificate", args=[newer.code])),
        } if newer else None,
        "pdf_ready": verification.pdf_ready,
        "pdf_url": _absolute(reverse("certificates:pdf", args=[certificate.code]))
        if verification.pdf_is_public else None,
        "credential_url": signing.credential_url(certificate.code) if verification.has_credential else None,
    })
    return answer


# ---------------------------------------------------------------------------------------------- credentials


def check_submitted_credential(credential: object, now: datetime | None = None) -> dict[str, Any]:
    """Check a credential someone sends us: our signature, its validity period, and its bit in OUR status list,
    read straight from the database (a list elsewhere is not this issuer's, so it cannot vouch for ours)."""
    foreign_lists: list[str] = []

    def our_status_list(url: str) -> dict[str, Any] | None:
        if url == signing.status_list_url():
            return signing.signed_status_list_credential()
        foreign_lists.append(url)
        return None

    check = check_credential(credential, signing.trusted_public_key, our_status_list, now or timezone.now())
    answer_format: dict[str, Any] = {"format": "current", "current_credential_url": None, "notice": ""}
    if check.legacy_format and check.signature_valid and isinstance(credential, dict):
        answer_format = _older_format_answer(credential)
    problems = []
    for problem in check.problems:
        if problem == PROBLEM_STATUS_UNAVAILABLE and foreign_lists:
            problems.append(_("the status list is not this issuer's"))
        else:
            problems.append(_(problem))
    return {
        "signature_valid": check.signature_valid,
        "revoked": check.revoked,
        "expired": check.expired,
        "valid": check.valid,
        "problems": problems,
        **answer_format,
    }


def _older_format_answer(credential: dict[str, Any]) -> dict[str, Any]:
    """A copy signed in this platform's format before issue 14 is still accepted (a holder keeps what they
    saved), but other verifiers reject it: say so, and where the current copy downloads when we still have it."""
    current = _current_credential_url(credential.get("id"))
    if current:
        notice = _("This copy was signed in an older format that other verifiers reject. Download the current "
                   "copy from %(url)s.") % {"url": current}
    else:
        notice = _("This copy was signed in an older format that other verifiers reject.")
    return {"format": "older", "current_credential_url": current, "notice": notice}


def _current_credential_url(credential_id: object) -> str | None:
    """Where the certificate named by a credential id (…/certificates/<code>/credential.json) downloads now."""
    if not isinstance(credential_id, str) or len(credential_id) > 2000:
        return None
    parts = urlsplit(credential_id).path.rstrip("/").split("/")
    if len(parts) < 3 or parts[-1] != "credential.json" or parts[-3] != "certificates":
        return None
    code = parts[-2]
    if not code or len(code) > CODE_MAX_LENGTH:
        return None
    found = Certificate.objects.filter(code=code, withdrawn_at__isnull=True, credential__isnull=False).exists()
    return signing.credential_url(code) if found else None
