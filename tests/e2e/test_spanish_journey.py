"""A Spanish-speaking visitor's whole journey in a real browser, with nothing but the browser's language to go on:
lands on the Spanish site, searches in Spanish, signs up, registers for a webinar, takes a course and receives a
Spanish certificate. Every word they meet (pages, e-mails, the PDF) is Spanish, while what they do belongs to the
original English offerings.

The browser says "es-ES" (Accept-Language); the course and the webinar are translated the way an editor does it
(the Spanish alias converted into a page of its own and published). Key pages are checked with axe-core and for
sideways scrolling; screenshots go to E2E_SCREENSHOT_DIR.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess  # noqa: S404 -- pdftotext with a fixed argument list

import pytest
from django.core import mail
from django.core.management import call_command

from certificates.models import Certificate, RenderState, TemplateWording
from cms.locale_trees import sync_locale_trees
from courses.models import Enrolment, Registration
from lms.models import Member
from tests import factories
from tests.certificates.factories import default_template
from tests.e2e.axe import assert_no_axe_violations, serve_axe
from tests.e2e.browsing import check_accessibility, save_screenshot
from tests.e2e.test_phone_width import OVERFLOW_JS
from tests.translating import translate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

EMAIL = "lucia.garcia@example.org"
PASSWORD = "flujo-de-valor-2026!"
COURSE_ES = "Fundamentos de métricas de flujo"
WEBINAR_ES = "Métricas de flujo en directo"
CERTIFICATE_TITLE_ES = "Certificado de finalización"


def build_site():
    """A two-lesson English course and an English webinar, both translated into Spanish; a certificate template
    worded in Spanish; the search index filled as `make run` does."""
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=2, cpd_hours=2)
    webinar = factories.build_event(title="Flow Metrics Live", sessions=[factories.session_spec(20, capacity=10)])
    template = default_template()  # a transactional test's flush removed the data migration's default
    TemplateWording.objects.update_or_create(template=template, language="es", defaults={
        "title": CERTIFICATE_TITLE_ES, "body": "ha completado {{ achievement }}."})
    sync_locale_trees()
    es_course = translate(course, "es", title=COURSE_ES, summary="Cómo medir el flujo de valor de principio a fin.")
    es_webinar = translate(webinar, "es", title=WEBINAR_ES, summary="Un seminario web sobre las métricas de flujo.")
    call_command("catalog_reindex", stdout=io.StringIO())
    return course, es_course, webinar, es_webinar


def assert_fits(page, width: int) -> None:
    """No sideways scrolling at this window width."""
    page.set_viewport_size({"width": width, "height": 900})
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"{page.url} at {width} px: {overflow}"


def key_page(page, screenshot_dir, name: str, *, phone: bool = False) -> None:
    """The checks every key page gets: structure and keyboard, axe-core, no sideways scroll, a screenshot."""
    check_accessibility(page)
    assert_no_axe_violations(page)
    assert_fits(page, 1280)
    save_screenshot(page, screenshot_dir, f"es-{name}")
    if phone:
        assert_fits(page, 320)
        save_screenshot(page, screenshot_dir, f"es-{name}-320")
        page.set_viewport_size({"width": 1280, "height": 900})


def pdf_text(pdf: bytes, tmp_path) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        pytest.fail("pdftotext is missing: install the Debian package poppler-utils (make system-deps does)")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return subprocess.run([program, str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.fixture
def spanish_page(browser, live_server, browser_errors, settings):
    """A browser whose language is Spanish (Spain), with axe-core served from the site's own origin."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="es-ES", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    serve_axe(context)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 500 and browser_errors.append(f"HTTP {r.status} {r.url}"))
    page.on("pageerror", lambda error: browser_errors.append(f"script error: {error}"))
    try:
        yield page
    finally:
        context.close()


