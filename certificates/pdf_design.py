"""Django's side of rendering: a CertificateTemplate (with its Wagtail images read from storage) becomes the
renderer's plain CertificateDesign, and a Certificate its CertificateFacts.

A file missing from storage is the template's fault (permanent: staff must fix it); storage that does not answer
is the infrastructure's (transient: the task tries again later).
"""

from __future__ import annotations

import io
import logging
import posixpath

from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PillowImage

from .issuance import template_for_offering
from .models import Certificate, CertificateTemplate
from .rendering import CertificateDesign, CertificateFacts, CertificateRenderError, ImageData, Signatory, Wording
from .signing import credit_type_label, verification_url

logger = logging.getLogger(__name__)

MIME_BY_EXTENSION = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
                     ".svg": "image/svg+xml", ".gif": "image/gif"}


def _png_from_gif(content: bytes, label: str) -> bytes:
    """The renderer takes PNG, JPEG, WebP or SVG; Wagtail also accepts GIF uploads, so convert those."""
    try:
        with PillowImage.open(io.BytesIO(content)) as image:
            converted = io.BytesIO()
            image.convert("RGBA").save(converted, format="PNG")
            return converted.getvalue()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds; the reason names the image
        raise CertificateRenderError(_("The %(label)s image could not be read: %(error)s")
                                     % {"label": label, "error": error}) from error


def image_data(image, label: str) -> ImageData:
    """Read a Wagtail image's file; CertificateRenderError names the image when it is missing (permanent) or
    the storage cannot be reached (transient)."""
    name = image.file.name if image.file else ""
    storage = image.file.storage
    try:
        present = bool(name) and storage.exists(name)
    except Exception as error:  # noqa: BLE001 - S3 and friends raise their own errors when down
        raise CertificateRenderError(
            _("The file storage did not answer while reading the %(label)s image “%(title)s”: %(error)s")
            % {"label": label, "title": image.title, "error": error}, transient=True) from error
    if not present:
        raise CertificateRenderError(
            _("The %(label)s image “%(title)s” has no file in storage (%(file)s); upload it again or choose another "
              "image in the certificate template.") % {"label": label, "title": image.title, "file": name or "-"})
    try:
        with storage.open(name, "rb") as stored:
            content = stored.read()
    except Exception as error:  # noqa: BLE001
        raise CertificateRenderError(
            _("The file storage failed while reading the %(label)s image “%(title)s”: %(error)s")
            % {"label": label, "title": image.title, "error": error}, transient=True) from error
    mime_type = MIME_BY_EXTENSION.get(posixpath.splitext(name)[1].lower(), "application/octet-stream")
    if mime_type == "image/gif":
        content, mime_type = _png_from_gif(content, label), "image/png"
    return ImageData(content=content, mime_type=mime_type, description=image.title or "")


def design_from_template(template: CertificateTemplate) -> CertificateDesign:
    signatories = []
    for signatory in template.signatories.all():
        if signatory.signature is None:
            raise CertificateRenderError(
                _("The signatory %(name)s has no signature image; choose one in the certificate template “%(t)s”.")
                % {"name": signatory.name, "t": template.name})
        signatories.append(Signatory(
            name=signatory.name, role=signatory.role,
            signature=image_data(signatory.signature, _("signature of %(name)s") % {"name": signatory.name}),
        ))
    return CertificateDesign(
        title=template.title,
        body=template.body,
        accent_colour=template.accent_colour,
        paper_size=template.paper_size,
        orientation=template.orientation,
        logo=image_data(template.logo, _("logo")) if template.logo else None,
        background=image_data(template.background, _("background")) if template.background else None,
        signatories=tuple(signatories),
        language=template.language,
        translations=tuple(Wording(wording.language, wording.title, wording.body)
                           for wording in template.wordings.all() if wording.language != template.language),
    )


def template_for_certificate(certificate: Certificate) -> CertificateTemplate:
    """The template chosen at issue; if it was deleted since, the one the offering uses now."""
    template = certificate.template or template_for_offering(certificate.offering_id)
    if template is None:
        raise CertificateRenderError(_(
            "No certificate template applies: make one template the site default (Snippets › Certificate templates), "
            "then retry the render."))
    return template


def facts_for_certificate(certificate: Certificate) -> CertificateFacts:
    zone = timezone.get_default_timezone()
    return CertificateFacts(
        recipient_name=certificate.recipient_name,
        achievement=certificate.achievement_title,
        issued_on=certificate.issued_at.astimezone(zone).date(),
        expires_on=certificate.expires_at.astimezone(zone).date() if certificate.expires_at else None,
        cpd_hours=certificate.cpd_hours,
        credit_type=credit_type_label(certificate.cpd_credit_type, certificate.language),
        verification_code=certificate.code,
        verification_url=verification_url(certificate.code),
        issuer_name=certificate.issuer_name,
        language=certificate.language,
    )
