"""What a file must be to stand as evidence: a PDF, PNG or JPEG by both its declared type and its first bytes, of at
most 10 MB. The file keeps no name the member gave it (`models.evidence_path`); it is stored with the project's
private media storage and served only through `views.evidence`, to its member and staff."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# Declared type -> (the bytes such a file starts with, its suffix, its name for people).
KINDS = {
    "application/pdf": (b"%PDF-", ".pdf", "PDF"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png", "PNG"),
    "image/jpeg": (b"\xff\xd8\xff", ".jpg", "JPEG"),
}
CONTENT_TYPES = {suffix: content_type for content_type, (_magic, suffix, _name) in KINDS.items()}


def check_evidence(upload: UploadedFile[bytes]) -> UploadedFile[bytes]:
    """The upload, renamed to its true suffix, or a ValidationError saying what is wrong with it."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty; upload the certificate or record again."), code="empty")
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; evidence can be at most %(limit)d MB.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_EVIDENCE_BYTES // 1024 // 1024},
            code="too_big",
        )
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if content_type not in KINDS:
        raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="wrong_type")
    magic, suffix, name = KINDS[content_type]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(
            _("The file says it is a %(kind)s but its contents are not; upload the original %(kind)s.")
            % {"kind": name},
            code="not_what_it_says",
        )
    upload.name = f"evidence{suffix}"
    return upload
