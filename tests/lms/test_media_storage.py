"""Media on a real S3 server (S3Proxy in `make test`): objects are private, every address the site hands out is
signed and expires, and certificate PDFs and members-only documents are only given out after the site's own checks.

The storage is built by `lms.media_storage.s3_storage`, the function the settings use, from the variables `make test`
exports; each run keeps its objects under its own key prefix in the bucket and removes them afterwards.
"""

from __future__ import annotations

import io
import os
import re
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from certificates import issuance, tasks
from certificates.models import Certificate
from courses.catalog.setup import ensure_members_only_collection
from lms.media_storage import S3_BACKEND, document_serve_method, s3_storage
from lms.s3_media_storage import PrivateS3Storage
from tests.certificates.factories import default_template, issued_certificate, png_bytes
from tests.certificates.public_support import ready_certificate
from tests.factories import MemberFactory, NonMemberFactory, PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db

S3_VARIABLES = ("AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_STORAGE_BUCKET_NAME")
RUN_PREFIX = f"test-runs/{uuid.uuid4().hex}"


# ------------------------------------------------------------------------------------------------ the server


def s3_variables(**changes: str) -> dict[str, str]:
    """The S3 server `make test` (or `make services`) started, from the environment; this run's key prefix."""
    missing = [name for name in S3_VARIABLES if not os.environ.get(name)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not set: these tests run on a real S3 server. Start one with "
                    "`make services` and export the lines it prints (or run `make test`, which does both).",
                    pytrace=False)
    variables = {name: os.environ[name] for name in S3_VARIABLES}
    for optional in ("AWS_S3_REGION_NAME", "AWS_S3_ADDRESSING_STYLE", "AWS_QUERYSTRING_EXPIRE"):
        if os.environ.get(optional):
            variables[optional] = os.environ[optional]
    location = "/".join(part for part in (os.environ.get("AWS_LOCATION", "").strip("/"), RUN_PREFIX) if part)
    return {**variables, "AWS_LOCATION": location, **changes}


def storage_from(variables: dict[str, str]) -> PrivateS3Storage:
    entry = s3_storage(variables)
    assert entry is not None
    return PrivateS3Storage(**entry["OPTIONS"])


@pytest.fixture(scope="session")
def s3_bucket():
    """The bucket exists (created if missing); this run's objects are removed at the end."""
    storage = storage_from(s3_variables())
    client = storage.connection.meta.client
    try:
        client.head_bucket(Bucket=storage.bucket_name)
    except client.exceptions.ClientError:
        client.create_bucket(Bucket=storage.bucket_name)
    yield storage
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=storage.bucket_name, Prefix=f"{storage.location}/")
    for page in pages:
        # One by one: DeleteObjects needs a checksum header S3Proxy does not implement. Keys ending in "/" are its
        # filesystem store's folders, listed as entries; they go with their last file.
        for entry in page.get("Contents", ()):
            if not entry["Key"].endswith("/"):
                client.delete_object(Bucket=storage.bucket_name, Key=entry["Key"])


@pytest.fixture
def s3_media(settings, s3_bucket):
    """The site stores media on S3 for this test, configured exactly as production's settings do it."""
    entry = s3_storage(s3_variables())
    settings.STORAGES = {**settings.STORAGES, "default": entry}
    settings.WAGTAILDOCS_SERVE_METHOD = document_serve_method(entry)
    # Wagtail caches renditions by image id, and ids start again with every test database: on the shared Redis an
    # earlier run's entry would name a file this run never stored. This run's renditions get their own key prefix.
    settings.CACHES = {**settings.CACHES, "renditions": {**settings.CACHES["default"], "KEY_PREFIX": RUN_PREFIX}}
    storage = storages["default"]
    assert isinstance(storage, PrivateS3Storage)
    return storage


def fetch(url: str) -> tuple[int, bytes]:
    """A plain HTTP GET, as a browser following a link would make it: no S3 credentials."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the test's own S3 server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def raw_address(storage, name: str) -> str:
    """The object's own address: the signed URL without its signature."""
    signed = storage.url(name)
    assert "X-Amz-Signature=" in signed
    return signed.split("?", 1)[0]


def object_grants(storage, name: str) -> list[dict]:
    key = storage._normalize_name(name)
    return storage.connection.meta.client.get_object_acl(Bucket=storage.bucket_name, Key=key)["Grants"]


PUBLIC_GROUPS = ("http://acs.amazonaws.com/groups/global/AllUsers",
                 "http://acs.amazonaws.com/groups/global/AuthenticatedUsers")


# ------------------------------------------------------------------------------------------------ settings


