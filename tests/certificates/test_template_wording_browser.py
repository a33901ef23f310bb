"""Staff word a certificate template in another language in a real browser: add the row, save, see a second row
in the same language refused with the reason beside it, and preview the PDF in that language. Screenshots go to
E2E_SCREENSHOT_DIR (or /tmp)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests import factories
from tests.e2e.browsing import UNLABELLED_CONTROLS_JS, save_screenshot, sign_in

from .factories import add_signatory, default_template

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SPANISH_BODY = "ha completado con éxito {{ achievement }} y obtuvo {{ cpd_hours }} horas de formación."


def add_wording(tab, index: int, language: str, title: str, body: str) -> None:
    tab.get_by_role("button", name="Add wording").click()
    tab.locator(f"#id_wordings-{index}-language").select_option(language)
    tab.locator(f"#id_wordings-{index}-title").fill(title)
    tab.locator(f"#id_wordings-{index}-body").fill(body)


def test_staff_word_a_template_in_spanish_and_preview_it(page, live_server, browser_errors, screenshot_dir, media_root):
    template = default_template()
    add_signatory(template, "Dr Helena Vogt", "Chair, Education Committee")
    sign_in(page, live_server, factories.StaffFactory(email="staff@example.org"))
    edit_url = reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk])

    page.goto(edit_url)
    add_wording(page, 0, "es", "Certificado de finalización", SPANISH_BODY)
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert template.wordings.get(language="es").body == SPANISH_BODY

    page.goto(edit_url)
    add_wording(page, 1, "es", "Otro certificado", SPANISH_BODY)
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert "There is already a wording in Español; keep one of them." in page.inner_text("main")
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == []  # the new rows' fields have names too
    save_screenshot(page, screenshot_dir, "certificate-template-wording-refused")
    assert template.wordings.count() == 1

    page.goto(edit_url)
    assert page.get_by_role("link", name="Preview PDF (Español)").count() == 1
    preview = page.request.get(f"{reverse('certificates_admin:template_preview', args=[template.pk])}?language=es")
    assert preview.ok and preview.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(preview.body()))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert "Certificado de finalización" in reader.pages[0].extract_text()
    assert browser_errors == []
