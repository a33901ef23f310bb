"""A replaced version says what replaced it (issuance.replaced_status): a renewal, with the renewed certificate's
expiry, or a re-issue, on the verify page, in the verify API and in the staff list, never "for example after a
change of name" for a renewal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates import issuance, renewal
from certificates.models import Certificate
from lms.formatting import date_text

from .renewal_support import expiring_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def newest(certificate: Certificate) -> Certificate:
    return Certificate.objects.get(achievement_key=certificate.achievement_key, member_id=certificate.member_id,
                                   superseded_at__isnull=True)


def test_a_renewed_version_says_it_was_renewed_and_until_when(client):
    old = expiring_certificate(expires_in=timedelta(days=30))
    new = renewal.renew(old.pk, timezone.now(), "Completed the refresher")
    assert new is not None

    html = client.get(f"/certificates/verify/{old.code}").content.decode()
    answer = client.get(f"/api/v1/certificates/{old.code}").json()

    assert 'class="status-word">Replaced by its renewal<' in html
    assert f"valid until {date_text(new.expires_at)}" in html
    assert "change of name" not in html
    assert answer["status"] == "replaced" and answer["status_label"] == "Replaced by its renewal"
    assert date_text(new.expires_at) in answer["status_explanation"]


def test_a_re_issued_version_says_it_was_re_issued(client, staff):
    old = expiring_certificate(expires_in=timedelta(days=300))
    member = old.member
    member.last_name = "Okafor-Bello"
    member.save()
    issuance.reissue(old, by=staff, reason="Name changed")

    html = client.get(f"/certificates/verify/{old.code}").content.decode()
    answer = client.get(f"/api/v1/certificates/{old.code}").json()

    assert 'class="status-word">Replaced by a re-issue<' in html
    assert "Re-issued on" in html and "valid until" not in html
    assert answer["status_label"] == "Replaced by a re-issue"


def listed(client) -> tuple[str, int]:
    """The staff list of replaced versions and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("certificates_admin:index"), {"status": "replaced"}).content.decode()
    return html, len(queries)


def test_the_staff_list_words_both_without_a_query_per_row(client, staff):
    client.force_login(staff)
    renewed = expiring_certificate(expires_in=timedelta(days=30))
    renewal.renew(renewed.pk, timezone.now(), "Completed the refresher")
    listed(client)  # the first request fills per-process caches
    html, one_row = listed(client)
    assert "Replaced by its renewal" in html
    reissued = expiring_certificate(expires_in=timedelta(days=300), title="Another module")
    member = reissued.member
    member.last_name = "Renamed"
    member.save()
    issuance.reissue(reissued, by=staff, reason="Name changed")

    html, two_rows = listed(client)

    assert "Replaced by its renewal" in html and "Replaced by a re-issue" in html
    assert two_rows == one_row
