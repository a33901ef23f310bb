"""Expiry shown everywhere: the verification page and the API (a renewed certificate's new expiry, the replaced
version's standing), the member's certificates on "My learning" (an "expires soon" badge with the refresher to
renew by, an expired one still renewable, a lapsed one not), and the staff list's expiry filter."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates import renewal
from lms.formatting import date_text

from .public_support import certificates_panel_registered, fresh_client_address
from .renewal_support import expiring_certificate, expiring_template, refresher_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "certificates_panel_registered")]
__all__ = ["certificates_panel_registered", "fresh_client_address"]


def api(client, code: str) -> dict:
    response = client.get(f"/api/v1/certificates/{code}")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_verify_page_and_the_api_show_the_renewed_expiry_and_the_old_versions_standing(client):
    refresher = refresher_course()
    old = expiring_certificate(expires_in=timedelta(days=20), template=expiring_template(refresher=refresher))
    [new] = renewal.renew_for_refresher(old.member_id, refresher, timezone.now())

    page = client.get(reverse("certificates:verify", args=[new.code])).content.decode()
    assert "Valid until" in page and date_text(new.expires_at) in page
    assert f'datetime="{timezone.localtime(new.expires_at).isoformat()}"' in page

    body = api(client, new.code)
    assert body["expires_at"].startswith(new.expires_at.date().isoformat()) and body["status"] == "valid"
    replaced = api(client, old.code)
    assert replaced["status"] == "replaced" and replaced["replaced_by"]["code"] == new.code
    assert replaced["expires_at"].startswith(old.expires_at.date().isoformat())


def test_an_expired_certificate_says_so_on_the_page_and_in_the_api(client):
    certificate = expiring_certificate(expires_in=timedelta(days=-3))

    assert "Expired" in client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert api(client, certificate.code)["status"] == "expired"


def certificates_section(client) -> str:
    html = client.get("/my-learning/").content.decode()
    match = re.search(r'<section aria-labelledby="certificates-heading".*?</section>', html, re.S)
    assert match
    return match.group(0)


def test_my_learning_shows_expiring_soon_with_the_refresher_to_renew_by(client):
    refresher = refresher_course()
    certificate = expiring_certificate(expires_in=timedelta(days=20),
                                       template=expiring_template(refresher=refresher, by_cpd_cycle=True))
    client.force_login(certificate.member)

    section = certificates_section(client)

    assert "Expires soon" in section and date_text(certificate.expires_at) in section
    assert f'href="{refresher.url}"' in section and "by completing the refresher Ethics refresher" in section
    assert "A CPD cycle that closes as met also renews it" in section and 'href="/cpd/"' in section


def test_my_learning_shows_an_expired_certificate_renewable_until_the_grace_period_ends(client):
    refresher = refresher_course()
    certificate = expiring_certificate(expires_in=timedelta(days=-10), template=expiring_template(refresher=refresher))
    client.force_login(certificate.member)

    section = certificates_section(client)

    assert "Expired" in section and "Expires soon" not in section
    assert f"you can still renew it until {date_text(certificate.expires_at + renewal.GRACE)}" in section
    assert f'href="{refresher.url}"' in section


def test_a_lapsed_certificate_and_one_far_from_expiry_offer_no_renewal(client):
    refresher = refresher_course()
    template = expiring_template(refresher=refresher)
    lapsed = expiring_certificate(expires_in=timedelta(days=-200), template=template)
    expiring_certificate(lapsed.member, expires_in=timedelta(days=300), template=template, title="Far off")
    client.force_login(lapsed.member)

    section = certificates_section(client)

    assert "Expired" in section and "Renew" not in section and refresher.url not in section


def test_staff_filter_the_list_by_expiry(client, staff):
    soon = expiring_certificate(expires_in=timedelta(days=20), title="Expiring module")
    expired = expiring_certificate(expires_in=timedelta(days=-20), title="Lapsed module")
    expiring_certificate(expires_in=timedelta(days=400), title="Far module")
    client.force_login(staff)
    index = reverse("certificates_admin:index")

    expiring = client.get(index, {"expiry": "soon"}).content.decode()
    renewable = client.get(index, {"expiry": "renewable"}).content.decode()

    assert soon.code in expiring and expired.code not in expiring and "Far module" not in expiring
    assert expired.code in renewable and soon.code not in renewable
    refused = client.get(index, {"expiry": "tomorrow"})
    assert refused.status_code == 400 and "is not an expiry choice" in refused.content.decode()


def test_my_learning_reads_the_renewal_routes_in_a_fixed_number_of_queries(client):
    refresher = refresher_course()
    template = expiring_template(refresher=refresher)
    member = expiring_certificate(expires_in=timedelta(days=20), template=template).member
    client.force_login(member)

    def queries() -> int:
        """The rendering's queries: the page itself never served kept (cms/page_cache.py)."""
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as captured:
            assert client.get("/my-learning/").status_code == 200
        return len(captured)

    # The first request after a write fills the caches that write's generations retired (lms/generations.py: the
    # route, the shell, the recommendations); the count compared is the next one's.
    queries()
    one = queries()
    for n in range(3):
        expiring_certificate(member, expires_in=timedelta(days=10 + n), template=template, title=f"Module {n}")
    queries()
    assert queries() == one
