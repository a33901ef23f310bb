"""What the database and the models guarantee on their own: one current certificate per member and achievement,
one site-default template, templates refused at save time with the problem named, tombstones without personal data."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certificates.models import Certificate, CertificateTemplate, RenderState, TemplateAssignment
from tests import factories

from .factories import CertificateTemplateFactory, default_template, issued_certificate, make_image

pytestmark = pytest.mark.django_db


def copy_of(certificate: Certificate, **changes) -> Certificate:
    columns = [f for f in Certificate._meta.concrete_fields if not f.primary_key]
    fields = {f.attname: getattr(certificate, f.attname) for f in columns}
    fields.update(code="ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", status_list_index=certificate.status_list_index + 1000)
    fields.update(changes)
    return Certificate(**fields)


def test_a_second_current_certificate_for_the_same_achievement_is_refused_by_the_database(media_root):
    certificate = issued_certificate()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_of(certificate, version=2).save()


def test_a_superseded_version_may_sit_beside_the_current_one_but_not_share_its_version(media_root):
    certificate = issued_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(superseded_at=certificate.issued_at)
    copy_of(certificate, version=2, superseded_at=None).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_of(certificate, version=2, code="YYYY-YYYY-YYYY-YYYY-YYYY", status_list_index=99_999,
                superseded_at=certificate.issued_at).save()


def test_codes_and_status_positions_are_unique(media_root):
    certificate = issued_certificate()
    other = issued_certificate()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=other.pk).update(code=certificate.code)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=other.pk).update(status_list_index=certificate.status_list_index)


def test_a_withdrawn_certificate_cannot_keep_personal_data(media_root):
    certificate = issued_certificate()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(withdrawn_at=certificate.issued_at)


def test_a_revoked_certificate_needs_a_reason_and_a_ready_one_a_pdf(media_root):
    certificate = issued_certificate()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at, revoked_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.READY, pdf="")


def test_the_fingerprint_covers_the_printed_facts(media_root):
    certificate = issued_certificate()
    assert certificate.fingerprint == certificate.compute_fingerprint()
    assert len(certificate.fingerprint) == 64
    certificate.recipient_name += " Jr"
    assert certificate.compute_fingerprint() != certificate.fingerprint


# ------------------------------------------------------------------------------------------- templates


def errors_of(template: CertificateTemplate) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        template.full_clean()
    return caught.value.message_dict


def test_only_one_template_can_be_the_site_default():
    default = default_template()
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateTemplateFactory(is_site_default=True)
    second = CertificateTemplateFactory.build(is_site_default=True, name="Second")
    assert default.name in errors_of(second)["is_site_default"][0]


def test_the_default_cannot_be_unticked_and_a_site_without_one_is_told_to_tick_it():
    default = default_template()
    default.is_site_default = False
    assert "make another template the default" in errors_of(default)["is_site_default"][0]
    CertificateTemplate.objects.all().delete()
    first = CertificateTemplateFactory.build(name="First")
    assert "no site default" in errors_of(first)["is_site_default"][0]


def test_unknown_and_malformed_placeholders_are_refused_by_name():
    default_template()
    template = CertificateTemplateFactory.build(
        title="Certificate for {{ member_nmae }}", body="Awarded {{ issue_date }} for {{ achievement"
    )
    errors = errors_of(template)
    assert "member_nmae" in errors["title"][0]
    assert "{{ achievement" in errors["body"][0]


def test_a_chosen_image_missing_from_storage_is_refused_naming_it(media_root):
    default_template()
    logo = make_image("Association crest", "crest.png")
    logo.file.storage.delete(logo.file.name)
    template = CertificateTemplateFactory.build(logo=logo)
    message = errors_of(template)["logo"][0]
    assert "Association crest" in message and "no file in storage" in message


def test_the_accent_colour_must_be_hex():
    default_template()
    assert "accent_colour" in errors_of(CertificateTemplateFactory.build(accent_colour="navy"))


def test_an_offering_uses_at_most_one_template():
    course = factories.build_offering()
    first, second = CertificateTemplateFactory(), CertificateTemplateFactory()
    TemplateAssignment.objects.create(template=first, offering=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        TemplateAssignment.objects.create(template=second, offering=course)
