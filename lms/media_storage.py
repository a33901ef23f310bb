"""Where uploaded and generated files live: the local folder (the embedded default) or, when a bucket is named, a
private bucket on S3-compatible storage whose objects are only reachable through short-lived signed URLs or through
the views that check permissions first (certificate PDFs, Wagtail's document view).

Settings (`lms/settings/base.py`) and the tests that run on a real S3 server build the storage here, so both use the
same configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
# django-storages' S3Storage, raising OSError on storage failures as the local folder does (lms/s3_media_storage.py).
S3_BACKEND = "lms.s3_media_storage.PrivateS3Storage"

DEFAULT_REGION = "us-east-1"
# Long enough to start a download or load a page's images, short enough that a copied link soon stops working.
DEFAULT_SIGNED_URL_SECONDS = 300
# Signature v4 refuses anything longer than seven days.
LONGEST_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60
ADDRESSING_STYLES = ("auto", "path", "virtual")


def _signed_url_seconds(variables: Mapping[str, str]) -> int:
    text = (variables.get("AWS_QUERYSTRING_EXPIRE") or "").strip()
    if not text:
        return DEFAULT_SIGNED_URL_SECONDS
    if not text.isdigit() or not 1 <= int(text) <= LONGEST_SIGNED_URL_SECONDS:
        raise ImproperlyConfigured(
            f"AWS_QUERYSTRING_EXPIRE={text!r}: give the lifetime of signed media URLs in whole seconds, "
            f"from 1 to {LONGEST_SIGNED_URL_SECONDS} (signature v4's limit); "
            f"the default is {DEFAULT_SIGNED_URL_SECONDS}."
        )
    return int(text)


def _addressing_style(variables: Mapping[str, str], endpoint_url: str | None) -> str:
    style = (variables.get("AWS_S3_ADDRESSING_STYLE") or "").strip().lower()
    if not style:
        # A self-hosted server (S3Proxy, MinIO, Ceph at 127.0.0.1 or a plain host name) has no per-bucket host names;
        # Amazon itself wants virtual-hosted addresses.
        return "path" if endpoint_url else "virtual"
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE={style!r}: use one of {', '.join(ADDRESSING_STYLES)} "
            "(path for self-hosted S3-compatible servers)."
        )
    return style


def s3_storage(variables: Mapping[str, str]) -> dict[str, Any] | None:
    """The STORAGES entry for a private S3-compatible bucket, from the standard AWS_* variables; None (keep the local
    folder) when AWS_STORAGE_BUCKET_NAME is not set."""
    bucket = (variables.get("AWS_STORAGE_BUCKET_NAME") or "").strip()
    if not bucket:
        return None
    from botocore.config import Config  # only deployments that store media on S3 load botocore

    endpoint_url = (variables.get("AWS_S3_ENDPOINT_URL") or "").strip() or None
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            # Unset keys fall through to boto3's own chain (instance role, AWS_SESSION_TOKEN, shared config).
            "access_key": variables.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": variables.get("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": variables.get("AWS_S3_REGION_NAME") or DEFAULT_REGION,
            # Optional key prefix, so several sites (or test runs) can share one bucket without meeting.
            "location": (variables.get("AWS_LOCATION") or "").strip("/"),
            # No ACL header at all: objects stay private to the bucket owner, and buckets with ACLs disabled
            # (Amazon's default since 2023) accept the upload, which they refuse for any other canned ACL.
            "default_acl": None,
            # Every URL the storage hands out is signed and expires; a raw object address answers 403.
            "querystring_auth": True,
            "querystring_expire": _signed_url_seconds(variables),
            # A new upload never replaces another file of the same name (a certificate PDF, a document).
            "file_overwrite": False,
            # Given a client config, django-storages ignores its own addressing and signature options, so both are
            # set here. Checksums only when the operation requires them: recent botocore otherwise sends
            # streaming-checksum uploads that several S3-compatible servers (S3Proxy among them) refuse.
            "client_config": Config(
                signature_version="s3v4",
                s3={"addressing_style": _addressing_style(variables, endpoint_url)},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        },
    }


def document_serve_method(storage: Mapping[str, Any]) -> str:
    """How Wagtail hands out documents: never "direct" (a link to the file itself would skip the members-only
    check). On S3 its serve view checks permissions, then redirects to a signed URL that expires in minutes, so
    the bytes come from object storage and no web worker is held for a download; locally it streams the file."""
    return "redirect" if storage.get("BACKEND") == S3_BACKEND else "serve_view"


def s3_client(variables: Mapping[str, str]):
    """A boto3 client for the bucket these variables name, configured as the storage is (for tools and tests that
    create buckets or look at objects directly)."""
    import boto3

    options = s3_storage(variables)
    if options is None:
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME is not set, so there is no bucket to talk to.")
    options = options["OPTIONS"]
    return boto3.client(
        "s3", endpoint_url=options["endpoint_url"], aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"], region_name=options["region_name"],
        config=options["client_config"],
    )
