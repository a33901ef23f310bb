"""Staff manage certificates in a real browser: find one in the list, open it, revoke it with a reason, see a bulk
issue refused line by line, and preview a template as a PDF. Screenshots go to E2E_SCREENSHOT_DIR (or /tmp)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from certificates.models import Certificate, RenderState
from tests import factories
from tests.e2e.browsing import UNLABELLED_CONTROLS_JS, save_screenshot, sign_in

from .factories import add_signatory, default_template, issued_certificate, make_image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def check_admin_page(tab) -> None:
    """One h1, a language, and a name for every visible form control."""
    assert tab.locator("h1").count() == 1, tab.url
    assert (tab.locator("html").get_attribute("lang") or "").strip(), tab.url
    assert tab.evaluate(UNLABELLED_CONTROLS_JS) == [], tab.url


def test_staff_find_revoke_and_preview(page, live_server, browser_errors, screenshot_dir, media_root):
    template = default_template(logo=make_image("Association logo", "logo.png"))
    add_signatory(template, "Dr Helena Vogt", "Chair, Education Committee")
    member = factories.MemberFactory(first_name="Priya", last_name="Raman", email="priya@example.org")
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    certificate = issued_certificate(member, course)  # rendered on commit (tasks run eagerly in tests)
    assert Certificate.objects.get(pk=certificate.pk).render_state == RenderState.READY
    staff = factories.StaffFactory(email="staff@example.org")
    sign_in(page, live_server, staff)

    page.goto(reverse("certificates_admin:index"))
    check_admin_page(page)
    page.get_by_role("button", name="Show filters").click()  # Wagtail's listing keeps its filters in a drawer
    page.get_by_role("button", name="Status").click()
    page.get_by_label("Status").select_option("valid")  # the listing refreshes itself and reflects the address
    page.wait_for_url("**status=valid**")
    assert certificate.code in page.locator("table.listing").inner_text()
    save_screenshot(page, screenshot_dir, "certificates-list")

    page.get_by_role("link", name=certificate.code).click()
    page.wait_for_url(f"**{reverse('certificates_admin:detail', args=[certificate.pk])}")
    check_admin_page(page)
    assert "Priya Raman" in page.inner_text("main")
    save_screenshot(page, screenshot_dir, "certificate-detail")
    with page.expect_response(lambda r: "/pdf/" in r.url) as pdf_response:
        page.evaluate("url => fetch(url)", reverse("certificates_admin:pdf", args=[certificate.pk]))
    assert pdf_response.value.headers["content-type"] == "application/pdf"

    page.get_by_label("Reason").fill("Completed from a shared account")
    page.get_by_role("button", name="Revoke certificate").click()
    page.wait_for_load_state()
    assert "This cannot be undone." in page.inner_text("main")  # the confirmation page; nothing revoked yet
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None
    page.get_by_role("button", name="Revoke certificate").click()
    page.wait_for_load_state()
    assert "is revoked" in page.inner_text("body")
    assert "Completed from a shared account" in page.inner_text("main")
    save_screenshot(page, screenshot_dir, "certificate-revoked")
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is not None

    page.goto(reverse("certificates_admin:bulk"))
    check_admin_page(page)
    page.get_by_label("Offering").select_option(str(course.pk))
    page.get_by_label("E-mail addresses").fill("priya@example.org\nnobody@example.org\nnot-an-address")
    page.get_by_label("Why they are issued by hand").fill("Cohort 3, paper register")
    page.get_by_role("button", name="Issue certificates").click()
    page.wait_for_load_state()
    problems = page.get_by_role("alert").inner_text()
    assert "nobody@example.org" in problems and "not-an-address" in problems
    save_screenshot(page, screenshot_dir, "certificates-bulk-refused")

    page.goto(reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]))
    assert "member_name" in page.inner_text("main")
    save_screenshot(page, screenshot_dir, "certificate-template-edit")
    preview = page.request.get(reverse("certificates_admin:template_preview", args=[template.pk]))
    assert preview.ok and preview.headers["content-type"] == "application/pdf" and preview.body()[:5] == b"%PDF-"
    assert browser_errors == []
