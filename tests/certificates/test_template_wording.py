"""Certificate wording per language: a member is printed the template's words in their language if it has them,
else in the offering's, else the default wording; dates, hours and every fixed word follow, the PDF's /Lang is
that language, and the certificate and its credential record it. Read from the PDFs the real task path stores."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from certificates import issuance
from certificates.models import CertificateTemplate, RenderState, TemplateWording
from certificates.rendering import CertificateRenderError, Wording, render_certificate_pdf
from tests import factories

from .factories import add_signatory, complete_course, default_template
from .public_support import certificates_panel_registered, fresh_client_address
from .rendering_support import design, facts

pytestmark = pytest.mark.django_db
__all__ = ["certificates_panel_registered", "fresh_client_address"]

LOCALE = Path(__file__).resolve().parents[2] / "certificates" / "locale"
MONTHS = {
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
}
WORDINGS = {
    "es": ("Certificado de finalización", "ha completado con éxito {{ achievement }} el {{ issue_date }}."),
    "fr": ("Certificat de réussite", "a suivi avec succès {{ achievement }} le {{ issue_date }}."),
}
# The fixed words every certificate prints around the template's wording.
FIXED_WORDS = (
    "This certifies that",
    "CPD credit",
    "Date of issue",
    "Valid until",
    "Verify this certificate",
    "General CPD",
    "no expiry date",
)


def worded_template(languages=("es", "fr"), **fields) -> CertificateTemplate:
    """The site default, in English, with wording in `languages` and a signatory."""
    template = default_template(
        title="Certificate of completion",
        body="has successfully completed {{ achievement }} on {{ issue_date }}.",
        **fields,
    )
    template.wordings.all().delete()
    for language in languages:
        title, body = WORDINGS[language]
        TemplateWording.objects.create(template=template, language=language, title=title, body=body)
    if not template.signatories.exists():
        add_signatory(template, name="María López", role="Directora de Formación")
    return template


def issue_and_render(member, offering, capture):
    with capture(execute=True):
        certificate = issuance.issue_for_completion(complete_course(member, offering).pk)
    certificate.refresh_from_db()
    assert certificate.render_state == RenderState.READY, certificate.render_failure
    return certificate


def pdf_of(certificate) -> tuple[str, str]:
    """(/Lang, the page's text) of the stored PDF."""
    with certificate.pdf.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert len(reader.pages) == 1
    return str(reader.trailer["/Root"]["/Lang"]), unicodedata.normalize("NFC", reader.pages[0].extract_text())


def one_line(text: str) -> str:
    return " ".join(text.split())


def long_date(language: str) -> str:
    today = timezone.localdate()
    return f"{today.day} de {MONTHS[language][today.month - 1]} de {today.year}"


def test_a_spanish_speaking_member_gets_spanish_words_dates_and_lang(media_root, django_capture_on_commit_callbacks):
    worded_template()
    member = factories.MemberFactory(first_name="Lucía", last_name="Fernández", preferred_languages=["es", "en"])
    course = factories.build_offering(
        title="Flow Metrics Fundamentals", language="en", cpd_hours=Decimal("1.5"), modules=1, lessons_per_module=1
    )

    certificate = issue_and_render(member, course, django_capture_on_commit_callbacks)

    assert certificate.language == "es"
    lang, text = pdf_of(certificate)
    assert lang == "es"
    words = one_line(text)
    assert "Certificado de finalización" in words
    assert f"ha completado con éxito Flow Metrics Fundamentals el {long_date('es')}." in words
    assert "Se certifica que" in words and "Lucía Fernández" in words
    assert "FECHA DE EMISIÓN" in words.upper() and "1,5 horas, DPC general" in words
    assert "Verifique este certificado" in words
    for english in ("Certificate of completion", "This certifies that", "Date of issue", "hours", "General CPD"):
        assert english not in words
    # The credential says the same language as the PDF, and its own words are in it.
    achievement = certificate.credential["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "es"
    assert achievement["tag"] == ["DPC general"]
    assert achievement["criteria"]["narrative"].startswith("Completó todas las lecciones")


def test_pages_mark_the_achievement_title_with_the_offerings_language_not_the_printed_one(
    client, fresh_client_address, certificates_panel_registered, media_root, django_capture_on_commit_callbacks
):
    worded_template()
    member = factories.MemberFactory(preferred_languages=["es"])
    course = factories.build_offering(title="Flow Metrics Fundamentals", language="en", modules=1, lessons_per_module=1)
    certificate = issue_and_render(member, course, django_capture_on_commit_callbacks)
    assert certificate.language == "es"

    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()

    assert '<dd lang="en">Flow Metrics Fundamentals</dd>' in page
    client.force_login(member)
    assert '<h3 lang="en">Flow Metrics Fundamentals</h3>' in client.get("/my-learning/").content.decode()


def test_without_the_members_language_the_offerings_is_printed(media_root, django_capture_on_commit_callbacks):
    worded_template()
    member = factories.MemberFactory(preferred_languages=["de"])
    course = factories.build_offering(title="Cartographie des flux", language="fr", modules=1, lessons_per_module=1)

    certificate = issue_and_render(member, course, django_capture_on_commit_callbacks)

    assert certificate.language == "fr"
    lang, text = pdf_of(certificate)
    today = timezone.localdate()
    assert lang == "fr"
    words = one_line(text)
    assert f"a suivi avec succès Cartographie des flux le {today.day} {MONTHS['fr'][today.month - 1]}" in words
    assert "Ce certificat atteste que" in words and "Date de délivrance".upper() in words.upper()
    assert "3 heures, DPC général" in words


def test_without_either_the_default_wording_is_printed_with_its_own_lang(
    media_root, django_capture_on_commit_callbacks
):
    template = worded_template(languages=("es",))
    template.language, template.title = "pt", "Certificado de conclusão"
    template.body = "concluiu com êxito {{ achievement }} em {{ issue_date }}."
    template.save()
    member = factories.MemberFactory(preferred_languages=["de"])
    course = factories.build_offering(title="Wertstromanalyse", language="it", modules=1, lessons_per_module=1)

    certificate = issue_and_render(member, course, django_capture_on_commit_callbacks)

    assert certificate.language == "pt"
    lang, text = pdf_of(certificate)
    assert lang == "pt"
    words = one_line(text)
    assert f"concluiu com êxito Wertstromanalyse em {long_date('pt')}." in words  # "de dezembro", lower case
    assert "Certifica-se que" in words and "3 horas, DPC geral" in words


def test_an_english_default_prints_english_when_no_other_language_fits(media_root, django_capture_on_commit_callbacks):
    worded_template()
    member = factories.MemberFactory(preferred_languages=["de"])
    course = factories.build_offering(title="Flow Metrics Fundamentals", language="de", modules=1, lessons_per_module=1)

    certificate = issue_and_render(member, course, django_capture_on_commit_callbacks)

    lang, text = pdf_of(certificate)
    assert certificate.language == "en" and lang == "en"
    words = one_line(text)
    assert "Certificate of completion" in words and "This certifies that" in words
    assert "Date of issue".upper() in words.upper() and "3 hours, General CPD" in words
    assert certificate.credential["credentialSubject"]["achievement"]["inLanguage"] == "en"


def test_the_first_of_the_members_languages_the_template_has_wins():
    template = worded_template()
    spanish_course = factories.build_offering(language="es", modules=1, lessons_per_module=1)
    assert (
        issuance.printed_language(template, factories.MemberFactory(preferred_languages=["de", "fr", "es"]), "es")
        == "fr"
    )
    assert (
        issuance.printed_language(template, factories.MemberFactory(preferred_languages=[]), spanish_course.language)
        == "es"
    )
    assert issuance.printed_language(template, None, "pt") == "en"


def test_a_reissue_is_printed_in_the_members_language_now(staff, media_root, django_capture_on_commit_callbacks):
    worded_template()
    member = factories.MemberFactory(last_name="Old", preferred_languages=["en"])
    course = factories.build_offering(language="en", modules=1, lessons_per_module=1)
    first = issue_and_render(member, course, django_capture_on_commit_callbacks)
    assert first.language == "en"
    member.last_name, member.preferred_languages = "New", ["fr"]
    member.save()

    with django_capture_on_commit_callbacks(execute=True):
        second = issuance.reissue(first, by=staff, reason="Name changed on request")

    second.refresh_from_db()
    assert second.language == "fr" and issuance.record_matches_fingerprint(second)
    assert pdf_of(second)[0] == "fr"


def test_a_template_that_lost_the_certificates_wording_fails_the_render_naming_it(
    media_root, django_capture_on_commit_callbacks
):
    template = worded_template()
    member = factories.MemberFactory(preferred_languages=["es"])
    course = factories.build_offering(language="en", modules=1, lessons_per_module=1)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issuance.issue(member, issuance.facts_from_page(course), "completion")[0]
        template.wordings.filter(language="es").delete()
    certificate.refresh_from_db()
    assert certificate.language == "es"
    assert certificate.render_state == RenderState.FAILED and not certificate.pdf
    assert "no wording in “es”" in certificate.render_failure and "en, fr" in certificate.render_failure


def test_the_renderer_never_prints_words_in_another_language_than_its_lang():
    with pytest.raises(CertificateRenderError, match="no wording in “es”"):
        render_certificate_pdf(design(), facts(language="es"))
    mislabelled = Wording("es", "Certificado", "{{ unknown }}")
    with pytest.raises(CertificateRenderError, match=r"body text \(es\) has a problem.*unknown"):
        render_certificate_pdf(design(translations=(mislabelled,)), facts())


# --------------------------------------------------------------------------------------- the fixed words


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_fixed_certificate_word_is_translated_in_every_wording_language(language):
    with translation.override(language):
        for word in FIXED_WORDS:
            assert translation.gettext(word) != word, (language, word)
        assert translation.ngettext("%(hours)s hour, %(credit)s", "%(hours)s hours, %(credit)s", 2) != (
            "%(hours)s hours, %(credit)s"
        )


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_the_compiled_catalogs_are_those_of_the_po_files(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(  # noqa: S603 - a fixed program on the repository's own files
        ["msgfmt", "--check", "-o", str(compiled), str(folder / "django.po")],  # noqa: S607
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes(), "run msgfmt on the edited .po file"
