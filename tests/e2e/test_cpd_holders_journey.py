"""A member under two CPD schemes in a real browser: the practitioner scheme by membership tier, counted from the
day they joined, and a recertification scheme for holders of a credential, counted from the day they earned it.
Each section names who it applies to and the day its cycles count from. Once the credential is revoked, the
recertification scheme no longer applies, and its cycle is listed under "Earlier schemes" with its transcript.
The page passes axe-core and reflows without sideways scrolling at 320 and 1280 px, both times."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates import issuance
from lms.formatting import date_text
from lms.models import MembershipTier
from tests import factories
from tests.certificates.factories import CertificateTemplateFactory
from tests.cpd.factories import earn, holders_scheme, member_joined, scheme
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import checked_at_both_widths, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]


def test_a_credential_holder_sees_two_schemes_counted_from_two_days(page, live_server, browser_errors,
                                                                    screenshot_dir):
    scheme("VSMC Practitioner CPD", tiers=[MembershipTier.PROFESSIONAL, MembershipTier.INSTITUTIONAL])
    credential = CertificateTemplateFactory(name="Certified VSM Professional", valid_for_months=36)
    holders_scheme(credential, months=24, name="Certified VSM Professional recertification")
    member = member_joined(timezone.localdate() - timedelta(days=400), first_name="Joana", last_name="Ferreira")
    earned = earn(member, credential, days_ago=250)
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/cpd/")

    practitioner = page.locator(".cpd-cycle", has_text="VSMC Practitioner CPD").inner_text()
    assert "Professional member" in practitioner and "Institutional member" in practitioner
    assert f"{date_text(member.date_joined)}, the day you joined" in practitioner
    holders = page.locator(".cpd-cycle", has_text="Certified VSM Professional recertification").inner_text()
    assert "For holders of" in holders and "Certified VSM Professional" in holders
    assert "Membership tiers" not in holders
    assert f"{date_text(earned.issued_at)}, the day you first earned the credential" in holders
    checked_at_both_widths(page, screenshot_dir, "cpd-page-two-schemes")

    issuance.revoke(earned, "Issued in error", by=factories.StaffFactory(), notify=False)
    page.goto("/cpd/")

    assert page.locator(".cpd-cycle", has_text="Certified VSM Professional recertification").count() == 0
    earlier = page.locator(".cpd-earlier")
    assert earlier.get_by_role("heading", name="Earlier schemes", level=2).is_visible()
    assert earlier.get_by_role("heading", name="Certified VSM Professional recertification", level=3).is_visible()
    assert "In progress" in earlier.inner_text()
    assert earlier.get_by_role("link", name="CSV (spreadsheet)").count() == 1
    checked_at_both_widths(page, screenshot_dir, "cpd-page-earlier-scheme")
    assert browser_errors == []
