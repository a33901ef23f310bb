"""Certificate templates in the Wagtail admin: staff author them as snippets, mistakes are refused at save time
with the problem named, an offering picks at most one template, and "Preview PDF" prints sample data."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates import programme
from certificates.models import CertificateTemplate, TemplateAssignment
from tests import factories

from .factories import CertificateTemplateFactory, add_signatory, default_template, make_image

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_certificates_certificatetemplate:add")


def edit_url(template) -> str:
    return reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk])


def preview_url(template) -> str:
    return reverse("certificates_admin:template_preview", args=[template.pk])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)  # a Staff group member, not a superuser: the group has the template permissions
    return client


def template_form(signatories=(), offerings=(), wordings=(), paths=(), **fields) -> dict:
    data = {
        "name": "Spring cohort certificate",
        "language": "en",
        "title": "Certificate of completion",
        "body": "has completed {{ achievement }} ({{ cpd_hours }} CPD hours).",
        "accent_colour": "#1F4E79",
        "paper_size": "A4",
        "orientation": "landscape",
        "logo": "",
        "background": "",
        "valid_for_months": "",
        "signatories": inline_formset(list(signatories)),
        "assignments": inline_formset([{"offering": str(o.pk)} for o in offerings]),
        "wordings": inline_formset(list(wordings)),
        "path_assignments": inline_formset([{"path": str(p.pk)} for p in paths]),
    }
    data.update(fields)
    return nested_form_data(data)


def signatory_row(name="Dr Helena Vogt", image=None) -> dict:
    return {"name": name, "role": "Chair", "signature": str(image.pk) if image else ""}


def errors_in(response) -> str:
    assert response.status_code == 200, response.status_code  # Wagtail re-shows the form with the errors
    return response.content.decode()


def test_staff_create_a_template_with_signatories_and_offerings(staff_client, media_root):
    default_template()
    course = factories.build_offering(title="Flow Metrics Fundamentals")
    signature = make_image("Signature of Dr Helena Vogt", "vogt.png")

    response = staff_client.post(ADD_URL, template_form([signatory_row(image=signature)], [course],
                                                        logo=str(make_image().pk)))

    assert response.status_code == 302, response.content.decode()[:2000]
    template = CertificateTemplate.objects.get(name="Spring cohort certificate")
    assert [s.name for s in template.signatories.all()] == ["Dr Helena Vogt"]
    assert TemplateAssignment.objects.get(offering=course).template == template
    form_page = staff_client.get(edit_url(template)).content.decode()
    assert "member_name" in form_page and "verification_code" in form_page  # placeholders are listed
    assert preview_url(template) in form_page


def test_staff_pick_a_template_for_a_learning_paths_programme_certificate(staff_client, media_root):
    default_template()
    path = factories.build_learning_path([factories.build_offering(title="Flow Metrics Fundamentals")])

    response = staff_client.post(ADD_URL, template_form(paths=[path]))

    assert response.status_code == 302, response.content.decode()[:2000]
    template = CertificateTemplate.objects.get(name="Spring cohort certificate")
    assert programme.template_for_path(path.pk) == template
    again = staff_client.post(ADD_URL, template_form(paths=[path], name="Another programme template"))
    assert errors_in(again) and not CertificateTemplate.objects.filter(name="Another programme template").exists()


def test_an_unknown_placeholder_is_refused_by_name(staff_client):
    default_template()
    page = errors_in(staff_client.post(ADD_URL, template_form(body="Awarded to {{ member_nam }} on {{ issue_date }}")))
    assert "member_nam" in page and "Unknown placeholder" in page
    assert not CertificateTemplate.objects.filter(name="Spring cohort certificate").exists()


def test_a_malformed_placeholder_is_refused_quoting_it(staff_client):
    default_template()
    page = errors_in(staff_client.post(ADD_URL, template_form(title="Certificate for {{ member_name")))
    assert "{{ member_name" in page and "is not a placeholder" in page


def test_an_image_missing_from_storage_is_refused_naming_it(staff_client, media_root):
    default_template()
    logo = make_image("Old crest", "crest.png")
    logo.file.storage.delete(logo.file.name)
    signature = make_image("Scanned signature", "scan.png")
    signature.file.storage.delete(signature.file.name)

    page = errors_in(staff_client.post(ADD_URL, template_form([signatory_row(image=signature)], logo=str(logo.pk))))

    assert "The logo image “Old crest” has no file in storage" in page
    assert "“Scanned signature” has no file in storage" in page
    assert not CertificateTemplate.objects.filter(name="Spring cohort certificate").exists()


def test_a_signatory_needs_a_signature_image(staff_client):
    default_template()
    page = errors_in(staff_client.post(ADD_URL, template_form([signatory_row(image=None)])))
    assert "This field is required" in page
    assert not CertificateTemplate.objects.filter(name="Spring cohort certificate").exists()


def test_an_offering_already_on_another_template_is_refused_naming_that_template(staff_client):
    default_template()
    course = factories.build_offering(title="Flow Metrics Fundamentals")
    other = CertificateTemplateFactory(name="Autumn certificate")
    TemplateAssignment.objects.create(template=other, offering=course)

    page = errors_in(staff_client.post(ADD_URL, template_form(offerings=[course])))

    assert "Flow Metrics Fundamentals already uses the template “Autumn certificate”" in page
    twice_listed = factories.build_offering(title="Twice")
    twice = errors_in(staff_client.post(ADD_URL, template_form(offerings=[twice_listed, twice_listed])))
    assert "is listed twice" in twice


def test_a_second_site_default_is_refused_naming_the_current_one(staff_client):
    current = default_template()
    page = errors_in(staff_client.post(ADD_URL, template_form(is_site_default="on")))
    assert f"“{current.name}” is the site default" in page


def test_the_site_default_cannot_be_deleted(staff_client):
    current = default_template()
    delete_url = reverse("wagtailsnippets_certificates_certificatetemplate:delete", args=[current.pk])
    response = staff_client.post(delete_url)
    assert response.status_code == 409 and "cannot be deleted" in response.content.decode()
    assert CertificateTemplate.objects.filter(pk=current.pk).exists()


def test_preview_prints_sample_data_as_an_inline_pdf(staff_client, media_root):
    template = default_template(logo=make_image("Association logo", "logo.png"))
    add_signatory(template)

    response = staff_client.get(preview_url(template))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1 and "Zoë Ångström-Núñez" in reader.pages[0].extract_text()
    spanish = staff_client.get(preview_url(template), {"language": "es"})
    assert spanish.status_code == 200
    assert staff_client.get(preview_url(template), {"language": "xx"}).status_code == 400


def test_preview_of_a_broken_template_says_why(staff_client, media_root):
    template = default_template(logo=make_image("Faded logo", "faded.png"))
    template.logo.file.storage.delete(template.logo.file.name)
    response = staff_client.get(preview_url(template))
    assert response.status_code == 400
    assert "“Faded logo” has no file in storage" in response.content.decode()


def test_preview_and_editing_are_for_staff(client, instructor):
    template = default_template()
    client.force_login(instructor)
    assert client.get(preview_url(template)).status_code == 403
    assert client.get(edit_url(template)).status_code in (302, 403)


# ------------------------------------------------------------------------------------------- wording per language


def wording_row(language="es", title="Certificado de finalización",
                body="ha completado {{ achievement }} ({{ cpd_hours }} horas).") -> dict:
    return {"language": language, "title": title, "body": body}


def test_staff_add_wording_in_other_languages_and_preview_each(staff_client, media_root):
    default_template()
    signature = make_image("Signature of Dr Helena Vogt", "vogt.png")
    french = wording_row("fr", "Certificat de réussite", "a suivi {{ achievement }} ({{ cpd_hours }} heures).")

    response = staff_client.post(ADD_URL, template_form([signatory_row(image=signature)],
                                                        wordings=[wording_row(), french]))

    assert response.status_code == 302, response.content.decode()[:2000]
    template = CertificateTemplate.objects.get(name="Spring cohort certificate")
    assert template.languages() == ["en", "es", "fr"]
    assert template.wordings.get(language="fr").title == "Certificat de réussite"
    form_page = staff_client.get(edit_url(template)).content.decode()
    for language in ("en", "es", "fr"):
        assert f"{preview_url(template)}?language={language}" in form_page
    spanish = staff_client.get(preview_url(template), {"language": "es"})
    assert spanish.status_code == 200
    reader = PdfReader(io.BytesIO(spanish.content))
    text = " ".join(reader.pages[0].extract_text().split())
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert "Certificado de finalización" in text and "(1,5 horas)" in text and "Se certifica que" in text
    # A language the template lacks previews as such a member gets it: the default wording, in its language.
    german = PdfReader(io.BytesIO(staff_client.get(preview_url(template), {"language": "de"}).content))
    assert german.trailer["/Root"]["/Lang"] == "en"
    assert "Certificate of completion" in german.pages[0].extract_text()


def test_a_second_wording_in_the_same_language_is_refused(staff_client):
    default_template()
    response = staff_client.post(ADD_URL, template_form(wordings=[wording_row(), wording_row(title="Otro")]))
    page = errors_in(response)
    assert "There is already a wording in Español; keep one of them." in page
    assert "duplicate" not in page  # not Django's generic "correct the duplicate data for template and language"
    assert not CertificateTemplate.objects.filter(name="Spring cohort certificate").exists()


def test_a_wording_in_the_default_wordings_language_is_refused(staff_client):
    default_template()
    response = staff_client.post(ADD_URL, template_form(wordings=[wording_row("en", "Certificate")]))
    assert "The default wording above is already in English" in errors_in(response)
    assert not CertificateTemplate.objects.filter(name="Spring cohort certificate").exists()


def test_a_wording_with_a_bad_placeholder_is_refused_naming_it(staff_client):
    template = default_template()
    response = staff_client.post(edit_url(template), template_form(
        name=template.name, is_site_default="on",
        wordings=[wording_row(body="ha completado {{ curso }} el {{ issue_date }.")]))
    page = errors_in(response)
    assert "Unknown placeholder “{{ curso }}”" in page
    assert "“{{ issue_date }.” is not a placeholder" in page
    assert not template.wordings.exists()


def test_the_live_preview_prints_unsaved_wording_in_the_chosen_language(staff_client, media_root):
    template = default_template()
    add_signatory(template)
    live_preview = reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=[template.pk])
    signature = template.signatories.get()
    editing = template_form(
        [{"id": str(signature.pk), "name": signature.name, "role": signature.role,
          "signature": str(signature.signature_id)}],
        name=template.name, is_site_default="on",
        wordings=[wording_row("pt", "Certificado de conclusão", "concluiu {{ achievement }} ({{ cpd_hours }} horas).")],
    )

    answer = staff_client.post(live_preview, editing)

    assert answer.json() == {"is_valid": True, "is_available": True}
    portuguese = staff_client.get(live_preview, {"mode": "pt"})
    assert portuguese.status_code == 200 and portuguese["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(portuguese.content))
    text = " ".join(reader.pages[0].extract_text().split())
    assert reader.trailer["/Root"]["/Lang"] == "pt"
    assert "Certificado de conclusão" in text and "(1,5 horas)" in text and "Certifica-se que" in text
    english = PdfReader(io.BytesIO(staff_client.get(live_preview, {"mode": "en"}).content))
    assert english.trailer["/Root"]["/Lang"] == "en"
    assert not template.wordings.exists()  # previewing saves nothing