def test_no_bucket_keeps_the_local_folder():
    assert s3_storage({}) is None
    assert s3_storage({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000", "AWS_STORAGE_BUCKET_NAME": " "}) is None
    assert document_serve_method({"BACKEND": "django.core.files.storage.FileSystemStorage"}) == "serve_view"


def test_a_bucket_means_private_signed_short_lived_media():
    entry = s3_storage({"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"})
    options = entry["OPTIONS"]
    assert entry["BACKEND"] == S3_BACKEND
    assert options["bucket_name"] == "media" and options["region_name"] == "us-east-1"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["querystring_expire"] == 300 and options["file_overwrite"] is False
    assert options["client_config"].signature_version == "s3v4"
    assert options["client_config"].s3 == {"addressing_style": "path"}
    assert document_serve_method(entry) == "redirect"
    on_amazon = s3_storage({"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_REGION_NAME": "eu-west-1",
                            "AWS_QUERYSTRING_EXPIRE": "60"})["OPTIONS"]
    assert on_amazon["endpoint_url"] is None and on_amazon["region_name"] == "eu-west-1"
    assert on_amazon["client_config"].s3 == {"addressing_style": "virtual"}
    assert on_amazon["querystring_expire"] == 60


@pytest.mark.parametrize(("name", "value", "words"), [
    ("AWS_QUERYSTRING_EXPIRE", "5m", "whole seconds"),
    ("AWS_QUERYSTRING_EXPIRE", "0", "whole seconds"),
    ("AWS_QUERYSTRING_EXPIRE", "999999999", "604800"),
    ("AWS_S3_ADDRESSING_STYLE", "sideways", "path"),
])
def test_unusable_values_are_named(name, value, words):
    with pytest.raises(ImproperlyConfigured, match=words) as refused:
        s3_storage({"AWS_STORAGE_BUCKET_NAME": "media", name: value})
    assert name in str(refused.value)


# ------------------------------------------------------------------------------------------------ objects


def test_uploads_are_private_and_never_overwritten(s3_media):
    first = s3_media.save("handouts/notes.txt", ContentFile(b"first"))
    second = s3_media.save("handouts/notes.txt", ContentFile(b"second"))

    assert first != second
    assert s3_media.open(first).read() == b"first" and s3_media.open(second).read() == b"second"
    assert fetch(raw_address(s3_media, first))[0] == 403
    grants = object_grants(s3_media, first)
    assert not [grant for grant in grants if grant["Grantee"].get("URI") in PUBLIC_GROUPS]
    assert fetch(s3_media.url(first)) == (200, b"first")


def test_an_object_uploaded_public_read_would_be_served_unsigned(s3_media):
    """The server does honour public ACLs: the 403s in this module come from the objects being private."""
    key = s3_media._normalize_name("control/public.txt")
    s3_media.connection.meta.client.put_object(Bucket=s3_media.bucket_name, Key=key, Body=b"open", ACL="public-read")
    assert fetch(raw_address(s3_media, "control/public.txt")) == (200, b"open")


def test_a_signed_url_stops_working_when_it_expires(s3_media):
    name = s3_media.save("handouts/expiring.txt", ContentFile(b"for a second"))
    short = s3_media.url(name, expire=1)
    signed_at = time.time()

    while time.time() < signed_at + 2.5:  # past the expiry, with room for the second the signature is rounded to
        time.sleep(0.5)
    status, body = fetch(short)
    assert status == 403 and b"expired" in body.lower()
    assert fetch(s3_media.url(name)) == (200, b"for a second")


def test_a_server_refusing_the_keys_is_a_storage_failure_not_a_crash(s3_bucket):
    wrong = storage_from(s3_variables(AWS_SECRET_ACCESS_KEY="not-the-secret"))
    with pytest.raises(OSError, match="refused"):
        wrong.save("handouts/never.txt", ContentFile(b"x"))
    with pytest.raises(OSError, match="refused"):
        wrong.open("handouts/never.txt")
    with pytest.raises(FileNotFoundError):
        s3_bucket.open("handouts/no-such-file.txt")


# ------------------------------------------------------------------------------------------------ certificates


def pdf_key(certificate: Certificate) -> str:
    return certificate.pdf.name


def test_a_rendered_certificate_is_stored_privately_and_downloads_through_the_view(s3_media, client):
    certificate = ready_certificate()
    name = pdf_key(certificate)

    assert name.startswith(f"certificates/{certificate.code}/")
    stored = s3_media.open(name).read()
    assert stored.startswith(b"%PDF")
    assert fetch(raw_address(s3_media, name))[0] == 403

    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored

    client.force_login(StaffFactory())
    admin = client.get(reverse("certificates_admin:pdf", args=[certificate.pk]))
    assert admin.status_code == 200 and b"".join(admin.streaming_content) == stored


def test_a_revoked_certificate_is_refused_by_the_view_and_its_object_stays_private(s3_media, client):
    certificate = ready_certificate()
    issuance.revoke(certificate, "Awarded in error", by=StaffFactory(), notify=False)

    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=[certificate.code])
    assert fetch(raw_address(s3_media, pdf_key(certificate)))[0] == 403


def test_a_replaced_certificate_is_refused_by_the_view_and_its_object_stays_private(s3_media, client):
    certificate = ready_certificate()
    member = certificate.member
    member.last_name = "Renamed"
    member.save()
    issuance.reissue(certificate, by=StaffFactory(), reason="Name change")

    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 302
    assert fetch(raw_address(s3_media, pdf_key(certificate)))[0] == 403


def test_a_withdrawn_certificates_pdf_leaves_the_bucket(s3_media, client, django_capture_on_commit_callbacks):
    certificate = ready_certificate()
    name = pdf_key(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        issuance.withdraw(certificate, by=StaffFactory())

    assert client.get(reverse("certificates:pdf", args=[certificate.code])).status_code == 410
    assert not s3_media.exists(name)


def test_the_pdf_view_answers_503_when_the_bucket_refuses(s3_media, settings, client):
    certificate = ready_certificate()
    settings.STORAGES = {**settings.STORAGES,
                         "default": s3_storage(s3_variables(AWS_SECRET_ACCESS_KEY="not-the-secret"))}

    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 503 and response["Retry-After"]


def test_a_render_while_the_bucket_refuses_is_retried_not_given_up(s3_media, settings):
    settings.STORAGES = {**settings.STORAGES,
                         "default": s3_storage(s3_variables(AWS_SECRET_ACCESS_KEY="not-the-secret"))}
    default_template()
    certificate = issued_certificate()
    outcome = tasks.render_certificate.delay(certificate.pk).get()
    certificate.refresh_from_db()
    assert outcome == "failed"
    assert "The file storage failed while saving the PDF" in certificate.render_failure
    assert certificate.render_attempts == tasks.MAX_RENDER_RETRIES + 1


# ------------------------------------------------------------------------------------------------ documents


def document_in(collection: Collection, title: str, content: bytes) -> Document:
    document = Document(title=title, collection=collection)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(content), save=True)
    return document


def test_a_members_only_document_goes_to_members_only_by_signed_url(s3_media, client):
    handout = document_in(ensure_members_only_collection(), "Member Handout", b"flow metrics handout")
    assert fetch(raw_address(s3_media, handout.file.name))[0] == 403

    anonymous = client.get(handout.url)
    assert anonymous.status_code == 403 and "Location" not in anonymous
    assert "X-Amz-Signature" not in anonymous.content.decode()
    client.force_login(NonMemberFactory())
    refused = client.get(handout.url)
    assert refused.status_code == 403 and "Location" not in refused

    client.force_login(MemberFactory())
    served = client.get(handout.url)
    assert served.status_code == 302
    signed = served["Location"]
    assert signed.startswith(os.environ["AWS_S3_ENDPOINT_URL"]) and "X-Amz-Signature=" in signed
    assert fetch(signed) == (200, b"flow metrics handout")


def test_a_public_document_is_also_handed_out_signed(s3_media, client):
    leaflet = document_in(Collection.get_first_root_node(), "Public Leaflet", b"open to all")

    served = client.get(leaflet.url)
    assert served.status_code == 302 and "X-Amz-Signature=" in served["Location"]
    assert fetch(served["Location"]) == (200, b"open to all")
    assert fetch(raw_address(s3_media, leaflet.file.name))[0] == 403


# ------------------------------------------------------------------------------------------------ images


def test_image_renditions_in_a_page_load_from_signed_urls(s3_media, client):
    logo = Image.objects.create(title="Partner logo", file=ContentFile(png_bytes(400, 200), name="logo.png"))
    partner = PartnerFactory(logo=logo)

    page = client.get(reverse("catalog:partner", args=[partner.slug]))
    assert page.status_code == 200
    found = re.search(r'<img[^>]*class="partner-logo"[^>]*>', page.content.decode())
    assert found, "the partner page shows its logo"
    src = re.search(r'src="([^"]+)"', found.group(0)).group(1).replace("&amp;", "&")
    assert "X-Amz-Signature=" in src and urlsplit(src).netloc == urlsplit(os.environ["AWS_S3_ENDPOINT_URL"]).netloc

    status, body = fetch(src)
    assert status == 200, (src, body)
    assert PillowImage.open(io.BytesIO(body)).size == (192, 96)  # the template's height-96 rendition
    assert fetch(src.split("?", 1)[0])[0] == 403
    assert fetch(raw_address(s3_media, logo.file.name))[0] == 403