def test_a_spanish_visitor_signs_up_registers_learns_and_gets_a_spanish_certificate(
    spanish_page, live_server, screenshot_dir, browser_errors, tmp_path
):
    page = spanish_page
    course, es_course, webinar, es_webinar = build_site()
    mail.outbox.clear()

    # --- lands: the browser's language takes them to the Spanish site ---------------------------------------
    page.goto("/")
    page.wait_for_url("**/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    navigation = page.get_by_role("navigation", name="Principal")
    assert navigation.get_by_role("link", name="Catálogo").is_visible()
    assert navigation.get_by_role("link", name="Iniciar sesión").is_visible()
    key_page(page, screenshot_dir, "home", phone=True)

    # --- searches in Spanish and finds the Spanish course --------------------------------------------------
    page.goto("/es/search/")
    page.get_by_label("Cursos, talleres, seminarios web y módulos de ética").fill("métricas")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/es/search/\?q="))
    titles = [t.strip() for t in page.locator("#search-results .card h3").all_inner_texts()]
    assert COURSE_ES in titles and "Flow Metrics Fundamentals" not in titles, titles
    key_page(page, screenshot_dir, "search", phone=True)

    # --- signs up through the real form, in Spanish ---------------------------------------------------------
    page.get_by_role("link", name="Crear una cuenta").click()
    page.wait_for_url("**/es/accounts/signup/")
    key_page(page, screenshot_dir, "signup")
    page.get_by_label("Correo electrónico").fill(EMAIL)
    page.get_by_label("Nombre").fill("Lucía")
    page.get_by_label("Apellidos").fill("García")
    page.get_by_label("Contraseña:", exact=True).fill(PASSWORD)
    page.get_by_label("Contraseña (de nuevo)").fill(PASSWORD)
    page.get_by_role("button", name="Registrarse").click()
    page.wait_for_url("**/es/accounts/confirm-email/")
    member = Member.objects.get(email=EMAIL)
    assert member.site_language == "es"  # chosen by reading the sign-up form in Spanish

    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    confirmation = mail.outbox[0]
    assert "Confirme su dirección de correo electrónico" in confirmation.subject
    assert confirmation.body.startswith("Hola, Lucía")
    link = re.search(r"https?://\S+/es/accounts/confirm-email/[^/\s]+/", confirmation.body)
    assert link, confirmation.body
    page.goto(link.group(0))
    check_accessibility(page)
    page.get_by_role("button", name="Confirmar").click()
    page.wait_for_url("**/es/**")
    assert member.emailaddress_set.get(email=EMAIL).verified
    assert page.get_by_role("button", name="Cerrar sesión").is_visible()

    # --- registers for the webinar on its Spanish page ------------------------------------------------------
    mail.outbox.clear()
    page.goto(es_webinar.url)
    assert page.get_by_role("heading", level=1).inner_text().strip() == WEBINAR_ES
    key_page(page, screenshot_dir, "webinar")
    page.get_by_role("button", name="Inscribirse").click()
    page.wait_for_load_state()
    registration = Registration.objects.get(member=member)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.session.event_id == webinar.pk
    letters = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(letters) == 1, [m.subject for m in mail.outbox]
    letter = letters[0]
    assert letter.subject == f"Se ha inscrito: {WEBINAR_ES}"
    assert letter.body.startswith("Hola, Lucía") and "Página del evento:" in letter.body
    assert WEBINAR_ES in letter.body and f"{live_server.url}/es/" in letter.body
    html = letter.alternatives[0][0]
    assert 'lang="es"' in html and WEBINAR_ES in html
    # Every link in the letter leads to a Spanish page.
    for address in re.findall(r"https?://\S+", letter.body):
        page.goto(address)
        assert page.url.startswith(f"{live_server.url}/es/"), (address, page.url)
        assert page.locator("html").get_attribute("lang") == "es"

    # --- enrols in the Spanish course and completes it -------------------------------------------------------
    page.goto(es_course.url)
    key_page(page, screenshot_dir, "course")
    page.get_by_role("button", name="Inscribirse").click()
    page.wait_for_url("**/es/**")
    assert Enrolment.objects.get(member=member).offering_id == course.pk
    for _ in range(2):
        assert page.url.startswith(f"{live_server.url}/es/")
        check_accessibility(page)
        page.get_by_role("button", name="Marcar la lección como completada").click()
        page.wait_for_load_state()
    enrolment = Enrolment.objects.get(member=member)
    assert enrolment.completed_at is not None and enrolment.offering_id == course.pk
    page.goto(es_course.url)
    assert "100% completado" in page.locator("main").inner_text()
    key_page(page, screenshot_dir, "course-completed")

    # --- the certificate is Spanish -----------------------------------------------------------------------
    certificate = Certificate.objects.get(member=member)
    assert certificate.offering_id == course.pk
    assert certificate.language == "es"
    assert certificate.achievement_title == COURSE_ES
    assert certificate.render_state == RenderState.READY
    text = " ".join(pdf_text(certificate.pdf.read(), tmp_path).split())
    for words in (CERTIFICATE_TITLE_ES, "Se certifica que", "Lucía García", f"ha completado {COURSE_ES}",
                  "Verifique este certificado"):
        assert words in text, (words, text)
    # The facts' labels are set in capitals by the stylesheet; pdftotext reads them as drawn.
    assert "FECHA DE EMISIÓN" in text and "2 horas" in text, text
    assert re.search(r"\b\d{1,2} de [a-z]+ de \d{4}\b", text), text  # the date of issue, written in Spanish
    assert "Certificate" not in text and "certifies" not in text and "Flow Metrics" not in text

    assert browser_errors == []
