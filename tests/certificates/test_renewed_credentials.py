"""A renewed certificate's credential, checked by the implementation outsiders use (Digital Bazaar, under Node, as in
test_credential_third_party.py): the new version's credential verifies with its new `validUntil`, and the copy
of the replaced version its holder kept still verifies (its status bit is not set: replaced is not revoked)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates import renewal, signing
from certificates.credentials.data_integrity import datetime_stamp
from certificates.tasks import render_certificate
from tests.certificates.test_credential_third_party import assert_accepted, download, rendered, run_verifier, site

from .renewal_support import expiring_certificate, expiring_template, refresher_course

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]
__all__ = ["site"]


def test_a_renewed_credential_verifies_with_its_new_valid_until_and_the_old_copy_still_does(site):
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    render_certificate.delay(old.pk, True)  # signed again with the dates the test gave it
    old = rendered(old)
    kept = signing.credential_url(old.code)
    old_credential = download(kept)

    [new] = renewal.renew_for_refresher(old.member_id, refresher, timezone.now())
    new = rendered(new)
    renewed_credential = download(signing.credential_url(new.code))

    assert old_credential["validUntil"] == datetime_stamp(old.expires_at)
    assert renewed_credential["validUntil"] == datetime_stamp(new.expires_at)
    assert renewed_credential["validUntil"] > old_credential["validUntil"]
    results = run_verifier(site, [signing.credential_url(new.code), kept])
    assert_accepted(results[signing.credential_url(new.code)])
    assert_accepted(results[kept])
