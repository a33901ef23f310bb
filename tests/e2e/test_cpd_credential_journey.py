"""The CPD page's downloads in a real browser: a member whose cycle has met its requirement finds "Download your CPD
credential" on the first view after it is met, without a reload (the certificate's PDF, verifiable by its code),
and the cycle's transcript as PDF and CSV. The page passes axe-core and reflows without sideways scrolling at 320
and 1280 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.cpd.models import ExternalActivity
from certificates.models import Certificate
from tests.certificates.factories import default_template
from tests.cpd.factories import activity, member_joined, scheme
from tests.e2e.axe import serve_axe
from tests.e2e.browsing import sign_in
from tests.e2e.test_cpd_journey import checked_at_both_widths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]


def test_a_member_who_met_the_cycle_downloads_the_credential_and_the_transcripts(page, live_server, browser_errors,
                                                                                 screenshot_dir, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    default_template()
    scheme()
    member = member_joined(timezone.localdate() - timedelta(days=200), first_name="Carmen", last_name="Gutiérrez")
    for category, hours in (("general", "56"), ("ethics", "6")):
        activity(member, hours=hours, category=category, day=timezone.localdate() - timedelta(days=4),
                 status=ExternalActivity.Status.APPROVED, title=f"Flow Summit ({category})")
    serve_axe(page.context)
    sign_in(page, live_server, member)

    page.goto("/cpd/")
    page.wait_for_load_state()
    assert "You have met this cycle's requirement." in page.locator("main").inner_text()
    # Reading the met cycle issued the credential; its PDF is made after that answer, but the first view already
    # offers the download (certificates/first_download.py renders it then if the task has not yet).
    assert "being prepared" not in page.locator("main").inner_text()
    download = page.get_by_role("link", name="Download your CPD credential")
    assert download.is_visible()
    checked_at_both_widths(page, screenshot_dir, "credential")

    certificate = Certificate.objects.get(member=member)
    assert download.get_attribute("href") == f"/certificates/{certificate.code}/certificate.pdf"
    pdf = page.request.get(live_server.url + download.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    transcript_pdf = page.get_by_role("link", name="PDF for the cycle", exact=False).first
    transcript_csv = page.get_by_role("link", name="CSV (spreadsheet) for the cycle", exact=False).first
    answer = page.request.get(live_server.url + transcript_pdf.get_attribute("href"))
    assert answer.status == 200 and answer.body().startswith(b"%PDF")
    table = page.request.get(live_server.url + transcript_csv.get_attribute("href"))
    assert table.status == 200
    assert "Flow Summit (ethics)" in table.body().decode("utf-8")

    page.get_by_role("link", name="Its verification page", exact=False).click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert certificate.achievement_title in main
    assert "Period covered" in main
