"""Bringing stored certificates up to date: `manage.py refresh_certificates` re-signs a credential that is not what
would be signed now and re-renders a PDF printed with another address, changes nothing else, and changes
nothing the second time; the verification API still accepts a copy a holder saved in the older format."""

from __future__ import annotations

import hashlib
import io
import json
from io import StringIO

import base58
import pypdf
import pytest
import rfc8785
from django.core.cache import cache
from django.core.management import CommandError, call_command

from certificates import signing
from certificates.credentials.issuer_key import IssuerKey
from certificates.freshness import credential_is_current, pdf_is_current, rendering_fingerprint
from certificates.management.commands.refresh_certificates import ProgressBar
from certificates.models import Certificate
from certificates.tasks import render_certificate

from .public_support import fresh_client_address, ready_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
__all__ = ["fresh_client_address"]

OTHER_ADDRESS = "http://127.0.0.1:8765"


def refresh() -> str:
    out = StringIO()
    call_command("refresh_certificates", stdout=out)
    return out.getvalue()


def older_format(certificate: Certificate) -> dict:
    """The certificate's credential as the platform signed it before issue 14 (what a holder may have saved):
    one proof object without @context, the document's @context hashed into the proof configuration."""
    document = signing.unsigned_credential(certificate)
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2025-03-01T09:30:00Z",
        "verificationMethod": signing.issuer_verification_method(),
        "proofPurpose": "assertionMethod",
    }
    config = {**options, "@context": document["@context"]}
    hash_data = hashlib.sha256(rfc8785.dumps(config)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()
    proof_value = "z" + base58.b58encode(signing.issuer_key().sign(hash_data)).decode()
    return json.loads(json.dumps({**document, "proof": {**options, "proofValue": proof_value}}))


def stored_as_before_issue_14(certificate: Certificate) -> Certificate:
    """Put the certificate back in the state a deploy finds: an older-format credential, and the rendered
    fingerprint of the facts alone (as renders stored it before the verification address was part of it)."""
    Certificate.objects.filter(pk=certificate.pk).update(
        credential=older_format(certificate), rendered_fingerprint=certificate.compute_fingerprint()
    )
    return Certificate.objects.get(pk=certificate.pk)


def unchanging_facts(certificate: Certificate) -> tuple:
    return (
        certificate.code,
        certificate.issued_at,
        certificate.status_list_index,
        certificate.fingerprint,
        certificate.credential["validFrom"],
    )


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


# ---------------------------------------------------------------------------------------------- shapes


def test_an_issued_credential_has_a_proof_list_and_the_status_list_a_proof_object_both_with_context():
    certificate = ready_certificate()
    status_list = signing.build_status_list_credential()

    (proof,) = certificate.credential["proof"]
    assert proof["@context"] == certificate.credential["@context"]
    assert isinstance(status_list["proof"], dict)
    assert status_list["proof"]["@context"] == status_list["@context"]
    assert credential_is_current(certificate) and pdf_is_current(certificate)
    assert certificate.rendered_fingerprint == rendering_fingerprint(certificate)


def test_a_current_certificate_is_left_alone():
    certificate = ready_certificate()

    summary = refresh()

    assert "changed: 0." in summary
    assert Certificate.objects.get(pk=certificate.pk).credential == certificate.credential


# ---------------------------------------------------------------------------------------------- older format


def test_an_older_format_credential_is_re_signed_once_without_re_rendering_or_changing_its_facts():
    certificate = stored_as_before_issue_14(ready_certificate())
    before = unchanging_facts(certificate)
    pdf_before = certificate.pdf.name
    assert not credential_is_current(certificate)

    first = refresh()
    certificate.refresh_from_db()
    second = refresh()

    assert "credentials re-signed: 1; PDFs re-rendered: 0; changed: 1." in first
    assert "changed: 0." in second
    assert credential_is_current(certificate) and pdf_is_current(certificate)
    assert unchanging_facts(certificate) == before
    assert certificate.pdf.name == pdf_before  # same address printed: the PDF stays as it is
    (proof,) = certificate.credential["proof"]
    assert proof["@context"] == certificate.credential["@context"]


def test_a_holder_s_older_copy_is_still_accepted_by_the_api_which_says_where_the_current_one_is(client):
    certificate = ready_certificate()
    saved = older_format(certificate)

    response = client.post("/api/v1/certificates/verify", data=json.dumps(saved), content_type="application/json")
    body = json.loads(response.content)

    assert response.status_code == 200
    assert body["valid"] is True and body["signature_valid"] is True
    assert body["format"] == "older"
    assert body["current_credential_url"] == signing.credential_url(certificate.code)
    assert signing.credential_url(certificate.code) in body["notice"]


def test_an_older_copy_that_was_changed_is_refused_and_not_called_older(client):
    saved = older_format(ready_certificate())
    saved["credentialSubject"]["name"] = "Someone Else"

    body = json.loads(
        client.post("/api/v1/certificates/verify", data=json.dumps(saved), content_type="application/json").content
    )

    assert body["valid"] is False and body["signature_valid"] is False
    assert "signature does not match" in body["problems"]
    assert body["format"] == "current" and body["current_credential_url"] is None


def test_a_current_copy_is_answered_as_current(client):
    certificate = ready_certificate()

    body = json.loads(
        client.post(
            "/api/v1/certificates/verify", data=json.dumps(certificate.credential), content_type="application/json"
        ).content
    )

    assert body["valid"] is True
    assert (body["format"], body["current_credential_url"], body["notice"]) == ("current", None, "")


# ---------------------------------------------------------------------------------------------- what changes


def test_a_new_site_address_re_renders_the_pdf_and_re_signs_the_credential(settings):
    certificate = ready_certificate()
    before = unchanging_facts(certificate)
    settings.WAGTAILADMIN_BASE_URL = OTHER_ADDRESS
    assert not pdf_is_current(certificate) and not credential_is_current(certificate)

    first = refresh()
    certificate.refresh_from_db()
    second = refresh()

    assert "PDFs re-rendered: 1; changed: 1." in first
    assert "changed: 0." in second
    assert certificate.credential["id"] == f"{OTHER_ADDRESS}/certificates/{certificate.code}/credential.json"
    assert certificate.credential["issuer"]["id"] == "did:web:127.0.0.1%3A8765"
    assert certificate.credential["credentialStatus"]["statusListCredential"].startswith(OTHER_ADDRESS)
    assert certificate.credential["credentialSubject"]["achievement"]["id"] == certificate.achievement_id
    assert unchanging_facts(certificate) == before
    assert "127.0.0.1:8765" in pdf_text(certificate)


def test_an_older_render_at_another_address_is_re_rendered_not_adopted(settings):
    certificate = stored_as_before_issue_14(ready_certificate())
    settings.WAGTAILADMIN_BASE_URL = OTHER_ADDRESS

    summary = refresh()
    certificate.refresh_from_db()

    assert "PDFs re-rendered: 1" in summary
    assert "127.0.0.1:8765" in pdf_text(certificate)
    assert credential_is_current(certificate) and pdf_is_current(certificate)


def test_a_new_key_re_signs_every_credential_under_the_same_method_id(settings):
    certificate = ready_certificate()
    old_value = certificate.credential["proof"][0]["proofValue"]
    settings.CERTIFICATE_SIGNING_KEY = IssuerKey.generate_setting_value()
    assert not credential_is_current(certificate)

    assert "credentials re-signed: 1; PDFs re-rendered: 0; changed: 1." in refresh()
    certificate.refresh_from_db()
    assert certificate.credential["proof"][0]["proofValue"] != old_value
    assert credential_is_current(certificate)
    assert "changed: 0." in refresh()


def test_a_stored_credential_that_differs_from_the_record_is_re_signed_from_the_record():
    certificate = ready_certificate()
    credential = certificate.credential
    credential["credentialSubject"]["achievement"]["name"] = "Something else"
    Certificate.objects.filter(pk=certificate.pk).update(credential=credential)

    assert "credentials re-signed: 1; PDFs re-rendered: 0" in refresh()
    certificate.refresh_from_db()
    assert certificate.credential["credentialSubject"]["achievement"]["name"] == certificate.achievement_title


def test_a_changed_issuer_name_on_the_record_is_printed_and_signed_anew():
    certificate = ready_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(issuer_name="Veterinary Science College")

    assert "PDFs re-rendered: 1; changed: 1." in refresh()
    certificate.refresh_from_db()
    assert certificate.credential["issuer"]["name"] == "Veterinary Science College"
    assert "VETERINARY SCIENCE COLLEGE" in pdf_text(certificate).upper()
    assert "changed: 0." in refresh()


def test_a_re_render_that_fails_keeps_the_earlier_pdf_served_and_is_tried_again():
    certificate = ready_certificate()
    # A language the default template has no wording for: the render refuses (the reason goes to staff).
    Certificate.objects.filter(pk=certificate.pk).update(language="es")

    with pytest.raises(CommandError, match="its earlier PDF is still served"):
        refresh()
    after = Certificate.objects.get(pk=certificate.pk)

    assert after.render_state == "ready" and after.pdf.name == certificate.pdf.name
    assert after.render_failure
    assert not pdf_is_current(after)
    with pytest.raises(CommandError):
        refresh()  # still owed: the next run tries again instead of reporting nothing to do


def test_a_withdrawn_certificate_is_not_touched(staff):
    from certificates import issuance

    certificate = ready_certificate()
    issuance.withdraw(certificate, by=staff)

    assert "Certificates checked: 0;" in refresh()


# ---------------------------------------------------------------------------------------------- status list


def test_the_served_status_list_follows_the_issuer_name_and_is_never_the_older_format(settings):
    cache.clear()
    ready_certificate()
    first = signing.signed_status_list_credential()
    settings.CERTIFICATE_ISSUER_NAME = "Another Name"

    second = signing.signed_status_list_credential()

    assert first["issuer"]["name"] != "Another Name"
    assert second["issuer"]["name"] == "Another Name"
    assert second["proof"]["@context"] == second["@context"]


def test_the_render_task_treats_a_pdf_at_another_address_as_not_done(settings):
    certificate = ready_certificate()
    settings.WAGTAILADMIN_BASE_URL = OTHER_ADDRESS

    assert render_certificate.delay(certificate.pk).get() == "ready"
    assert render_certificate.delay(certificate.pk).get() == "already"


# ---------------------------------------------------------------------------------------------- progress


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


class Wrapper:
    """What BaseCommand gives the bar: write(..., ending=...), flush(), isatty()."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str, ending: str = "\n") -> None:
        self.stream.write(text + ending)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def test_the_progress_bar_draws_on_a_terminal_and_stays_silent_in_a_log():
    terminal, log = Terminal(), StringIO()
    for stream in (terminal, log):
        bar = ProgressBar(Wrapper(stream), 2)
        bar.advance()
        bar.advance()
        bar.close()

    assert "1/2" in terminal.getvalue() and f"[{'#' * 30}] 2/2" in terminal.getvalue()
    assert log.getvalue() == ""
